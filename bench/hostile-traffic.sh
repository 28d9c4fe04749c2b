#!/usr/bin/env bash
# Prints how the release server holds under hostile and careless traffic (issue 24). Figures
# only, never a verdict. In one run:
#  1. half-open flood: the server limited to 1,024 open files (soft and hard) takes 3,000
#     connections from 127.0.0.1 that never finish their headers; a second client (127.0.0.2)
#     asks for /api/health and / meanwhile: p50/p99 (target p99 < 100 ms);
#  2. tracking parameters: 5,000 requests to / with a fresh utm_source each against 5,000 to /
#     (target ≥ 80 %), and / before and after (target p99 within 1.2×);
#  3. renders: uncached renders per second (/feedback carries a form key, so it is never kept);
#  4. renders in one process, with the publication parsed once and parsed for every render.
# Needs: cargo build --release -p server, scripts/build-web.sh + precompress.sh (dist/), wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null 2>&1 || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"; $SUDO apt-get install -y -qq wrk >/dev/null; }
BIN=${WIDGET_SERVER:-target/release/widget-server}
PORT=${PORT:-18777}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

(ulimit -n 1024; exec "$BIN" --listen "0.0.0.0:$PORT" --static dist --data "$work/data" --db "$work/feedback.sqlite3" 2> "$work/server.log") &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.1; done

# p50/p99 of N sequential GETs from 127.0.0.2, in ms.
probe() {
  python3 - "$PORT" "$1" "${2:-200}" <<'PY'
import socket, sys, time
port, path, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
times, failed = [], 0
for _ in range(n):
    t = time.perf_counter()
    try:
        s = socket.create_connection(('127.0.0.1', port), timeout=5, source_address=('127.0.0.2', 0))
        s.sendall(f'GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'.encode())
        data = b''
        while chunk := s.recv(65536):
            data += chunk
        s.close()
        if not data.startswith(b'HTTP/1.1 200'):
            failed += 1
    except OSError:
        failed += 1
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f'{path}: p50 {times[len(times)//2]:.1f} ms, p99 {times[int(len(times)*0.99)-1]:.1f} ms, failed {failed} of {n}')
PY
}

echo "== 1. half-open flood: 3,000 connections from 127.0.0.1 that never finish their headers (server: ulimit -n 1024)"
python3 - "$PORT" > "$work/flood.out" 2>&1 <<'PY' &
import resource, socket, sys, time
resource.setrlimit(resource.RLIMIT_NOFILE, (8192, 8192))
port, held = int(sys.argv[1]), []
for i in range(3000):
    try:
        s = socket.create_connection(('127.0.0.1', port), timeout=2)
        s.sendall(b'GET / HTTP/1.1\r\nHost: x\r\n')
        held.append(s)
    except OSError:
        pass
print(f'opened {len(held)}', flush=True)
time.sleep(8)
alive = 0
for s in held:
    s.setblocking(False)
    try:
        alive += s.recv(1) != b''
    except BlockingIOError:
        alive += 1
    except OSError:
        pass
print(f'still open after 8 s: {alive}', flush=True)
PY
flood=$!
sleep 1
probe /api/health
probe /
wait $flood
cat "$work/flood.out"
grep -m2 "limit:" "$work/server.log" || true

echo "== 2. tracking parameters: 5,000 requests each, 32 connections"
cat > "$work/fresh.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/?utm_source=share" .. counter .. "&fbclid=" .. math.random(1e9))
end
LUA
cat > "$work/count.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("  %d requests, %.0f requests/s, p50 %.1f ms, p99 %.1f ms\n", summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
cat "$work/count.lua" >> "$work/fresh.lua"
before=$(probe / 300)
echo "  / before: $before"
echo "  the same / :"
wrk -t2 -c32 -d4s -s "$work/count.lua" "http://127.0.0.1:$PORT/" | grep requests
echo "  / with a fresh utm_source and fbclid each:"
wrk -t2 -c32 -d4s -s "$work/fresh.lua" "http://127.0.0.1:$PORT/" | grep requests
echo "  / after: $(probe / 300)"

echo "== 3. renders: /feedback is rendered for every request (its form key is the reader's own)"
wrk -t2 -c8 -d4s -s "$work/count.lua" "http://127.0.0.1:$PORT/feedback" | grep requests

echo "== 4. renders in one process, before and after parse-once (median of 5 rounds of 100; /, /konbini, /feedback, /plan)"
cargo run -q --release -p server --example render_rate
