// The README's pictures, taken from the real server and Debian's Chromium: the kiosk survey in
// portrait (1080×1920) and landscape (1920×1080) at a counter configured for its place, and a
// やさしい日本語 page on a phone. Needs a build (scripts/build-web.sh, cargo build -p server).
// Run: node scripts/screenshots.mjs  → docs/screenshots/*.png
import { mkdirSync } from 'node:fs';
import { startServer, stop, workdir, freePort } from '../tests/e2e/server-process.mjs';
import { launch } from '../tests/e2e/pages.mjs';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });
const port = await freePort();
const server = await startServer({ port, dir: workdir() });
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
} finally {
  await browser.close();
  await stop(server);
}
