// Each screen's code in a chunk of its own (src/chunks.rs), where the app runs (the form, the
// kiosk; a reading screen starts none): the kiosk's home loads none; every other screen loads its
// chunk the first time it opens and shows its figures; a kiosk's service worker keeps them all
// ahead of need, a reader's only what was used; an embedded card takes no app; a chunk that fails
// to arrive shows a message with a retry button, and the retry recovers.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.mjs';
import { hydrated } from './pages.mjs';

/** The kiosk's screens; the form is not offered there (it has its own survey). */
const SCREENS = [
  ['/plan', 'plan', 'プランの内容', '市役所改革プラン2027'],
  ['/results', 'results', '第3ステージの成果', '137'],
  ['/indicators', 'indicators', '検証指標の一覧', '107,087件'],
  ['/counter', 'counter', '区役所窓口の市民満足度', '%'],
  ['/konbini', 'konbini', '証明書のコンビニ交付', '107,087件'],
  ['/staff', 'staff', '職員満足度調査（エンゲージメント調査）', '職員'],
  ['/voices', 'voices', 'みなさんの声と市の対応', 'まだ公開された市の対応'],
];
/** The screens' chunks as the build lists them for the kiosk's worker (dist/sw.js). */
const CHUNK_COUNT = (readFileSync(new URL('../../dist/sw.js', import.meta.url), 'utf8').match(/^const CHUNK_FILES = \[(.*)\];$/m)?.[1].match(/\/pkg\/split_\w+\.wasm/g) || []).length;

/** A phone without the service worker (the newContext fixture blocks it unless a test allows it). */
async function phone(newContext) {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const chunks = [];
  page.on('request', (r) => { const m = new URL(r.url()).pathname.match(/^\/pkg\/split_(\w+)\.wasm$/); if (m) chunks.push(m[1]); });
  return { page, chunks };
}

/** An in-app link click, as a reader's tap (the menu is a disclosure on a phone). */
const follow = (page, href) => page.evaluate((h) => document.querySelector(`a[href="${h}"]`).click(), href);

test('chunks: the kiosk\'s home loads no screen chunk; each screen loads its own on in-app navigation and shows its figures', async ({ base, newContext }) => {
  const { page, chunks } = await phone(newContext);
  await page.goto(base + '/home?mode=kiosk');
  await hydrated(page);
  // Once the page has nothing more to fetch (no request for half a second), count.
  await page.waitForLoadState('networkidle');
  expect(chunks, 'screen chunks loaded by the home page').toEqual([]);
  for (const [href, chunk, heading, figure] of SCREENS) {
    await follow(page, href);
    await expect(page.locator('main h1')).toHaveText(heading);
    expect(chunks, `${href}: split_${chunk}.wasm was loaded`).toContain(chunk);
    await expect(page.locator('main')).toContainText(figure);
    expect(new URL(page.url()).pathname, 'address').toEqual(href);
  }
  expect(chunks.length, 'each chunk loaded once').toEqual(SCREENS.length);
});

test('chunks: a page that starts on a screen hydrates with its chunk; a kiosk\'s service worker keeps every screen\'s chunk, a reader\'s only what was used; an embedded card loads no app', async ({ base, newContext }) => {
  /** Opens `path` in a new context with the worker; the screens' chunks it loaded, and those its worker keeps. */
  async function start(path) {
    const context = await newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'allow' });
    const page = await context.newPage();
    const loaded = [];
    page.on('request', (r) => { const m = new URL(r.url()).pathname.match(/^\/pkg\/split_(\w+)\.wasm$/); if (m) loaded.push(m[1]); });
    await page.goto(base + path);
    // The form's app starts when the citizen begins to write.
    if (path.startsWith('/feedback')) await page.locator('#message').focus();
    await hydrated(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const kept = () => page.evaluate(async () => {
      const names = [];
      for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) names.push(new URL(r.url).pathname);
      return names.filter((n) => /^\/pkg\/split_\w+\.wasm$/.test(n)).length;
    });
    return { page, loaded, kept };
  }
  expect(CHUNK_COUNT, 'the build lists a chunk for each screen and more').toBeGreaterThan(SCREENS.length);
  const kiosk = await start('/konbini?mode=kiosk');
  expect(kiosk.loaded, 'the page loads its own screen\'s chunk and no other').toEqual(['konbini']);
  // Ahead of need, in the kiosk's worker: every screen's chunk is on the device after the first visit.
  await expect.poll(kiosk.kept, { message: 'screen chunks kept by the kiosk\'s worker', timeout: 15000 }).toBe(CHUNK_COUNT);
  // A reader's worker fetches nothing ahead of need: the form's chunk is kept as it is used.
  const reader = await start('/feedback');
  expect(reader.loaded, 'the form loads its own chunk').toEqual(['feedback']);
  await expect.poll(() => reader.page.evaluate(async () => (await caches.keys()).length), { message: 'the worker installed' }).toBeGreaterThan(0);
  await reader.page.reload();
  await reader.page.locator('#message').focus();
  await hydrated(reader.page);
  await expect.poll(reader.kept, { message: 'chunks kept by a reader\'s worker', timeout: 15000 }).toBe(1);
  // An embedded card is complete as the server sends it: no app at all, only its height script.
  const embed = await phone(newContext);
  const code = [];
  embed.page.on('request', (r) => { if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) code.push(new URL(r.url()).pathname); });
  await embed.page.goto(base + '/?embed=1&card=konbini-yearly');
  await expect.poll(() => embed.page.evaluate(() => document.documentElement.dataset.cardReady)).toBe('true');
  await embed.page.waitForLoadState('networkidle');
  expect(code, 'an embedded card loads one small script and no wasm').toEqual(['/card.js']);
  await expect(embed.page.locator('[data-chart="konbini-yearly"]')).toContainText('107,087件');
});

test('chunks: a screen whose code does not arrive says so with a retry button; the retry opens it', async ({ base, newContext, allowConsole }) => {
  // The blocked download is reported by the split loader.
  allowConsole(/console error on \/results: TypeError: Failed to fetch/);
  const { page } = await phone(newContext);
  let blocked = true;
  await page.route('**/pkg/split_results.wasm', (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(base + '/home?mode=kiosk');
  await hydrated(page);
  await follow(page, '/results');
  const alert = page.locator('main [role="alert"]');
  await expect(alert).toContainText('この画面を開けませんでした');
  await expect(alert.getByRole('button', { name: 'もう一度読み込む' })).toBeVisible();
  blocked = false;
  await alert.getByRole('button').click();
  await expect(page.locator('main h1')).toHaveText('第3ステージの成果');
  await expect(page.locator('main')).toContainText('137');
});
