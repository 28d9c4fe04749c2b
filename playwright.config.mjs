// Playwright's own runner for the browser suites (tests/e2e): Debian's Chromium, never a
// downloaded browser; one worker (the suites share one server, and the machine has 2 cores);
// a timeout per test; a trace kept for each failure; a JSON report that scripts/test.sh counts.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './tests/e2e/pages.mjs';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: /.*\.spec\.mjs$/,
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  globalSetup: './tests/e2e/global-setup.mjs',
  outputDir: 'target/test-results/playwright',
  reporter: [['list'], ['json', { outputFile: 'target/test-results/browser-report.json' }]],
  use: {
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
});
