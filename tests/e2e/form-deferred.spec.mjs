// The feedback form's app waits until the citizen begins to write (issue 36): a first visit that
// only reads the form downloads no app; text typed while the app is on its way is kept and the app
// knows it; a form sent offline before the app could arrive is kept and sent once, exactly once,
// when the connection returns; messages waiting on the device start the app at once.
import { test, expect } from './fixtures.mjs';
import { live, hydrated } from './pages.mjs';
import { stop, storedMessages } from './server-process.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, locale: 'ja-JP' };

/** Every script and wasm file the page asks for, by path. */
function codeRequests(page) {
  const code = [];
  page.on('request', (r) => { if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) code.push(new URL(r.url()).pathname); });
  return code;
}

test('form: read, not written: no app; the first focus starts it, and what was typed before it arrived is kept and known to it', async ({ base, newContext }) => {
  const context = await newContext(PHONE);
  const page = await context.newPage();
  const code = codeRequests(page);
  // The app's module arrives late, as on a slow line, while the citizen types.
  let release;
  const held = new Promise((go) => { release = go; });
  await page.route('**/pkg/reform_widget_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(base + '/feedback');
  await live(page);
  await page.waitForLoadState('networkidle');
  expect(code, 'reading the form: its small scripts, no app').toEqual(['/form.js', '/read.js']);

  await page.locator('#topic').fill('届くまでに書いた件名');
  await expect.poll(() => code.includes('/boot.js'), 'the first focus asks for the app').toBe(true);
  await page.locator('#message').fill('アプリが届くまでに書いた意見です。');
  await page.locator('#satisfaction-4').check();
  release();
  await hydrated(page);
  await expect(page.locator('#message'), 'kept through the app taking over').toHaveValue('アプリが届くまでに書いた意見です。');
  await expect(page.locator('#topic')).toHaveValue('届くまでに書いた件名');
  await expect(page.locator('#satisfaction-4')).toBeChecked();
  // The app's own state has it: its character count and its preview.
  await expect(page.locator('#message-count')).not.toContainText('2000');
  await page.locator('button[type="submit"]:visible').click();
  await expect(page.locator('.preview')).toContainText('アプリが届くまでに書いた意見です。');
  await expect(page.locator('.preview')).toContainText('届くまでに書いた件名');
  await context.close();
});

test('form: sent offline before the app could arrive, it is kept, said to wait, and sent exactly once when back online', async ({ ownServer, newContext }) => {
  const { base, port } = ownServer;
  const context = await newContext(PHONE);
  const page = await context.newPage();
  await page.goto(base + '/feedback');
  await live(page);
  await context.setOffline(true);
  await page.locator('#message').fill('電車の中で書いた意見です。');
  await page.locator('button[type="submit"]:visible').click();
  await expect(page.locator('.form__status'), 'said, in the page\'s language').toContainText('送信待ちに入れました');
  await expect(page.locator('#message'), 'a fresh form, as after sending').toHaveValue('');
  // Back online: the app arrives and sends it, once.
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await hydrated(page);
  await expect(page.locator('.outbox__item--sent').first()).toBeVisible({ timeout: 30000 });
  expect(await storedMessages(port, (m) => m.startsWith('電車'), 1), 'stored once').toEqual(['電車の中で書いた意見です。']);
  await page.reload();
  await hydrated(page); // messages on this device: the app starts at once, and sends nothing twice
  await page.waitForTimeout(500);
  expect(await storedMessages(port, (m) => m.startsWith('電車'), 1)).toEqual(['電車の中で書いた意見です。']);
  await context.close();
});

test('form: sent online before anyone focused a field, the server takes it as without script', async ({ base, newContext }) => {
  const context = await newContext(PHONE);
  const page = await context.newPage();
  const code = codeRequests(page);
  await page.goto(base + '/feedback');
  await live(page);
  // A click on the button alone (as Safari, which does not focus a button it clicks).
  await page.locator('form.form').evaluate((f) => f.requestSubmit());
  await expect(page.locator('.error-summary')).toContainText('ご意見を入力してください');
  expect(code.filter((c) => c.endsWith('.wasm')), 'no app').toEqual([]);
  await context.close();
});

test('form: the server down before the app could arrive: the form is kept, and sent exactly once when the server is back', async ({ ownServer, newContext, allowConsole }) => {
  // The app's files cannot be fetched while the server is down; the browser says so.
  allowConsole(/Failed to (load resource|fetch)|ERR_CONNECTION_REFUSED|Failed to fetch dynamically imported module/);
  const { base, port, server, restart } = ownServer;
  const context = await newContext(PHONE);
  const page = await context.newPage();
  await page.goto(base + '/feedback');
  await live(page);
  await stop(server, 'SIGKILL');
  await page.locator('#message').fill('サーバーが止まっている間に書いた意見です。');
  // The app was asked for on the first focus, and did not come.
  await page.waitForFunction(() => document.documentElement.dataset.appMissed === 'true');
  // Sent without focusing the button (as Safari, which does not focus a button it clicks).
  await page.locator('form.form').evaluate((f) => f.requestSubmit());
  await expect(page.locator('.form__status')).toContainText('送信待ちに入れました');
  await restart();
  // The page asks for the app again by itself; the app sends what was kept.
  await hydrated(page, 60000);
  await expect(page.locator('.outbox__item--sent').first()).toBeVisible({ timeout: 30000 });
  expect(await storedMessages(port, (m) => m.startsWith('サーバーが止まって'), 1)).toEqual(['サーバーが止まっている間に書いた意見です。']);
  await context.close();
});

test('form: a language chosen while the app is on its way waits for it, and what was typed stays', async ({ base, newContext }) => {
  const context = await newContext(PHONE);
  const page = await context.newPage();
  let release;
  const held = new Promise((go) => { release = go; });
  await page.route('**/pkg/reform_widget_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(base + '/feedback');
  await live(page);
  await page.locator('#message').fill('英語に切り替える前に書いた意見です。');
  await page.locator('.lang-switch a[hreflang="en"]').click();
  await page.waitForTimeout(300);
  await expect(page.locator('html'), 'no page load while the app is on its way').toHaveAttribute('lang', 'ja');
  release();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#message')).toHaveValue('英語に切り替える前に書いた意見です。');
  await context.close();
});
