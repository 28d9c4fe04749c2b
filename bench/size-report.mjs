// Prints the first view's bytes — raw, gzip -9 and brotli q11 — per file type (html, js, wasm,
// css, snapshot) and in total, for the release build in dist/. Run after `trunk build --release`.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const DIST = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(DIST + 'index.html', 'utf8');
const manifest = JSON.parse(readFileSync(DIST + 'data/index.json', 'utf8'));
const latest = manifest.snapshots.find((s) => s.id === manifest.latest);

// What a first visit downloads: the page, its styles, the boot script, the JS glue and wasm,
// the manifest and the latest snapshot.
const files = [['html', 'index.html'], ['js', 'boot.js'], ['snapshot', 'data/index.json'], ['snapshot', 'data/' + latest.file]];
for (const m of html.matchAll(/href="\/?([^"?]+\.css)"/g)) files.push(['css', m[1]]);
for (const f of readdirSync(DIST)) {
  if (f.endsWith('_bg.wasm')) files.push(['wasm', f]);
  else if (f.endsWith('.js') && f !== 'boot.js') files.push(['js', f]);
}

const totals = {};
const row = (name, r, g, b) => console.log(`${name.padEnd(12)} ${String(r).padStart(9)} ${String(g).padStart(9)} ${String(b).padStart(9)}`);
for (const [type, file] of files) {
  const bytes = readFileSync(DIST + file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const t = (totals[type] ||= [0, 0, 0]);
  t[0] += bytes.length; t[1] += gz; t[2] += br;
}
console.log('first view (bytes)');
row('type', 'raw', 'gzip', 'brotli');
let all = [0, 0, 0];
for (const type of ['html', 'css', 'js', 'wasm', 'snapshot']) {
  const t = totals[type] || [0, 0, 0];
  row(type, ...t);
  all = all.map((v, i) => v + t[i]);
}
row('total', ...all);
console.log(`total brotli: ${(all[2] / 1024).toFixed(1)} KiB (budget 120 KiB)`);
