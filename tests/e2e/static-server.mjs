// A small static server for the built widget (dist/): single-page-app fallback to index.html,
// correct types for .wasm, and the strict security headers the widget is built to run under.
// Used by the static export's browser test and the benchmarks' static baseline.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/** Starts serving `root` on 127.0.0.1:`port` (0 = any free port). Resolves to the server. */
export function serve(root, port = 0, { extraRoots = {} } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let pathname = decodeURIComponent(url.pathname);
    let dir = base;
    for (const [prefix, folder] of Object.entries(extraRoots)) {
      if (pathname.startsWith(prefix)) { dir = resolve(folder); pathname = pathname.slice(prefix.length - 1); }
    }
    let file = normalize(join(dir, pathname));
    const headers = {
      'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin', 'Cache-Control': 'no-cache',
    };
    try {
      if (!file.startsWith(dir)) throw new Error('outside');
      let info = await stat(file);
      // A folder answers with its index.html, as ordinary web servers do (the static export).
      if (info.isDirectory()) { file = join(file, 'index.html'); info = await stat(file); }
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      // Files (anything with an extension) are 404; app routes get the app.
      if (extname(pathname)) { res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }); res.end('not found'); return; }
      const body = await readFile(join(base, 'index.html'));
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] });
      res.end(body);
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 8080);
  const server = await serve(root, port);
  console.log(`Serving ${root} on http://127.0.0.1:${server.address().port}/`);
}
