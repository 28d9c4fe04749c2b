// The three places the widget lives: embedded in the city's homepage (resize message, one card
// at 320 px), a kiosk at the counter (idle warning, reset without trace, survey delivered),
// and print. axe-core in embed and kiosk modes.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, assert, assertEqual, assertIncludes, live } from './harness.mjs';
import { startServer, stop, workdir, exportRows, freePort, storedMessages } from './server-process.mjs';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axe = async (page) => (await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations.map((v) => `${v.id}: ${v.nodes[0].target}`);

export function contextTests({ base, browser }) {
  test('embed: in a 390 px host page the frame ends where the card ends, not at its starting 720 px', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(base + '/fixtures/embed-host.html');
    await page.frameLocator('#F').locator('[data-chart="konbini-yearly"]').waitFor();
    // The snippet starts the frame at 720 px; the card's messages set it to the card's height as
    // the card settles. Below the card's last line: at most its bottom padding.
    const inner = page.frames().find((f) => f.url().includes('embed=1'));
    const gap = async () => {
      const cardBottom = await inner.evaluate(() => document.getElementById('main').getBoundingClientRect().bottom);
      const frameHeight = await page.evaluate(() => document.getElementById('F').getBoundingClientRect().height);
      return frameHeight - cardBottom;
    };
    await expect.poll(gap, { message: 'the frame ends within 24 px below the card' }).toBeGreaterThanOrEqual(0);
    await expect.poll(gap, { message: 'the frame ends within 24 px below the card' }).toBeLessThanOrEqual(24);
    await context.close();
  });

  test('embed: the snippet resizes the iframe from its message; one card fits 320 px', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const page = await context.newPage();
    // A host page on the widget's own origin: the widget's CSP allows only 'self' to frame it by default.
    await page.goto(base + '/fixtures/embed-host.html');
    const frame = page.frameLocator('#F');
    await frame.locator('[data-chart="konbini-yearly"]').waitFor();
    await page.waitForFunction(() => document.getElementById('F').style.height.endsWith('px'));
    const { styled, content } = await page.evaluate(async () => {
      const f = document.getElementById('F');
      return { styled: parseInt(f.style.height, 10), content: f.contentDocument ? f.contentDocument.documentElement.scrollHeight : null };
    });
    assert(styled > 300 && styled < 2000, `height set from the message: ${styled}`);
    if (content !== null) assertEqual(styled, content, 'height matches the content');
    // A message that does not come from the iframe is ignored.
    // Messages to a window arrive in order: once the probe is here, the foreign one was handled.
    await page.evaluate(() => new Promise((resolve) => {
      window.addEventListener('message', function probe(e) { if (e.data === 'probe') { window.removeEventListener('message', probe); resolve(); } });
      window.postMessage({ type: 'reform-widget:height', height: 5 }, '*');
      window.postMessage('probe', '*');
    }));
    assertEqual(await page.evaluate(() => parseInt(document.getElementById('F').style.height, 10)), styled, 'foreign message ignored');
    const inner = page.frames().find((f) => f.url().includes('embed=1'));
    assertIncludes(await inner.textContent('h1'), '証明書コンビニ発行件数', 'title');
    assertIncludes(await inner.textContent('main'), '2023年12月時点', 'as-of date');
    assertIncludes(await inner.textContent('main'), '出典', 'source');
    assertEqual(await inner.$$eval('[data-chart] table tbody tr', (r) => r.length), 3, 'data table with target');
    // The full widget and its feedback form open in a new tab, never inside the card.
    assertEqual(await inner.$$eval('a[target="_blank"][href]', (a) => a.map((x) => new URL(x.href).pathname)), ['/feedback', '/'], 'links out of the card');
    assertEqual(await inner.$$eval('a[href]:not([target="_blank"]):not([download])', (a) => a.length), 0, 'no link that would navigate inside the card');
    assertEqual(await inner.$$eval('.site-header, .site-nav', (e) => e.length), 0, 'no page furniture');
    assert(await inner.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll at 320 px');
    await context.close();
  });

  test('embed: sensible height without the script, unknown card says so, axe 0', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const page = await context.newPage();
    await page.goto(base + '/?embed=1&card=counter-satisfaction');
    await live(page);
    await page.waitForSelector('[data-chart="counter-satisfaction"]');
    assertEqual(await axe(page), [], 'axe in embed mode');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert(height <= 1200, `the card fits the snippet's default 720 px plus a little scrolling: ${height}`);
    await page.goto(base + '/?embed=1&card=no-such-card');
    await live(page);
    await page.waitForSelector('h1');
    assertIncludes(await page.textContent('h1'), 'このグラフは見つかりませんでした', 'unknown card');
    await context.close();
  });

  test('embed snippet: 「このグラフを埋め込む」 opens the one-line snippet for the card; 「コピー」 copies it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(base + '/konbini');
    await live(page);
    const share = page.locator('[data-chart="konbini-yearly"] .embed-share');
    await share.locator('summary').click();
    const code = await share.locator('textarea').inputValue();
    assert(!code.includes('\n'), 'one line');
    assertIncludes(code, `src="${base}/?embed=1&amp;card=konbini-yearly"`, 'iframe src');
    assertIncludes(code, `<script src="${base}/embed.js" data-frame="kumamoto-reform-konbini-yearly" async></script>`, 'resize script');
    await share.locator('button[data-copy]').click();
    await expect(share.locator('[data-copy-status]')).toHaveText('コピーしました');
    assertEqual(await page.evaluate(() => navigator.clipboard.readText()), code, 'the snippet is on the clipboard');
    assertEqual(await axe(page), [], 'axe with the snippet open');
    await share.locator('summary').click();
    assertEqual(await share.getAttribute('open'), null, 'closed');
    await context.close();
  });

  test('print: A4 width, tables open, address and date on the page, nothing cut off', async () => {
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
    const page = await context.newPage();
    await page.goto(base + '/indicators');
    await live(page);
    await page.waitForSelector('[data-chart]');
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const closed = await page.$$eval('details.chart__table:not([open])', (d) => d.length);
    assertEqual(closed, 0, 'every chart table open for print');
    const header = await page.textContent('.print-header');
    assertIncludes(header, `${base}/indicators`, 'URL printed');
    assertIncludes(header, '2023年12月時点', 'as-of date printed');
    assert(await page.isVisible('.print-header'), 'header visible in print');
    assert(!(await page.isVisible('.site-nav')), 'navigation not printed');
    const overflow = await page.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.className || e.tagName).slice(0, 5));
    assertEqual(overflow, [], 'nothing wider than the page');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert((await page.$$eval('details.chart__table[open]', (d) => d.length)) === 0, 'tables closed again after printing');
    await context.close();
  });
}

