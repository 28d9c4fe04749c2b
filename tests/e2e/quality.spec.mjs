// The accessibility sweep (every route × language × context), forced colours, narrow screens
// and zoom, security headers from the real server, and hostile strings in a snapshot.
import { test, expect } from './fixtures.mjs';
import { appReady, axe } from './pages.mjs';
import { exportRows, KIOSK_PAGES, PAGES } from './server-process.mjs';

const ROUTES = PAGES;
const LOCALES = ['ja', 'en', 'ja-easy'];
const CONTEXTS = {
  phone: { viewport: { width: 390, height: 844 }, routes: ROUTES, query: '' },
  desktop: { viewport: { width: 1280, height: 800 }, routes: ROUTES, query: '' },
  embed: { viewport: { width: 390, height: 800 }, routes: ['/'], query: '&embed=1&card=konbini-yearly', more: ['/?embed=1&card=counter-satisfaction', '/?embed=1&card=future-burden-ratio'] },
  kiosk: { viewport: { width: 1080, height: 1920 }, routes: KIOSK_PAGES, query: '&mode=kiosk' },
};

async function ready(page) {
  await appReady(page);
  await expect(page.locator('.skeleton')).toHaveCount(0, { timeout: 15000 });
}

for (const lang of LOCALES) {
  for (const [name, ctx] of Object.entries(CONTEXTS)) {
    test(`a11y sweep: ${name} in ${lang}: axe-core 0 violations on every route`, async ({ base, newContext }) => {
      const context = await newContext({ viewport: ctx.viewport });
      const page = await context.newPage();
      const found = [];
      const urls = ctx.routes.map((r) => `${r}?lang=${lang}${ctx.query}`).concat((ctx.more || []).map((u) => `${u}&lang=${lang}`));
      for (const url of urls) {
        await page.goto(base + url);
        await ready(page);
        await expect(page.locator('html'), `lang on ${url}`).toHaveAttribute('lang', lang === 'en' ? 'en' : 'ja');
        const v = (await axe(page)).violations;
        for (const x of v) found.push(`${url} ${x.id}: ${x.nodes[0].target.join(' ')}`);
      }
      expect(found, 'violations').toEqual([]);
      await context.close();
    });
  }
}

test('forced colours: charts, progress and status stay visible; axe 0', async ({ base, newContext }) => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.emulateMedia({ forcedColors: 'active' });
  for (const route of ['/', '/konbini', '/staff']) {
    await page.goto(base + route);
    await ready(page);
    const v = (await axe(page)).violations;
    expect(v.map((x) => x.id), `axe on ${route}`).toEqual([]);
  }
  await page.goto(base + '/konbini');
  await ready(page);
  const fill = await page.$eval('.chart-bar', (e) => getComputedStyle(e).fill);
  expect(fill, 'bars drawn in forced colours').not.toMatch(/^(none|rgba\(0, 0, 0, 0\))$/);
  await page.goto(base + '/');
  await ready(page);
  const bar = await page.$eval('[data-indicator="konbini-certificates"] .progress__fill', (e) => getComputedStyle(e).backgroundColor);
  expect(bar, 'progress drawn in forced colours').not.toBe('rgba(0, 0, 0, 0)');
  await context.close();
});

test('no horizontal scrolling at 320 px and at 200% zoom (1280 px at 2×)', async ({ base, newContext }) => {
  for (const viewport of [{ width: 320, height: 640 }, { width: 640, height: 400 }]) {
    const context = await newContext({ viewport, deviceScaleFactor: viewport.width === 640 ? 2 : 1 });
    const page = await context.newPage();
    const wide = [];
    for (const route of ROUTES) {
      await page.goto(base + route);
      await ready(page);
      const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (w[0] > w[1]) wide.push(`${route}: ${w[0]} > ${w[1]}`);
    }
    expect(wide, `horizontal scroll at ${viewport.width} px`).toEqual([]);
    await context.close();
  }
});

test('hostile strings in a snapshot render as inert text on every route', async ({ base, newContext }) => {
  const context = await newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  const injected = [];
  for (const route of ROUTES.filter((r) => r !== '/feedback')) {
    await page.goto(`${base}${route}?data=/fixtures/hostile/index.json`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    const n = await page.$$eval('main img, main script, main iframe, svg svg', (e) => e.length);
    if (n) injected.push(`${route}: ${n}`);
  }
  await page.goto(`${base}/plan?data=/fixtures/hostile/index.json`);
  await ready(page);
  await expect(page.locator('main'), 'markup shown as text').toContainText('<img src=x onerror=alert(1)>');
  expect(injected, 'elements injected from data').toEqual([]);
  expect(dialogs, 'scripts ran').toEqual(0);
  await context.close();
});

test('security headers from the real server: strict CSP, nosniff, referrer policy, framing', async ({ newContext, ownServer }) => {
  const { port } = ownServer;
  for (const path of ['/', '/plan', '/data/index.json', '/api/health', '/boot.js']) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'accept-encoding': 'br' } });
    expect(res.status, `${path} status`).toEqual(200);
    const csp = res.headers.get('content-security-policy') || '';
    for (const d of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'self'"]) {
      expect(csp, `${path} CSP`).toContain(d);
    }
    expect(csp, `${path}: no unsafe-inline`).not.toContain('unsafe-inline');
    expect(csp, `${path}: no unsafe-eval`).not.toContain("'unsafe-eval'");
    expect(res.headers.get('x-content-type-options'), `${path} nosniff`).toEqual('nosniff');
    expect(res.headers.get('referrer-policy'), `${path} referrer`).toEqual('strict-origin-when-cross-origin');
  }
  const wasm = 'pkg/reform_widget_bg.wasm'; // what boot.js loads
  const res = await fetch(`http://127.0.0.1:${port}/${wasm}`, { headers: { 'accept-encoding': 'br' } });
  expect(res.headers.get('content-encoding'), 'precompressed brotli served').toEqual('br');
  expect(res.headers.get('content-type'), 'wasm type').toEqual('application/wasm');
  const context = await newContext();
  const page = await context.newPage();
  await page.addInitScript(() => { window.__v = []; document.addEventListener('securitypolicyviolation', (e) => window.__v.push(e.violatedDirective)); });
  await page.goto(`http://127.0.0.1:${port}/konbini`);
  await ready(page);
  await expect.poll(() => page.evaluate(() => window.__v), 'no CSP violations under the real server').toEqual([]);
  await context.close();
});

