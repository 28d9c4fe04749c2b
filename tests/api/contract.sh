#!/usr/bin/env bash
# Property-based testing of the running widget-server against its own /api/openapi.json:
# schemathesis, every check, a bounded run per store (SQLite, then PostgreSQL in a throwaway
# cluster). Prints `api contract (<store>): N passed, N failed` per store; exit 0 only when
# nothing failed. MAX_EXAMPLES (default 150) bounds each operation's cases; a failure prints
# its seed and a curl line to reproduce it.
set -uo pipefail
cd "$(dirname "$0")/../.."
SCHEMATHESIS=${SCHEMATHESIS:-.tools/venv/bin/schemathesis}
SERVER=${SERVER:-target/debug/widget-server}
MAX_EXAMPLES=${MAX_EXAMPLES:-150}
out=target/test-results/api-contract
mkdir -p "$out"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# run_against NAME DB: starts a server on DB, runs schemathesis, prints the suite's line.
run_against() {
  local name=$1 db=$2 port dir pid status
  port=$(free_port); dir=$(mktemp -d)
  echo "staff-token-for-the-contract-run" > "$dir/token"
  "$SERVER" --listen "127.0.0.1:$port" --db "$db" --static dist --data "$dir/data" --rate-limit 100000000 --export-token-file "$dir/token" > "$out/$name-server.log" 2>&1 &
  pid=$!
  "$SCHEMATHESIS" --config-file tests/api/schemathesis.toml run "http://127.0.0.1:$port/api/openapi.json" \
    --wait-for-schema 20 --checks all --max-examples "$MAX_EXAMPLES" --output-truncate true \
    -H "Authorization: Bearer staff-token-for-the-contract-run" \
    --report junit --report-junit-path "$out/$name.xml" > "$out/$name.log" 2>&1
  status=$?
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"
  local tests failures
  tests=$(grep -o 'tests="[0-9]*"' "$out/$name.xml" 2>/dev/null | head -1 | tr -dc 0-9)
  failures=0
  for n in $(grep -o 'failures="[0-9]*"\|errors="[0-9]*"' "$out/$name.xml" 2>/dev/null | head -2 | tr -dc '0-9\n'); do failures=$((failures + n)); done
  if [ -z "$tests" ]; then
    echo "api contract ($name): schemathesis did not run — see $out/$name.log"; tests=1; failures=1
  elif [ "$status" != 0 ] && [ "${failures:-0}" = 0 ]; then
    echo "api contract ($name): schemathesis exited $status — see $out/$name.log"; failures=1
  fi
  [ "${failures:-0}" != 0 ] && sed -n '/FAILURES/,$p' "$out/$name.log" | cut -c1-400 | head -60
  echo "api contract ($name): $((tests - failures)) passed, $failures failed"
}

if [ "${1:-}" = --postgres ]; then
  # Inside pg_virtualenv's throwaway cluster (below).
  run_against postgres "postgres://$PGUSER:$PGPASSWORD@localhost:${PGPORT:-5432}/$PGDATABASE"
else
  run_against sqlite "$(mktemp -d)/feedback.sqlite3"
  pg_virtualenv "$0" --postgres
fi
