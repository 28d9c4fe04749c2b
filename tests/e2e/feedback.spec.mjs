// Feedback end to end against the real server and a real SQLite file: the form's errors and
// keyboard use, the outbox (server down, reloads), server refusals, inert hostile text, and
// a crash test (500 concurrent submissions, SIGKILL midway, restart).
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as widgetTest, expect } from './fixtures.mjs';
import { hydrated, live, axe } from './pages.mjs';
import { stop, workdir, exportRows, storedMessages } from './server-process.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

const test = widgetTest.extend({
  /** Opens the form (or `path`) of the server at `base` on a phone, once its script has run. */
  openForm: async ({ newContext }, use) => {
    await use(async (base, path = '/feedback', viewport = { width: 390, height: 844 }, ready = 'form.form') => {
      const context = await newContext({ viewport, locale: 'ja-JP' });
      const page = await context.newPage();
      await page.goto(base + path);
      await live(page);
      await expect(page.locator(ready).first()).toBeVisible();
      return { context, page };
    });
  },
});

test('feedback: empty form → error summary focused, linked to the field, announced', async ({ ownServer, openForm }) => {
  const { base } = ownServer;
  const { context, page } = await openForm(base);
  await page.locator('button[type="submit"]:visible').click();
  await expect(page.locator('.error-summary').first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.activeElement.className), 'focus on the summary').toEqual('error-summary');
  await expect(page.locator('.error-summary'), 'announced').toHaveAttribute('role', 'alert');
  await expect(page.locator('.error-summary'), 'message').toContainText('ご意見を入力してください');
  await page.locator('.error-summary a[href="#message"]').click();
  await expect.poll(() => page.evaluate(() => document.activeElement.id), 'link moves focus to the field').toEqual('message');
  await expect(page.locator('#message'), 'aria-invalid').toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => page.getAttribute('#message', 'aria-describedby'), 'error described').toContain('message-error');
  const violations = (await axe(page)).violations;
  expect(violations.map((v) => `${v.id}: ${v.nodes[0].target}`), 'axe with errors').toEqual([]);
  await context.close();
});

test('feedback: completed with the keyboard alone, preview, receipt, stored once', async ({ ownServer, openForm }) => {
  const { base, port } = ownServer;
  const { context, page } = await openForm(base);
  await page.focus('#topic');
  await page.keyboard.type('キーボードだけ');
  await page.keyboard.press('Tab');
  await page.keyboard.type('キーボードだけで送った意見です。');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown'); // into the radio group: picks a level
  const picked = await page.evaluate(() => document.activeElement.id);
  expect(picked, 'focus in the radio group').toMatch(/^satisfaction-/);
  await page.keyboard.press('Space');
  // Tab past the consent box to the button and press Enter.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement.getAttribute('type')), 'honeypot is skipped by Tab').toEqual('submit');
  await page.keyboard.press('Enter');
  await expect(page.locator('#preview-title').first()).toBeVisible();
  await expect(page.locator('.preview'), 'preview').toContainText('キーボードだけで送った意見です。');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-receipt]').first()).toBeVisible();
  const receipt = await page.getAttribute('[data-receipt]', 'data-receipt');
  expect(receipt, 'receipt').toMatch(/^KR-\d{7}$/);
  const rows = await exportRows(port);
  expect(rows.filter((r) => r[5] === 'キーボードだけで送った意見です。').map((r) => r[0]), 'stored once under that receipt').toEqual([receipt]);
  await context.close();
});

