// Browser tests of the citizen app: the release build, served on 127.0.0.1, in Debian's Chromium.
// Expected figures are computed here from the snapshot JSON itself, independently of the app.
import { readFileSync } from 'node:fs';
import { test as widgetTest, expect } from './fixtures.mjs';
import { appReady, openMenu, axe } from './pages.mjs';
import { READING_PAGES } from './server-process.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const SNAPSHOT = JSON.parse(readFileSync(ROOT + 'public/data/snapshots/2023-12.json', 'utf8'));
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const ROUTES = READING_PAGES;

/** Japanese format as the city writes it: thousands separators, unit after. */
const JA_UNITS = { percent: '%', ratio_percent: '%', cases: '件', days: '日', hundred_million_yen: '億円' };
const ja = (value, unit) => `${value.toLocaleString('ja-JP', { maximumFractionDigits: 3 })}${JA_UNITS[unit]}`;

const test = widgetTest.extend({
  /** Opens `path` on the shared server in a new context (a phone in Japanese unless told);
   * `problems` are the page's errors so far (the `consoleProblems` fixture's). */
  open: async ({ base, newContext, consoleProblems }, use) => {
    await use(async (path, { viewport = PHONE, setup } = {}) => {
      const context = await newContext({ viewport, locale: 'ja-JP' });
      const page = await context.newPage();
      const problems = consoleProblems.seen;
      if (setup) await setup(page, context);
      await page.goto(base + path);
      return { page, context, problems };
    });
  },
});

test('home shows every headline indicator with the seed figures', async ({ open }) => {
  const { page, context, problems } = await open('/');
  await appReady(page);
  await expect(page.locator('[data-indicator]').first()).toBeVisible();
  const headlineGroups = new Set(SNAPSHOT.indicators.filter((i) => !i.marker).map((i) => i.group));
  const expected = SNAPSHOT.indicators.filter((i) => headlineGroups.has(i.group));
  await expect.poll(() => page.$$eval('[data-indicator]', (els) => els.map((e) => e.dataset.indicator)), 'cards').toEqual(expected.map((i) => i.id));
  for (const ind of expected) {
    const text = await page.textContent(`[data-indicator="${ind.id}"]`);
    expect(text, ind.id).toContain(ind.name.ja);
    expect(text, `${ind.id} baseline`).toContain(ja(ind.baseline.value, ind.unit));
    expect(text, `${ind.id} actual`).toContain(ja(ind.actuals.at(-1).value, ind.unit));
    expect(text, `${ind.id} target`).toContain(ja(ind.target.value, ind.unit));
  }
  const konbini = await page.textContent('[data-indicator="konbini-certificates"]');
  expect(konbini, 'distance to target').toContain('目標まであと199,830件');
  await expect(page.locator('main'), 'as-of date').toContainText('2023年12月時点');
  await expect(page.locator('main'), 'plan period').toContainText('令和6年度（2024年度）～令和9年度（2027年度）');
  await expect(page.locator('html'), 'html lang').toHaveAttribute('lang', 'ja');
  expect(problems, 'console errors').toEqual([]);
  await context.close();
});

test('plan shows mission, vision, values, three policies with their initiatives, driving and schedule', async ({ open }) => {
  const { page, context, problems } = await open('/plan');
  await appReady(page);
  const main = await page.textContent('main');
  const p = SNAPSHOT.plan;
  for (const st of [p.mission, p.vision, p.values]) expect(main, 'statement').toContain(st.title.ja);
  await expect(page.locator('.policy'), 'policies').toHaveCount(3);
  for (const pol of p.policies) {
    expect(main, 'policy name').toContain(pol.name.ja);
    for (const ini of pol.initiatives) expect(main, 'initiative').toContain(ini.name.ja);
  }
  for (const part of p.driving.parts) expect(main, 'driving part').toContain(part.name.ja);
  for (const step of p.schedule) expect(main, 'schedule').toContain(step.event.ja);
  expect(problems, 'console errors').toEqual([]);
  await context.close();
});

