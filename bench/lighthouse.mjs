// Lighthouse (mobile, default simulated throttling), median of RUNS (default 5), for the app's
// home and for a static HTML page with the same home content generated from the snapshot,
// measured in the same run against the real server (release build, precompressed files).
// Prints Performance, LCP, TBT, CLS, Accessibility, Best Practices, SEO and LCP(app)/LCP(static).
// Needs: trunk build --release, scripts/precompress.sh, cargo build --release -p server.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { startServer, stop, workdir, freePort } from '../tests/e2e/server-process.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const RUNS = Number(process.env.RUNS || 5);
const snap = JSON.parse(readFileSync(ROOT + 'public/data/snapshots/2023-12.json', 'utf8'));
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const UNITS = { percent: '%', ratio_percent: '%', cases: '件', days: '日', hundred_million_yen: '億円' };
const q = (v, u) => `${v.toLocaleString('ja-JP', { maximumFractionDigits: 3 })}${UNITS[u]}`;
const fy = (y) => `令和${y - 2018}年度（${y}年度）`;

// The baseline: the same home content as plain HTML with the app's own stylesheets.
function staticHome() {
  const html = readFileSync(ROOT + 'dist/index.html', 'utf8');
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"[^>]*>/g)].map((m) => `<link rel="stylesheet" href="${m[1]}">`).join('\n');
  const groups = new Set(snap.indicators.filter((i) => !i.marker).map((i) => i.group));
  const cards = snap.indicators.filter((i) => groups.has(i.group)).map((i) => `
    <li class="card indicator"><h3 class="indicator__name">${esc(i.name.ja)}</h3>
    <dl class="indicator__figures">
      <div><dt>基準値 <span class="year">${fy(i.baseline.fiscal_year)}</span></dt><dd class="figure">${q(i.baseline.value, i.unit)}</dd></div>
      <div><dt>実績 <span class="year">${fy(i.actuals.at(-1).fiscal_year)}</span></dt><dd class="figure">${q(i.actuals.at(-1).value, i.unit)}</dd></div>
      <div><dt>目標 <span class="year">${fy(i.target.fiscal_year)}</span></dt><dd class="figure">${q(i.target.value, i.unit)}</dd></div>
    </dl></li>`).join('');
  const p = snap.plan;
  return `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="熊本市の市役所改革プランと、その成果を示す数字。"><title>市役所改革プラン｜熊本市（静的）</title>${css}</head><body>
<header class="site-header"><div class="site-header__bar"><p class="site-title"><a href="/"><span class="site-title__city">熊本市</span><span class="site-title__name">市役所改革プラン</span></a></p></div></header>
<main id="main" class="site-main"><h1>市役所改革プランのいま</h1>
<p class="lead">熊本市は、市民と職員の満足度が高い市役所をめざして改革を進めています。計画の目標と、その達成度を示す数字をまとめました。</p>
<section class="plan-summary"><h2>${esc(p.name.ja)} <span class="plan-summary__stage">${esc(p.stage.ja)}</span></h2>
<dl class="facts"><div><dt>計画期間</dt><dd>${fy(p.period.from)}～${fy(p.period.to)}</dd></div>
${[p.mission, p.vision, p.values].map((s) => `<div><dt>${esc(s.label.ja)}</dt><dd>${esc(s.title.ja)}</dd></div>`).join('')}</dl></section>
<section><h2>主な検証指標</h2><ul class="cards" role="list">${cards}</ul></section></main></body></html>`;
}

function lighthouse(url) {
  const out = execFileSync(ROOT + 'node_modules/.bin/lighthouse', [url, '--output=json', '--quiet',
    '--only-categories=performance,accessibility,best-practices,seo',
    `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`], { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(out);
  const score = (c) => Math.round(r.categories[c].score * 100);
  return {
    performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), seo: score('seo'),
    lcp: r.audits['largest-contentful-paint'].numericValue, tbt: r.audits['total-blocking-time'].numericValue, cls: r.audits['cumulative-layout-shift'].numericValue,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
writeFileSync(ROOT + 'dist/bench-static.html', staticHome());
const port = freePort();
const server = await startServer({ port, dir: workdir(), binary: ROOT + 'target/release/widget-server' });
const results = {};
try {
  for (const [name, path] of [['app', '/'], ['static', '/bench-static.html']]) {
    const runs = [];
    let failed = 0;
    // Headless Chromium now and then reports NO_FCP on a loaded machine; such a run is retried.
    while (runs.length < RUNS && failed < RUNS) {
      try { runs.push(lighthouse(`http://127.0.0.1:${port}${path}`)); } catch (e) { failed++; console.error(`${name}: a run failed (${String(e.stderr || e.message).split('\n')[0].slice(0, 120)}); retrying`); }
    }
    if (!runs.length) throw new Error(`${name}: every Lighthouse run failed`);
    results[name] = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
  }
} finally {
  await stop(server);
  rmSync(ROOT + 'dist/bench-static.html', { force: true });
}
console.log(`Lighthouse mobile, median of ${RUNS} runs`);
console.log('page     Perf   LCP ms   TBT ms    CLS   A11y  BestPr   SEO');
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(8)} ${String(r.performance).padStart(4)} ${r.lcp.toFixed(0).padStart(8)} ${r.tbt.toFixed(0).padStart(8)} ${r.cls.toFixed(3).padStart(6)} ${String(r.accessibility).padStart(6)} ${String(r.bestPractices).padStart(7)} ${String(r.seo).padStart(5)}`);
}
console.log(`LCP(app) / LCP(static) = ${(results.app.lcp / results.static.lcp).toFixed(2)} (budget ≤ 1.5)`);
