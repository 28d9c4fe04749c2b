// Browser tests of the citizen app: the release build, served on 127.0.0.1, in Debian's Chromium.
// Expected figures are computed here from the snapshot JSON itself, independently of the app.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, assert, assertEqual, assertIncludes, appReady, openMenu } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const SNAPSHOT = JSON.parse(readFileSync(ROOT + 'public/data/snapshots/2023-12.json', 'utf8'));
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const ROUTES = ['/', '/plan', '/results', '/indicators', '/counter', '/konbini', '/staff'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Japanese format as the city writes it: thousands separators, unit after. */
const JA_UNITS = { percent: '%', ratio_percent: '%', cases: '件', days: '日', hundred_million_yen: '億円' };
const ja = (value, unit) => `${value.toLocaleString('ja-JP', { maximumFractionDigits: 3 })}${JA_UNITS[unit]}`;

export function appTests(ctx) {
  const { base, browser } = ctx;

  async function open(path, { viewport = PHONE, setup } = {}) {
    const context = await browser.newContext({ viewport, locale: 'ja-JP' });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.text())) problems.push(`console: ${m.text()}`); });
    if (setup) await setup(page, context);
    await page.goto(base + path);
    return { page, context, problems };
  }

  const ready = (page) => appReady(page);

  test('home shows every headline indicator with the seed figures', async () => {
    const { page, context, problems } = await open('/');
    await ready(page);
    await page.waitForSelector('[data-indicator]');
    const headlineGroups = new Set(SNAPSHOT.indicators.filter((i) => !i.marker).map((i) => i.group));
    const expected = SNAPSHOT.indicators.filter((i) => headlineGroups.has(i.group));
    assertEqual(await page.$$eval('[data-indicator]', (els) => els.map((e) => e.dataset.indicator)), expected.map((i) => i.id), 'cards');
    for (const ind of expected) {
      const text = await page.textContent(`[data-indicator="${ind.id}"]`);
      assertIncludes(text, ind.name.ja, ind.id);
      assertIncludes(text, ja(ind.baseline.value, ind.unit), `${ind.id} baseline`);
      assertIncludes(text, ja(ind.actuals.at(-1).value, ind.unit), `${ind.id} actual`);
      assertIncludes(text, ja(ind.target.value, ind.unit), `${ind.id} target`);
    }
    const konbini = await page.textContent('[data-indicator="konbini-certificates"]');
    assertIncludes(konbini, '目標まであと199,830件', 'distance to target');
    assertIncludes(await page.textContent('main'), '2023年12月時点', 'as-of date');
    assertIncludes(await page.textContent('main'), '令和6年度（2024年度）～令和9年度（2027年度）', 'plan period');
    assertEqual(await page.getAttribute('html', 'lang'), 'ja', 'html lang');
    assertEqual(problems, [], 'console errors');
    await context.close();
  });

  test('plan shows mission, vision, values, three policies with their initiatives, driving and schedule', async () => {
    const { page, context, problems } = await open('/plan');
    await ready(page);
    const main = await page.textContent('main');
    const p = SNAPSHOT.plan;
    for (const st of [p.mission, p.vision, p.values]) assertIncludes(main, st.title.ja, 'statement');
    assertEqual(await page.$$eval('.policy', (els) => els.length), 3, 'policies');
    for (const pol of p.policies) {
      assertIncludes(main, pol.name.ja, 'policy name');
      for (const ini of pol.initiatives) assertIncludes(main, ini.name.ja, 'initiative');
    }
    for (const part of p.driving.parts) assertIncludes(main, part.name.ja, 'driving part');
    for (const step of p.schedule) assertIncludes(main, step.event.ja, 'schedule');
    assertEqual(problems, [], 'console errors');
    await context.close();
  });

  test('stage-3 results show 108 / 29 of 137, the chart with its table, and before → after', async () => {
    const { page, context, problems } = await open('/results');
    await ready(page);
    const main = await page.textContent('main');
    const pr = SNAPSHOT.previous_stage.progress;
    assertIncludes(main, `${pr.total}の取組項目のうち${pr.on_plan}項目（78.8%）`, 'summary');
    assertIncludes(main, `${pr.changed_or_delayed}項目（21.2%）`, 'summary delayed');
    assertEqual(await page.$$eval('.share-bar rect.part', (els) => els.length), 2, 'bar parts');
    await page.click('.chart__table summary');
    const rows = await page.$$eval('.chart__table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    assertEqual(rows, [['計画どおり進捗', String(pr.on_plan), '78.8%'], ['一部変更・遅れ', String(pr.changed_or_delayed), '21.2%'], ['合計', String(pr.total), '100%']], 'table');
    assertEqual(await page.$$eval('.promotion-items li', (els) => els.length), 6, 'promotion items');
    assertEqual(await page.$$eval('[data-highlight]', (els) => els.length), SNAPSHOT.previous_stage.highlights.length, 'highlights');
    const konbini = await page.textContent('[data-highlight="konbini-certificates"]');
    assertIncludes(konbini, '約10.7万件', 'before');
    assertIncludes(konbini, '約30万件', 'after');
    assertIncludes(await page.textContent('[data-highlight="furusato-nozei"]'), '約4.7億円', 'furusato');
    for (const d of SNAPSHOT.previous_stage.delayed) assertIncludes(main, d.title.ja, 'delayed');
    assertEqual(problems, [], 'console errors');
    await context.close();
  });

  test('routes have shareable URLs and the back button works', async () => {
    const { page, context } = await open('/');
    await ready(page);
    await page.evaluate(() => { window.sameDocument = true; });
    await openMenu(page);
    await page.click('.site-nav a[href="/plan"]');
    await page.waitForURL(base + '/plan');
    await page.waitForSelector('.policy');
    // A reading screen runs no app: a menu link is a plain link, and the server sends the page.
    assertEqual(await page.evaluate(() => window.sameDocument), undefined, 'the next screen is a page of its own');
    assertEqual(await page.getAttribute('.site-nav a[href="/"]', 'aria-current'), null, 'home no longer marked');
    await page.focus('.skip-link');
    await page.keyboard.press('Enter');
    assertEqual(await page.evaluate(() => document.activeElement.id), 'main', 'the skip link moves focus to the content');
    assertEqual(new URL(page.url()).pathname, '/plan', 'and stays on the page');
    assert(await page.isVisible('.policy'), 'the skip link stays on the page');
    await openMenu(page);
    await page.click('.site-nav a[href="/results"]');
    await page.waitForSelector('.share-bar');
    await page.goBack();
    // The skip link left its own entry (/plan#main): a plain link to a fragment, without an app.
    await page.waitForURL(base + '/plan#main');
    await page.waitForSelector('.policy');
    assertEqual(await page.getAttribute('.site-nav a[href="/plan"]', 'aria-current'), 'page', 'current page marked');
    await page.goBack();
    await page.waitForURL(base + '/plan');
    await page.goBack();
    await page.waitForURL(base + '/');
    await page.waitForSelector('[data-indicator]');
    const unknown = await context.newPage();
    await unknown.goto(base + '/no-such-page');
    await unknown.waitForSelector('main h1');
    assertIncludes(await unknown.textContent('main h1'), 'ページが見つかりません', '404 screen');
    await context.close();
  });

  test('language switch: English and やさしい日本語, lang attribute, remembered, fallback to Japanese', async () => {
    const { page, context } = await open('/');
    await ready(page);
    await page.click('.lang-switch a:has-text("English")');
    await page.waitForSelector('text=Key verification indicators');
    assertEqual(await page.getAttribute('html', 'lang'), 'en', 'lang en');
    assertEqual(await page.getAttribute('.lang-switch a:has-text("English")', 'aria-current'), 'true', 'current');
    assertIncludes(await page.textContent('[data-indicator="konbini-certificates"]'), '107,087 cases', 'english units');
    assertIncludes(await page.textContent('title'), 'Kumamoto City', 'title');
    // Remembered in a cookie, so the server answers the next page in English at once.
    const reloaded = await page.request.get(base + '/');
    assertIncludes(await reloaded.text(), 'Key verification indicators', 'server renders the chosen language');
    await page.reload();
    await appReady(page);
    await page.waitForSelector('text=Key verification indicators');
    await page.click('.lang-switch a:has-text("やさしい日本語")');
    await page.waitForSelector('text=おもな すうじ');
    assertEqual(await page.getAttribute('html', 'lang'), 'ja', 'lang easy');
    // The plan's names keep the city's kanji, with their readings above them (<ruby>).
    await openMenu(page);
    await page.click('.site-nav a[href="/plan"]');
    await page.waitForSelector('.policy');
    const withoutReadings = () => page.evaluate(() => {
      const main = document.querySelector('main').cloneNode(true);
      for (const r of main.querySelectorAll('rt, rp')) r.remove();
      return main.textContent;
    });
    assertIncludes(await withoutReadings(), SNAPSHOT.plan.policies[0].initiatives[0].name.ja, 'the name as the city writes it');
    assert((await page.$$eval('.policy rt', (rts) => rts.map((r) => r.textContent))).includes('しょくいん'), 'with its readings');
    // Comments have no Easy Japanese version: Japanese is shown instead of nothing.
    await openMenu(page);
    await page.click('.site-nav a[href="/counter"]');
    await page.waitForURL(base + '/counter');
    assertIncludes(await page.textContent('main'), SNAPSHOT.counter_survey.comments.satisfied[0].ja, 'fallback');
    const other = await context.newPage();
    await other.goto(base + '/?lang=en');
    await other.waitForSelector('text=Key verification indicators');
    await context.close();
  });

  test('errors: a missing manifest says 404 and offers a retry', async () => {
    const { page, context } = await open('/?data=/fixtures/no-such-manifest.json');
    await page.waitForSelector('.failure');
    assertIncludes(await page.textContent('.failure'), 'データのファイルが見つかりませんでした（404）', 'message');
    assert(await page.isVisible('.failure button'), 'retry button');
    assertEqual(await page.getAttribute('.failure', 'role'), 'alert', 'announced');
    await context.close();
  });

  test('errors: an invalid snapshot names the JSON path', async () => {
    const { page, context } = await open('/?data=/fixtures/preview-invalid-unit.json');
    await page.waitForSelector('.failure');
    assertIncludes(await page.textContent('.failure'), 'データの内容に誤りがあります（場所: indicators[0].unit）', 'message');
    await context.close();
  });

  test('errors: a file that is not JSON, and a missing snapshot file', async () => {
    const { page, context } = await open('/?data=/fixtures/preview-not-json.json&lang=en');
    await page.waitForSelector('.failure');
    assertIncludes(await page.textContent('.failure'), 'not in the expected format (JSON)', 'not json');
    await page.goto(base + '/?data=/fixtures/preview-missing-snapshot.json&lang=en');
    await page.waitForSelector('.failure');
    assertIncludes(await page.textContent('.failure'), 'The data file was not found (404)', 'missing');
    await context.close();
  });

  test('errors: data from another origin is refused, with no pointless retry', async () => {
    let foreignRequests = 0;
    const { page, context } = await open('/?data=https://example.com/data/index.json', {
      setup: (p) => p.route('https://example.com/**', (r) => { foreignRequests++; r.abort(); }),
    });
    await page.waitForSelector('.failure');
    assertIncludes(await page.textContent('.failure'), '別のサイトのデータは読み込めません', 'message');
    assertEqual(await page.$$eval('.failure button', (b) => b.length), 0, 'no retry');
    assertEqual(foreignRequests, 0, 'no request was made to the other origin');
    await context.close();
  });

  // Picking in place is the app's: at a kiosk it runs (a reading screen's picker is a GET form).
  test('errors: a snapshot picked while offline says so (a preview keeps no device copy); retry recovers', async () => {
    let block = false;
    const { page, context } = await open('/home?mode=kiosk&data=/fixtures/history/index.json', { setup: (p) => p.route('**/fixtures/**', (r) => (block ? r.abort('internetdisconnected') : r.continue())) });
    await appReady(page);
    await page.waitForSelector('#asof');
    block = true;
    await page.selectOption('#asof', '2023-12-test');
    await page.waitForSelector('.failure');
    assertIncludes(await page.textContent('.failure'), '通信できませんでした', 'message');
    block = false;
    await page.click('.failure button');
    await page.waitForSelector('[data-indicator]');
    await context.close();
  });

  test('first view: the server\'s HTML holds the figures; a reading screen loads no app, no snapshot and does not shift', async () => {
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
    assertIncludes(html, '107,087件', 'figure in the first response');
    await appReady(page);
    // Once nothing more is loading, no snapshot download can still come.
    await page.waitForLoadState('networkidle');
    assertEqual(snapshotRequests, [], 'no snapshot download for the first view');
    assertEqual(appRequests, [], 'no app: neither boot.js nor any wasm');
    assertEqual(await page.evaluate(() => document.documentElement.dataset.hydrated), undefined, 'nothing hydrated');
    const cls = await page.evaluate(() => window.__cls);
    assert(cls < 0.01, `cumulative layout shift ${cls.toFixed(3)}`);
    assertEqual(problems, [], 'console errors');
    await context.close();
  });

  test('hydration: the form and the kiosk take over the server\'s HTML; every reading route × language runs only read.js, an embedded card only its height script; no errors, warnings or shifts', async () => {
    const pages = [];
    for (const route of ROUTES) for (const lang of ['ja', 'en', 'ja-easy']) pages.push(`${route}?lang=${lang}`);
    pages.push('/?embed=1&card=konbini-yearly', '/?mode=kiosk', '/konbini?mode=kiosk&lang=en', '/plan?mode=kiosk&lang=ja-easy', '/feedback', '/no-such-page');
    const startsApp = (path) => path.includes('mode=kiosk') || path.startsWith('/feedback');
    // As a citizen's browser has it: with the service worker.
    const context = await browser.newContext({ viewport: PHONE, locale: 'ja-JP', serviceWorkers: 'allow' });
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
        if (startsApp(path)) assert(app.includes('/pkg/reform_widget_bg.wasm'), `${path}: the app starts`);
        else assertEqual(app, [], `${path}: no app`);
        // The unknown address answers 404 on purpose; the browser logs that status.
        assertEqual(problems.filter((p) => !(path === '/no-such-page' && /status of 404/.test(p))), [], `${path}: console`);
        assertEqual(snapshots, [], `${path}: no second snapshot download`);
        const cls = await page.evaluate(() => window.__cls);
        assert(cls < 0.01, `${path}: layout shift ${cls}`);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  test('phone first screen: the heading and the first headline figure without scrolling; the menu is one line', async () => {
    const { page, context } = await open('/', { viewport: PHONE });
    await ready(page);
    const bottom = async (sel) => { const b = await page.locator(sel).first().boundingBox(); return b.y + b.height; };
    assert(await bottom('main h1') <= PHONE.height, 'heading on the first screen');
    const figure = await bottom('[data-indicator] .figure');
    assert(figure <= PHONE.height, `first headline figure ends at ${Math.round(figure)} px, below ${PHONE.height}`);
    const nav = await page.locator('.site-nav').boundingBox();
    assert(nav.height <= 60, `menu takes ${nav.height} px`);
    await openMenu(page);
    assert(await page.isVisible('.site-nav a[href="/staff"]'), 'the menu opens');
    await context.close();
  });

  test('the strict Content-Security-Policy holds: no violations, no inline script', async () => {
    const { page, context, problems } = await open('/', {
      setup: (p) => p.addInitScript(() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      }),
    });
    await page.waitForSelector('[data-indicator]');
    assertEqual(await page.evaluate(() => window.__violations), [], 'CSP violations');
    // The snapshot travels as data (type="application/json"), and the dataset description for
    // search engines as JSON-LD: data blocks, never executed; no executable inline script.
    assertEqual(await page.$$eval('script:not([src]):not([type="application/json"]):not([type="application/ld+json"])', (s) => s.length), 0, 'inline scripts');
    assertEqual(await page.$$eval('script[type="application/ld+json"]', (s) => s.map((e) => JSON.parse(e.textContent)['@type'])), ['Dataset'], 'one dataset description, parsed');
    assertEqual(problems, [], 'console errors');
    await context.close();
  });

  for (const viewport of [PHONE, DESKTOP]) {
    for (const route of ROUTES) {
      test(`axe-core: 0 violations on ${route} at ${viewport.width}×${viewport.height}`, async () => {
        const { page, context } = await open(route, { viewport });
        await ready(page);
        await page.waitForSelector('main h2, main figure');
        const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        const summary = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(' ')}`);
        assertEqual(summary, [], 'violations');
        await context.close();
      });
    }
  }

  test('touch targets are at least 44 px on a phone', async () => {
    const { page, context } = await open('/', { viewport: PHONE });
    await page.waitForSelector('[data-indicator]');
    const small = await page.$$eval('button, .site-nav a, .next a, summary', (els) =>
      els.filter((e) => e.offsetParent !== null).map((e) => [e.textContent.trim().slice(0, 20), e.getBoundingClientRect().height]).filter(([, h]) => h < 44));
    assertEqual(small, [], 'targets under 44 px');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert(!overflow, 'horizontal scroll at 390 px');
    await page.setViewportSize({ width: 320, height: 640 });
    assert(!(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)), 'horizontal scroll at 320 px');
    await context.close();
  });
}