test('stage-3 results show 108 / 29 of 137, the chart with its table, and before → after', async ({ open }) => {
  const { page, context, problems } = await open('/results');
  await appReady(page);
  const main = await page.textContent('main');
  const pr = SNAPSHOT.previous_stage.progress;
  expect(main, 'summary').toContain(`${pr.total}の取組項目のうち${pr.on_plan}項目（78.8%）`);
  expect(main, 'summary delayed').toContain(`${pr.changed_or_delayed}項目（21.2%）`);
  await expect(page.locator('.share-bar rect.part'), 'bar parts').toHaveCount(2);
  await page.locator('.chart__table summary').click();
  const rows = await page.$$eval('.chart__table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  expect(rows, 'table').toEqual([['計画どおり進捗', String(pr.on_plan), '78.8%'], ['一部変更・遅れ', String(pr.changed_or_delayed), '21.2%'], ['合計', String(pr.total), '100%']]);
  await expect(page.locator('.promotion-items li'), 'promotion items').toHaveCount(6);
  await expect(page.locator('[data-highlight]'), 'highlights').toHaveCount(SNAPSHOT.previous_stage.highlights.length);
  const konbini = await page.textContent('[data-highlight="konbini-certificates"]');
  expect(konbini, 'before').toContain('約10.7万件');
  expect(konbini, 'after').toContain('約30万件');
  await expect(page.locator('[data-highlight="furusato-nozei"]'), 'furusato').toContainText('約4.7億円');
  for (const d of SNAPSHOT.previous_stage.delayed) expect(main, 'delayed').toContain(d.title.ja);
  expect(problems, 'console errors').toEqual([]);
  await context.close();
});

test('routes have shareable URLs and the back button works', async ({ base, open }) => {
  const { page, context } = await open('/');
  await appReady(page);
  await page.evaluate(() => { window.sameDocument = true; });
  await openMenu(page);
  await page.locator('.site-nav a[href="/plan"]').click();
  await page.waitForURL(base + '/plan');
  await expect(page.locator('.policy').first()).toBeVisible();
  // A reading screen runs no app: a menu link is a plain link, and the server sends the page.
  await expect.poll(() => page.evaluate(() => window.sameDocument), 'the next screen is a page of its own').toEqual(undefined);
  await expect(page.locator('.site-nav a[href="/"]'), 'home no longer marked').not.toHaveAttribute('aria-current');
  await page.focus('.skip-link');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement.id), 'the skip link moves focus to the content').toEqual('main');
  expect(new URL(page.url()).pathname, 'and stays on the page').toEqual('/plan');
  await expect(page.locator('.policy').first(), 'the skip link stays on the page').toBeVisible();
  await openMenu(page);
  await page.locator('.site-nav a[href="/results"]').click();
  await expect(page.locator('.share-bar').first()).toBeVisible();
  await page.goBack();
  // The skip link left its own entry (/plan#main): a plain link to a fragment, without an app.
  await page.waitForURL(base + '/plan#main');
  await expect(page.locator('.policy').first()).toBeVisible();
  await expect(page.locator('.site-nav a[href="/plan"]'), 'current page marked').toHaveAttribute('aria-current', 'page');
  await page.goBack();
  await page.waitForURL(base + '/plan');
  await page.goBack();
  await page.waitForURL(base + '/');
  await expect(page.locator('[data-indicator]').first()).toBeVisible();
  const unknown = await context.newPage();
  await unknown.goto(base + '/no-such-page');
  await expect(unknown.locator('main h1').first()).toBeVisible();
  await expect(unknown.locator('main h1'), '404 screen').toContainText('ページが見つかりません');
  await context.close();
});

