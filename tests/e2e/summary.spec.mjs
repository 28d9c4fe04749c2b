// From kiosk answers to a published figure: the staff summary (token, small-number rule, the
// snapshot's own format) pasted into a new snapshot that the checker accepts and the widget shows.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.mjs';
import { live } from './pages.mjs';
import { TOKEN, writableSite } from './server-process.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;


test('counter survey summary: kiosk answers → summary (small cells withheld) → a new snapshot the checker accepts → the widget shows it', async ({ newContext, ownServers }) => {
  const site = writableSite();
  const { port } = await ownServers({ staticDir: site, dataDir: join(site, 'data') });
  const api = `http://127.0.0.1:${port}/api`;
  const answer = (ward, satisfaction) => fetch(`${api}/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: randomUUID(), kind: 'counter_survey', topic: 'counter-survey', message: '', satisfaction, ward, section: 'tax' }) });
  // 10 answers at Chuo's tax counter: 7 of them 「とても満足」 or 「ほぼ満足」; 3 at Kita's.
  for (const s of [5, 5, 4, 4, 4, 3, 2, 5, 4, 1]) expect((await answer('chuo', s)).status, 'answer stored').toEqual(201);
  for (const s of [5, 5, 5]) await answer('kita', s);
  // Bad input gets a clear error.
  expect((await answer('atlantis', 5)).status, 'unknown ward refused').toEqual(422);
  expect((await fetch(`${api}/counter-survey/summary`)).status, 'no token').toEqual(401);
  expect((await fetch(`${api}/counter-survey/summary`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status, 'wrong token').toEqual(401);
  const bad = await fetch(`${api}/counter-survey/summary?from=2024-13`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(bad.status, 'month out of range').toEqual(400);
  expect((await bad.json()).message, 'says what is wrong').toContain('is not a month like 2024-04');

  const res = await fetch(`${api}/counter-survey/summary`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status, 'summary').toEqual(200);
  const summary = await res.json();
  expect(summary.min_count, 'default minimum').toEqual(10);
  expect(summary.breakdown.map((b) => [b.ward, b.section, b.value]), 'the satisfied share, Kita withheld').toEqual([['chuo', 'tax', 70]]);
  const kita = summary.cells.find((c) => c.ward === 'kita');
  expect([kita.withheld, kita.answers, kita.satisfied_share], 'nothing of a small cell').toEqual([true, null, null]);
  expect(summary.wards.map((w) => w.id), 'the wards the cells name').toEqual(['chuo']);

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
  expect(checked.split('\n').filter(Boolean).filter((l) => !l.includes('ok')), 'snapshot-check\'s lines that are not ok').toEqual([]);

  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/counter`);
  await live(page);
  const table = await page.textContent('table.breakdown');
  expect(table, 'the ward').toContain('中央区');
  expect(table, 'the new figure').toContain('70%');
  await context.close();
});
