// One Lighthouse run (mobile, default simulated throttling) against a page of the real server, as
// the Lighthouse benches take it: its scores, LCP, TBT, CLS and its longest main-thread task.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { CHROMIUM_ARGS } from '../tests/e2e/pages.mjs';

const ROOT = new URL('../', import.meta.url).pathname;

// Asynchronous on purpose: while Lighthouse runs, this process must keep reading the server's log
// pipe, or the server blocks writing to it and the page never paints (the NO_FCP seen before).
export async function lighthouse(url) {
  const { stdout: out } = await promisify(execFile)(ROOT + 'node_modules/.bin/lighthouse', [url, '--output=json', '--quiet',
    '--only-categories=performance,accessibility,best-practices,seo',
    '--max-wait-for-load=30000',
    `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`],
    // A run that hangs (seen on this 2-core machine) is killed and retried, with its browser.
    { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024, timeout: 150_000, killSignal: 'SIGKILL' });
  const r = JSON.parse(out);
  const score = (c) => Math.round(r.categories[c].score * 100);
  const tasks = r.audits['long-tasks']?.details?.items || [];
  return {
    performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), seo: score('seo'),
    lcp: r.audits['largest-contentful-paint'].numericValue, tbt: r.audits['total-blocking-time'].numericValue, cls: r.audits['cumulative-layout-shift'].numericValue,
    // Lighthouse lists the tasks over 50 ms (as simulated on a mobile CPU); none is 0. It names
    // the page or file a task belongs to, or "Unattributable": the browser's own work, such as
    // starting the renderer, which a page of one line has too (the benches' floor row).
    longest: tasks.reduce((m, t) => Math.max(m, t.duration || 0), 0),
    longestOwn: tasks.filter((t) => t.url !== 'Unattributable').reduce((m, t) => Math.max(m, t.duration || 0), 0),
  };
}

const onePage = (lang, title, line, styled) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title>${styled ? '<link rel="stylesheet" href="/style.css">' : ''}</head><body><p>${line}</p></body></html>`;

/** The floors the benches measure beside the screens, in the same run: a page of one line in
 * English; in Japanese with the site's style sheet (served beside it as `/style.css`); and the same
 * with readings, as pages in やさしい日本語 and with ふりがな have. What a bench finds on these is
 * what any such page costs on this machine, so each screen is read against its language's floor. */
export const FLOOR_PAGES = {
  en: onePage('en', 'Hello', 'Hello'),
  ja: onePage('ja', '熊本市', '熊本市役所改革プラン', true),
  ruby: onePage('ja', '熊本市', '<ruby>熊本市<rp>(</rp><rt>くまもとし</rt><rp>)</rp></ruby>の<ruby>市役所<rp>(</rp><rt>しやくしょ</rt><rp>)</rp></ruby>', true),
};
/** Which floor a screen's language is read against. */
export const FLOOR_OF = { ja: 'ja', en: 'en', 'ja-easy': 'ruby', furigana: 'ruby' };

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `runs` Lighthouse runs of `url` (a failed run is retried, as many times as runs), each figure's median. */
export async function medianRun(url, runs, label = url) {
  const done = [];
  let failed = 0;
  while (done.length < runs && failed < runs) {
    try {
      done.push(await lighthouse(url));
    } catch (e) {
      failed++;
      console.error(`${label}: a run failed (${String(e.stderr || e.message).split('\n')[0].slice(0, 120)}); retrying`);
      spawnSync('pkill', ['-9', '-f', 'chromium.*--headless=new']);
    }
  }
  if (!done.length) throw new Error(`${label}: every Lighthouse run failed`);
  return Object.fromEntries(Object.keys(done[0]).map((k) => [k, median(done.map((r) => r[k]))]));
}
