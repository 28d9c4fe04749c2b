// やさしい日本語 as the national guideline writes it (issue 22): common kanji with their readings,
// not all hiragana. On every screen kanji are shown, at least 95 % of those on the page inside
// <ruby> with a reading, and axe finds nothing (bench/easy-japanese.mjs prints the figures).
import { test, expect } from './fixtures.mjs';
import { EVERY_SCREEN, kanjiWithReadings, axe } from './pages.mjs';


test('やさしい日本語: kanji on every screen, 95 % of them with their readings; axe 0', async ({ base, newContext }) => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const path of EVERY_SCREEN) {
    await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=ja-easy`);
    await expect(page.locator('main h1')).toBeVisible();
    const { kanji, withReading, bare } = await kanjiWithReadings(page);
    expect(kanji, `${path}: kanji shown, not all hiragana`).toBeGreaterThan(10);
    expect((100 * withReading) / kanji, `${path}: share with a reading (bare: ${bare})`).toBeGreaterThanOrEqual(95);
    expect((await axe(page)).violations.map((v) => `${v.id}: ${v.nodes[0].target}`), `${path}: axe`).toEqual([]);
  }
});