test('feedback: personal data is warned about, not blocked; a card link fills the topic', async ({ ownServer, openForm }) => {
  const { base, port } = ownServer;
  const { context, page } = await openForm(base, '/konbini', undefined, '[data-chart="konbini-yearly"]');
  await page.locator('[data-chart="konbini-yearly"] a[href^="/feedback"]').click();
  await expect(page.locator('form.form').first()).toBeVisible();
  // A reading screen's link loads the form's page, where the app starts.
  await live(page);
  await expect(page.locator('#topic'), 'topic prefilled with the card in words').toHaveValue('証明書コンビニ発行件数');
  await page.locator('#message').fill('電話は090-1234-5678です。〒860-8601');
  await expect(page.locator('.warning').first()).toBeVisible();
  const warning = await page.textContent('.warning');
  expect(warning, 'phone').toContain('電話番号のような数字');
  expect(warning, 'address').toContain('住所や郵便番号');
  await page.locator('button[type="submit"]:visible').click();
  await page.locator('.preview button.button:not(.button--secondary)').click();
  await expect(page.locator('[data-receipt]').first()).toBeVisible();
  expect((await exportRows(port)).length, 'sent despite the warning').toEqual(1);
  await context.close();
});

test('feedback: server down → 送信待ち → server back → delivered exactly once', async ({ ownServer, openForm }) => {
  const { base, port, server, restart } = ownServer;
  const { context, page } = await openForm(base);
  // The citizen began to write while the server was there: the app is on the page.
  await page.locator('#message').focus();
  await hydrated(page);
  await stop(server, 'SIGKILL');
  await page.locator('#message').fill('サーバー停止中に送った意見');
  await page.locator('button[type="submit"]:visible').click();
  await page.locator('.preview button.button:not(.button--secondary)').click();
  await expect(page.locator('.outbox__item--pending').first()).toBeVisible();
  await expect(page.locator('.result'), 'pending message').toContainText('送信待ちに入れました');
  await expect(page.locator('.outbox'), 'pending listed').toContainText('送信待ち');
  await restart();
  await expect(page.locator('.outbox__item--sent').first()).toBeVisible({ timeout: 30000 });
  await expect(page.locator('[data-receipt]').first()).toBeVisible();
  const rows = (await exportRows(port)).filter((r) => r[5] === 'サーバー停止中に送った意見');
  expect(rows.length, 'exactly one record').toEqual(1);
  await context.close();
});

