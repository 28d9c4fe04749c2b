// Browser tests of the indicator and trend views: figures against the snapshot JSON, keyboard
// browsing of chart points, downloads (bytes), snapshot history and large data.
import { readFileSync } from 'node:fs';
import { test as widgetTest, expect } from './fixtures.mjs';
import { appReady, axe } from './pages.mjs';
import { READING_PAGES } from './server-process.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const SNAPSHOT = JSON.parse(readFileSync(ROOT + 'public/data/snapshots/2023-12.json', 'utf8'));
const HISTORY_NEW = JSON.parse(readFileSync(ROOT + 'tests/fixtures/history/snapshots/2024-06-test.json', 'utf8'));
const JA_UNITS = { percent: '%', ratio_percent: '%', cases: '件', days: '日', hundred_million_yen: '億円' };
const ja = (value, unit) => `${value.toLocaleString('ja-JP', { maximumFractionDigits: 3 })}${JA_UNITS[unit]}`;
const fy = (y) => `令和${y - 2018}年度（${y}年度）`;

const test = widgetTest.extend({
  /** Opens `path` on the shared server (a phone in Japanese unless told), its errors collected. */
  open: async ({ base, newContext, consoleProblems }, use) => {
    await use(async (path, viewport = { width: 390, height: 844 }) => {
      const context = await newContext({ viewport, locale: 'ja-JP', acceptDownloads: true });
      const page = await context.newPage();
      const errors = consoleProblems.seen;
      await page.goto(base + path);
      await appReady(page);
      return { page, context, errors };
    });
  },
});

test('indicators: all nine with baseline, actual, target, status and the stated rule', async ({ open }) => {
  const { page, context, errors } = await open('/indicators');
  await expect(page.locator('[data-indicator]').first()).toBeVisible();
  await expect.poll(() => page.$$eval('[data-indicator]', (e) => e.map((x) => x.dataset.indicator)), 'all indicators in order').toEqual(SNAPSHOT.indicators.map((i) => i.id));
  for (const ind of SNAPSHOT.indicators) {
    const card = await page.textContent(`[data-indicator="${ind.id}"]`);
    for (const v of [ind.baseline.value, ind.actuals.at(-1).value, ind.target.value]) expect(card, ind.id).toContain(ja(v, ind.unit));
    const table = await page.$$eval(`[data-chart="${ind.id}"] tbody tr`, (trs) => trs.map((tr) => tr.textContent));
    expect(table.length, `${ind.id} table rows (baseline, actuals, target)`).toEqual(1 + ind.actuals.length + 1);
    expect(table.at(-1), `${ind.id} target row`).toContain(ja(ind.target.value, ind.unit));
  }
  await expect(page.locator('[data-indicator="future-burden-ratio"]'), 'ceiling met').toContainText('達成');
  await expect(page.locator('[data-indicator="citizen-satisfaction"]'), 'moving away').toContainText('遠ざかっている');
  await expect(page.locator('main'), 'rule stated').toContainText('期間の経過に見合って進んでいれば「順調」');
  await expect(page.locator('main'), 'direction stated').toContainText('低いほどよい指標');
  expect(errors, 'errors').toEqual([]);
  await context.close();
});

test('counter satisfaction: definition, sections, trend with target, comments, no invented breakdown', async ({ open }) => {
  const { page, context } = await open('/counter');
  const main = await page.textContent('main');
  const cs = SNAPSHOT.counter_survey;
  expect(main, 'definition').toContain(cs.satisfied_definition.ja);
  expect(main, 'locations').toContain(cs.locations.ja);
  for (const sec of cs.sections) expect(main, 'section').toContain(sec.name.ja);
  for (const c of [...cs.comments.satisfied, ...cs.comments.not_satisfied]) expect(main, 'comment').toContain(c.ja);
  expect(main, 'summary').toContain(`${fy(2021)}の87%から${fy(2022)}の87%へ変わりませんでした。目標は${fy(2023)}に90%です。`);
  await expect(page.locator('[data-chart="counter-satisfaction"] circle.chart-point'), 'points').toHaveCount(2);
  await expect(page.locator('[data-chart="counter-satisfaction"] .chart-target'), 'target line').toHaveCount(1);
  expect(main, 'no breakdown').toContain('このデータには区・窓口別の内訳がありません');
  await context.close();
});

