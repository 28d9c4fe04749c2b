// The README's pictures, taken from the real server and Debian's Chromium: the kiosk survey in
// portrait (1080×1920) and landscape (1920×1080) at a counter configured for its place, a
// やさしい日本語 page on a phone, and the staff inbox with a few synthetic voices (made up here). Needs a build (scripts/build-web.sh, cargo build -p server).
// Run: node scripts/screenshots.mjs  → docs/screenshots/*.png
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, stop, workdir, freePort } from '../tests/e2e/server-process.mjs';
import { launch } from '../tests/e2e/pages.mjs';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });
const ROOT = new URL('../', import.meta.url).pathname;
const port = await freePort();
const dir = workdir();
const PASSWORD = 'a long password for the screenshots';
const added = spawnSync(ROOT + 'target/debug/widget-server', ['staff', 'add', 'tanaka', '--role', 'editor', '--db', join(dir, 'feedback.sqlite3')], { input: PASSWORD + '\n', encoding: 'utf8' });
if (added.status !== 0) throw new Error(added.stderr);
const server = await startServer({ port, dir });
const base = `http://127.0.0.1:${port}`;
const browser = await launch();
const live = (page) => page.waitForFunction(() => ['hydrated', 'readerReady'].some((k) => document.documentElement.dataset[k] === 'true'));
try {
  const shots = [
    ['kiosk-portrait.png', { width: 1080, height: 1920 }, '/?mode=kiosk&ward=chuo&section=tax', false],
    ['kiosk-landscape.png', { width: 1920, height: 1080 }, '/?mode=kiosk&ward=chuo&section=tax', false],
    ['kiosk-comment.png', { width: 1080, height: 1920 }, '/?mode=kiosk&ward=chuo&section=tax', true],
    ['easy-japanese.png', { width: 390, height: 844 }, '/plan?lang=ja-easy', false],
  ];
  for (const [file, viewport, path, comment] of shots) {
    const context = await browser.newContext({ viewport, locale: 'ja-JP', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(base + path);
    await live(page);
    if (comment) await page.click('.kiosk-answer[value="4"]');
    await page.screenshot({ path: OUT + file });
    console.log(`docs/screenshots/${file} (${viewport.width}×${viewport.height}, ${path})`);
    await context.close();
  }
  // The inbox, with synthetic voices sent through the API as citizens' browsers send them.
  const voices = [
    ['konbini-yearly', 'コンビニで住民票が取れて便利でした。手数料がもう少し安いとうれしいです。'],
    ['counter-satisfaction', '区役所の窓口の待ち時間が長かったです。番号札の呼び出しも聞き取りにくかった。'],
    ['', '市役所改革プランの取り組みがよく分かりました。結果を続けて公開してほしいです。'],
    ['konbini-yearly', 'マイナンバーカードでの証明書発行を、夜遅くにも使えて助かりました。'],
  ];
  for (const [topic, message] of voices) {
    const res = await fetch(`${base}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: randomUUID(), topic, message }) });
    if (!res.ok) throw new Error(`feedback ${res.status}`);
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 1100 }, locale: 'ja-JP', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${base}/staff/sign-in`);
  await page.getByLabel('名前').fill('tanaka');
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.goto(`${base}/staff/voices`);
  await page.screenshot({ path: OUT + 'staff-voices.png' });
  console.log('docs/screenshots/staff-voices.png (1280×1100, /staff/voices)');
  await context.close();
} finally {
  await browser.close();
  await stop(server);
}
