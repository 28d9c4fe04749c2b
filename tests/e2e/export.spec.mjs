// The static export served by a plain file server: pages hydrate, read without script in each
// language, and move to a snapshot published after the export.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './static-server.mjs';
import { test, expect } from './fixtures.mjs';
import { appReady } from './pages.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const HISTORY = ROOT + 'tests/fixtures/history/';

test('static export: every route × language as files; hydrates; readable without script; moves to a newer snapshot', async ({ newContext, consoleProblems }) => {
  // Export from a manifest that lists only the older snapshot.
  const source = mkdtempSync(join(tmpdir(), 'export-src-'));
  mkdirSync(join(source, 'snapshots'));
  copyFileSync(HISTORY + 'snapshots/2023-12-test.json', join(source, 'snapshots/2023-12-test.json'));
  const full = JSON.parse(readFileSync(HISTORY + 'index.json', 'utf8'));
  writeFileSync(join(source, 'index.json'), JSON.stringify({ ...full, latest: '2023-12-test', snapshots: full.snapshots.filter((s) => s.id === '2023-12-test') }));
  const out = mkdtempSync(join(tmpdir(), 'export-out-'));
  const said = execFileSync(ROOT + 'target/debug/widget-export', ['--out', out, '--manifest', join(source, 'index.json'), '--dist', ROOT + 'dist']).toString();
  expect(said, 'every route × language: 9 screens × 3').toContain('wrote 27 pages');
  const server = await serve(out, 0);
  const site = `http://127.0.0.1:${server.address().port}`;
  const noScript = await newContext({ javaScriptEnabled: false });
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  try {
    const plain = await noScript.newPage();
    await plain.goto(site + '/en/konbini/');
    await expect(plain.locator('main h1'), 'English page without script').toContainText('convenience stores');
    await expect(plain.locator('html'), 'lang').toHaveAttribute('lang', 'en');
    await plain.locator('.lang-switch a[lang="ja"]:has-text("やさしい")').click();
    expect(new URL(plain.url()).pathname, 'the switch links to the other language\'s file').toEqual('/ja-easy/konbini/');
    await expect(plain.locator('html'), 'やさしい日本語 without script').toHaveAttribute('data-locale', 'ja-easy');
    await plain.locator('.lang-switch a:has-text("English")').click();
    expect(new URL(plain.url()).pathname, 'and back').toEqual('/en/konbini/');

    const page = await context.newPage();
    const problems = consoleProblems.seen;
    await page.goto(site + '/konbini/');
    await appReady(page);
    expect(problems, 'hydrates without errors').toEqual([]);
    // The exported snapshot, by its own date (the newer one is not published yet).
    await expect(page.locator('.print-header'), 'the exported snapshot is shown, by its date').toContainText('2023年12月');
    await expect(page.locator('main')).not.toContainText('456,789');
    // The city publishes a newer snapshot after the export: the page moves to it.
    copyFileSync(HISTORY + 'snapshots/2024-06-test.json', join(out, 'data/snapshots/2024-06-test.json'));
    writeFileSync(join(out, 'data/index.json'), readFileSync(HISTORY + 'index.json'));
    // Offline for the new file: this device's last good copy stays, under a banner with its date.
    await page.route('**/data/snapshots/2024-06-test.json', (r) => r.abort('internetdisconnected'));
    await page.reload();
    await appReady(page);
    await expect(page.locator('.banner--warning').first()).toBeVisible({ timeout: 10000 });
    await expect(page.locator('.banner--warning'), 'the copy names its date').toContainText('2023年12月');
    await page.unroute('**/data/snapshots/2024-06-test.json');
    problems.length = 0; // the blocked download logged its failure
    await page.reload();
    await appReady(page);
    await expect(page.locator('main'), 'the newer snapshot\'s figure').toContainText('456,789', { timeout: 10000 });
    await expect(page.locator('.print-header'), 'and its date').toContainText('2024年6月30日');
    expect(problems, 'no errors after moving on').toEqual([]);
  } finally {
    await noScript.close();
    await context.close();
    server.close();
  }
});