test('konbini: yearly bars with target and the distance to it', async ({ open }) => {
  const { page, context } = await open('/konbini');
  await expect(page.locator('.distance'), 'distance').toContainText('目標まであと199,830件');
  await expect.poll(() => page.$$eval('[data-chart="konbini-yearly"] rect.chart-point', (r) => r.map((x) => x.getAttribute('aria-label'))), 'bars').toEqual([`${fy(2021)} 107,087件`, `${fy(2022)} 300,170件`]);
  await expect(page.locator('[data-chart="konbini-yearly"] .chart-target-label'), 'target label').toContainText('500,000件');
  await expect(page.locator('[data-chart="konbini-monthly"]'), 'no monthly chart without monthly data').toHaveCount(0);
  await context.close();
});

test('staff engagement: nine categories on 1–5, each opening to its questions, date and answers', async ({ open }) => {
  const { page, context } = await open('/staff');
  const st = SNAPSHOT.staff_survey;
  const main = await page.textContent('main');
  expect(main, 'date').toContain('2023年8月');
  expect(main, 'respondents').toContain('3,690人');
  const rows = await page.$$eval('.score-row summary', (s) => s.map((x) => x.querySelector('.score').textContent));
  expect(rows, 'category averages').toEqual(st.categories.map((c) => (c.average ?? c.questions[0].score).toFixed(2)));
  await page.locator('[data-category="personnel-system"] summary').click();
  const qs = await page.$$eval('[data-category="personnel-system"] .score-questions li', (li) => li.map((x) => x.textContent));
  const hr = st.categories.find((c) => c.id === 'personnel-system');
  expect(qs.length, 'questions').toEqual(hr.questions.length);
  hr.questions.forEach((q, i) => { expect(qs[i], 'question').toContain(q.text.ja); expect(qs[i], 'score').toContain(q.score.toFixed(2)); });
  await context.close();
});

test('keyboard: Tab walks the chart points, each telling its value', async ({ open }) => {
  const { page, context } = await open('/konbini');
  await page.focus('[data-chart="konbini-yearly"] .chart__caption').catch(() => {});
  await page.evaluate(() => document.querySelector('[data-chart="konbini-yearly"] .chart__summary').setAttribute('tabindex', '-1'));
  await page.focus('[data-chart="konbini-yearly"] .chart__summary');
  const labels = [];
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('Tab');
    labels.push(await page.evaluate(() => document.activeElement.getAttribute('aria-label')));
  }
  expect(labels, 'focused points').toEqual([`${fy(2021)} 107,087件`, `${fy(2022)} 300,170件`]);
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).strokeWidth);
  expect(ring, 'visible focus on the point').toEqual('5px');
  await context.close();
});

test('downloads: CSV is UTF-8 with BOM, header and values; JSON parses', async ({ base, open }) => {
  const { page, context } = await open('/konbini');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-chart="konbini-yearly"] a[download$=".csv"]').click()]);
  expect(csv.suggestedFilename(), 'file name').toEqual('konbini-yearly.csv');
  const bytes = readFileSync(await csv.path());
  expect([...bytes.subarray(0, 3)], 'BOM').toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.subarray(3).toString('utf8'), 'CSV').toEqual('期間,区分,値\r\n2021,actual,107087\r\n2022,actual,300170\r\n2023,target,500000\r\n');
  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('[data-chart="konbini-yearly"] a[download$=".json"]').click()]);
  const data = JSON.parse(readFileSync(await json.path(), 'utf8'));
  expect(data.points.map((p) => p.value), 'JSON values').toEqual([107087, 300170, 500000]);
  await page.goto(base + '/staff');
  await expect(page.locator('.score-row').first()).toBeVisible();
  const [staffCsv] = await Promise.all([page.waitForEvent('download'), page.locator('a[download="staff-engagement.csv"]').click()]);
  const text = readFileSync(await staffCsv.path(), 'utf8');
  expect(text, 'staff CSV').toContain('question,q-accept-hr,熊本市役所の人事制度について納得している。,2.86');
  await context.close();
});

