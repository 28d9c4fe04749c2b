// Starts and stops the real widget-server binary for browser and crash tests.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
export const TOKEN = 'test-export-token-0123456789';
const BINARY = process.env.WIDGET_SERVER || ROOT + 'target/debug/widget-server';

/** The widget's screens as its one table has them (`widget-server screens`): each with its `path`
 * and where it is offered (`in_page_menu`, `in_kiosk_menu`, `starts_app`, `private`…). */
export const SCREENS = JSON.parse(execFileSync(BINARY, ['screens'], { encoding: 'utf8' }));
/** The full widget's pages, in menu order: what the sitemap lists. */
export const PAGES = SCREENS.filter((s) => s.in_page_menu).map((s) => s.path);
/** The pages read as the server sends them, with no app. */
export const READING_PAGES = SCREENS.filter((s) => s.in_page_menu && !s.starts_app).map((s) => s.path);
/** A kiosk's menu. */
export const KIOSK_PAGES = SCREENS.filter((s) => s.in_kiosk_menu).map((s) => s.path);

/** A fresh folder for a database and the export token file. */
export function workdir() {
  const dir = mkdtempSync(join(tmpdir(), 'widget-server-'));
  writeFileSync(join(dir, 'token'), TOKEN);
  return dir;
}

/** A fresh, empty PostgreSQL database in the throwaway cluster `pg_virtualenv` started for the
 * run (scripts/test.sh runs the browser suites under it), as the server's `--db` URL. */
export function freshPostgres() {
  const { PGUSER, PGPASSWORD, PGPORT } = process.env;
  if (!PGPORT) throw new Error('a PostgreSQL test needs the cluster pg_virtualenv starts: run it as scripts/test.sh does (pg_virtualenv npx playwright test …)');
  const name = `widget_e2e_${process.pid}_${Date.now()}`;
  const made = spawnSync('psql', ['-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`createdb: ${made.stderr}`);
  return `postgres://${PGUSER}:${encodeURIComponent(PGPASSWORD || '')}@localhost:${PGPORT}/${name}`;
}

/** Starts the server on `port` with the database `db` (by default a SQLite file in `dir`);
 * resolves once it answers health checks. The published data is `dataDir` (by default a fresh
 * folder in `dir`, which the server fills from the build's data on its first start). */
export async function startServer({ port, dir, db = join(dir, 'feedback.sqlite3'), rateLimit = 100000, staticDir = ROOT + 'dist', dataDir = join(dir, 'data'), extraArgs = [], binary = BINARY }) {
  const child = spawn(binary, [
    '--listen', `127.0.0.1:${port}`, '--db', db, '--static', staticDir, '--data', dataDir,
    '--export-token-file', join(dir, 'token'), '--rate-limit', String(rateLimit), ...extraArgs,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.log = '';
  child.stderr.on('data', (d) => { child.log += d; });
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${child.log}`);
    try { if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${child.log}`);
}

export function stop(child, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill(signal);
  });
}

/** The staff CSV export, parsed into rows of cells (simple: our test messages have no commas or quotes). */
export async function exportRows(port) {
  const res = await fetch(`http://127.0.0.1:${port}/api/feedback.csv`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (!res.ok) throw new Error(`export ${res.status}`);
  const text = (await res.text()).replace(/^\uFEFF/, '');
  return text.trim().split('\r\n').slice(1).map((l) => l.split(','));
}

/** A folder serving the built widget plus `/fixtures/` (tests' own files, never shipped). */
export function staticWithFixtures() {
  const dir = mkdtempSync(join(tmpdir(), 'widget-static-'));
  for (const name of readdirSync(ROOT + 'dist')) symlinkSync(ROOT + 'dist/' + name, join(dir, name));
  symlinkSync(ROOT + 'tests/fixtures', join(dir, 'fixtures'));
  return dir;
}

/** The built widget with a data folder of its own (the default publication) that a test can
 * publish into. */
export function writableSite() {
  const dir = mkdtempSync(join(tmpdir(), 'widget-site-'));
  for (const name of readdirSync(ROOT + 'dist')) if (name !== 'data') symlinkSync(ROOT + 'dist/' + name, join(dir, name));
  mkdirSync(join(dir, 'data/snapshots'), { recursive: true });
  writeFileSync(join(dir, 'data/index.json'), readFileSync(ROOT + 'public/data/index.json'));
  writeFileSync(join(dir, 'data/snapshots/2023-12.json'), readFileSync(ROOT + 'public/data/snapshots/2023-12.json'));
  return dir;
}

/** The stored messages that `keep` selects, once there are at least `count` (or after 15 s,
 * whatever is there: the caller's assertion then says what is missing). */
export async function storedMessages(port, keep, count) {
  let messages = [];
  for (let i = 0; i < 60; i++) {
    messages = (await exportRows(port)).map((r) => r[5]).filter(keep);
    if (messages.length >= count) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return messages.sort();
}

/** A port nothing listens on: the system's choice for a moment's listener. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
