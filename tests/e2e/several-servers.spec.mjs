// Two widget servers on one PostgreSQL database, as behind a load balancer (issue 33): an editor
// uploads a workbook on server A, a publisher on server B finds the draft and publishes it, and A
// serves the new figure within a second, without a restart; a rollback on A reaches B the same
// way. The time is measured and printed, not slept. The figure 412,345 is synthetic, for tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures.mjs';
import { freshPostgres } from './server-process.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const PYTHON = ROOT + '.tools/venv/bin/python';
const KONBINI_2023 = ['検証指標', 'konbini-certificates', '実績 令和5年度（2023年度）'];
const PASSWORD = 'a long staff password for tests';

test.use({ database: 'postgres' });

function addStaff(db, name, role) {
  const r = spawnSync(ROOT + 'target/debug/widget-server', ['staff', 'add', name, '--role', role, '--db', db], { input: PASSWORD + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

/** Milliseconds until `base`'s public page `path` does (`shown`) or does not show `text` (at most
 * 10 s), asked as a citizen's browser would, request after request. */
async function until(base, path, text, shown) {
  const started = Date.now();
  while (Date.now() - started < 10000) {
    if ((await (await fetch(base + path)).text()).includes(text) === shown) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${base}${path} never ${shown ? 'showed' : 'stopped showing'} ${text}`);
}

test('several servers: a draft uploaded on A is published on B, and A serves it within a second; a rollback on A reaches B', async ({ newContext, ownServers }) => {
  const db = freshPostgres();
  addStaff(db, 'henshu', 'editor');
  addStaff(db, 'koukai', 'publisher');
  const a = await ownServers({ db });
  const b = await ownServers({ db });
  const work = mkdtempSync(join(tmpdir(), 'widget-two-'));
  const signIn = async (page, base, name) => {
    await page.goto(`${base}/staff/sign-in`);
    await page.getByLabel('名前').fill(name);
    await page.getByLabel('パスワード').fill(PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('公開の作業');
  };

  // The editor, on A.
  const editor = await (await newContext({ acceptDownloads: true })).newPage();
  await signIn(editor, a.base, 'henshu');
  const [download] = await Promise.all([editor.waitForEvent('download'), editor.getByRole('link', { name: 'ワークブック（.xlsx）をダウンロード' }).click()]);
  await download.saveAs(join(work, 'latest.xlsx'));
  execFileSync(PYTHON, [ROOT + 'tests/e2e/edit_workbook.py', join(work, 'latest.xlsx'), join(work, 'filled.xlsx'), '--set', ...KONBINI_2023, '412345']);
  await editor.getByLabel('ファイル').setInputFiles(join(work, 'filled.xlsx'));
  await editor.getByLabel('公開ID').fill('test-2024-03');
  await editor.getByLabel('数値の時点').fill('2024-03-31');
  await editor.getByRole('button', { name: '確認する' }).click();
  await expect(editor.getByRole('heading', { level: 1 })).toContainText('下書き');

  // The publisher, on B, finds the draft there and publishes it.
  const publisher = await (await newContext()).newPage();
  await signIn(publisher, b.base, 'koukai');
  await publisher.locator('a[href="/staff/drafts/test-2024-03"]').click();
  await expect(publisher.locator('main table')).toContainText('412,345件');
  // Its preview works on B too: the draft's files are in B's folder.
  await publisher.getByRole('link', { name: 'コンビニ交付' }).click();
  await expect(publisher.locator('.banner--info')).toBeVisible();
  await expect(publisher.locator('main')).toContainText('412,345件');
  await publisher.goBack();
  await publisher.getByRole('button', { name: '公開する' }).click();
  await expect(publisher.getByRole('status')).toContainText('「test-2024-03」を公開しました');
  const published = await until(a.base, '/konbini', '412,345件', true);
  console.log(`a publication on B reached A's pages in ${published} ms`);
  expect(published, 'A serves the new figure within a second').toBeLessThan(1000);

  // A rollback on A reaches B.
  await signIn(publisher, a.base, 'koukai');
  await publisher.getByRole('button', { name: 'ひとつ前の公開に戻す' }).click();
  await expect(publisher.getByRole('status')).toContainText('「test-2024-03」の公開を取り消しました');
  const rolledBack = await until(b.base, '/konbini', '412,345件', false);
  console.log(`a rollback on A reached B's pages in ${rolledBack} ms`);
  expect(rolledBack, 'B no longer serves the withdrawn figure within a second').toBeLessThan(1000);
});