test('language switch: English and やさしい日本語, lang attribute, remembered, fallback to Japanese', async ({ base, open }) => {
  const { page, context } = await open('/');
  await appReady(page);
  await page.locator('.lang-switch a:has-text("English")').click();
  await expect(page.locator('text=Key verification indicators').first()).toBeVisible();
  await expect(page.locator('html'), 'lang en').toHaveAttribute('lang', 'en');
  await expect(page.locator('.lang-switch a:has-text("English")'), 'current').toHaveAttribute('aria-current', 'true');
  await expect(page.locator('[data-indicator="konbini-certificates"]'), 'english units').toContainText('107,087 cases');
  await expect(page, 'title').toHaveTitle(/Kumamoto City/);
  // Remembered in a cookie, so the server answers the next page in English at once.
  const reloaded = await page.request.get(base + '/');
  expect(await reloaded.text(), 'server renders the chosen language').toContain('Key verification indicators');
  await page.reload();
  await appReady(page);
  await expect(page.locator('text=Key verification indicators').first()).toBeVisible();
  await page.locator('.lang-switch a:has-text("やさしい日本語")').click();
  // The interface's own words in common kanji with their readings: おもな 数字（すうじ）.
  await expect(page.locator('h2', { hasText: 'おもな' }).locator('ruby')).toHaveText('数字（すうじ）');
  await expect(page.locator('html'), 'lang easy').toHaveAttribute('lang', 'ja');
  // The plan's names keep the city's kanji, with their readings above them (<ruby>).
  await openMenu(page);
  await page.locator('.site-nav a[href="/plan"]').click();
  await expect(page.locator('.policy').first()).toBeVisible();
  const withoutReadings = () => page.evaluate(() => {
    const main = document.querySelector('main').cloneNode(true);
    for (const r of main.querySelectorAll('rt, rp')) r.remove();
    return main.textContent;
  });
  expect(await withoutReadings(), 'the name as the city writes it').toContain(SNAPSHOT.plan.policies[0].initiatives[0].name.ja);
  expect(await page.$$eval('.policy rt', (rts) => rts.map((r) => r.textContent)), 'with its readings').toContain('しょくいん');
  // Citizens' comments in their own words, with readings (a text without an easy version falls
  // back to Japanese: view_models::locale's tests).
  await openMenu(page);
  await page.locator('.site-nav a[href="/counter"]').click();
  await page.waitForURL(base + '/counter');
  await expect(page.locator('.comments q').first().locator('rt').first(), 'a comment with its readings').toHaveText('ていねい');
  expect((await withoutReadings()).replace(/ /g, ''), 'the citizen\'s words as written').toContain(SNAPSHOT.counter_survey.comments.satisfied[0].ja);
  const other = await context.newPage();
  await other.goto(base + '/?lang=en');
  await expect(other.locator('text=Key verification indicators').first()).toBeVisible();
  await context.close();
});

test('errors: a missing manifest says 404 and offers a retry', async ({ open }) => {
  const { page, context } = await open('/?data=/fixtures/no-such-manifest.json');
  await expect(page.locator('.failure').first()).toBeVisible();
  await expect(page.locator('.failure'), 'message').toContainText('データのファイルが見つかりませんでした（404）');
  await expect(page.locator('.failure button'), 'retry button').toBeVisible();
  await expect(page.locator('.failure'), 'announced').toHaveAttribute('role', 'alert');
  await context.close();
});

test('errors: an invalid snapshot names the JSON path', async ({ open }) => {
  const { page, context } = await open('/?data=/fixtures/preview-invalid-unit.json');
  await expect(page.locator('.failure').first()).toBeVisible();
  await expect(page.locator('.failure'), 'message').toContainText('データの内容に誤りがあります（場所: indicators[0].unit）');
  await context.close();
});

test('errors: a file that is not JSON, and a missing snapshot file', async ({ base, open }) => {
  const { page, context } = await open('/?data=/fixtures/preview-not-json.json&lang=en');
  await expect(page.locator('.failure').first()).toBeVisible();
  await expect(page.locator('.failure'), 'not json').toContainText('not in the expected format (JSON)');
  await page.goto(base + '/?data=/fixtures/preview-missing-snapshot.json&lang=en');
  await expect(page.locator('.failure').first()).toBeVisible();
  await expect(page.locator('.failure'), 'missing').toContainText('The data file was not found (404)');
  await context.close();
});

