import { chromium } from 'playwright-core';
import { serve } from '/work/main/tests/e2e/static-server.mjs';
const server = await serve('/work/main/dist', 0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
page.on('console', m => console.log('console:', m.type(), m.text()));
page.on('pageerror', e => console.log('pageerror:', e.message));
for (const path of (process.argv[2] || '/').split(',')) {
  await page.goto(base + path);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shot${path.replace(/\W/g,'_')}.png`, fullPage: true });
  console.log(path, (await page.textContent('main')).slice(0, 300));
}
await browser.close(); server.close();