test('retention: an e-mail address older than the retention period is deleted at start; the message stays', async ({ ownServer }) => {
  const { port, db } = ownServer;
  const post = (key, email) => fetch(`http://127.0.0.1:${port}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key, message: `返信希望 ${key.slice(-2)}`, consent: true, email }) });
  expect((await post('00000000-0000-4000-8000-000000000001', 'old@example.jp')).status, 'stored').toEqual(201);
  expect((await post('00000000-0000-4000-8000-000000000002', 'new@example.jp')).status, 'stored').toEqual(201);
  await stop(ownServer.server);
  // The clock moves on: the first message was received 91 days ago.
  execFileSync('sqlite3', [db, "UPDATE feedback SET received_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-91 days') WHERE idempotency_key LIKE '%01'"]);
  await ownServer.restart({ extraArgs: ['--email-retention-days', '90'] });
  const rows = await exportRows(port);
  expect(rows.map((r) => [r[5], r[6]]), 'old address gone, message kept, new address kept').toEqual([['返信希望 01', ''], ['返信希望 02', 'new@example.jp']]);
});

test('backup: a consistent copy of the live database while submissions arrive; the restored copy has every acknowledged record', async ({ ownServer, ownServers }) => {
  const { port, dir, db } = ownServer;
  const post = (n) => fetch(`http://127.0.0.1:${port}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, message: `バックアップ ${n}` }) });
  const before = [];
  for (let n = 1; n <= 40; n++) before.push((await (await post(n)).json()).receipt);
  // Writes keep arriving while the backup runs.
  const during = Promise.all(Array.from({ length: 40 }, (_, i) => post(100 + i)));
  const out = join(dir, 'backup.sqlite3');
  const said = execFileSync(ROOT + 'scripts/backup.sh', [db, out]).toString();
  await during;
  expect(said, 'the script reports the copy').toContain('records in');
  // Restore: a server started on the copy finds every record acknowledged before the backup.
  await stop(ownServer.server);
  const restoredDir = workdir();
  copyFileSync(out, join(restoredDir, 'feedback.sqlite3'));
  const restored = await ownServers({ dir: restoredDir });
  const receipts = new Set((await exportRows(restored.port)).map((r) => r[0]));
  expect(before.filter((r) => !receipts.has(r)), 'every record acknowledged before the backup is in it').toEqual([]);
});

test('outbox: two tabs offline, a message from each, one tab closed, the network back: both stored exactly once', async ({ newContext, ownServer }) => {
  const { base, port } = ownServer;
  // Both tabs are opened while online, in one browser profile (one localStorage).
  const context = await newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
  const [a, b] = [await context.newPage(), await context.newPage()];
  // Each began to write while online: the app is on both pages (before it, see form-deferred).
  for (const page of [a, b]) { await page.goto(base + '/feedback'); await page.locator('#message').focus(); await hydrated(page); }
  await context.setOffline(true);
  const send = async (page, text) => {
    await page.locator('#message').fill(text);
    await page.locator('button[type="submit"]:visible').click();
    await page.locator('.preview button.button:not(.button--secondary)').click();
    await expect(page.locator('.outbox__item--pending').first()).toBeVisible();
  };
  await send(a, 'タブAの意見');
  await a.close(); // the page promised to send it even if closed
  await send(b, 'タブBの意見');
  await context.setOffline(false);
  await b.evaluate(() => window.dispatchEvent(new Event('online')));
  expect(await storedMessages(port, (m) => m.startsWith('タブ'), 2), 'both messages stored, once each').toEqual(['タブAの意見', 'タブBの意見']);
  await context.close();
});

test('feedback: the outbox survives a reload and shows the server refusal (4xx) on the form', async ({ ownServer, openForm, allowConsole }) => {
  allowConsole(/^422 for fetch \/api\/feedback/);
  const { base, port } = ownServer;
  const { context, page } = await openForm(base);
  await page.route('**/api/feedback', (r) => r.abort('internetdisconnected'));
  await page.locator('#message').fill('再読み込みしても消えない意見');
  await page.locator('button[type="submit"]:visible').click();
  await page.locator('.preview button.button:not(.button--secondary)').click();
  await expect(page.locator('.outbox__item--pending').first()).toBeVisible();
  await page.reload();
  await expect(page.locator('.outbox__item--pending').first()).toBeVisible();
  await expect(page.locator('.outbox'), 'still there after reload').toContainText('再読み込みしても消えない意見');
  await page.unroute('**/api/feedback');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(page.locator('.outbox__item--sent').first()).toBeVisible({ timeout: 30000 });
  expect((await exportRows(port)).filter((r) => r[5] === '再読み込みしても消えない意見').length, 'delivered once').toEqual(1);
  // A refusal is shown, not retried.
  await page.route('**/api/feedback', (r) => r.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: 'invalid', errors: [{ field: 'message', problem: 'too_long', limit: 2000 }] }) }));
  await expect(page.locator('form.form').first()).toBeVisible();
  await page.locator('#message').fill('拒否される意見');
  await page.locator('button[type="submit"]:visible').click();
  await page.locator('.preview button.button:not(.button--secondary)').click();
  await expect(page.locator('.error-summary').first()).toBeVisible();
  await expect(page.locator('.error-summary'), 'server error shown').toContainText('ご意見が長すぎます');
  await context.close();
});

test('feedback: markup and script in a message stay inert text everywhere', async ({ ownServer, openForm }) => {
  const { base, port } = ownServer;
  const { context, page } = await openForm(base);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>\u202Eevil';
  await page.locator('#message').fill(hostile.replace('\u202E', ''));
  await page.locator('button[type="submit"]:visible').click();
  await expect(page.locator('.preview').first()).toBeVisible();
  await expect(page.locator('.preview__message'), 'literal in preview').toContainText('<script>alert(2)</script>');
  await page.locator('.preview button.button:not(.button--secondary)').click();
  await expect(page.locator('.outbox__item--sent').first()).toBeVisible();
  await expect(page.locator('.outbox'), 'literal in the outbox list').toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('main img, main script'), 'no elements from text').toHaveCount(0);
  expect(dialogs, 'nothing ran').toEqual(0);
  const rows = await exportRows(port);
  expect(rows.map((r) => r[5]), 'stored as text').toContainEqual(expect.stringContaining('<script>alert(2)</script>'));
  // A bidi override is refused by the shared rules, on the form.
  await page.locator('button.button--secondary').click();
  await page.locator('#message').fill(hostile);
  await page.locator('button[type="submit"]:visible').click();
  await expect(page.locator('.error-summary').first()).toBeVisible();
  await expect(page.locator('.error-summary'), 'bidi refused').toContainText('使えない文字');
  await context.close();
});

