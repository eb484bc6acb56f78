// Prints the gzip size of the JavaScript in dist/: the first load (the entry script and the chunks index.html
// preloads) against the 150 kB budget, and the chunks loaded later (Chart.js for the radar) on their own.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const dir = new URL('assets/', dist);
const html = readFileSync(new URL('index.html', dist), 'utf8');
const firstLoad = new Set(
  [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\/?assets\/([^"]+\.js)"/g)].map((m) => m[1]),
);
let first = 0;
let lazy = 0;
for (const f of readdirSync(dir).sort()) {
  if (!f.endsWith('.js') && !f.endsWith('.css')) continue;
  const buf = readFileSync(new URL(f, dir));
  const gz = gzipSync(buf, { level: 9 }).length;
  const when = f.endsWith('.css') ? '' : firstLoad.has(f) ? 'first load' : 'lazy';
  if (when === 'first load') first += gz;
  if (when === 'lazy') lazy += gz;
  console.log(`${f.padEnd(40)} ${String(buf.length).padStart(8)} B  ${String(gz).padStart(7)} B gzip  ${when}`);
}
console.log(`JS first load: ${(first / 1024).toFixed(1)} kB gzip (budget 150 kB); loaded later: ${(lazy / 1024).toFixed(1)} kB gzip`);
if (first === 0) {
  console.error('no entry script found in dist/index.html');
  process.exit(1);
}
if (first > 150 * 1024) process.exit(1);