test('without JavaScript: every screen, the language switch, feedback with errors and a receipt, the kiosk survey', async ({ newContext, ownServer }) => {
  const { port } = ownServer;
  const site = `http://127.0.0.1:${port}`;
  const context = await newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const [path, expected] of [['/', '107,087件'], ['/plan', 'ミッション'], ['/results', '78.8%'], ['/indicators', '将来負担比率'], ['/counter', '区役所窓口'], ['/konbini', '107,087件'], ['/staff', '職員']]) {
    await page.goto(site + path);
    await expect(page.locator('main'), `${path} without script`).toContainText(expected);
    await expect(page.locator('main h1').first(), `${path} heading`).toBeAttached();
  }
  await page.goto(site + '/konbini');
  await expect(page.locator('.chart__table table tbody tr').first(), 'the table under a chart is in the page').toBeAttached();
  // The language switch is a plain link; the server remembers the choice for the next page.
  await page.locator('.lang-switch a[hreflang="en"]').click();
  await expect(page.locator('main h1'), 'English after the switch').toContainText('convenience stores');
  await page.locator('.site-nav__toggle').click();
  await page.locator('.site-nav a[href="/staff"]').click();
  await expect(page.locator('html'), 'still English on the next page').toHaveAttribute('lang', 'en');
  await page.locator('.lang-switch').getByRole('link', { name: '日本語', exact: true }).click();
  // Feedback: an empty message gets the error summary, linked to the field.
  await page.goto(site + '/feedback');
  await page.locator('form.form button[type="submit"]').click();
  await expect(page.locator('.error-summary a[href="#message"]'), 'error summary links to the message').toBeVisible();
  await expect(page.locator('#message'), 'field marked').toHaveAttribute('aria-invalid', 'true');
  await page.locator('#message').fill('スクリプトなしで送ります </textarea><b>x</b>');
  await page.locator('form.form button[type="submit"]').click();
  const receipt = await page.getAttribute('[data-receipt]', 'data-receipt');
  expect(receipt, 'receipt').toMatch(/^KR-\d{7}$/);
  // Large enough to read out at a counter, and what happens next.
  expect(await page.locator('[data-receipt]').evaluate((e) => parseFloat(getComputedStyle(e).fontSize)), 'receipt number\'s size in px').toBeGreaterThanOrEqual(28);
  await expect(page.locator('.receipt-next'), 'what happens next is said').toBeVisible();
  // A double submit (same key) stores one record and gives the same receipt.
  await page.goBack();
  await page.locator('form.form button[type="submit"]').click();
  await expect(page.locator('[data-receipt]'), 'same receipt on a second submit').toHaveAttribute('data-receipt', receipt);
  // The kiosk survey posts as a form too.
  // Each step is a form of its own: a tap posts it, and the server answers with the next.
  await page.goto(site + '/?mode=kiosk');
  await page.locator('.kiosk-answers--ward .kiosk-answer[value="chuo"]').click();
  await page.locator('.kiosk-answers--section .kiosk-answer').first().click();
  await page.locator('.kiosk-answers--satisfaction .kiosk-answer[value="2"]').click();
  await expect(page.locator('#step-title'), 'the comment step names the answer').toContainText('やや不満');
  await page.locator('button.kiosk-back').click();
  await page.locator('.kiosk-answers--satisfaction .kiosk-answer[value="5"]').click();
  await page.locator('#comment').fill('スクリプトなしのコメント');
  await page.locator('.kiosk-send button[name="no_comment"]').click();
  await expect(page.locator('[data-receipt]'), 'kiosk receipt').toHaveAttribute('data-receipt', /^KR-\d{7}$/);
  expect(await page.locator('[data-receipt]').evaluate((e) => parseFloat(getComputedStyle(e).fontSize)), 'kiosk receipt number\'s size in px').toBeGreaterThanOrEqual(28);
  await expect(page.locator('.receipt-next'), 'what happens with the answer').toContainText('窓口ごと・月ごと');
  const rows = await exportRows(port);
  expect(rows.length, 'one general message and one survey answer stored; the steps stored nothing').toEqual(2);
  expect([rows[1][4], rows[1][5], rows[1][7]], 'the changed answer, without the comment it was sent without').toEqual(['5', '', 'chuo']);
  expect(rows[0].join(','), 'the message is stored as typed').toContain('</textarea><b>x</b>');
  // Another site cannot post in a visitor's name.
  const forged = await fetch(site + '/feedback', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'form=general&key=00000000-0000-4000-8000-000000000001&message=x' });
  expect(forged.status, 'foreign origin refused').toEqual(403);
  expect((await exportRows(port)).length, 'nothing stored from another site').toEqual(2);
});
