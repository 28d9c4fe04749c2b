// Another city with no change to the code: サンプル市, a made-up city for tests only
// (tests/fixtures/make_sample_city.py: three offices, six indicators of its own, no
// convenience-store series). Its own server reads only its publication. Every screen × language,
// with and without script, names it and no other city, with axe at 0; the konbini screen it has
// no data for is not found; the kiosk offers its offices; the embed, the feed, the sitemap, the
// API document and the static export say nothing of Kumamoto either.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.mjs';
import { PAGES, workdir } from './server-process.mjs';
import { live } from './pages.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURE = ROOT + 'tests/fixtures/sample-city';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const OTHER_CITY = /熊本|くまもと|Kumamoto/i;
const LANGS = ['ja', 'en', 'ja-easy'];

async function sampleCity(ownServers) {
  const dir = workdir();
  const data = join(dir, 'data');
  cpSync(FIXTURE, data, { recursive: true });
  const { port } = await ownServers({ dir, dataDir: data });
  return `http://127.0.0.1:${port}`;
}

const address = (path, lang) => (lang === 'ja' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);

for (const script of [true, false]) {
  test(`サンプル市 ${script ? 'with' : 'without'} script: every screen in every language names it and no other city${script ? '; axe 0' : ''}`, async ({ ownServers, newContext }) => {
    const base = await sampleCity(ownServers);
    const context = await newContext({ javaScriptEnabled: script });
    const page = await context.newPage();
    const found = [];
    for (const lang of LANGS) {
      for (const path of [...PAGES.filter((p) => p !== '/konbini'), '/?mode=kiosk', '/?embed=1&card=sample-tablets']) {
        const url = address(path, lang);
        const res = await page.goto(base + url);
        expect(res.status(), url).toBe(200);
        if (script) await live(page);
        const html = await page.content();
        expect(html, `${url}: no other city`).not.toMatch(OTHER_CITY);
        if (!path.includes('embed')) {
          await expect(page.locator('.site-title'), url).toContainText(lang === 'en' ? 'Sample City' : 'サンプル市');
          await expect(page, url).toHaveTitle(lang === 'en' ? /Sample City/ : /サンプル市|さんぷるし|サンプルし/);
          await expect(page.locator('.site-nav a[href="/konbini"]'), `${url}: no konbini screen in the menu`).toHaveCount(0);
        }
        if (script) {
          const v = (await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations;
          for (const x of v) found.push(`${url} ${x.id}: ${x.nodes[0].target.join(' ')}`);
        }
      }
    }
    expect(found, 'axe violations').toEqual([]);
    const konbini = await page.goto(base + '/konbini?lang=ja');
    expect(konbini.status(), 'a screen the city has no data for').toBe(404);
    await expect(page.locator('main h1')).toContainText('見つかりません');
    await context.close();
  });
}

test('サンプル市: the kiosk asks for its own offices and takes an answer there; feed, sitemap, API document and static export name no other city', async ({ ownServers, newContext }) => {
  const base = await sampleCity(ownServers);
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(base + '/?mode=kiosk');
  await live(page);
  const offices = await page.$$eval('.kiosk-answers--ward .kiosk-answer', (b) => b.map((x) => [x.value, x.textContent.trim()]));
  expect(offices).toEqual([['honcho', '本庁舎'], ['kita-branch', '北支所'], ['minato', '港出張所']]);
  await page.locator('.kiosk-answers--ward .kiosk-answer[value="minato"]').click();
  await page.locator('.kiosk-answers--section .kiosk-answer[value="zeimu"]').click();
  await page.locator('.kiosk-answers--satisfaction .kiosk-answer[value="4"]').click();
  await page.getByRole('button', { name: 'コメントなしで送る' }).click();
  await expect(page.locator('main')).toContainText('ご回答ありがとうございました');

  for (const path of ['/feed.xml', '/feed.xml?lang=en', '/sitemap.xml', '/api/openapi.json', '/robots.txt']) {
    const body = await (await page.request.get(base + path)).text();
    expect(body, path).not.toMatch(OTHER_CITY);
  }
  const doc = await (await page.request.get(base + '/api/openapi.json')).json();
  expect(JSON.stringify(doc.components.schemas.Submission)).toContain('"minato"');
  const sitemap = await (await page.request.get(base + '/sitemap.xml')).text();
  expect(sitemap).not.toContain('/konbini');

  // The static export: its pages, feed-less as a static host is, name no other city either.
  const out = mkdtempSync(join(tmpdir(), 'widget-sample-export-'));
  execFileSync(ROOT + 'target/debug/widget-export', ['--out', out, '--manifest', join(FIXTURE, 'index.json'), '--dist', ROOT + 'dist']);
  const files = [];
  const walk = (d) => readdirSync(d).forEach((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : files.push(join(d, f))));
  walk(out);
  const pages = files.filter((f) => f.endsWith('index.html'));
  expect(pages.length).toBeGreaterThan(10);
  expect(pages.some((f) => f.includes('/konbini/')), 'no konbini page exported').toBe(false);
  for (const f of pages.concat(files.filter((f) => f.endsWith('.csv')))) {
    expect(readFileSync(f, 'utf8'), f).not.toMatch(OTHER_CITY);
  }
  await context.close();
});
