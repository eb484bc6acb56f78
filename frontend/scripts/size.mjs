// Prints the gzip size of the JavaScript in dist/ (the first-load budget is 150 kB gzip).
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dir = new URL('../dist/assets/', import.meta.url);
let total = 0;
for (const f of readdirSync(dir)) {
  if (!f.endsWith('.js') && !f.endsWith('.css')) continue;
  const buf = readFileSync(new URL(f, dir));
  const gz = gzipSync(buf, { level: 9 }).length;
  if (f.endsWith('.js')) total += gz;
  console.log(`${f.padEnd(40)} ${String(buf.length).padStart(8)} B  ${String(gz).padStart(7)} B gzip`);
}
console.log(`JS total: ${(total / 1024).toFixed(1)} kB gzip (budget 150 kB)`);
if (total > 150 * 1024) process.exit(1);
