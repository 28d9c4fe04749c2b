// The static export served by a plain file server: pages hydrate, read without script in each
// language, and move to a snapshot published after the export.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './static-server.mjs';
import { test, assert, assertEqual, assertIncludes, appReady } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const HISTORY = ROOT + 'tests/fixtures/history/';

export function exportTests({ browser }) {
  test('static export: every route × language as files; hydrates; readable without script; moves to a newer snapshot', async () => {
    // Export from a manifest that lists only the older snapshot.
    const source = mkdtempSync(join(tmpdir(), 'export-src-'));
    mkdirSync(join(source, 'snapshots'));
    copyFileSync(HISTORY + 'snapshots/2023-12-test.json', join(source, 'snapshots/2023-12-test.json'));
    const full = JSON.parse(readFileSync(HISTORY + 'index.json', 'utf8'));
    writeFileSync(join(source, 'index.json'), JSON.stringify({ ...full, latest: '2023-12-test', snapshots: full.snapshots.filter((s) => s.id === '2023-12-test') }));
    const out = mkdtempSync(join(tmpdir(), 'export-out-'));
    const said = execFileSync(ROOT + 'target/debug/widget-export', ['--out', out, '--manifest', join(source, 'index.json'), '--dist', ROOT + 'dist']).toString();
    assertIncludes(said, 'wrote 24 pages', 'every route × language');
    const server = await serve(out, 0);
    const site = `http://127.0.0.1:${server.address().port}`;
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const plain = await noScript.newPage();
      await plain.goto(site + '/en/konbini/');
      assertIncludes(await plain.textContent('main h1'), 'convenience stores', 'English page without script');
      assertEqual(await plain.getAttribute('html', 'lang'), 'en', 'lang');
      await plain.click('.lang-switch a[lang="ja"]:has-text("やさしい")');
      assertEqual(new URL(plain.url()).pathname, '/ja-easy/konbini/', 'the switch links to the other language\'s file');
      assertEqual(await plain.getAttribute('html', 'data-locale'), 'ja-easy', 'やさしい日本語 without script');
      await plain.click('.lang-switch a:has-text("English")');
      assertEqual(new URL(plain.url()).pathname, '/en/konbini/', 'and back');

      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.text())) problems.push(m.text()); });
      await page.goto(site + '/konbini/');
      await appReady(page);
      assertEqual(problems, [], 'hydrates without errors');
      assert(!(await page.textContent('main')).includes('456,789'), 'the exported snapshot is shown');
      // The city publishes a newer snapshot after the export: the page moves to it.
      copyFileSync(HISTORY + 'snapshots/2024-06-test.json', join(out, 'data/snapshots/2024-06-test.json'));
      writeFileSync(join(out, 'data/index.json'), readFileSync(HISTORY + 'index.json'));
      // Offline for the new file: this device's last good copy stays, under a banner with its date.
      await page.route('**/data/snapshots/2024-06-test.json', (r) => r.abort('internetdisconnected'));
      await page.reload();
      await appReady(page);
      await page.waitForSelector('.banner--warning', { timeout: 10000 });
      assertIncludes(await page.textContent('.banner--warning'), '2023年12月', 'the copy names its date');
      await page.unroute('**/data/snapshots/2024-06-test.json');
      problems.length = 0; // the blocked download logged its failure
      await page.reload();
      await appReady(page);
      await page.waitForFunction(() => document.querySelector('main').textContent.includes('456,789'), null, { timeout: 10000 });
      assertEqual(problems, [], 'no errors after moving on');
    } finally {
      await noScript.close();
      await context.close();
      server.close();
    }
  });
}