/** At an unconfigured kiosk: a tap on the ward, on the first counter and on an answer, up to the comment step. */
async function toComment(page, { ward, level }) {
  await page.click(`.kiosk-answers--ward .kiosk-answer[value="${ward}"]`);
  await page.locator('.kiosk-answers--section .kiosk-answer').first().click();
  await page.click(`.kiosk-answers--satisfaction .kiosk-answer[value="${level}"]`);
  await page.waitForSelector('#comment');
}

export function kioskTests({ browser }) {
  async function withServer(fn) {
    const port = freePort();
    const dir = workdir();
    const server = await startServer({ port, dir });
    try { await fn({ port, base: `http://127.0.0.1:${port}` }); } finally { await stop(server, 'SIGKILL'); }
  }

  test('kiosk: large targets, text size, no contact fields, no link leaves the widget, axe 0', async () => {
    await withServer(async ({ base }) => {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
      const page = await context.newPage();
      await page.goto(base + '/?mode=kiosk');
      await live(page);
      await page.waitForSelector('.kiosk-survey');
      const small = await page.$$eval('button, .site-nav a, .choice--tile', (els) => els.filter((e) => e.offsetParent !== null).map((e) => [e.textContent.trim().slice(0, 12), Math.round(e.getBoundingClientRect().height)]).filter(([, h]) => h < 60));
      assertEqual(small, [], 'targets under 60 px');
      assertEqual(await page.$$eval('input[type="email"], #consent', (e) => e.length), 0, 'no contact fields');
      const leaving = await page.$$eval('a[href]', (as) => as.filter((a) => a.target === '_blank' || new URL(a.href).origin !== location.origin).map((a) => a.href));
      assertEqual(leaving, [], 'links leaving the widget');
      const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      await page.click('.text-size button:nth-child(3)');
      const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      assert(after > before * 1.3, `text size grows: ${before} → ${after}`);
      assertEqual(await axe(page), [], 'axe in kiosk mode');
      await page.goto(base + '/feedback?mode=kiosk');
      await live(page);
      await page.waitForSelector('main h1');
      assertEqual(await page.$$eval('form.form', (f) => f.length), 0, 'general form with contact fields is not offered');
      await context.close();
    });
  });

  test('kiosk: idle → warning → continue → later reset → no trace in DOM, storage or history', async () => {
    await withServer(async ({ base }) => {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      const page = await context.newPage();
      await page.clock.install();
      await page.goto(base + '/?mode=kiosk&idle=40');
      await live(page);
      await page.waitForSelector('.kiosk-survey');
      const historyAtStart = await page.evaluate(() => history.length);
      await toComment(page, { ward: 'chuo', level: 4 });
      await page.fill('#comment', '前の人のコメントです');
      await page.click('.site-nav a[href="/plan"]');
      await page.waitForSelector('.policy');
      await page.click('.site-nav a[href="/"]');
      await page.waitForSelector('.kiosk-answers--ward');
      assertEqual(await page.evaluate(() => history.length), historyAtStart, 'kiosk navigation adds no history entries');
      await toComment(page, { ward: 'chuo', level: 4 });
      await page.fill('#comment', '前の人のコメントです');
      await page.clock.runFor(41_000);
      await page.waitForSelector('[role="alertdialog"]');
      assertIncludes(await page.textContent('[role="alertdialog"]'), '残り', 'countdown');
      assertEqual(await page.evaluate(() => document.activeElement.textContent), '続ける', 'focus on continue');
      await page.clock.runFor(10_000);
      const left = Number((await page.textContent('#idle-body')).match(/残り(\d+)秒/)[1]);
      assert(left >= 19 && left <= 21, `at least 20 s to answer: ${left} s left after 10 s of 30`);
      await page.click('[role="alertdialog"] button');
      assertEqual(await page.$$eval('[role="alertdialog"]', (d) => d.length), 0, 'warning closed');
      assertEqual(await page.inputValue('#comment'), '前の人のコメントです', 'input kept after continue');
      await page.clock.runFor(41_000);
      await page.waitForSelector('[role="alertdialog"]');
      await Promise.all([page.waitForEvent('load'), page.clock.runFor(31_000)]);
      await page.waitForSelector('.kiosk-answers--ward');
      assertEqual(await page.$$eval('#comment', (c) => c.length), 0, 'back at the first question');
      assertEqual(await page.evaluate(() => document.body.innerHTML.includes('前の人のコメント')), false, 'no trace in the DOM');
      const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      assert(!storage.includes('前の人のコメント'), 'no trace in storage');
      assertEqual(await page.evaluate(() => sessionStorage.length), 0, 'session storage empty');
      assertEqual(await page.evaluate(() => history.length), historyAtStart, 'history not grown');
      await context.close();
    });
  });

  test('kiosk configured for its place: the whole screen, large answers with faces, two taps store an answer, the thank-you goes back by itself', async () => {
    await withServer(async ({ base, port }) => {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
      const page = await context.newPage();
      await page.goto(base + '/?mode=kiosk&ward=chuo&section=tax&thanks=3');
      await live(page);
      assertEqual(await page.$$eval('.kiosk-answers--ward, .kiosk-answers--section', (e) => e.length), 0, 'not asked where it is');
      assertIncludes(await page.textContent('#step-title'), '本日の窓口サービスに満足されましたか', 'the city\'s question');
      const answers = await page.$$eval('.kiosk-answer', (b) => b.map((x) => [x.value, x.textContent.trim(), x.querySelectorAll('svg circle').length > 0]));
      assertEqual(answers, [['5', 'とても満足', true], ['4', 'ほぼ満足', true], ['3', 'どちらともいえない', true], ['2', 'やや不満', true], ['1', '不満', true]], 'five answers in the indicator\'s order, each with a face');
      for (const viewport of [{ width: 1080, height: 1920 }, { width: 1920, height: 1080 }, { width: 768, height: 1024 }]) {
        await page.setViewportSize(viewport);
        const m = await page.evaluate(() => ({
          shortest: Math.min(...[...document.querySelectorAll('.kiosk-answer')].map((b) => b.getBoundingClientRect().height)),
          width: document.querySelector('form.kiosk-survey').getBoundingClientRect().width / window.innerWidth,
          scroll: document.documentElement.scrollWidth > window.innerWidth,
        }));
        assert(m.shortest >= 120, `${viewport.width}×${viewport.height}: answers at least 120 px tall (${m.shortest})`);
        assert(m.width >= 0.8, `${viewport.width}×${viewport.height}: the survey uses the screen's width (${(m.width * 100).toFixed(0)} %)`);
        assert(!m.scroll, `${viewport.width}×${viewport.height}: no sideways scrolling`);
      }
      await page.setViewportSize({ width: 1080, height: 1920 });
      assertEqual(await axe(page), [], 'axe on the answer step');
      // Two taps: the answer, then 「コメントなしで送る」.
      await page.tap('.kiosk-answer[value="4"]');
      assertIncludes(await page.textContent('#step-title'), 'ほぼ満足', 'the answer chosen is said');
      assertEqual(await page.evaluate(() => document.activeElement.id), 'step-title', 'focus moves to the new step');
      assertEqual(await axe(page), [], 'axe on the comment step');
      await page.tap('.kiosk-send button[name="no_comment"]');
      await page.waitForSelector('[data-receipt]');
      const row = (await exportRows(port)).find((r) => r[7] === 'chuo' && r[8] === 'tax');
      assertEqual([row[2], row[4], row[5]], ['counter_survey', '4', ''], 'stored after two taps, without a comment');
      assertIncludes(await page.textContent('.kiosk-returning'), 'はじめの画面にもどります', 'says it goes back');
      // Back to the start by itself (thanks=3 s here), with nothing of the previous person.
      await page.waitForEvent('load', { timeout: 10_000 });
      await live(page);
      await page.waitForSelector('.kiosk-answers--satisfaction');
      assertIncludes(page.url(), 'ward=chuo', 'the reset keeps the place');
      assertEqual(await page.$$eval('[data-receipt]', (r) => r.length), 0, 'no receipt left');
      // With a comment, and 「もどる」 to change the answer first.
      await page.tap('.kiosk-answer[value="2"]');
      await page.tap('button.kiosk-back');
      await page.tap('.kiosk-answer[value="5"]');
      await page.fill('#comment', '場所の設定つき');
      await page.tap('.kiosk-send button:not([name])');
      await page.waitForSelector('[data-receipt]');
      const commented = (await exportRows(port)).find((r) => r[5] === '場所の設定つき');
      assertEqual([commented[4], commented[7], commented[8]], ['5', 'chuo', 'tax'], 'stored with its place and the changed answer');
      await context.close();
    });
  });

  test('kiosk outbox: two answers while the server is unreachable, a reset between them: both stored exactly once', async () => {
    await withServer(async ({ base, port }) => {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      const page = await context.newPage();
      await page.route('**/api/feedback', (r) => r.abort('internetdisconnected'));
      const answer = async (comment) => {
        await live(page);
        await page.waitForSelector('.kiosk-survey');
        await toComment(page, { ward: 'nishi', level: 5 });
        await page.fill('#comment', comment);
        await page.click('.kiosk-send button:not([name])');
        await page.waitForSelector('.result');
      };
      await page.goto(base + '/?mode=kiosk');
      await answer('一人目の回答');
      await Promise.all([page.waitForEvent('load'), page.click('text=はじめの画面へ')]);
      await live(page);
      await answer('二人目の回答');
      await page.unroute('**/api/feedback');
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      assertEqual(await storedMessages(port, (m) => m.endsWith('人目の回答'), 2), ['一人目の回答', '二人目の回答'], 'both answers stored, once each');
      await context.close();
    });
  });

  test('kiosk: the counter survey is delivered to the server; an error is announced and linked; pending answers survive a reset unseen', async () => {
    await withServer(async ({ base, port }) => {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      const page = await context.newPage();
      await page.goto(base + '/?mode=kiosk');
      await live(page);
      await page.waitForSelector('.kiosk-survey');
      // Where, then which counter, each on a screen of its own.
      assertIncludes(await page.textContent('#step-title'), 'どちらの区役所', 'the ward first');
      await page.click('.kiosk-answers--ward .kiosk-answer[value="chuo"]');
      assertIncludes(await page.textContent('#step-title'), 'どの窓口', 'then the counter');
      await page.click('.kiosk-answers--section .kiosk-answer[value="tax"]');
      await page.click('.kiosk-answer[value="4"]');
      // A comment the rules refuse (an invisible control character): announced, focused, linked.
      await page.fill('#comment', '丁寧\u0007でした');
      await page.click('.kiosk-send button:not([name])');
      await page.waitForSelector('.error-summary');
      assertEqual(await page.evaluate(() => document.activeElement.className), 'error-summary', 'summary focused');
      await page.click('.error-summary a[href="#comment"]');
      assertEqual(await page.evaluate(() => document.activeElement.id), 'comment', 'the error links to its field');
      await page.fill('#comment', '丁寧でした');
      await page.click('.kiosk-send button:not([name])');
      await page.waitForSelector('[data-receipt]');
      const rows = await exportRows(port);
      const row = rows.find((r) => r[5] === '丁寧でした');
      assertEqual([row[2], row[4], row[7], row[8]], ['counter_survey', '4', 'chuo', 'tax'], 'stored as a counter survey');
      // Now the network fails: the next answer waits, the kiosk resets, the answer is delivered later.
      await page.route('**/api/feedback', (r) => r.abort('internetdisconnected'));
      await Promise.all([page.waitForEvent('load'), page.click('text=はじめの画面へ')]);
      await live(page);
      await page.waitForSelector('.kiosk-survey');
      await toComment(page, { ward: 'higashi', level: 2 });
      await page.fill('#comment', '待ち時間が長かった');
      await page.click('.kiosk-send button:not([name])');
      await page.waitForSelector('.result');
      await Promise.all([page.waitForEvent('load'), page.click('text=はじめの画面へ')]);
      await live(page);
      await page.waitForSelector('.kiosk-survey');
      assertEqual(await page.evaluate(() => document.body.innerText.includes('待ち時間が長かった')), false, 'not shown to the next person');
      await page.unroute('**/api/feedback');
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await expect.poll(async () => (await exportRows(port)).filter((r) => r[5] === '待ち時間が長かった').length, { message: 'the pending answer was delivered once' }).toBe(1);
      await context.close();
    });
  });
}
