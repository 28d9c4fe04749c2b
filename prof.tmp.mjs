import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
for (let i = 0; i < 3; i++) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  await page.addInitScript(() => { window.__tasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true }); });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto('http://127.0.0.1:8099/');
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
  await page.waitForTimeout(500);
  console.log(JSON.stringify(await page.evaluate(() => ({ start: performance.getEntriesByName('app-start')[0].startTime|0, loaded: performance.getEntriesByName('app-loaded')[0].startTime|0, hydrated: performance.getEntriesByName('app-hydrated')[0].startTime|0, tasks: window.__tasks }))));
  await context.close();
}
await browser.close();
