// Keeps dist/.gitkeep (tracked, so `go:embed all:dist` always has something to embed) and checks
// that index.html has nothing inline that the server's CSP would block.
import { readFileSync, writeFileSync } from 'node:fs';

writeFileSync(new URL('../dist/.gitkeep', import.meta.url), '');
const html = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8');
const problems = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
  if (!/\bsrc=/.test(m[1]) || m[2].trim() !== '') problems.push('inline <script>');
}
if (/<style\b/.test(html)) problems.push('inline <style>');
if (/\sstyle=/.test(html)) problems.push('style attribute');
if (/\son[a-z]+=/.test(html)) problems.push('inline event handler');
if (problems.length) {
  console.error(`dist/index.html breaks the CSP: ${problems.join(', ')}`);
  process.exit(1);
}
