// Empties dist/ but keeps the tracked dist/.gitkeep (vite runs with emptyOutDir: false).
import { readdirSync, rmSync, writeFileSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
for (const name of readdirSync(dist)) {
  if (name !== '.gitkeep') rmSync(new URL(name, dist), { recursive: true, force: true });
}
writeFileSync(new URL('.gitkeep', dist), '');