test('errors: data from another origin is refused, with no pointless retry', async ({ open }) => {
  let foreignRequests = 0;
  const { page, context } = await open('/?data=https://example.com/data/index.json', {
    setup: (p) => p.route('https://example.com/**', (r) => { foreignRequests++; r.abort(); }),
  });
  await expect(page.locator('.failure').first()).toBeVisible();
  await expect(page.locator('.failure'), 'message').toContainText('別のサイトのデータは読み込めません');
  await expect(page.locator('.failure button'), 'no retry').toHaveCount(0);
  expect(foreignRequests, 'no request was made to the other origin').toEqual(0);
  await context.close();
});

// Picking in place is the app's: at a kiosk it runs (a reading screen's picker is a GET form).
test('errors: a snapshot picked while offline says so (a preview keeps no device copy); retry recovers', async ({ open }) => {
  let block = false;
  const { page, context } = await open('/home?mode=kiosk&data=/fixtures/history/index.json', { setup: (p) => p.route('**/fixtures/**', (r) => (block ? r.abort('internetdisconnected') : r.continue())) });
  await appReady(page);
  await expect(page.locator('#asof').first()).toBeVisible();
  block = true;
  await page.selectOption('#asof', '2023-12-test');
  await expect(page.locator('.failure').first()).toBeVisible();
  await expect(page.locator('.failure'), 'message').toContainText('通信できませんでした');
  block = false;
  await page.locator('.failure button').click();
  await expect(page.locator('[data-indicator]').first()).toBeVisible();
  await context.close();
});

test('first view: the server\'s HTML holds the figures; a reading screen loads no app, no snapshot and does not shift', async ({ base, open }) => {
  const snapshotRequests = [];
  const appRequests = [];
  const { page, context, problems } = await open('/', {
    viewport: DESKTOP,
    setup: (p) => {
      p.on('request', (r) => { if (r.url().includes('/data/snapshots/')) snapshotRequests.push(r.url()); });
      p.on('request', (r) => { if (/\/(pkg\/|boot\.js)/.test(r.url())) appRequests.push(new URL(r.url()).pathname); });
      return p.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
          .observe({ type: 'layout-shift', buffered: true });
      });
    },
  });
  const html = await (await page.request.get(base + '/')).text();
  expect(html, 'figure in the first response').toContain('107,087件');
  await appReady(page);
  // Once nothing more is loading, no snapshot download can still come.
  await page.waitForLoadState('networkidle');
  expect(snapshotRequests, 'no snapshot download for the first view').toEqual([]);
  expect(appRequests, 'no app: neither boot.js nor any wasm').toEqual([]);
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.hydrated), 'nothing hydrated').toEqual(undefined);
  const cls = await page.evaluate(() => window.__cls);
  expect(cls, 'cumulative layout shift').toBeLessThan(0.01);
  expect(problems, 'console errors').toEqual([]);
  await context.close();
});

