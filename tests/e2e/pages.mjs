// Waiting for a page the way the widget says it is ready, and Debian's Chromium for the scripts
// outside the test runner (benchmarks, screenshots). Assertions are Playwright's own `expect`.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { PAGES } from './server-process.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

export function launch(extraArgs = []) {
  // Debian's Chromium; never a downloaded browser.
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** The page's script has run and it shows a screen heading: the app has taken over the server's
 * HTML (a form, a kiosk), a reading screen's read.js has run, or an embedded card's height script. */
export function appReady(page, timeout = 15000) {
  return page.waitForFunction(() => ['hydrated', 'readerReady', 'cardReady'].some((k) => document.documentElement.dataset[k] === 'true') && document.querySelector('main h1'), null, { timeout });
}

/** Waits until the page's script has run (before that, a form posts to the server as it would
 * without script): the app where it starts, read.js on a reading screen, card.js in an embed. */
export function live(page, timeout = 15000) {
  return page.waitForFunction(() => ['hydrated', 'readerReady', 'cardReady'].some((k) => document.documentElement.dataset[k] === 'true'), null, { timeout });
}

/** Waits until the app itself has taken over (a form or a kiosk: where it starts). */
export function hydrated(page, timeout = 15000) {
  return page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout });
}

/** On a phone the menu is a disclosure: open it (if closed) so its links can be clicked. */
export async function openMenu(page) {
  if (await page.isVisible('.site-nav__toggle') && !(await page.getAttribute('.site-nav__menu', 'open') !== null)) {
    await page.locator('.site-nav__toggle').click();
  }
}

/** Every place a reader meets the widget, as the やさしい日本語 sweep (test and benchmark) visits it. */
export const EVERY_SCREEN = [...PAGES, '/?mode=kiosk', '/?embed=1&card=konbini-yearly'];

/** Of the kanji shown on the page (header, screen and footer), how many are inside <ruby> with
 * a reading (the readings themselves not counted), and the kanji most often shown bare. */
export function kanjiWithReadings(page) {
  return page.evaluate(() => {
    const isKanji = (c) => /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]/u.test(c);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let kanji = 0, withReading = 0;
    const bare = new Map();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('rt, rp, script, style, [hidden]') || el.getClientRects().length === 0) continue;
      const inRuby = Boolean(el.closest('ruby'));
      for (const c of n.textContent) {
        if (!isKanji(c)) continue;
        kanji++;
        if (inRuby) withReading++;
        else bare.set(c, (bare.get(c) || 0) + 1);
      }
    }
    return { kanji, withReading, bare: [...bare].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([c]) => c).join('') };
  });
}

/** Requests of `on` (a page or a browser context) matching `url` get what the server sends,
 * uncompressed, rewritten by `change`: a style or markup lever compared with the build. */
export const rewriteServed = (on, url, change) => on.route(url, async (route) => {
  const served = await route.fetch({ headers: { ...route.request().headers(), 'accept-encoding': 'identity' } });
  await route.fulfill({ response: served, body: change(await served.text()) });
});

/** The rules every screen is held to: WCAG 2.2 AA (JIS X 8341-3 AA), as axe-core tags them. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core over the whole page. Boxes a phone lays out only as they come into view
 * (`content-visibility: auto`, issue 36) are laid out first; unlaid, axe could not check their
 * contrast. Their layout is the same either way (deferred-rendering.spec.mjs). */
export async function axe(page) {
  await page.evaluate(() => {
    for (const e of document.querySelectorAll('*')) if (getComputedStyle(e).contentVisibility === 'auto') e.style.contentVisibility = 'visible';
  });
  return new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
}

/** The page's axe violations, a line each (rule and first element): what a test expects to be empty. */
export const axeViolations = async (page) => (await axe(page)).violations.map((v) => `${v.id}: ${v.nodes[0].target}`);
