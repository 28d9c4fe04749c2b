// Prints the first view's bytes — raw, gzip -9 and brotli q11 — per file type (html with the
// snapshot inside it, css, js, wasm) and in total: the home page as widget-server renders it,
// and the files it loads from dist/. Run after `scripts/build-web.sh` and `cargo build -p server`.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startServer, stop, workdir, freePort } from '../tests/e2e/server-process.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;
const port = await freePort();
const server = await startServer({ port, dir: workdir() });
const html = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/`)).arrayBuffer());
await stop(server);

// What a first visit downloads: the page (the snapshot travels inside it), its stylesheet, the
// boot script, the JS glue and the wasm.
const files = [['html', html], ['css', readFileSync(DIST + 'style.css')], ['js', readFileSync(DIST + 'boot.js')],
  ['js', readFileSync(DIST + 'pkg/reform_widget.js')], ['wasm', readFileSync(DIST + 'pkg/reform_widget_bg.wasm')]];

const totals = {};
const row = (name, r, g, b) => console.log(`${name.padEnd(12)} ${String(r).padStart(9)} ${String(g).padStart(9)} ${String(b).padStart(9)}`);
for (const [type, bytes] of files) {
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const t = (totals[type] ||= [0, 0, 0]);
  t[0] += bytes.length; t[1] += gz; t[2] += br;
}
console.log('first view (bytes)');
row('type', 'raw', 'gzip', 'brotli');
let all = [0, 0, 0];
for (const type of ['html', 'css', 'js', 'wasm']) {
  const t = totals[type] || [0, 0, 0];
  row(type, ...t);
  all = all.map((v, i) => v + t[i]);
}
row('total', ...all);
console.log(`total brotli: ${(all[2] / 1024).toFixed(1)} KiB (budget 120 KiB)`);
