// A phone lays out cards and indicators only as they come into view (`content-visibility: auto`,
// issue 36). What a reader meets must not change: every element's box is where it is when the
// whole page is laid out at once, a box below the first screen is laid out when it is scrolled to
// and is in the accessibility tree before that, and a focus ring at a box's edge is drawn whole.
import { test, expect } from './fixtures.mjs';
import { READING_PAGES } from './server-process.mjs';
import { launch, rewriteServed } from './pages.mjs';

const LANGUAGES = ['', 'lang=en', 'lang=ja-easy', 'furigana=on'];
const WIDTH = 412;
// Tall enough that every box is in view, so each is laid out with or without deferral.
const WHOLE_PAGE = { height: 16000 };

/** Every element of the body, with its box. */
const boxes = (page) => page.evaluate(() => [...document.body.querySelectorAll('*')].map((e) => {
  const r = e.getBoundingClientRect();
  return `${e.tagName.toLowerCase()}.${e.getAttribute('class') || ''} ${r.x} ${r.y} ${r.width} ${r.height}`;
}));

/** The style sheet as served with deferral turned off: the page as it was before. */
const withoutDeferral = (context) => rewriteServed(context, '**/style.css', (css) => `${css}\n* { content-visibility: visible !important; }`);

for (const width of [WIDTH, 1280]) test(`deferred layout moves no box: every reading screen in every language at ${width} px, as laid out whole`, async ({ base, newContext }) => {
  const deferred = await newContext({ viewport: { ...WHOLE_PAGE, width } });
  const whole = await newContext({ viewport: { ...WHOLE_PAGE, width } });
  await withoutDeferral(whole);
  const [a, b] = [await deferred.newPage(), await whole.newPage()];
  let compared = 0;
  let deferredBoxes = 0;
  for (const path of READING_PAGES) {
    for (const language of LANGUAGES) {
      const url = `${base}${path}${language ? `?${language}` : ''}`;
      await Promise.all([a.goto(url), b.goto(url)]);
      const [cards, waiting] = await a.evaluate(() => {
        const all = [...document.querySelectorAll('.card, .indicator-detail')];
        return [all.length, all.filter((e) => getComputedStyle(e).contentVisibility === 'auto').length];
      });
      expect(waiting, `${url}: every card and indicator box deferred as served`).toBe(cards);
      deferredBoxes += cards;
      expect(await b.evaluate(() => [...document.querySelectorAll('*')].some((e) => getComputedStyle(e).contentVisibility === 'auto')), `${url}: nothing deferred in the comparison`).toBe(false);
      // The browser lays out a box that came into view in the frame after it found it there: wait
      // until every deferred box's content is laid out (each is in this tall view).
      await expect.poll(() => a.evaluate(() => [...document.querySelectorAll('.card, .indicator-detail')]
        .every((e) => !e.firstElementChild || e.firstElementChild.checkVisibility({ contentVisibilityAuto: true }))), `${url}: deferred boxes laid out`).toBe(true);
      const [mine, before] = [await boxes(a), await boxes(b)];
      expect(mine.length, `${url}: elements`).toBe(before.length);
      const moved = mine.map((box, i) => (box === before[i] ? null : `${before[i]} → ${box}`)).filter(Boolean);
      expect(moved.slice(0, 3), `${url}: boxes moved`).toEqual([]);
      compared += mine.length;
    }
  }
  expect(compared, 'elements compared').toBeGreaterThan(10000);
  expect(deferredBoxes, 'deferred boxes among them').toBeGreaterThan(100);
});

