// The browser suites' fixtures, on Playwright's own `test`: the shared server (one per worker;
// one worker runs every spec, the machine has 2 cores), a server of a test's own for tests that
// count what was stored or stop the server, browser contexts that are always closed, and every
// page's console and page errors, which fail a test that did not expect them.
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

  /** Starts servers of the test's own, each stopped after the test, pass or fail:
   * `await ownServers({ dir, staticDir, dataDir, extraArgs })`, every option as `startServer`
   * takes it (by default a fresh folder, an empty database, the build's data). Each has `base`,
   * `port`, `dir`, `db`, the running process as `server`, and `restart(more)`, which starts it again
   * on the same database and port after a test stopped it, with `more` options. */
  ownServers: async ({ database }, use) => {
    const started = [];
    await use(async (options = {}) => {
      const port = await freePort();
      const dir = options.dir || workdir();
      const db = options.db || (database === 'postgres' ? freshPostgres() : join(dir, 'feedback.sqlite3'));
      const settings = { ...options, port, dir, db };
      const own = {
        port, dir, db, base: `http://127.0.0.1:${port}`,
        server: await startServer(settings),
        async restart(more = {}) { own.server = await startServer({ ...settings, ...more }); },
      };
      started.push(own);
      return own;
    });
    await Promise.all(started.map((own) => stop(own.server, 'SIGKILL')));
  },

  /** A server with an empty database of its own (see `ownServers`). */
  ownServer: async ({ ownServers }, use) => use(await ownServers()),

  /** Every page error and console error of every page a test opens fails the test, unless the
   * test said it expects it: `allowConsole(/ERR_INTERNET_DISCONNECTED/)` (a download it blocks, a
   * server it stopped). Collected by `newContext`; checked when the test is over. */
  consoleProblems: [async ({}, use) => {
    const seen = [];
    const allowed = [];
    await use({ seen, allowed });
    const unexpected = seen.filter((text) => !allowed.some((re) => re.test(text)));
    expect(unexpected, 'console and page errors the test did not expect').toEqual([]);
  }, { auto: true }],

  /** Declares console errors this test expects (see `consoleProblems`). */
  allowConsole: async ({ consoleProblems }, use) => use((...patterns) => consoleProblems.allowed.push(...patterns)),

  /** Opens a browser context, closed after the test, pass or fail. The service worker stays out
   * of the way (it would answer requests a test routes) unless a test asks for it. Its pages'
   * errors are collected (`consoleProblems`). */
  newContext: async ({ browser, consoleProblems }, use) => {
    const contexts = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ serviceWorkers: 'block', ...options });
      context.on('page', (page) => {
        const where = () => new URL(page.url()).pathname;
        page.on('pageerror', (e) => consoleProblems.seen.push(`page error on ${where()}: ${e.message}`));
        // Chromium's "Failed to load resource" names no address: what failed is reported below
        // instead, with its address (a page answered 404 or 422 on purpose is not a failure).
        page.on('console', (m) => {
          if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleProblems.seen.push(`console error on ${where()}: ${m.text()}`);
        });
        page.on('response', (r) => {
          if (r.status() >= 400 && r.request().resourceType() !== 'document') {
            consoleProblems.seen.push(`${r.status()} for ${r.request().resourceType()} ${new URL(r.url()).pathname} on ${where()}`);
          }
        });
      });
      contexts.push(context);
      return context;
    });
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  },
});
