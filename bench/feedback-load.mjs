// Load on loopback: POST /api/feedback with unique keys from N concurrent clients for a fixed
// time; prints submissions/s and latency percentiles. Uses the release server when built
// (`cargo build --release -p server`), else the debug one. Each submission is fsync'ed
// (synchronous=FULL), so the disk sets the ceiling.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { startServer, stop, workdir, freePort } from '../tests/e2e/server-process.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const CONCURRENCY = Number(process.env.CONCURRENCY || 32);
const SECONDS = Number(process.env.SECONDS || 10);
const binary = existsSync(ROOT + 'target/release/widget-server') ? ROOT + 'target/release/widget-server' : ROOT + 'target/debug/widget-server';
const port = freePort();
const server = await startServer({ port, dir: workdir(), rateLimit: 100_000_000, binary });
const url = `http://127.0.0.1:${port}/api/feedback`;
const latencies = [];
let failures = 0;
const until = Date.now() + SECONDS * 1000;
async function client() {
  while (Date.now() < until) {
    const t = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: randomUUID(), message: '負荷試験の意見です。窓口の対応が丁寧でした。', satisfaction: 4 }) });
    await res.arrayBuffer();
    if (res.status === 201) latencies.push(performance.now() - t); else failures++;
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, client));
const elapsed = (performance.now() - started) / 1000;
await stop(server);
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))].toFixed(1);
console.log(`server: ${binary.includes('release') ? 'release' : 'debug'} build, ${CONCURRENCY} concurrent clients, ${SECONDS} s`);
console.log(`submissions/s: ${(latencies.length / elapsed).toFixed(0)}  (${latencies.length} stored, ${failures} not 201)`);
console.log(`latency ms: p50 ${pct(50)}  p90 ${pct(90)}  p99 ${pct(99)}  max ${latencies.at(-1).toFixed(1)}`);
