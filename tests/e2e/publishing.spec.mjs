// New figures without editing JSON, as the city would do it: the workbook is written by
// widget-publish, changed by openpyxl (a spreadsheet library that is not ours), published, and
// shown by the running server; and the staff pages in a real browser, from sign-in to a figure
// on the public page, published by a second person. The figure 412,345 is synthetic, for tests.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures.mjs';
import { workdir } from './server-process.mjs';
import { addStaff, editWorkbook, signIn } from './workbook.mjs';
import { axe } from './pages.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const PUBLISH = ROOT + 'target/debug/widget-publish';
const KONBINI_2023 = ['検証指標', 'konbini-certificates', '実績 令和5年度（2023年度）'];

function publish(...args) {
  return spawnSync(PUBLISH, args, { encoding: 'utf8', env: { ...process.env, USER: 'e2e-clerk' } });
}


test('publishing: a workbook changed by openpyxl is published and shown; the older snapshot stays; CSV in Shift_JIS too; broken ones change nothing', async ({ page, ownServers }) => {
  const dir = workdir();
  const data = join(dir, 'data');
  const { port } = await ownServers({ dir, dataDir: data });
  const work = mkdtempSync(join(tmpdir(), 'widget-workbook-'));
  const written = publish('workbook', '--data', data, '--out', join(work, 'latest.xlsx'));
  expect(written.status, written.stderr).toBe(0);
  const old = readFileSync(join(data, 'snapshots/2023-12.json'));

  // Broken on purpose: a formula saved without its result (openpyxl saves none) and text in
  // a number cell. Each is named by sheet and cell, and nothing is published.
  editWorkbook(join(work, 'latest.xlsx'), join(work, 'broken.xlsx'), ['--formula', ...KONBINI_2023, '=SUM(G4:H4)'], ['--set', '職員満足度（設問）', 'q-job-fits', '平均点（点）', 'abc']);
  const broken = publish('import', join(work, 'broken.xlsx'), '--data', data, '--id', 'test-2024-03', '--as-of', '2024-03-31', '--publish');
  expect(broken.status).toBe(1);
  expect(broken.stdout).toContain('「検証指標」シート I4: 数式（=SUM(G4:H4)）の計算結果が保存されていません');
  expect(broken.stdout).toContain('「職員満足度（設問）」シート E4: 数値ではありません（"abc"）');
  expect(existsSync(join(data, 'snapshots/test-2024-03.json'))).toBe(false);

  // The same change saved as Shift_JIS CSV files reads the same.
  editWorkbook(join(work, 'latest.xlsx'), join(work, 'filled.xlsx'), ['--set', ...KONBINI_2023, '412345'], ['--csv', join(work, 'csv')]);
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(join(work, 'csv/検証指標.csv')))).toThrow();
  const csv = publish('import', join(work, 'csv'), '--data', data, '--id', 'test-2024-03', '--as-of', '2024-03-31');
  expect(csv.status, csv.stdout).toBe(0);

  const done = publish('import', join(work, 'filled.xlsx'), '--data', data, '--id', 'test-2024-03', '--as-of', '2024-03-31', '--publish');
  expect(done.status, done.stdout + done.stderr).toBe(0);
  const manifest = JSON.parse(readFileSync(join(data, 'index.json'), 'utf8'));
  expect(manifest.latest).toBe('test-2024-03');
  const entry = manifest.snapshots.find((s) => s.id === 'test-2024-03');
  expect(entry.sha256).toBe(`sha256-${createHash('sha256').update(readFileSync(join(data, entry.file))).digest('hex')}`);
  expect(readFileSync(join(data, 'snapshots/2023-12.json')).equals(old)).toBe(true);

  // The running server shows it on the next request, and still offers the older snapshot.
  await page.goto(`http://127.0.0.1:${port}/`);
  await expect(page.locator('main')).toContainText('412,345件');
  await page.goto(`http://127.0.0.1:${port}/konbini`);
  await expect(page.locator('main')).toContainText('412,345件');
  await expect(page.locator('select#asof option[value="2023-12"]')).toHaveCount(1);
  await page.goto(`http://127.0.0.1:${port}/konbini?asof=2023-12`);
  await expect(page.locator('main')).toContainText('300,170件');
  await expect(page.locator('main')).not.toContainText('412,345件');
});

