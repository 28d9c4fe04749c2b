// The browser suites' fixtures, on Playwright's own `test`: the shared server (one per worker;
// one worker runs every spec, the machine has 2 cores), a server of a test's own for tests that
// count what was stored or stop the server, and browser contexts that are always closed.
import { test as base, expect } from '@playwright/test';
import { join } from 'node:path';
import { startServer, stop, workdir, freePort, freshPostgres, staticWithFixtures } from './server-process.mjs';

export { expect };

export const test = base.extend({
  /** The real widget-server with the built widget and the test fixtures beside it. */
  server: [async ({}, use) => {
    const port = await freePort();
    const child = await startServer({ port, dir: workdir(), staticDir: staticWithFixtures() });
    await use({ port, base: `http://127.0.0.1:${port}` });
    await stop(child);
  }, { scope: 'worker' }],

  /** The shared server's address. */
  base: async ({ server }, use) => use(server.base),

  /** Which store a test's own server keeps: `sqlite` (the default) or `postgres` (a fresh
   * database in the run's throwaway cluster): `test.use({ database: 'postgres' })`. */
  database: ['sqlite', { option: true }],

  /** A server with an empty database of its own; `restart()` starts it again on the same
   * database and port after a test stopped it. */
  ownServer: async ({ database }, use) => {
    const port = await freePort();
    const dir = workdir();
    const db = database === 'postgres' ? freshPostgres() : join(dir, 'feedback.sqlite3');
    let child = await startServer({ port, dir, db });
    await use({
      port, dir, db, base: `http://127.0.0.1:${port}`,
      get server() { return child; },
      restart: async () => { child = await startServer({ port, dir, db }); },
    });
    await stop(child, 'SIGKILL');
  },

  /** Opens a browser context, closed after the test, pass or fail. The service worker stays out
   * of the way (it would answer requests a test routes) unless a test asks for it. */
  newContext: async ({ browser }, use) => {
    const contexts = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ serviceWorkers: 'block', ...options });
      contexts.push(context);
      return context;
    });
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  },
});