test('a card below the first screen is laid out when scrolled to, and a screen reader reads it before that', async ({ base }) => {
  // As with a screen reader running: Chromium builds its whole accessibility tree only then.
  const browser = await launch(['--force-renderer-accessibility']);
  try {
    const headings = async (deferred) => {
      const context = await browser.newContext({ viewport: { width: WIDTH, height: 823 } });
      if (!deferred) await withoutDeferral(context);
      const page = await context.newPage();
      await page.goto(`${base}/indicators?lang=ja-easy`);
      const last = page.locator('.indicator-detail').last().locator('h3');
      const laidOut = () => last.evaluate((h) => h.checkVisibility({ contentVisibilityAuto: true }));
      const waiting = !(await laidOut());
      const cdp = await context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      // Spaces aside: a name computed before layout has a space at each ruby's edge.
      const names = nodes.filter((n) => !n.ignored && n.role?.value === 'heading').map((n) => n.name?.value.replace(/\s+/g, ''));
      if (deferred) {
        await last.scrollIntoViewIfNeeded();
        await expect.poll(laidOut, 'laid out once in view').toBe(true);
      }
      await context.close();
      return { waiting, names };
    };
    const [deferred, whole] = [await headings(true), await headings(false)];
    expect(deferred.waiting, 'the last indicator waits, out of view').toBe(true);
    expect(whole.waiting, 'nothing waits without deferral').toBe(false);
    expect(deferred.names.length, 'headings read: the screen, its parts and its nine indicators').toBeGreaterThanOrEqual(14);
    expect(deferred.names, 'the headings a screen reader finds').toEqual(whole.names);
  } finally {
    await browser.close();
  }
});

test('a focus ring at a deferred box’s edge is drawn whole', async ({ base, newContext }) => {
  const context = await newContext({ viewport: { width: WIDTH, height: 823 } });
  const page = await context.newPage();
  await page.goto(`${base}/indicators`);
  const detail = page.locator('.indicator-detail').first();
  const summary = detail.locator('.chart__table summary');
  await summary.scrollIntoViewIfNeeded();
  const [edge, box] = [await detail.boundingBox(), await summary.boundingBox()];
  expect(box.x, 'the disclosure starts at the box’s left edge').toBe(edge.x);
  // The strip just outside the box, level with the disclosure: the ring is drawn there.
  const strip = { x: edge.x - 5, y: box.y + box.height / 2, width: 4, height: 2 };
  const blurred = await page.screenshot({ clip: strip });
  await summary.focus();
  await expect(summary).toBeFocused();
  expect((await page.screenshot({ clip: strip })).equals(blurred), 'ring drawn outside the box').toBe(false);
  await context.close();
});

// A form field inside a closed disclosure costs Chromium forced layouts of the hidden box once
// the page has parsed, four per field (measured: 36 on /indicators when each chart's embed snippet
// was a field).
test('no closed disclosure holds a form field, so the page’s end of parsing forces no layout of hidden boxes', async ({ base, browser, newContext }) => {
  const context = await newContext({ viewport: { width: WIDTH, height: 823 } });
  const page = await context.newPage();
  for (const path of READING_PAGES) {
    for (const language of LANGUAGES) {
      await page.goto(`${base}${path}${language ? `?${language}` : ''}`);
      const fields = await page.locator('details:not([open]) :is(textarea, input, select)').count();
      expect(fields, `${path}?${language}: fields in closed disclosures`).toBe(0);
    }
  }
  // The cost itself, counted (not timed) in a trace of /indicators, where nine charts each have a
  // closed snippet: the layouts forced while the parser finishes stay fewer than the snippets.
  const fresh = await context.newPage();
  await browser.startTracing(fresh, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', '__metadata', 'blink'] });
  await fresh.goto(`${base}/indicators`, { waitUntil: 'load' });
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const snippets = await fresh.locator('details:not([open]) .embed-code').count();
  const finished = events.filter((e) => e.name === 'Document::FinishedParsing' && e.ph === 'X').sort((a, b) => b.dur - a.dur)[0];
  const forced = events.filter((e) => e.name === 'Blink.ForcedStyleAndLayout.UpdateTime' && e.pid === finished.pid && e.tid === finished.tid
    && e.ts >= finished.ts && e.ts <= finished.ts + finished.dur).length;
  expect(snippets, 'the charts’ closed snippets').toBe(9);
  expect(forced, 'layouts forced at the end of parsing').toBeLessThan(snippets);
  await context.close();
});
