// Helpers for the browser suites, which run under Playwright's own runner (playwright.config.mjs):
// `test` registers a Playwright test whose contexts are always closed, pass or fail; the
// assertions below say what was expected in the suites' own words.
import { chromium } from 'playwright-core';
import { test as playwrightTest, expect } from '@playwright/test';

export { expect };

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

export function launch() {
  // Debian's Chromium; never a downloaded browser.
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
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
    await page.click('.site-nav__toggle');
  }
}

/** The running test's browser (Playwright's, Debian's Chromium) and the contexts it opened. */
const current = { browser: null, contexts: [] };

/** What the suites open contexts with: every context is closed after its test, pass or fail. */
export const browser = {
  // The service worker stays out of a test's way (it would answer requests the test routes)
  // unless the test asks for it (`serviceWorkers: 'allow'`: the offline suite).
  async newContext(options = {}) {
    const context = await current.browser.newContext({ serviceWorkers: 'block', ...options });
    current.contexts.push(context);
    return context;
  },
};

/** Registers a test (run in file order; one worker shares the server). */
export function test(name, fn) {
  playwrightTest(name, async ({ browser: playwrightBrowser }) => {
    current.browser = playwrightBrowser;
    current.contexts = [];
    try {
      await fn();
    } finally {
      await Promise.all(current.contexts.map((c) => c.close().catch(() => {})));
    }
  });
}

export function assert(cond, message) { if (!cond) throw new Error(message); }
export function assertEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
export function assertIncludes(text, part, what) {
  if (!String(text).includes(part)) throw new Error(`${what}: ${JSON.stringify(part)} not found in ${JSON.stringify(String(text).slice(0, 400))}…`);
}
