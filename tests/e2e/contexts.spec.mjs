// Embedded in the city's homepage (the resize message, one card at 320 px, the snippet to copy)
// and printed (A4, tables open, the address on the page). axe-core in embed mode.
import { test, expect } from './fixtures.mjs';
import { live, axeViolations } from './pages.mjs';


test('embed: in a 390 px host page the frame ends where the card ends, not at its starting 720 px', async ({ base, newContext, allowConsole }) => {
  // The host page here is served under the widget's own CSP, which refuses the snippet's style
  // attribute; a city's page has its own policy.
  allowConsole(/Applying inline style violates/);
  const context = await newContext({ viewport: { width: 390, height: 844 } });
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

test('embed: the snippet resizes the iframe from its message; one card fits 320 px', async ({ base, newContext, allowConsole }) => {
  // The host page here is served under the widget's own CSP, which refuses the snippet's style
  // attribute; a city's page has its own policy.
  allowConsole(/Applying inline style violates/);
  const context = await newContext({ viewport: { width: 320, height: 700 } });
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
  expect(styled, 'height set from the message').toBeGreaterThan(300);
  expect(styled, 'height set from the message').toBeLessThan(2000);
  if (content !== null) expect(styled, 'height matches the content').toEqual(content);
  // A message that does not come from the iframe is ignored.
  // Messages to a window arrive in order: once the probe is here, the foreign one was handled.
  await page.evaluate(() => new Promise((resolve) => {
    window.addEventListener('message', function probe(e) { if (e.data === 'probe') { window.removeEventListener('message', probe); resolve(); } });
    window.postMessage({ type: 'reform-widget:height', height: 5 }, '*');
    window.postMessage('probe', '*');
  }));
  await expect.poll(() => page.evaluate(() => parseInt(document.getElementById('F').style.height, 10)), 'foreign message ignored').toEqual(styled);
  const inner = page.frames().find((f) => f.url().includes('embed=1'));
  await expect(inner.locator('h1'), 'title').toContainText('証明書コンビニ発行件数');
  await expect(inner.locator('main'), 'as-of date').toContainText('2023年12月時点');
  await expect(inner.locator('main'), 'source').toContainText('出典');
  await expect(inner.locator('[data-chart] table tbody tr'), 'data table with target').toHaveCount(3);
  // The full widget and its feedback form open in a new tab, never inside the card.
  await expect.poll(() => inner.$$eval('a[target="_blank"][href]', (a) => a.map((x) => new URL(x.href).pathname)), 'links out of the card').toEqual(['/feedback', '/']);
  await expect(inner.locator('a[href]:not([target="_blank"]):not([download]):not(.furigana-switch)'), 'no link that would navigate inside the card').toHaveCount(0);
  // But ふりがな: the same card again, with readings.
  await expect(inner.locator('.furigana-switch')).toHaveAttribute('href', '/?embed=1&card=konbini-yearly&furigana=on');
  await expect(inner.locator('.site-header, .site-nav'), 'no page furniture').toHaveCount(0);
  await expect.poll(() => inner.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'pixels of horizontal scroll at 320 px').toBeLessThanOrEqual(0);
  await context.close();
});

test('embed: sensible height without the script, unknown card says so, axe 0', async ({ base, newContext }) => {
  const context = await newContext({ viewport: { width: 320, height: 700 } });
  const page = await context.newPage();
  await page.goto(base + '/?embed=1&card=counter-satisfaction');
  await live(page);
  await expect(page.locator('[data-chart="counter-satisfaction"]').first()).toBeVisible();
  expect(await axeViolations(page), 'axe in embed mode').toEqual([]);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height, 'the card fits the snippet\'s default 720 px plus a little scrolling').toBeLessThanOrEqual(1200);
  await page.goto(base + '/?embed=1&card=no-such-card');
  await live(page);
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('h1'), 'unknown card').toContainText('このグラフは見つかりませんでした');
  await context.close();
});

test('embed snippet: 「このグラフを埋め込む」 opens the one-line snippet for the card; 「コピー」 copies it', async ({ base, newContext }) => {
  const context = await newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(base + '/konbini');
  await live(page);
  const share = page.locator('[data-chart="konbini-yearly"] .embed-share');
  await share.locator('summary').click();
  const code = await share.locator('.embed-code').textContent();
  expect(code, 'one line').not.toContain('\n');
  expect(code, 'iframe src').toContain(`src="${base}/?embed=1&amp;card=konbini-yearly"`);
  expect(code, 'resize script').toContain(`<script src="${base}/embed.js" data-frame="reform-widget-konbini-yearly" async></script>`);
  // To copy by hand, one click on the snippet selects all of it.
  await share.locator('.embed-code').click();
  expect(await page.evaluate(() => getSelection().toString()), 'one click selects the snippet').toEqual(code);
  await share.locator('button[data-copy]').click();
  await expect(share.locator('[data-copy-status]')).toHaveText('コピーしました');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), 'the snippet is on the clipboard').toEqual(code);
  expect(await axeViolations(page), 'axe with the snippet open').toEqual([]);
  await share.locator('summary').click();
  await expect.poll(() => share.getAttribute('open'), 'closed').toEqual(null);
  await context.close();
});

test('print: A4 width, tables open, address and date on the page, nothing cut off', async ({ base, newContext }) => {
  const context = await newContext({ viewport: { width: 794, height: 1123 } });
  const page = await context.newPage();
  await page.goto(base + '/indicators');
  await live(page);
  await expect(page.locator('[data-chart]').first()).toBeVisible();
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const closed = await page.$$eval('details.chart__table:not([open])', (d) => d.length);
  expect(closed, 'every chart table open for print').toEqual(0);
  const header = await page.textContent('.print-header');
  expect(header, 'URL printed').toContain(`${base}/indicators`);
  expect(header, 'as-of date printed').toContain('2023年12月時点');
  await expect(page.locator('.print-header'), 'header visible in print').toBeVisible();
  await expect(page.locator('.site-nav'), 'navigation not printed').toBeHidden();
  const overflow = await page.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.className || e.tagName).slice(0, 5));
  expect(overflow, 'nothing wider than the page').toEqual([]);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect(page.locator('details.chart__table[open]'), 'tables closed again after printing').toHaveCount(0);
  await context.close();
});
