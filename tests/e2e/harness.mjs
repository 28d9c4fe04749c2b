// A minimal test harness for the browser suites: named tests run in order, each failure is
// printed with its reason, and the totals are returned for the overall `N passed, N failed` line.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

export function launch() {
  // Debian's Chromium; never a downloaded browser.
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** The app has taken over the server's HTML (hydrated) and shows a screen heading. */
export function appReady(page, timeout = 15000) {
  return page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true' && document.querySelector('main h1'), null, { timeout });
}

/** Waits until the app has taken over the server's page (before that, a form posts to the server
 * as it would without script). */
export function live(page, timeout = 15000) {
  return page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout });
}

/** On a phone the menu is a disclosure: open it (if closed) so its links can be clicked. */
export async function openMenu(page) {
  if (await page.isVisible('.site-nav__toggle') && !(await page.getAttribute('.site-nav__menu', 'open') !== null)) {
    await page.click('.site-nav__toggle');
  }
}

const tests = [];
export function test(name, fn) { tests.push({ name, fn }); }

export function assert(cond, message) { if (!cond) throw new Error(message); }
export function assertEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
export function assertIncludes(text, part, what) {
  if (!String(text).includes(part)) throw new Error(`${what}: ${JSON.stringify(part)} not found in ${JSON.stringify(String(text).slice(0, 400))}…`);
}

/** Runs every registered test (or those whose name contains `filter`). */
export async function run(filter = '') {
  let passed = 0, failed = 0;
  for (const t of tests) {
    if (filter && !t.name.includes(filter)) continue;
    const started = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`  ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`  FAIL ${t.name}\n       ${String(e && e.stack || e).split('\n').slice(0, 4).join('\n       ')}`);
    }
  }
  return { passed, failed };
}
