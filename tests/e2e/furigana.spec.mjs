// ふりがな on standard Japanese (issue 34): a switch beside the language switch turns readings
// on over every kanji, on every screen, in page, embed and kiosk modes, with and without script;
// the readings come from the server (a dictionary it reads when it starts), and a server without
// the dictionary offers no switch and serves the pages as they were.
import { test, expect } from './fixtures.mjs';
import { EVERY_SCREEN, kanjiWithReadings, appReady, hydrated, axe } from './pages.mjs';
import { KIOSK_PAGES } from './server-process.mjs';

const WITH_KIOSK = [...EVERY_SCREEN, ...KIOSK_PAGES.filter((p) => p !== '/').map((p) => `${p}?mode=kiosk`)];
const withFurigana = (path) => `${path}${path.includes('?') ? '&' : '?'}furigana=on`;

for (const javaScriptEnabled of [true, false]) {
  test(`ふりがな ${javaScriptEnabled ? 'with' : 'without'} script: every kanji shown has its reading${javaScriptEnabled ? '; axe 0' : ''}`, async ({ base, newContext }) => {
    test.setTimeout(240_000);
    const context = await newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled });
    const page = await context.newPage();
    for (const path of WITH_KIOSK) {
      await page.goto(base + withFurigana(path));
      if (javaScriptEnabled) await appReady(page);
      await expect(page.locator('main h1')).toBeVisible();
      const { kanji, withReading, bare } = await kanjiWithReadings(page);
      expect(kanji, `${path}: kanji shown`).toBeGreaterThan(10);
      expect(withReading, `${path}: kanji without a reading: ${bare}`).toBe(kanji);
      expect(await page.locator('main').innerText(), `${path}: no notation left in the text`).not.toMatch(/[｜《》]/);
      // axe runs as script in the page: it checks the page the app took over, which starts as
      // the very HTML the run without script reads.
      if (javaScriptEnabled) {
        expect((await axe(page)).violations.map((v) => `${v.id}: ${v.nodes[0].target}`), `${path}: axe`).toEqual([]);
      }
    }
  });
}

test('the switch is a plain link beside the languages, kept like the language, in Japanese only', async ({ base, newContext }) => {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(base + '/plan');
  await appReady(page);
  await expect(page.locator('main ruby')).toHaveCount(0);
  await page.getByRole('link', { name: 'ふりがなをつける' }).click();
  await expect(page).toHaveURL(/furigana=on/);
  await expect(page.locator('main h1 ruby').first()).toContainText('内容');
  await expect(page.locator('main h1 rt').first()).toHaveText('ないよう');
  // Remembered: the next page, reached without the parameter, has its readings too.
  await page.goto(base + '/indicators');
  await expect(page.locator('main h1 ruby').first()).toBeVisible();
  // The language switch keeps them for Japanese; the other languages have no switch.
  await page.locator('.lang-switch a[hreflang="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.furigana-switch')).toBeHidden();
  await page.goto(base + '/plan?lang=ja-easy');
  await expect(page.locator('.furigana-switch')).toBeHidden();
  await page.goto(base + '/plan?lang=ja');
  await expect(page.locator('main h1 ruby').first()).toBeVisible();
  await page.getByRole('link', { name: 'ふりがなをはずす' }).click();
  await expect(page).toHaveURL(/furigana=off/);
  await expect(page.locator('main ruby')).toHaveCount(0);
  await page.goto(base + '/indicators');
  await expect(page.locator('main ruby')).toHaveCount(0);
  // Offered on an embedded card and at a kiosk too.
  await page.goto(base + '/?embed=1&card=konbini-yearly');
  await page.getByRole('link', { name: 'ふりがなをつける' }).click();
  await expect(page.locator('main h1 ruby').first()).toBeVisible();
  await page.goto(base + '/?mode=kiosk');
  await expect(page.getByRole('link', { name: 'ふりがなをはずす' })).toBeVisible();
  await expect(page.locator('main h1 ruby').first()).toBeVisible();
});

