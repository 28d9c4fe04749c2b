// From kiosk answers to a published figure: the staff summary (token, small-number rule, the
// snapshot's own format) pasted into a new snapshot that the checker accepts and the widget shows.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, assert, assertEqual, assertIncludes, live } from './harness.mjs';
import { startServer, stop, workdir, freePort, TOKEN } from './server-process.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The built widget with a data folder of its own that the test can publish into. */
function writableSite() {
  const dir = mkdtempSync(join(tmpdir(), 'widget-site-'));
  for (const name of readdirSync(ROOT + 'dist')) if (name !== 'data') symlinkSync(ROOT + 'dist/' + name, join(dir, name));
  mkdirSync(join(dir, 'data/snapshots'), { recursive: true });
  writeFileSync(join(dir, 'data/index.json'), readFileSync(ROOT + 'public/data/index.json'));
  writeFileSync(join(dir, 'data/snapshots/2023-12.json'), readFileSync(ROOT + 'public/data/snapshots/2023-12.json'));
  return dir;
}

export function summaryTests({ browser }) {
  test('counter survey summary: kiosk answers → summary (small cells withheld) → a new snapshot the checker accepts → the widget shows it', async () => {
    const port = freePort();
    const site = writableSite();
    const server = await startServer({ port, dir: workdir(), staticDir: site, dataDir: join(site, 'data') });
    const api = `http://127.0.0.1:${port}/api`;
    try {
      const answer = (ward, satisfaction) => fetch(`${api}/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: randomUUID(), kind: 'counter_survey', topic: 'counter-survey', message: '', satisfaction, ward, section: 'tax' }) });
      // 10 answers at Chuo's tax counter: 7 of them 「とても満足」 or 「ほぼ満足」; 3 at Kita's.
      for (const s of [5, 5, 4, 4, 4, 3, 2, 5, 4, 1]) assertEqual((await answer('chuo', s)).status, 201, 'answer stored');
      for (const s of [5, 5, 5]) await answer('kita', s);
      // Bad input gets a clear error.
      assertEqual((await answer('atlantis', 5)).status, 422, 'unknown ward refused');
      assertEqual((await fetch(`${api}/counter-survey/summary`)).status, 401, 'no token');
      assertEqual((await fetch(`${api}/counter-survey/summary`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status, 401, 'wrong token');
      const bad = await fetch(`${api}/counter-survey/summary?from=2024-13`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assertEqual(bad.status, 400, 'month out of range');
      assertIncludes((await bad.json()).message, 'is not a month like 2024-04', 'says what is wrong');

      const res = await fetch(`${api}/counter-survey/summary`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assertEqual(res.status, 200, 'summary');
      const summary = await res.json();
      assertEqual(summary.min_count, 10, 'default minimum');
      assertEqual(summary.breakdown.map((b) => [b.ward, b.section, b.value]), [['chuo', 'tax', 70]], 'the satisfied share, Kita withheld');
      const kita = summary.cells.find((c) => c.ward === 'kita');
      assertEqual([kita.withheld, kita.answers, kita.satisfied_share], [true, null, null], 'nothing of a small cell');
      assertEqual(summary.wards.map((w) => w.id), ['chuo'], 'the wards the cells name');

      // A clerk pastes it into the next snapshot and publishes it.
      const snap = JSON.parse(readFileSync(ROOT + 'public/data/snapshots/2023-12.json', 'utf8'));
      const month = summary.breakdown[0].month;
      const id = `${month.year}-${String(month.month).padStart(2, '0')}`;
      Object.assign(snap, { id, as_of: id });
      snap.counter_survey.wards = summary.wards;
      snap.counter_survey.breakdown = summary.breakdown;
      const bytes = Buffer.from(JSON.stringify(snap, null, 1));
      writeFileSync(join(site, `data/snapshots/${id}.json`), bytes);
      const manifest = JSON.parse(readFileSync(join(site, 'data/index.json'), 'utf8'));
      manifest.snapshots.push({ ...manifest.snapshots[0], id, as_of: id, file: `snapshots/${id}.json`, sha256: `sha256-${createHash('sha256').update(bytes).digest('hex')}` });
      manifest.latest = id;
      writeFileSync(join(site, 'data/index.json'), JSON.stringify(manifest, null, 1));
      const checked = execFileSync(ROOT + 'target/debug/snapshot-check', [join(site, `data/snapshots/${id}.json`), join(site, 'data/index.json')]).toString();
      assert(checked.split('\n').filter(Boolean).every((l) => l.includes('ok')), `snapshot-check accepts it: ${checked}`);

      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/counter`);
      await live(page);
      const table = await page.textContent('table.breakdown');
      assertIncludes(table, '中央区', 'the ward');
      assertIncludes(table, '70%', 'the new figure');
      await context.close();
    } finally {
      await stop(server);
    }
  });
}
