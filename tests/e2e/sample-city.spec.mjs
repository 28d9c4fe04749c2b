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
import { test, expect } from './fixtures.mjs';
import { PAGES, workdir } from './server-process.mjs';
import { live, axe } from './pages.mjs';
import { addStaff, editWorkbook, signIn } from './workbook.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURE = ROOT + 'tests/fixtures/sample-city';
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
          const v = (await axe(page)).violations;
          for (const x of v) found.push(`${url} ${x.id}: ${x.nodes[0].target.join(' ')}`);
        }
      }
    }
    expect(found, 'axe violations').toEqual([]);
    // Its logo beside its name, drawn, and its colour on links: from its data, through files the
    // strict policy allows (axe above found the colour readable on every screen).
    await page.goto(base + '/plan');
    const logo = page.locator('.site-title__logo');
    await expect(logo).toHaveAttribute('src', /^\/city\/logo-[0-9a-f]{16}\.svg$/);
    expect(await logo.evaluate((img) => img.complete && img.naturalWidth > 0), 'the logo is drawn').toBe(true);
    expect(await page.locator('.lang-switch__button[hreflang="en"]').evaluate((a) => getComputedStyle(a).color)).toBe('rgb(29, 107, 58)');
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
  const cityFiles = readdirSync(join(out, 'city')).sort();
  expect(cityFiles.map((f) => f.replace(/[0-9a-f]{16}/, 'H')), 'the logo and the accent, as the pages name them').toEqual(['accent-1d6b3a.css', 'logo-H.svg']);
  expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`/city/${cityFiles[1]}`);
  for (const f of pages.concat(files.filter((f) => f.endsWith('.csv')))) {
    expect(readFileSync(f, 'utf8'), f).not.toMatch(OTHER_CITY);
  }
  await context.close();
});

test('サンプル市 from nothing: a server without default data, a blank workbook from the staff pages, its problems, then its first publication by a second person, every screen of it in every language with axe 0', async ({ ownServers, newContext }) => {
  const dir = workdir();
  addStaff(dir, 'henshu', 'editor');
  addStaff(dir, 'koukai', 'publisher');
  const { port } = await ownServers({ dir, extraArgs: ['--default-data', 'none'] });
  const base = `http://127.0.0.1:${port}`;
  const work = mkdtempSync(join(tmpdir(), 'widget-blank-'));
  const citizen = await newContext();
  const reader = await citizen.newPage();
  await reader.goto(base + '/');
  await expect(reader.locator('main')).toContainText('データを表示できません');

  const editor = await newContext({ acceptDownloads: true });
  const page = await editor.newPage();
  await signIn(page, base, 'henshu');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'ワークブック（.xlsx）をダウンロード' }).click()]);
  await download.saveAs(join(work, 'blank.xlsx'));
  const upload = async (file) => {
    await page.getByLabel('ファイル').setInputFiles(file);
    await page.getByLabel('公開ID').fill('sample-first');
    await page.getByLabel('数値の時点').fill('2026-04-30');
    await page.getByRole('button', { name: '確認する' }).click();
  };
  // Uploaded as it is: what to fill in, by sheet and cell.
  await upload(join(work, 'blank.xlsx'));
  await expect(page.getByRole('alert')).toContainText('「市」シート C2');
  await expect(page.getByRole('alert')).toContainText('「テキスト」シート B2');

  // Filled in by openpyxl as a clerk would (synthetic words, for tests only).
  editWorkbook(
    join(work, 'blank.xlsx'),
    join(work, 'filled.xlsx'),
    ['--fill', 'テキスト', '日本語', 'サンプル市の文'],
    ['--set', '市', 'name', '日本語', 'サンプル市'],
    ['--set', '市', 'name', 'English', 'Sample City'],
    ['--set', '市', 'introduction', '日本語', 'サンプル市は、試験のために作った架空の市です。'],
    ['--set', '市', 'homepage', '日本語', 'https://sample-city.example/'],
    ['--append', '庁舎', JSON.stringify({ '庁舎ID（英小文字・数字・-）': 'honcho', '種類（区役所・支所・出張所）': '区役所', '名前（日本語）': '本庁舎' })],
    ['--append', '窓口', JSON.stringify({ '窓口ID（英小文字・数字・-）': 'koseki', '名前（日本語）': '住民票・戸籍' })],
    ['--append', '方針', JSON.stringify({ '番号': 1, '名前（日本語）': 'サンプル市の方針' })],
    ['--set', '指標グループ', 'group-1', '名前（日本語）', 'サンプル市の指標'],
    ['--set', '検証指標', 'counter-satisfaction', '基準値', '71.5'],
  );
  await upload(join(work, 'filled.xlsx'));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('下書き');

  const publisher = await newContext();
  const second = await publisher.newPage();
  await signIn(second, base, 'koukai');
  await second.locator('a[href="/staff/drafts/sample-first"]').click();
  await second.getByRole('button', { name: '公開する' }).click();
  await expect(second.getByRole('status')).toContainText('「sample-first」を公開しました');

  // The city's first publication, on the public pages and at its kiosk.
  await reader.goto(base + '/');
  await expect(reader.locator('.site-title')).toContainText('サンプル市');
  await expect(reader.locator('main')).toContainText('サンプル市は、試験のために作った架空の市です。');
  expect(await reader.content()).not.toMatch(OTHER_CITY);
  await expect(reader.locator('.site-nav a[href="/konbini"], .site-nav a[href="/staff"], .site-nav a[href="/results"]')).toHaveCount(0);
  await reader.goto(base + '/?mode=kiosk');
  await live(reader);
  await expect(reader.locator('.kiosk-answers--ward .kiosk-answer[value="honcho"]')).toContainText('本庁舎');

  // Every screen it has, in every language (its English and やさしい日本語 not written yet), reads
  // as any city's: found, naming no other city, and axe finds nothing.
  await reader.goto(base + '/');
  const screens = await reader.$$eval('.site-nav a', (links) => links.map((a) => a.getAttribute('href')));
  expect(screens.length).toBeGreaterThan(3);
  const found = [];
  for (const lang of LANGS) {
    for (const path of screens) {
      const url = address(path, lang);
      const res = await reader.goto(base + url);
      expect(res.status(), url).toBe(200);
      await live(reader);
      expect(await reader.content(), url).not.toMatch(OTHER_CITY);
      for (const x of (await axe(reader)).violations) found.push(`${url} ${x.id}: ${x.nodes[0].target.join(' ')}`);
    }
  }
  expect(found, 'axe violations').toEqual([]);
  // Lists its plan does not have yet (aims, a schedule) are not empty headings.
  await reader.goto(base + '/plan');
  await expect(reader.locator('#policies-title')).toBeVisible();
  await expect(reader.locator('#aims-title, #schedule-title')).toHaveCount(0);
  await Promise.all([editor.close(), publisher.close(), citizen.close()]);
});