test('feedback: axe-core 0 violations on the form at 390 and 1280', async ({ ownServer, openForm }) => {
  const { base } = ownServer;
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    const { context, page } = await openForm(base, '/feedback', viewport);
    await page.check('#consent');
    await expect(page.locator('#email').first()).toBeVisible();
    const violations = (await axe(page)).violations;
    expect(violations.map((v) => `${v.id}: ${v.nodes[0].target}`), `axe at ${viewport.width}`).toEqual([]);
    await context.close();
  }
});

test('crash: 500 concurrent submissions, SIGKILL midway, restart — every acknowledged receipt stored exactly once', async ({ ownServer }) => {
  const { port, server, restart } = ownServer;
  const url = `http://127.0.0.1:${port}/api/feedback`;
  const keys = Array.from({ length: 500 }, () => randomUUID());
  const acknowledged = new Map();
  const send = async (key, i) => {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key, message: `crash-test message ${i}` }) });
      if (res.ok) acknowledged.set(key, (await res.json()).receipt);
    } catch { /* cut off by the kill */ }
  };
  const inflight = keys.map((k, i) => send(k, i));
  // Killed mid-burst: once the first receipts are back, the rest are in flight.
  await expect.poll(() => acknowledged.size, { timeout: 10_000 }).toBeGreaterThan(0);
  await stop(server, 'SIGKILL');
  await Promise.all(inflight);
  const beforeKill = acknowledged.size;
  await restart();
  const rows = await exportRows(port);
  const byReceipt = new Map(rows.map((r) => [r[0], r]));
  const stored = [...byReceipt.keys()];
  for (const [, receipt] of acknowledged) expect(stored, `acknowledged ${receipt} kept`).toContain(receipt);
  // Clients retry everything not acknowledged, with the same keys: all 500 end up stored, none twice.
  for (let i = 0; i < keys.length; i++) if (!acknowledged.has(keys[i])) await send(keys[i], i);
  const after = await exportRows(port);
  expect(after.length, `rows after retries (acknowledged before the kill: ${beforeKill})`).toEqual(500);
  expect(new Set(after.map((r) => r[5])).size, 'each message once').toEqual(500);
  for (const [key, receipt] of acknowledged) {
    const again = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key, message: 'retry' }) })).json();
    expect(again.receipt, 'a retry returns the same receipt').toEqual(receipt);
    break;
  }
  console.log(`       (acknowledged before SIGKILL: ${beforeKill} of 500)`);
});

test('a stalled log pipe never holds up a request', async ({ ownServer }) => {
  const { port, server } = ownServer;
  // Nobody reads the server's log any more: its pipe fills after about 64 KB of lines.
  server.stderr.pause();
  server.stderr.removeAllListeners('data');
  let ok = 0;
  const started = Date.now();
  for (let batch = 0; batch < 60; batch++) {
    const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(10000) }).then((r) => r.status, () => 0)));
    ok += answers.filter((s) => s === 200).length;
  }
  expect(ok, `every request answered (${Date.now() - started} ms, over 150 KB of log lines unread)`).toEqual(3000);
});

test('logs carry no message text or contact data', async ({ ownServer }) => {
  const { port, server } = ownServer;
  const secret = 'ログに出てはいけない本文';
  await fetch(`http://127.0.0.1:${port}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: randomUUID(), message: secret, consent: true, email: 'hidden@example.jp' }) });
  await expect.poll(() => server.log, { message: 'request logged' }).toContain('POST /api/feedback 201');
  expect(server.log, 'no message in the log').not.toContain(secret);
  expect(server.log, 'no address in the log').not.toContain('hidden@example.jp');
});