test('history: as-of picker, what changed, monthly figures and breakdown (synthetic fixtures)', async ({ base, newContext, open }) => {
  const { page, context } = await open('/konbini?data=/fixtures/history/index.json');
  await expect(page.locator('#asof').first()).toBeVisible();
  await expect.poll(() => page.$$eval('#asof option', (o) => o.map((x) => x.value)), 'options, newest first').toEqual(['2024-06-test', '2023-12-test']);
  await expect(page.locator('#asof'), 'latest shown').toHaveValue('2024-06-test');
  await page.locator('.changes summary').click();
  const changes = await page.textContent('.changes');
  expect(changes, 'new actual').toContain('456,789件');
  expect(changes, 'changed value before').toContain('87% → ');
  expect(changes, 'changed value after').toContain('88%');
  await expect(page.locator('[data-chart="konbini-monthly"] rect.chart-point'), 'monthly bars').toHaveCount(HISTORY_NEW.konbini_certificates.monthly.length);
  await page.goto(base + '/counter?data=/fixtures/history/index.json');
  await expect(page.locator('table.breakdown').first()).toBeVisible();
  await appReady(page);
  await expect(page.locator('table.breakdown tbody tr'), 'wards').toHaveCount(2);
  await expect(page.locator('table.breakdown caption'), 'period').toContainText(fy(2023));
  // A reading screen's picker is a form: 「表示する」 loads the chosen date from the server, with
  // the page's other parameters, and focus is back on the picker (public/read.js).
  await page.selectOption('#asof', '2023-12-test');
  await page.locator('.history__pick button[type="submit"]').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('asof') === '2023-12-test');
  expect(new URL(page.url()).searchParams.get('data'), 'the preview kept').toEqual('/fixtures/history/index.json');
  await appReady(page);
  await expect(page.locator('[data-chart="counter-satisfaction"]').first()).toBeVisible();
  await expect(page.locator('table.breakdown'), 'the older snapshot has no breakdown').toHaveCount(0);
  await expect(page.locator('#asof'), 'the picker shows the chosen date').toHaveValue('2023-12-test');
  await expect.poll(() => page.evaluate(() => document.activeElement && document.activeElement.id), 'focus stays on the picker').toEqual('asof');
  const violations = (await axe(page)).violations;
  expect(violations.map((v) => v.id), 'axe with the picker').toEqual([]);
  await context.close();
  // The same pick with script off: the server renders the picked snapshot.
  const plain = await newContext({ javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await noScript.goto(base + '/counter?data=/fixtures/history/index.json');
  await expect(noScript.locator('table.breakdown'), 'the latest, with its breakdown').toHaveCount(1);
  await noScript.selectOption('#asof', '2023-12-test');
  await noScript.locator('.history__pick button[type="submit"]').click();
  expect(new URL(noScript.url()).searchParams.get('asof'), 'the picked date in the address').toEqual('2023-12-test');
  await expect(noScript.locator('table.breakdown'), 'the older snapshot, rendered by the server').toHaveCount(0);
  await expect(noScript.locator('#asof'), 'and named in the picker').toHaveValue('2023-12-test');
});

test('large data (10 years × 12 months × 5 wards × 6 sections): every view renders', async ({ base, open }) => {
  const { page, context, errors } = await open('/?data=/fixtures/large/index.json', { width: 1280, height: 800 });
  for (const route of READING_PAGES) {
    await page.goto(`${base}${route}?data=/fixtures/large/index.json`);
    await expect(page.locator('main h1'), `${route} renders`).toBeVisible({ timeout: 15000 });
    await expect(page.locator('.failure'), `${route} has no load failure`).toHaveCount(0);
  }
  await page.goto(`${base}/counter?data=/fixtures/large/index.json`);
  await expect(page.locator('table.breakdown').first()).toBeVisible();
  await expect(page.locator('table.breakdown tbody tr'), 'wards').toHaveCount(5);
  await expect(page.locator('table.breakdown thead th'), 'ward column + 6 sections').toHaveCount(7);
  await page.goto(`${base}/konbini?data=/fixtures/large/index.json`);
  await expect(page.locator('[data-chart="konbini-monthly"]').first()).toBeVisible();
  await expect(page.locator('[data-chart="konbini-monthly"] rect.chart-point'), 'monthly bars').toHaveCount(120);
  expect(errors, 'errors').toEqual([]);
  await context.close();
});