test('a screen reader reads each word once: the reading is not read after its kanji', async ({ base, newContext }) => {
  const context = await newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // The accessible text of `selector` as Chromium's accessibility tree holds it: the heading's
  // name, and the text a screen reader reads in the paragraph, in order.
  const heard = async (selector) => {
    await cdp.send('DOM.enable');
    await cdp.send('Accessibility.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { node } = await cdp.send('DOM.describeNode', { nodeId });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { backendNodeId: node.backendNodeId, fetchRelatives: false });
    const all = new Map((await cdp.send('Accessibility.getFullAXTree')).nodes.map((n) => [n.nodeId, n]));
    const texts = [];
    const walk = (n) => {
      if (!n.ignored && n.role?.value === 'StaticText') texts.push(n.name?.value ?? '');
      (n.childIds || []).map((id) => all.get(id)).filter(Boolean).forEach(walk);
    };
    walk(all.get(nodes[0].nodeId));
    return { name: all.get(nodes[0].nodeId).name?.value, text: texts.join('') };
  };
  await page.goto(`${base}/plan`);
  const plain = { heading: await heard('main h1'), lead: await heard('main .lead') };
  await page.goto(`${base}/plan?furigana=on`);
  await expect(page.locator('main h1 rt')).toHaveText('ないよう');
  const withReadings = { heading: await heard('main h1'), lead: await heard('main .lead') };
  expect(withReadings.heading.name, 'the heading is named once, as written').toBe(plain.heading.name);
  expect(withReadings.lead.text, 'the paragraph is read once, as written').toBe(plain.lead.text);
  expect(withReadings.lead.text).toContain('市役所改革プラン');
});

test('a server without the dictionary offers no switch, says so once, and serves the pages of today', async ({ ownServers }) => {
  const [withDictionary, without] = await Promise.all([ownServers(), ownServers({ extraArgs: ['--furigana-dictionary', '/nonexistent/ipadic'] })]);
  expect(without.server.log.match(/ふりがな: no dictionary/g)).toHaveLength(1);
  const read = async (own, path) => {
    const res = await fetch(own.base + path);
    // One reader's own values (a form's key, a private link's token) differ on every page.
    const html = (await res.text()).replaceAll(own.base, 'ORIGIN')
      .replace(/name="(key|follow)" value="[^"]*"/g, 'name="$1"').replace(/"key":"[^"]*"/g, '"key"');
    return { html, cookie: res.headers.get('set-cookie') };
  };
  const switchLink = /<a href="[^"]*" lang="ja" class="furigana-switch">[^<]*<!><\/a>/g;
  for (const path of WITH_KIOSK) {
    const [offered, plain] = await Promise.all([read(withDictionary, path), read(without, path)]);
    expect(offered.html, `${path}: the switch is offered`).toMatch(switchLink);
    expect(plain.html, `${path}: no switch`).not.toMatch(switchLink);
    // Less the switch (on an embedded card with the one hydration marker it adds) and the
    // app's empty list of readings.
    const theSwitch = path.includes('embed=1') ? new RegExp(`${switchLink.source}<!>`, 'g') : switchLink;
    const unchanged = offered.html.replace(theSwitch, '').replace(/<script type="application\/json" id="readings">\{\}<\/script>/, '');
    expect(unchanged, `${path}: with the switch off, the page is the page without it`).toBe(plain.html);
    const asked = await read(without, withFurigana(path));
    expect(asked.html, `${path}: no readings`).not.toContain('<ruby>');
    expect(asked.cookie ?? '', `${path}: nothing remembered`).not.toContain('furigana');
  }
});

test('the form with ふりがな starts its app on the readings it was sent, and keeps what is typed', async ({ base, newContext }) => {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(base + '/feedback?furigana=on');
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('data-locale', 'ja-furigana');
  const message = page.locator('textarea').first();
  await message.fill('窓口の案内がわかりやすかったです');
  await expect(message).toHaveValue('窓口の案内がわかりやすかったです');
  // Writing started the app (form.js); it took over with what was typed.
  await hydrated(page);
  await expect(message).toHaveValue('窓口の案内がわかりやすかったです');
  const { kanji, withReading, bare } = await kanjiWithReadings(page);
  expect(withReading, `kanji without a reading: ${bare}`).toBe(kanji);
  // The app switches language in place; back in Japanese, the readings are back too.
  await page.locator('.lang-switch a[hreflang="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.locator('.lang-switch a[hreflang="ja"]').first().click();
  await expect(page.locator('html')).toHaveAttribute('data-locale', 'ja-furigana');
  await expect(page.locator('main h1 ruby').first()).toBeVisible();
  await expect(message).toHaveValue('窓口の案内がわかりやすかったです');
  // A page first shown in English to a reader who chose ふりがな carries them for the way back.
  await page.goto(base + '/feedback?lang=en');
  await appReady(page);
  await page.locator('textarea').first().focus();
  await hydrated(page);
  await page.locator('.lang-switch a[hreflang="ja"]').first().click();
  await expect(page.locator('html')).toHaveAttribute('data-locale', 'ja-furigana');
  await expect(page.locator('main h1 ruby').first()).toBeVisible();
});

test('at a kiosk, the next person starts without ふりがな: the idle reset forgets them with the language', async ({ base, newContext }) => {
  const context = await newContext({ viewport: { width: 1080, height: 1920 } });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(base + '/?mode=kiosk&idle=40');
  await appReady(page);
  await page.getByRole('link', { name: 'ふりがなをつける' }).click();
  await appReady(page);
  await expect(page.locator('main h1 ruby').first()).toBeVisible();
  // Nobody touches the screen: the warning, then the reset.
  await page.clock.runFor(41_000);
  await expect(page.locator('[role="alertdialog"]').first()).toBeVisible();
  await Promise.all([page.waitForEvent('load'), page.clock.runFor(31_000)]);
  await appReady(page);
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('main ruby')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'ふりがなをつける' })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === 'reform-widget-furigana')?.value ?? '', 'the choice forgotten').not.toBe('on');
});
