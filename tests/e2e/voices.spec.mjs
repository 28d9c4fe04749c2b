// The staff inbox for citizens' voices, in a real browser against the real server: a citizen
// sends a message from the konbini card; an editor finds it by a word from the middle of its
// text, groups it into a theme attached to the card, gives it a status and a section in
// charge; a publisher reads who did what in the log; the editor drafts the city's answer, a
// publisher publishes it, and the citizen's private link shows it. Once with script and once
// without (the staff pages have none; the citizen's form works either way). axe on every page.
// The messages are synthetic, for tests only.
import { spawnSync } from 'node:child_process';
import { test, expect } from './fixtures.mjs';
import { kanjiWithReadings, live, axe } from './pages.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const PASSWORD = 'a long staff password for tests';

function addStaff(db, name, role) {
  const r = spawnSync(ROOT + 'target/debug/widget-server', ['staff', 'add', name, '--role', role, '--db', db], { input: PASSWORD + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

async function signIn(page, base, name) {
  await page.goto(`${base}/staff/sign-in`);
  await page.getByLabel('名前').fill(name);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('公開の作業');
}

async function expectNoAxeViolations(page, where) {
  const violations = (await axe(page)).violations;
  expect(violations.map((v) => `${v.id}: ${v.nodes[0].target}`), `axe on ${where}`).toEqual([]);
}

/** The whole loop, from the citizen's message to the answer on their private page. */
async function wholeLoop({ ownServer, newContext }, script) {
  const { base, db } = ownServer;
  // axe runs as script in the page: the run without script serves the same HTML, which the
  // run with script has checked.
  const axe = script ? expectNoAxeViolations : async () => {};
  addStaff(db, 'henshu', 'editor');
  addStaff(db, 'koukai', 'publisher');
  const word = script ? 'ゴミ袋の販売場所' : '駐輪場の屋根の修理';
  const message = `コンビニ交付は便利です。${word}についても知りたいです。`;

  // A citizen writes from the card.
  const citizen = await newContext({ javaScriptEnabled: script });
  const page = await citizen.newPage();
  await page.goto(`${base}/konbini`);
  await page.locator('[data-chart="konbini-yearly"] a[href^="/feedback"]').click();
  if (script) await live(page);
  await expect(page.locator('#topic'), 'the card in words').toHaveValue('証明書コンビニ発行件数');
  await page.locator('#message').fill(message);
  await page.locator('form.form button[type="submit"]:visible').click();
  if (script) await page.locator('.preview button.button:not(.button--secondary)').click();
  await expect(page.locator('[data-receipt]')).toHaveAttribute('data-receipt', /^KR-\d{7}$/);
  const receipt = await page.locator('[data-receipt]').getAttribute('data-receipt');
  // The receipt offers the private page where the citizen follows the message.
  const follow = page.locator('a[data-follow]');
  await expect(follow).toHaveText('あなたの声のその後は、このページで確かめられます');
  const mine = await follow.getAttribute('href');
  expect(mine).toMatch(/^\/voices\/mine\/[0-9a-f]{64}$/);
  await follow.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('あなたの声のその後');
  await expect(page.locator('.my-voice__status')).toHaveText('受け付けました');
  await expect(page.locator('.my-voice')).toContainText('証明書コンビニ発行件数');
  await expect(page.locator('main')).not.toContainText(message);
  await axe(page, 'the private page');

  // An editor finds it by three characters from the middle of a word.
  const editorContext = await newContext({ javaScriptEnabled: script });
  const s = await editorContext.newPage();
  await signIn(s, base, 'henshu');
  await s.getByRole('navigation', { name: '職員用メニュー' }).getByRole('link', { name: '市民の声' }).click();
  await expect(s.getByRole('heading', { level: 1 })).toHaveText('市民の声');
  await axe(s, 'the list');
  await s.getByLabel('言葉で探す').fill(word.slice(1, 4));
  await s.getByRole('button', { name: 'この条件で表示する' }).click();
  await expect(s.locator('#found')).toHaveText('1件の声が見つかりました');
  await expect(s.getByLabel('状態')).toContainText('新着（1件）');
  await s.getByRole('link', { name: receipt }).click();
  await expect(s.locator('.voice-message')).toHaveText(message);
  await expect(s.locator('.voice-facts')).toContainText('証明書コンビニ発行件数（konbini-yearly）');
  await axe(s, 'one voice');

  // A theme in the city's words, attached to the card.
  const theme = `コンビニ交付と${word}`;
  await s.getByRole('navigation', { name: '職員用メニュー' }).getByRole('link', { name: 'テーマ' }).click();
  await s.getByRole('button', { name: 'テーマを作る' }).click();
  await expect(s.getByRole('alert')).toContainText('テーマの名前を入力してください');
  await expect(s.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#title');
  await axe(s, 'the themes with an error');
  await s.getByLabel('テーマの名前').fill(theme);
  await s.getByLabel('どのカード・指標について').selectOption('konbini-yearly');
  await s.getByRole('button', { name: 'テーマを作る' }).click();
  await expect(s.getByRole('status')).toHaveText('テーマを作りました。');
  await expect(s.locator('.theme-list')).toContainText(`${theme}（0件）`);
  await axe(s, 'the themes');

  // Its status, section in charge and theme.
  await s.goto(`${base}/staff/voices?q=${encodeURIComponent(word.slice(1, 4))}`);
  await s.getByRole('link', { name: receipt }).click();
  await s.getByLabel('担当課で検討中').check();
  await s.getByLabel('担当課', { exact: true }).fill('証明書発行担当');
  await s.getByLabel('テーマ', { exact: true }).selectOption({ label: theme });
  await s.getByRole('button', { name: '保存する' }).click();
  await expect(s.getByRole('status')).toContainText('保存しました');
  await expect(s.locator('.voice-log')).toContainText(`henshu さん: ${receipt}: 状態を「新着」から「担当課で検討中」にしました`);
  await expect(s.locator('.voice-log')).toContainText(`テーマを「なし」から「${theme}」にしました`);
  // Declining needs a reason: the error is announced and linked to the note.
  await s.getByLabel('対応しない（理由を記録）').check();
  await s.getByRole('button', { name: '保存する' }).click();
  await expect(s.getByRole('alert').getByRole('link', { name: '対応しない場合は、その理由を内部メモに書いてください' })).toHaveAttribute('href', '#note');
  await expect(s.locator('#note')).toHaveAttribute('aria-describedby', 'note-hint note-error');
  await axe(s, 'one voice with an error');

  // The filters find it under its new status and theme.
  await s.goto(`${base}/staff/voices?status=considering`);
  await expect(s.getByRole('link', { name: receipt })).toBeVisible();
  await s.goto(`${base}/staff/voices/themes`);
  await s.getByRole('link', { name: `${theme}（1件）` }).click();
  await expect(s.locator('#found')).toHaveText('1件の声が見つかりました');
  // An editor may not read the log.
  const refused = await s.goto(`${base}/staff/voices/log`);
  expect(refused.status()).toBe(403);

  // A publisher reads who did what.
  const publisherContext = await newContext({ javaScriptEnabled: script });
  const p = await publisherContext.newPage();
  await signIn(p, base, 'koukai');
  await p.goto(`${base}/staff/voices/log`);
  await expect(p.locator('.voice-log')).toContainText(`henshu さん: ${receipt}: 担当課を「」から「証明書発行担当」にしました`);
  await expect(p.locator('.voice-log')).toContainText(`henshu さん: テーマ「${theme}」を作りました`);
  await expect(p.locator("main")).not.toContainText(message);
  await axe(p, 'the log');

  // The editor writes the city's answer on the theme: a draft of the next publication.
  const answer = `コンビニ交付の案内を増やします（試験用・${script ? 'スクリプトあり' : 'スクリプトなし'}）。`;
  await s.goto(`${base}/staff/voices/themes`);
  await s.getByRole('link', { name: `「${theme}」への市の対応を書く` }).click();
  await axe(s, 'the answer form');
  await s.getByRole('button', { name: '下書きにする' }).click();
  await expect(s.getByRole('alert').getByRole('link', { name: '市の対応（日本語）を入力してください' })).toHaveAttribute('href', '#answer_ja');
  await s.getByLabel('対応しています', { exact: true }).check();
  await s.getByLabel('寄せられた声の要約（日本語）').fill('コンビニ交付の案内についての声がありました。');
  await s.getByLabel('市の対応（日本語）').fill(answer);
  await s.getByRole('button', { name: '下書きにする' }).click();
  await expect(s.getByRole('heading', { level: 1 })).toContainText('下書き');
  await expect(s.locator('main')).toContainText(`新しい対応: 「${theme}」（対応しています）`);
  await expect(s.getByRole('button', { name: '公開する' }), 'the author does not publish it').toHaveCount(0);

  // A second person publishes it, and citizens see it where they wrote from.
  await p.goto(`${base}/staff/publishing`);
  await p.locator('a[href^="/staff/drafts/"]').first().click();
  await expect(p.locator('main')).toContainText(`新しい対応: 「${theme}」（対応しています）`);
  await p.getByRole('button', { name: '公開する' }).click();
  await expect(p.getByRole('status')).toContainText('を公開しました');
  await page.goto(`${base}/voices`);
  await expect(page.locator('section#konbini-yearly .answer')).toContainText(answer);
  await expect(page.locator('section#konbini-yearly .answer__status')).toHaveText('対応しています');
  await page.goto(`${base}/konbini`);
  await expect(page.locator('[data-chart="konbini-yearly"] .card-voices')).toHaveText('この数値への市の対応 1件');
  const feed = await (await page.request.get(`${base}/feed.xml`)).text();
  expect(feed).toContain(`市の対応: ${theme} — 対応しています`);
  expect(feed, 'no message text in the feed').not.toContain(message);

  // The editor marks the voice answered; the citizen's private page shows it with the answer.
  await s.goto(`${base}/staff/voices?q=${encodeURIComponent(word.slice(1, 4))}`);
  await s.getByRole('link', { name: receipt }).click();
  await s.getByLabel('市の対応を公開', { exact: true }).check();
  await s.getByRole('button', { name: '保存する' }).click();
  await expect(s.getByRole('status')).toContainText('保存しました');
  const followed = await page.goto(`${base}${mine}`);
  expect(followed.headers()['cache-control']).toBe('no-store');
  await expect(page.locator('.my-voice__status')).toHaveText('市の対応を公開しました');
  await expect(page.locator('.my-voice__answer .answer')).toContainText(answer);
  await expect(page.locator('main')).not.toContainText(message);
  await axe(page, 'the private page with its answer');
  await page.goto(`${base}${mine}?lang=en`);
  await expect(page.locator('.my-voice__status')).toHaveText("The city's answer is published");
  // Another token is a plain 404 in the reader's language.
  const wrong = await page.goto(`${base}/voices/mine/${'0'.repeat(64)}?lang=en`);
  expect(wrong.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page cannot be found');
}

for (const script of [true, false]) {
  test(`voices: a message from the konbini card is found by a word from its middle, grouped, given a status, logged, answered and followed (${script ? 'with' : 'without'} script)`, async ({ ownServer, newContext }) => wholeLoop({ ownServer, newContext }, script));
}

test.describe('on PostgreSQL', () => {
  test.use({ database: 'postgres' });
  test('voices: the whole loop with the store in PostgreSQL (search by pg_trgm, handling, log, themes, the private link)', async ({ ownServer, newContext }) => wholeLoop({ ownServer, newContext }, true));
});

test('voices: the city\'s published answers on 「みなさんの声と市の対応」 in three languages and on the cards they concern; axe 0; readings in やさしい日本語', async ({ base, newContext }) => {
  const data = '?data=/fixtures/voices/index.json';
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${base}/voices${data}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('みなさんの声と市の対応');
  const konbini = page.locator('section#konbini-yearly');
  await expect(konbini.getByRole('heading', { level: 2 })).toHaveText('証明書コンビニ発行件数');
  await expect(konbini.locator('table.voices-received caption')).toHaveText('寄せられたご意見の数（37件）');
  await expect(konbini.locator('table.voices-received tbody tr')).toHaveText(['2023年10月14件', '2023年11月23件']);
  await expect(konbini.locator('.answer h3')).toHaveText('コンビニ交付の手数料（試験用）');
  await expect(konbini.locator('.answer__status')).toHaveText('検討しています');
  const declined = page.locator('#answer-test-hours');
  await expect(declined.locator('.answer__status')).toHaveText('対応しません');
  await expect(declined).toContainText('職員の数が限られているためです。');
  await expectNoAxeViolations(page, '/voices');
  await page.goto(`${base}/voices${data}&lang=en`);
  await expect(page.locator('#answer-test-fee')).toContainText('Under consideration');
  await expect(page.locator('#answer-test-fee')).toContainText('30 November 2023');
  await expectNoAxeViolations(page, '/voices in English');
  await page.goto(`${base}/voices${data}&lang=ja-easy`);
  await expect(page.locator('#answer-test-fee .answer__status ruby').first()).toContainText('考');
  const { kanji, withReading, bare } = await kanjiWithReadings(page);
  expect(withReading / kanji, `kanji with a reading (without: ${bare})`).toBeGreaterThanOrEqual(0.95);
  await expectNoAxeViolations(page, '/voices in やさしい日本語');
  // The card the answer concerns says so, and leads there.
  await page.goto(`${base}/konbini${data}&lang=ja`);
  const line = page.locator('[data-chart="konbini-yearly"] .card-voices a');
  await expect(line).toHaveText('この数値へのみなさんの声 37件・市の対応 1件');
  await line.click();
  await expect(page).toHaveURL(/\/voices(\?.*)?#konbini-yearly$/);
  await context.close();
});
