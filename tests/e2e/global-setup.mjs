// Before the browser suites: the real widget-server (pages rendered on the server, the release
// build of the browser side in dist/, the test fixtures beside it) on 127.0.0.1. Its address
// reaches the suites as E2E_BASE; the returned function stops it after the last test.
import { existsSync } from 'node:fs';
import { startServer, stop, workdir, freePort, staticWithFixtures } from './server-process.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

export default async function globalSetup() {
  if (!existsSync(ROOT + 'dist/pkg/reform_widget_bg.wasm')) {
    throw new Error('dist/ is missing: run `scripts/build-web.sh` first (scripts/test.sh does).');
  }
  const port = freePort();
  const server = await startServer({ port, dir: workdir(), staticDir: staticWithFixtures() });
  process.env.E2E_BASE = `http://127.0.0.1:${port}`;
  return async () => stop(server);
}
