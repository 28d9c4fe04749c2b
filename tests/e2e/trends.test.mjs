// Browser tests of the indicator and trend views: figures against the snapshot JSON, keyboard
// browsing of chart points, downloads (bytes), snapshot history and large data.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, assert, assertEqual, assertIncludes, appReady } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const SNAPSHOT = JSON.parse(readFileSync(ROOT + 'public/data/snapshots/2023-12.json', 'utf8'));
const HISTORY_NEW = JSON.parse(readFileSync(ROOT + 'tests/fixtures/history/snapshots/2024-06-test.json', 'utf8'));
const JA_UNITS = { percent: '%', ratio_percent: '%', cases: '件', days: '日', hundred_million_yen: '億円' };
const ja = (value, unit) => `${value.toLocaleString('ja-JP', { maximumFractionDigits: 3 })}${JA_UNITS[unit]}`;
const fy = (y) => `令和${y - 2018}年度（${y}年度）`;

export function trendTests({ base, browser }) {
  async function open(path, viewport = { width: 390, height: 844 }) {
    const context = await browser.newContext({ viewport, locale: 'ja-JP', acceptDownloads: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + path);
    await appReady(page);
    return { page, context, errors };
  }

  test('indicators: all nine with baseline, actual, target, status and the stated rule', async () => {
    const { page, context, errors } = await open('/indicators');
    await page.waitForSelector('[data-indicator]');
    assertEqual(await page.$$eval('[data-indicator]', (e) => e.map((x) => x.dataset.indicator)), SNAPSHOT.indicators.map((i) => i.id), 'all indicators in order');
    for (const ind of SNAPSHOT.indicators) {
      const card = await page.textContent(`[data-indicator="${ind.id}"]`);
      for (const v of [ind.baseline.value, ind.actuals.at(-1).value, ind.target.value]) assertIncludes(card, ja(v, ind.unit), ind.id);
      const table = await page.$$eval(`[data-chart="${ind.id}"] tbody tr`, (trs) => trs.map((tr) => tr.textContent));
      assertEqual(table.length, 1 + ind.actuals.length + 1, `${ind.id} table rows (baseline, actuals, target)`);
      assertIncludes(table.at(-1), ja(ind.target.value, ind.unit), `${ind.id} target row`);
    }
    assertIncludes(await page.textContent('[data-indicator="future-burden-ratio"]'), '達成', 'ceiling met');
    assertIncludes(await page.textContent('[data-indicator="citizen-satisfaction"]'), '遠ざかっている', 'moving away');
    assertIncludes(await page.textContent('main'), '期間の経過に見合って進んでいれば「順調」', 'rule stated');
    assertIncludes(await page.textContent('main'), '低いほどよい指標', 'direction stated');
    assertEqual(errors, [], 'errors');
    await context.close();
  });

  test('counter satisfaction: definition, sections, trend with target, comments, no invented breakdown', async () => {
    const { page, context } = await open('/counter');
    const main = await page.textContent('main');
    const cs = SNAPSHOT.counter_survey;
    assertIncludes(main, cs.satisfied_definition.ja, 'definition');
    assertIncludes(main, cs.locations.ja, 'locations');
    for (const sec of cs.sections) assertIncludes(main, sec.name.ja, 'section');
    for (const c of [...cs.comments.satisfied, ...cs.comments.not_satisfied]) assertIncludes(main, c.ja, 'comment');
    assertIncludes(main, `${fy(2021)}の87%から${fy(2022)}の87%へ変わりませんでした。目標は${fy(2023)}に90%です。`, 'summary');
    assertEqual(await page.$$eval('[data-chart="counter-satisfaction"] circle.chart-point', (c) => c.length), 2, 'points');
    assertEqual(await page.$$eval('[data-chart="counter-satisfaction"] .chart-target', (c) => c.length), 1, 'target line');
    assertIncludes(main, 'このデータには区・窓口別の内訳がありません', 'no breakdown');
    await context.close();
  });

  test('konbini: yearly bars with target and the distance to it', async () => {
    const { page, context } = await open('/konbini');
    assertIncludes(await page.textContent('.distance'), '目標まであと199,830件', 'distance');
    assertEqual(await page.$$eval('[data-chart="konbini-yearly"] rect.chart-point', (r) => r.map((x) => x.getAttribute('aria-label'))), [`${fy(2021)} 107,087件`, `${fy(2022)} 300,170件`], 'bars');
    assertIncludes(await page.textContent('[data-chart="konbini-yearly"] .chart-target-label'), '500,000件', 'target label');
    assertEqual(await page.$$eval('[data-chart="konbini-monthly"]', (x) => x.length), 0, 'no monthly chart without monthly data');
    await context.close();
  });

  test('staff engagement: nine categories on 1–5, each opening to its questions, date and answers', async () => {
    const { page, context } = await open('/staff');
    const st = SNAPSHOT.staff_survey;
    const main = await page.textContent('main');
    assertIncludes(main, '2023年8月', 'date');
    assertIncludes(main, '3,690人', 'respondents');
    const rows = await page.$$eval('.score-row summary', (s) => s.map((x) => x.querySelector('.score').textContent));
    assertEqual(rows, st.categories.map((c) => (c.average ?? c.questions[0].score).toFixed(2)), 'category averages');
    await page.click('[data-category="personnel-system"] summary');
    const qs = await page.$$eval('[data-category="personnel-system"] .score-questions li', (li) => li.map((x) => x.textContent));
    const hr = st.categories.find((c) => c.id === 'personnel-system');
    assertEqual(qs.length, hr.questions.length, 'questions');
    hr.questions.forEach((q, i) => { assertIncludes(qs[i], q.text.ja, 'question'); assertIncludes(qs[i], q.score.toFixed(2), 'score'); });
    await context.close();
  });

  test('keyboard: Tab walks the chart points, each telling its value', async () => {
    const { page, context } = await open('/konbini');
    await page.focus('[data-chart="konbini-yearly"] .chart__caption').catch(() => {});
    await page.evaluate(() => document.querySelector('[data-chart="konbini-yearly"] .chart__summary').setAttribute('tabindex', '-1'));
    await page.focus('[data-chart="konbini-yearly"] .chart__summary');
    const labels = [];
    for (let i = 0; i < 2; i++) {
      await page.keyboard.press('Tab');
      labels.push(await page.evaluate(() => document.activeElement.getAttribute('aria-label')));
    }
    assertEqual(labels, [`${fy(2021)} 107,087件`, `${fy(2022)} 300,170件`], 'focused points');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement).strokeWidth);
    assertEqual(ring, '5px', 'visible focus on the point');
    await context.close();
  });

  test('downloads: CSV is UTF-8 with BOM, header and values; JSON parses', async () => {
    const { page, context } = await open('/konbini');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-chart="konbini-yearly"] a[download$=".csv"]')]);
    assertEqual(csv.suggestedFilename(), 'konbini-yearly.csv', 'file name');
    const bytes = readFileSync(await csv.path());
    assertEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
    assertEqual(bytes.subarray(3).toString('utf8'), '期間,区分,値\r\n2021,actual,107087\r\n2022,actual,300170\r\n2023,target,500000\r\n', 'CSV');
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-chart="konbini-yearly"] a[download$=".json"]')]);
    const data = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assertEqual(data.points.map((p) => p.value), [107087, 300170, 500000], 'JSON values');
    await page.goto(base + '/staff');
    await page.waitForSelector('.score-row');
    const [staffCsv] = await Promise.all([page.waitForEvent('download'), page.click('a[download="staff-engagement.csv"]')]);
    const text = readFileSync(await staffCsv.path(), 'utf8');
    assertIncludes(text, 'question,q-accept-hr,熊本市役所の人事制度について納得している。,2.86', 'staff CSV');
    await context.close();
  });

  test('history: as-of picker, what changed, monthly figures and breakdown (synthetic fixtures)', async () => {
    const { page, context } = await open('/konbini?data=/fixtures/history/index.json');
    await page.waitForSelector('#asof');
    assertEqual(await page.$$eval('#asof option', (o) => o.map((x) => x.value)), ['2024-06-test', '2023-12-test'], 'options, newest first');
    assertEqual(await page.inputValue('#asof'), '2024-06-test', 'latest shown');
    await page.click('.changes summary');
    const changes = await page.textContent('.changes');
    assertIncludes(changes, '456,789件', 'new actual');
    assertIncludes(changes, '87% → ', 'changed value before');
    assertIncludes(changes, '88%', 'changed value after');
    assertEqual(await page.$$eval('[data-chart="konbini-monthly"] rect.chart-point', (r) => r.length), HISTORY_NEW.konbini_certificates.monthly.length, 'monthly bars');
    await page.goto(base + '/counter?data=/fixtures/history/index.json');
    await page.waitForSelector('table.breakdown');
    await appReady(page);
    assertEqual(await page.$$eval('table.breakdown tbody tr', (r) => r.length), 2, 'wards');
    assertIncludes(await page.textContent('table.breakdown caption'), fy(2023), 'period');
    // A reading screen's picker is a form: 「表示する」 loads the chosen date from the server, with
    // the page's other parameters, and focus is back on the picker (public/read.js).
    await page.selectOption('#asof', '2023-12-test');
    await page.click('.history__pick button[type="submit"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('asof') === '2023-12-test');
    assertEqual(new URL(page.url()).searchParams.get('data'), '/fixtures/history/index.json', 'the preview kept');
    await appReady(page);
    await page.waitForSelector('[data-chart="counter-satisfaction"]');
    assertEqual(await page.$$eval('table.breakdown', (t) => t.length), 0, 'the older snapshot has no breakdown');
    assertEqual(await page.inputValue('#asof'), '2023-12-test', 'the picker shows the chosen date');
    assertEqual(await page.evaluate(() => document.activeElement && document.activeElement.id), 'asof', 'focus stays on the picker');
    const violations = (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations;
    assertEqual(violations.map((v) => v.id), [], 'axe with the picker');
    await context.close();
    // The same pick with script off: the server renders the picked snapshot.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await noScript.goto(base + '/counter?data=/fixtures/history/index.json');
    assertEqual(await noScript.$$eval('table.breakdown', (t) => t.length), 1, 'the latest, with its breakdown');
    await noScript.selectOption('#asof', '2023-12-test');
    await noScript.click('.history__pick button[type="submit"]');
    assertEqual(new URL(noScript.url()).searchParams.get('asof'), '2023-12-test', 'the picked date in the address');
    assertEqual(await noScript.$$eval('table.breakdown', (t) => t.length), 0, 'the older snapshot, rendered by the server');
    assertEqual(await noScript.inputValue('#asof'), '2023-12-test', 'and named in the picker');
  });

  test('large data (10 years × 12 months × 5 wards × 6 sections): every view renders', async () => {
    const { page, context, errors } = await open('/?data=/fixtures/large/index.json', { width: 1280, height: 800 });
    for (const route of ['/', '/indicators', '/counter', '/konbini', '/staff', '/plan', '/results']) {
      await page.goto(`${base}${route}?data=/fixtures/large/index.json`);
      await page.waitForSelector('main h2, main figure', { timeout: 15000 });
    }
    await page.goto(`${base}/counter?data=/fixtures/large/index.json`);
    await page.waitForSelector('table.breakdown');
    assertEqual(await page.$$eval('table.breakdown tbody tr', (r) => r.length), 5, 'wards');
    assertEqual(await page.$$eval('table.breakdown thead th', (r) => r.length), 7, 'ward column + 6 sections');
    await page.goto(`${base}/konbini?data=/fixtures/large/index.json`);
    await page.waitForSelector('[data-chart="konbini-monthly"]');
    assertEqual(await page.$$eval('[data-chart="konbini-monthly"] rect.chart-point', (r) => r.length), 120, 'monthly bars');
    assertEqual(errors, [], 'errors');
    await context.close();
  });
}
