// Load on loopback: POST /api/feedback with unique keys from N concurrent connections for a
// fixed time, against SQLite and (with a cluster: run `bench/feedback-load.sh`) PostgreSQL;
// prints submissions/s and latency percentiles for each. The load comes from wrk (Debian's
// package): a client in node took more CPU than the server and set the ceiling itself. Uses the release server when built
// (`cargo build --release -p server`), else the debug one. Every submission is durable before
// its receipt: SQLite commits with synchronous=FULL; the PostgreSQL cluster of the wrapper runs
// with fsync=on and synchronous_commit=on. The disk sets the ceiling.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startServer, stop, workdir, freePort } from '../tests/e2e/server-process.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const CONCURRENCY = Number(process.env.CONCURRENCY || 32);
const SECONDS = Number(process.env.SECONDS || 10);
const binary = process.env.WIDGET_SERVER || (existsSync(ROOT + 'target/release/widget-server') ? ROOT + 'target/release/widget-server' : ROOT + 'target/debug/widget-server');

/** One wrk run against a fresh server; prints submissions/s and latency percentiles. */
async function measure(label, extraArgs) {
  const port = await freePort();
  const server = await startServer({ port, dir: workdir(), rateLimit: 100_000_000, binary, extraArgs });
  // One wrk thread: the load generator takes one core, the server the other.
  const run = spawnSync('wrk', ['-t1', `-c${CONCURRENCY}`, `-d${SECONDS}s`, '-s', ROOT + 'bench/feedback-load.lua', `http://127.0.0.1:${port}`], { encoding: 'utf8' });
  await stop(server);
  const line = (run.stdout || '').split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`wrk gave no result: ${run.stderr || run.error}`);
  const r = Object.fromEntries(line.slice(7).split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
  const stored = r.requests - r.not_created;
  console.log(`${label}: ${(stored / r.seconds).toFixed(0)} submissions/s  (${stored} stored, ${r.not_created} not 201)`);
  console.log(`${label}: latency ms p50 ${r.p50.toFixed(1)}  p90 ${r.p90.toFixed(1)}  p99 ${r.p99.toFixed(1)}  max ${r.max.toFixed(1)}`);
}

console.log(`server: ${binary}, wrk with ${CONCURRENCY} connections, ${SECONDS} s each`);
await measure('SQLite    ', []);
if (process.env.PGHOST) {
  const db = `postgres://${process.env.PGUSER}:${process.env.PGPASSWORD}@localhost:${process.env.PGPORT || 5432}/${process.env.PGDATABASE}`;
  await measure('PostgreSQL', ['--db', db]);
} else {
  console.log('PostgreSQL: skipped (no cluster; run bench/feedback-load.sh)');
}
