// The clerks' side, for the browser tests that publish: a workbook edited by openpyxl (a
// spreadsheet library that is not ours), staff added to a server's database, and signing in.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from './fixtures.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const PYTHON = ROOT + '.tools/venv/bin/python';
export const PASSWORD = 'a long staff password for tests';

/** openpyxl edits a workbook: `edits` are ['--set', sheet, id, heading, value] and the like. */
export function editWorkbook(from, to, ...edits) {
  execFileSync(PYTHON, [ROOT + 'tests/e2e/edit_workbook.py', from, to, ...edits.flat()]);
}

/** A staff member in the server's database (`dir`), with the tests' password. */
export function addStaff(dir, name, role) {
  const r = spawnSync(ROOT + 'target/debug/widget-server', ['staff', 'add', name, '--role', role, '--db', join(dir, 'feedback.sqlite3')], { input: PASSWORD + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

/** Signs in on the staff pages and waits for the publishing desk. */
export async function signIn(page, base, name) {
  await page.goto(`${base}/staff/sign-in`);
  await page.getByLabel('名前').fill(name);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('公開の作業');
}
