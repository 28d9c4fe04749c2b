// How much of the やさしい日本語 on each screen carries its reading (issue 22): of the kanji shown
// on the page, the share inside <ruby> (not counting the readings themselves), per screen, from the real
// server in Debian's Chromium. Prints figures; never fails. The issue's bar is 95 % per screen;
// tests/e2e/easy-japanese.spec.mjs holds each screen to it or to today's floor.
// Needs: scripts/build-web.sh and cargo build -p server.  Run: node bench/easy-japanese.mjs
import { startServer, stop, workdir, freePort } from '../tests/e2e/server-process.mjs';
import { EVERY_SCREEN, kanjiWithReadings, launch } from '../tests/e2e/pages.mjs';

const port = await freePort();
const server = await startServer({ port, dir: workdir() });
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  console.log('やさしい日本語: kanji shown with a reading, per screen (bar: 95 %)');
  for (const path of EVERY_SCREEN) {
    await page.goto(`http://127.0.0.1:${port}${path}${path.includes('?') ? '&' : '?'}lang=ja-easy`);
    const { kanji, withReading, bare } = await kanjiWithReadings(page);
    const share = kanji ? (100 * withReading) / kanji : 0;
    console.log(`  ${path.padEnd(30)} ${String(kanji).padStart(4)} kanji, ${share.toFixed(1).padStart(5)} % with a reading${share >= 95 ? '' : `  (most often bare: ${bare})`}`);
  }
} finally {
  await browser.close();
  await stop(server);
}
