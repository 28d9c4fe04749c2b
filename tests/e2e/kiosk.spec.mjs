// A kiosk at a ward office's counter: large targets, the survey one step at a time, the idle
// warning and the reset without trace, answers delivered once through the outbox. axe-core too.
import { test, expect } from './fixtures.mjs';
import { live, axeViolations } from './pages.mjs';
import { exportRows, storedMessages } from './server-process.mjs';


/** At an unconfigured kiosk: a tap on the ward, on the first counter and on an answer, up to the comment step. */
async function toComment(page, { ward, level }) {
  await page.locator(`.kiosk-answers--ward .kiosk-answer[value="${ward}"]`).click();
  await page.locator('.kiosk-answers--section .kiosk-answer').first().click();
  await page.locator(`.kiosk-answers--satisfaction .kiosk-answer[value="${level}"]`).click();
  await expect(page.locator('#comment').first()).toBeVisible();
}

test('kiosk: large targets, text size, no contact fields, no link leaves the widget, axe 0', async ({ newContext, ownServer }) => {
  const { base } = ownServer;
  const context = await newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(base + '/?mode=kiosk');
  await live(page);
  await expect(page.locator('.kiosk-survey').first()).toBeVisible();
  const small = await page.$$eval('button, .site-nav a, .choice--tile', (els) => els.filter((e) => e.offsetParent !== null).map((e) => [e.textContent.trim().slice(0, 12), Math.round(e.getBoundingClientRect().height)]).filter(([, h]) => h < 60));
  expect(small, 'targets under 60 px').toEqual([]);
  await expect(page.locator('input[type="email"], #consent'), 'no contact fields').toHaveCount(0);
  const leaving = await page.$$eval('a[href]', (as) => as.filter((a) => a.target === '_blank' || new URL(a.href).origin !== location.origin).map((a) => a.href));
  expect(leaving, 'links leaving the widget').toEqual([]);
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.locator('.text-size button:nth-child(3)').click();
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(after, `text size grows from ${before}`).toBeGreaterThan(before * 1.3);
  expect(await axeViolations(page), 'axe in kiosk mode').toEqual([]);
  await page.goto(base + '/feedback?mode=kiosk');
  await live(page);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('form.form'), 'general form with contact fields is not offered').toHaveCount(0);
  await context.close();
});

test('kiosk: idle → warning → continue → later reset → no trace in DOM, storage or history', async ({ newContext, ownServer }) => {
  const { base } = ownServer;
  const context = await newContext({ viewport: { width: 1080, height: 1920 } });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(base + '/?mode=kiosk&idle=40');
  await live(page);
  await expect(page.locator('.kiosk-survey').first()).toBeVisible();
  const historyAtStart = await page.evaluate(() => history.length);
  await toComment(page, { ward: 'chuo', level: 4 });
  await page.locator('#comment').fill('前の人のコメントです');
  await page.locator('.site-nav a[href="/plan"]').click();
  await expect(page.locator('.policy').first()).toBeVisible();
  await page.locator('.site-nav a[href="/"]').click();
  await expect(page.locator('.kiosk-answers--ward').first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => history.length), 'kiosk navigation adds no history entries').toEqual(historyAtStart);
  await toComment(page, { ward: 'chuo', level: 4 });
  await page.locator('#comment').fill('前の人のコメントです');
  await page.clock.runFor(41_000);
  await expect(page.locator('[role="alertdialog"]').first()).toBeVisible();
  await expect(page.locator('[role="alertdialog"]'), 'countdown').toContainText('残り');
  await expect.poll(() => page.evaluate(() => document.activeElement.textContent), 'focus on continue').toEqual('続ける');
  await page.clock.runFor(10_000);
  const left = Number((await page.textContent('#idle-body')).match(/残り(\d+)秒/)[1]);
  expect(left, 'seconds left after 10 s of 30: at least 20 s to answer').toBeGreaterThanOrEqual(19);
  expect(left, 'seconds left after 10 s of 30').toBeLessThanOrEqual(21);
  await page.locator('[role="alertdialog"] button').click();
  await expect(page.locator('[role="alertdialog"]'), 'warning closed').toHaveCount(0);
  await expect(page.locator('#comment'), 'input kept after continue').toHaveValue('前の人のコメントです');
  await page.clock.runFor(41_000);
  await expect(page.locator('[role="alertdialog"]').first()).toBeVisible();
  await Promise.all([page.waitForEvent('load'), page.clock.runFor(31_000)]);
  await expect(page.locator('.kiosk-answers--ward').first()).toBeVisible();
  await expect(page.locator('#comment'), 'back at the first question').toHaveCount(0);
  await expect.poll(() => page.evaluate(() => document.body.innerHTML.includes('前の人のコメント')), 'no trace in the DOM').toEqual(false);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(storage, 'no trace in storage').not.toContain('前の人のコメント');
  await expect.poll(() => page.evaluate(() => sessionStorage.length), 'session storage empty').toEqual(0);
  await expect.poll(() => page.evaluate(() => history.length), 'history not grown').toEqual(historyAtStart);
  await context.close();
});