test('hydration: the form and the kiosk take over the server\'s HTML; every reading route × language runs only read.js, an embedded card only its height script; no errors, warnings or shifts', async ({ base, newContext }) => {
  const pages = [];
  for (const route of ROUTES) for (const lang of ['ja', 'en', 'ja-easy']) pages.push(`${route}?lang=${lang}`);
  pages.push('/?embed=1&card=konbini-yearly', '/?mode=kiosk', '/konbini?mode=kiosk&lang=en', '/plan?mode=kiosk&lang=ja-easy', '/feedback', '/no-such-page');
  const startsApp = (path) => path.includes('mode=kiosk');
  // The form's app starts when the citizen begins to write (form.js): read, it has none.
  const startsWhenWriting = (path) => path.startsWith('/feedback');
  // As a citizen's browser has it: with the service worker.
  const context = await newContext({ viewport: PHONE, locale: 'ja-JP', serviceWorkers: 'allow' });
  try {
    for (const path of pages) {
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => { if (['error', 'warning'].includes(m.type()) && !/favicon/.test(m.text())) problems.push(`${m.type()}: ${m.text()}`); });
      const snapshots = [];
      const app = [];
      page.on('request', (r) => { if (r.url().includes('/data/snapshots/')) snapshots.push(r.url()); });
      page.on('request', (r) => { if (/\/(pkg\/|boot\.js)/.test(r.url())) app.push(new URL(r.url()).pathname); });
      await page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(base + path);
      const ready = path.includes('embed=1') ? 'cardReady' : startsApp(path) ? 'hydrated' : 'readerReady';
      await page.waitForFunction((key) => document.documentElement.dataset[key] === 'true', ready, { timeout: 15000 });
      await page.waitForLoadState('networkidle');
      if (startsApp(path)) expect(app, `${path}: the app starts`).toContain('/pkg/reform_widget_bg.wasm');
      else expect(app, `${path}: no app`).toEqual([]);
      if (startsWhenWriting(path)) {
        await page.locator('#message').focus();
        await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 15000 });
        await page.waitForLoadState('networkidle');
        expect(app, `${path}: the app starts on writing`).toContain('/pkg/reform_widget_bg.wasm');
      }
      // The unknown address answers 404 on purpose; the browser logs that status.
      expect(problems.filter((p) => !(path === '/no-such-page' && /status of 404/.test(p))), `${path}: console`).toEqual([]);
      expect(snapshots, `${path}: no second snapshot download`).toEqual([]);
      const cls = await page.evaluate(() => window.__cls);
      expect(cls, `${path}: layout shift`).toBeLessThan(0.01);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

test('phone first screen: the heading and the first headline figure without scrolling; the menu is one line', async ({ open }) => {
  const { page, context } = await open('/', { viewport: PHONE });
  await appReady(page);
  const bottom = async (sel) => { const b = await page.locator(sel).first().boundingBox(); return b.y + b.height; };
  expect(await bottom('main h1'), 'heading on the first screen').toBeLessThanOrEqual(PHONE.height);
  const figure = await bottom('[data-indicator] .figure');
  expect(figure, 'the first headline figure ends on the first screen').toBeLessThanOrEqual(PHONE.height);
  const nav = await page.locator('.site-nav').boundingBox();
  expect(nav.height, 'the menu\'s height').toBeLessThanOrEqual(60);
  await openMenu(page);
  await expect(page.locator('.site-nav a[href="/staff"]'), 'the menu opens').toBeVisible();
  await context.close();
});

test('the strict Content-Security-Policy holds: no violations, no inline script', async ({ open }) => {
  const { page, context, problems } = await open('/', {
    setup: (p) => p.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    }),
  });
  await expect(page.locator('[data-indicator]').first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.__violations), 'CSP violations').toEqual([]);
  // The snapshot travels as data (type="application/json"), and the dataset description for
  // search engines as JSON-LD: data blocks, never executed; no executable inline script.
  await expect(page.locator('script:not([src]):not([type="application/json"]):not([type="application/ld+json"])'), 'inline scripts').toHaveCount(0);
  await expect.poll(() => page.$$eval('script[type="application/ld+json"]', (s) => s.map((e) => JSON.parse(e.textContent)['@type'])), 'one dataset description, parsed').toEqual(['Dataset']);
  expect(problems, 'console errors').toEqual([]);
  await context.close();
});

for (const viewport of [PHONE, DESKTOP]) {
  for (const route of ROUTES) {
    test(`axe-core: 0 violations on ${route} at ${viewport.width}×${viewport.height}`, async ({ open }) => {
      const { page, context } = await open(route, { viewport });
      await appReady(page);
      await expect(page.locator('main h1')).toBeVisible();
      await expect(page.locator('.failure'), 'the screen, not a load failure').toHaveCount(0);
      const result = await axe(page);
      const summary = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(' ')}`);
      expect(summary, 'violations').toEqual([]);
      await context.close();
    });
  }
}

test('touch targets are at least 44 px on a phone', async ({ open }) => {
  const { page, context } = await open('/', { viewport: PHONE });
  await expect(page.locator('[data-indicator]').first()).toBeVisible();
  const small = await page.$$eval('button, .site-nav a, .next a, summary', (els) =>
    els.filter((e) => e.offsetParent !== null).map((e) => [e.textContent.trim().slice(0, 20), e.getBoundingClientRect().height]).filter(([, h]) => h < 44));
  expect(small, 'targets under 44 px').toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow, 'horizontal scroll at 390 px').toBe(false);
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'pixels of horizontal scroll at 320 px').toBeLessThanOrEqual(0);
  await context.close();
});