test('structure by workbook: an indicator added, one ended and a policy renamed appear as the next publication, with what changed', async ({ page, ownServers }) => {
  const dir = workdir();
  const data = join(dir, 'data');
  const { port } = await ownServers({ dir, dataDir: data });
  const work = mkdtempSync(join(tmpdir(), 'widget-structure-'));
  expect(publish('workbook', '--data', data, '--out', join(work, 'latest.xlsx')).status).toBe(0);
  // Synthetic: a made-up indicator and policy name, for tests only.
  editWorkbook(
    join(work, 'latest.xlsx'),
    join(work, 'structure.xlsx'),
    ['--append', '検証指標', JSON.stringify({
      '新しい指標：グループ（IDか番号）': 'citizen-satisfaction-group',
      '新しい指標：指標名': 'テスト用の新しい指標（架空）',
      '新しい指標：単位（%・件・日など）': '%',
      '新しい指標：向き（高いほどよい・低いほどよい）': '高いほどよい',
      '基準値の年度（西暦）': 2022,
      '基準値': 12.5,
      '検証値の年度（西暦）': 2027,
      '検証値': 60,
    })],
    ['--set', '検証指標', 'telework-ease', '終了（この指標を終えるとき「終了」）', '終了'],
    ['--set', '方針', 'organisation-and-people', '名前（日本語）', 'テスト用に改めた方針の名前'],
  );
  const done = publish('import', join(work, 'structure.xlsx'), '--data', data, '--id', 'test-2024-04', '--as-of', '2024-04-30', '--publish');
  expect(done.status, done.stdout + done.stderr).toBe(0);

  await page.goto(`http://127.0.0.1:${port}/indicators`);
  await expect(page.locator('main')).toContainText('テスト用の新しい指標（架空）');
  await expect(page.locator('main')).toContainText('12.5%');
  // No card for the ended one (only 「前回からの変更」 names it).
  await expect(page.getByRole('heading', { name: /テレワークを実施しやすいと感じる職員/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /テスト用の新しい指標（架空）/ }).first()).toBeVisible();
  await page.goto(`http://127.0.0.1:${port}/plan`);
  await expect(page.locator('main')).toContainText('テスト用に改めた方針の名前');
  // What changed since the publication before: the new indicator and the ended one.
  await page.goto(`http://127.0.0.1:${port}/`);
  const changes = page.locator('details.changes');
  await changes.locator('summary').click();
  await expect(changes).toContainText('新しい指標');
  await expect(changes).toContainText('テスト用の新しい指標（架空）');
  await expect(changes).toContainText('終了した指標');
  await expect(changes).toContainText('テレワークを実施しやすいと感じる職員');
  // The earlier publication still shows the ended indicator.
  await page.goto(`http://127.0.0.1:${port}/indicators?asof=2023-12`);
  await expect(page.getByRole('heading', { name: /テレワークを実施しやすいと感じる職員/ }).first()).toBeVisible();
});

test('staff pages: sign in, upload, see the problems, upload a corrected file, preview, publish as the second person, see it on the public page', async ({ newContext, ownServers }) => {
  const dir = workdir();
  addStaff(dir, 'henshu', 'editor');
  addStaff(dir, 'koukai', 'publisher');
  const { port } = await ownServers({ dir });
  const base = `http://127.0.0.1:${port}`;
  const work = mkdtempSync(join(tmpdir(), 'widget-staff-'));
  const uploadAs = async (page, file) => {
    await page.getByLabel('ファイル').setInputFiles(file);
    await page.getByLabel('公開ID').fill('test-2024-03');
    await page.getByLabel('数値の時点').fill('2024-03-31');
    await page.getByRole('button', { name: '確認する' }).click();
  };
  const editor = await newContext({ acceptDownloads: true, serviceWorkers: 'block' });
  const page = await editor.newPage();
  await page.goto(`${base}/staff/publishing`);
  await expect(page).toHaveURL(/\/staff\/sign-in$/);
  expect((await axe(page)).violations.map((v) => v.id)).toEqual([]);
  await signIn(page, base, 'henshu');
  expect((await axe(page)).violations.map((v) => v.id)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'ワークブック（.xlsx）をダウンロード' }).click()]);
  await download.saveAs(join(work, 'latest.xlsx'));
  editWorkbook(join(work, 'latest.xlsx'), join(work, 'typo.xlsx'), ['--set', ...KONBINI_2023, '412,345件']);
  editWorkbook(join(work, 'latest.xlsx'), join(work, 'filled.xlsx'), ['--set', ...KONBINI_2023, '412345']);

  await uploadAs(page, join(work, 'typo.xlsx'));
  const problems = page.getByRole('alert');
  await expect(problems).toContainText('ワークブックに1件の問題があります');
  await expect(problems).toContainText('「検証指標」シート I4: 数値ではありません（"412,345件"）');

  await uploadAs(page, join(work, 'filled.xlsx'));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('下書き');
  await expect(page.locator('main table')).toContainText('412,345件');
  await expect(page.getByRole('button', { name: '公開する' })).toHaveCount(0);
  await page.getByRole('link', { name: 'コンビニ交付' }).click();
  await expect(page.locator('.banner--info')).toBeVisible();
  await expect(page.locator('main')).toContainText('412,345件');

  // The public does not see it yet.
  const citizen = await newContext({ serviceWorkers: 'block' });
  const reader = await citizen.newPage();
  await reader.goto(`${base}/konbini`);
  await expect(reader.locator('main')).toContainText('300,170件');
  await expect(reader.locator('main')).not.toContainText('412,345件');

  // A second person publishes it.
  const publisher = await newContext({ serviceWorkers: 'block' });
  const second = await publisher.newPage();
  await signIn(second, base, 'koukai');
  await second.locator('a[href="/staff/drafts/test-2024-03"]').click();
  await second.getByRole('button', { name: '公開する' }).click();
  await expect(second.getByRole('status')).toContainText('「test-2024-03」を公開しました');

  await reader.goto(`${base}/konbini`);
  await expect(reader.locator('main')).toContainText('412,345件');
  await Promise.all([editor.close(), citizen.close(), publisher.close()]);
});