test('kiosk configured for its place: the whole screen, large answers with faces, two taps store an answer, the thank-you goes back by itself', async ({ newContext, ownServer }) => {
  const { base, port } = ownServer;
  const context = await newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(base + '/?mode=kiosk&ward=chuo&section=tax&thanks=3');
  await live(page);
  await expect(page.locator('.kiosk-answers--ward, .kiosk-answers--section'), 'not asked where it is').toHaveCount(0);
  await expect(page.locator('#step-title'), 'the city\'s question').toContainText('本日の窓口サービスに満足されましたか');
  const answers = await page.$$eval('.kiosk-answer', (b) => b.map((x) => [x.value, x.textContent.trim(), x.querySelectorAll('svg circle').length > 0]));
  expect(answers, 'five answers in the indicator\'s order, each with a face').toEqual([['5', 'とても満足', true], ['4', 'ほぼ満足', true], ['3', 'どちらともいえない', true], ['2', 'やや不満', true], ['1', '不満', true]]);
  for (const viewport of [{ width: 1080, height: 1920 }, { width: 1920, height: 1080 }, { width: 768, height: 1024 }]) {
    await page.setViewportSize(viewport);
    const m = await page.evaluate(() => ({
      shortest: Math.min(...[...document.querySelectorAll('.kiosk-answer')].map((b) => b.getBoundingClientRect().height)),
      width: document.querySelector('form.kiosk-survey').getBoundingClientRect().width / window.innerWidth,
      scroll: document.documentElement.scrollWidth > window.innerWidth,
    }));
    expect(m.shortest, `${viewport.width}×${viewport.height}: answers at least 120 px tall`).toBeGreaterThanOrEqual(120);
    expect(m.width, `${viewport.width}×${viewport.height}: the share of the screen's width the survey uses`).toBeGreaterThanOrEqual(0.8);
    expect(m.scroll, `${viewport.width}×${viewport.height}: sideways scrolling`).toBe(false);
  }
  await page.setViewportSize({ width: 1080, height: 1920 });
  expect(await axeViolations(page), 'axe on the answer step').toEqual([]);
  // Two taps: the answer, then 「コメントなしで送る」.
  await page.tap('.kiosk-answer[value="4"]');
  await expect(page.locator('#step-title'), 'the answer chosen is said').toContainText('ほぼ満足');
  await expect.poll(() => page.evaluate(() => document.activeElement.id), 'focus moves to the new step').toEqual('step-title');
  expect(await axeViolations(page), 'axe on the comment step').toEqual([]);
  await page.tap('.kiosk-send button[name="no_comment"]');
  await expect(page.locator('[data-receipt]').first()).toBeVisible();
  const row = (await exportRows(port)).find((r) => r[7] === 'chuo' && r[8] === 'tax');
  expect([row[2], row[4], row[5]], 'stored after two taps, without a comment').toEqual(['counter_survey', '4', '']);
  await expect(page.locator('.follow-qr'), 'a rating alone has nothing to follow').toHaveCount(0);
  await expect(page.locator('.kiosk-returning'), 'says it goes back').toContainText('はじめの画面にもどります');
  // Back to the start by itself (thanks=3 s here), with nothing of the previous person.
  await page.waitForEvent('load', { timeout: 10_000 });
  await live(page);
  await expect(page.locator('.kiosk-answers--satisfaction').first()).toBeVisible();
  expect(page.url(), 'the reset keeps the place').toContain('ward=chuo');
  await expect(page.locator('[data-receipt]'), 'no receipt left').toHaveCount(0);
  // With a comment, and 「もどる」 to change the answer first.
  await page.tap('.kiosk-answer[value="2"]');
  await page.tap('button.kiosk-back');
  await page.tap('.kiosk-answer[value="5"]');
  await page.locator('#comment').fill('場所の設定つき');
  await page.tap('.kiosk-send button:not([name])');
  await expect(page.locator('[data-receipt]').first()).toBeVisible();
  const commented = (await exportRows(port)).find((r) => r[5] === '場所の設定つき');
  expect([commented[4], commented[7], commented[8]], 'stored with its place and the changed answer').toEqual(['5', 'chuo', 'tax']);
  // A comment can be followed: its private page as a QR code to take away, never a link to tap.
  const qr = page.locator('.follow-qr img');
  await expect(qr).toHaveAttribute('src', /^\/voices\/mine\/[0-9a-f]{64}\/qr\.svg\?lang=ja$/);
  await expect.poll(() => qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code is drawn').toBe(true);
  await expect(page.locator('a[href^="/voices/mine/"]')).toHaveCount(0);
  const followed = await context.request.get(base + (await qr.getAttribute('src')).replace(/\/qr\.svg\?lang=ja$/, ''));
  expect(followed.status(), 'the QR code leads to the comment\'s page').toBe(200);
  expect(await followed.text()).toContain('受け付けました');
  expect(await axeViolations(page), 'axe on the thank-you with its QR code').toEqual([]);
  await context.close();
});

test('kiosk outbox: two answers while the server is unreachable, a reset between them: both stored exactly once', async ({ newContext, ownServer }) => {
  const { base, port } = ownServer;
  const context = await newContext({ viewport: { width: 1080, height: 1920 } });
  const page = await context.newPage();
  await page.route('**/api/feedback', (r) => r.abort('internetdisconnected'));
  const answer = async (comment) => {
    await live(page);
    await expect(page.locator('.kiosk-survey').first()).toBeVisible();
    await toComment(page, { ward: 'nishi', level: 5 });
    await page.locator('#comment').fill(comment);
    await page.locator('.kiosk-send button:not([name])').click();
    await expect(page.locator('.result').first()).toBeVisible();
  };
  await page.goto(base + '/?mode=kiosk');
  await answer('一人目の回答');
  await Promise.all([page.waitForEvent('load'), page.getByText('はじめの画面へ').click()]);
  await live(page);
  await answer('二人目の回答');
  await page.unroute('**/api/feedback');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  expect(await storedMessages(port, (m) => m.endsWith('人目の回答'), 2), 'both answers stored, once each').toEqual(['一人目の回答', '二人目の回答']);
  await context.close();
});

test('kiosk: the counter survey is delivered to the server; an error is announced and linked; pending answers survive a reset unseen', async ({ newContext, ownServer }) => {
  const { base, port } = ownServer;
  const context = await newContext({ viewport: { width: 1080, height: 1920 } });
  const page = await context.newPage();
  await page.goto(base + '/?mode=kiosk');
  await live(page);
  await expect(page.locator('.kiosk-survey').first()).toBeVisible();
  // Where, then which counter, each on a screen of its own.
  await expect(page.locator('#step-title'), 'the ward first').toContainText('どちらの区役所');
  await page.locator('.kiosk-answers--ward .kiosk-answer[value="chuo"]').click();
  await expect(page.locator('#step-title'), 'then the counter').toContainText('どの窓口');
  await page.locator('.kiosk-answers--section .kiosk-answer[value="tax"]').click();
  await page.locator('.kiosk-answer[value="4"]').click();
  // A comment the rules refuse (an invisible control character): announced, focused, linked.
  await page.locator('#comment').fill('丁寧\u0007でした');
  await page.locator('.kiosk-send button:not([name])').click();
  await expect(page.locator('.error-summary').first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.activeElement.className), 'summary focused').toEqual('error-summary');
  await page.locator('.error-summary a[href="#comment"]').click();
  await expect.poll(() => page.evaluate(() => document.activeElement.id), 'the error links to its field').toEqual('comment');
  await page.locator('#comment').fill('丁寧でした');
  await page.locator('.kiosk-send button:not([name])').click();
  await expect(page.locator('[data-receipt]').first()).toBeVisible();
  const rows = await exportRows(port);
  const row = rows.find((r) => r[5] === '丁寧でした');
  expect([row[2], row[4], row[7], row[8]], 'stored as a counter survey').toEqual(['counter_survey', '4', 'chuo', 'tax']);
  // Now the network fails: the next answer waits, the kiosk resets, the answer is delivered later.
  await page.route('**/api/feedback', (r) => r.abort('internetdisconnected'));
  await Promise.all([page.waitForEvent('load'), page.getByText('はじめの画面へ').click()]);
  await live(page);
  await expect(page.locator('.kiosk-survey').first()).toBeVisible();
  await toComment(page, { ward: 'higashi', level: 2 });
  await page.locator('#comment').fill('待ち時間が長かった');
  await page.locator('.kiosk-send button:not([name])').click();
  await expect(page.locator('.result').first()).toBeVisible();
  await Promise.all([page.waitForEvent('load'), page.getByText('はじめの画面へ').click()]);
  await live(page);
  await expect(page.locator('.kiosk-survey').first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.body.innerText.includes('待ち時間が長かった')), 'not shown to the next person').toEqual(false);
  await page.unroute('**/api/feedback');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(async () => (await exportRows(port)).filter((r) => r[5] === '待ち時間が長かった').length, { message: 'the pending answer was delivered once' }).toBe(1);
  await context.close();
});
