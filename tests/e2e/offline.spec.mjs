// Repeat visits and a real offline, through the service worker (public/sw.js): a reload with
// the network off still shows the figures, saying they are this device's copy; a repeat visit
// takes a reading screen's script and stylesheet from the device; a snapshot published since shows
// on the next online visit, and a page kept from before it moves to it (public/read.js).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.mjs';
import { appReady } from './pages.mjs';
import { writableSite } from './server-process.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Opens `url` in a context with the service worker, and lets it take the page. */
async function controlled(newContext, url) {
  const context = await newContext({ serviceWorkers: 'allow', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(url);
  await appReady(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { message: 'the worker controls the page' }).toBe(true);
  return { context, page };
}

test('offline: a repeat visit takes its files from the device; a reload with the network off shows the figures and the stale banner', async ({ base, newContext }) => {
  const { context, page } = await controlled(newContext, base + '/');
  // A repeat visit: the app's code and stylesheet come from the device, not the network.
  const fetched = [];
  context.on('request', (r) => { if (r.serviceWorker()) fetched.push(new URL(r.url()).pathname); });
  await page.reload();
  await appReady(page);
  expect(fetched.filter((p) => p.startsWith('/pkg/') || ['/style.css', '/boot.js', '/read.js'].includes(p)), 'nothing downloaded again on a repeat visit').toEqual([]);
  // A reader's worker fetched nothing ahead of need: no app on the device.
  const kept = await page.evaluate(async () => {
    const names = [];
    for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) names.push(new URL(r.url).pathname);
    return names;
  });
  expect(kept.filter((p) => p.startsWith('/pkg/') || p === '/boot.js'), 'no app kept for a reader').toEqual([]);
  // The network goes away (a kiosk's line, a phone in a tunnel), and the page is reloaded.
  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  await expect(page.locator('main'), 'the figures').toContainText('107,087件');
  await expect(page.locator('.banner--warning'), 'the stale banner').toBeVisible();
  await expect(page.locator('.banner--warning'), 'the stale banner').toContainText('2023年12月時点');
  await context.setOffline(false);
});

test('offline: after a new snapshot is published, the next online visit shows it', async ({ newContext, ownServers }) => {
  const site = writableSite();
  const { port } = await ownServers({ staticDir: site, dataDir: join(site, 'data') });
  const { context, page } = await controlled(newContext, `http://127.0.0.1:${port}/`);
  await page.reload();
  await appReady(page);
  await expect(page.locator('.as-of'), 'the first snapshot').toContainText('2023年12月時点');
  // The city publishes a newer snapshot.
  const snap = JSON.parse(readFileSync(ROOT + 'public/data/snapshots/2023-12.json', 'utf8'));
  Object.assign(snap, { id: '2024-03', as_of: '2024-03-31' });
  const bytes = Buffer.from(JSON.stringify(snap));
  writeFileSync(join(site, 'data/snapshots/2024-03.json'), bytes);
  const manifest = JSON.parse(readFileSync(join(site, 'data/index.json'), 'utf8'));
  manifest.snapshots.push({ ...manifest.snapshots[0], id: '2024-03', as_of: '2024-03-31', file: 'snapshots/2024-03.json', sha256: `sha256-${createHash('sha256').update(bytes).digest('hex')}` });
  manifest.latest = '2024-03';
  writeFileSync(join(site, 'data/index.json'), JSON.stringify(manifest));
  await page.reload();
  await appReady(page);
  await expect(page.locator('.as-of'), 'the new snapshot').toContainText('2024年3月31日時点');
  await expect(page.locator('.banner--warning')).toBeHidden();
  // A page kept from before (here: the old page answered once more, as a browser's cache
  // would) checks the manifest and moves to the new publication.
  const old = await (await page.request.get(`http://127.0.0.1:${port}/`)).text();
  expect(old, 'the page names the publication it shows').toContain('content="2024-03"');
  let served = false;
  // context.route: it also sees what the service worker asks the network for.
  await context.route(`http://127.0.0.1:${port}/`, (r) => {
    if (served) return r.continue();
    served = true;
    return r.fulfill({ contentType: 'text/html; charset=utf-8', body: old.replace('content="2024-03"', 'content="2023-12"').replaceAll('2024年3月31日時点', '2023年12月時点') });
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await expect(page.locator('.as-of'), 'moved to the new publication').toContainText('2024年3月31日時点');
  expect(served, 'the kept page was shown first').toEqual(true);
});
