#!/usr/bin/env bash
# Sets up (idempotently) and runs every test suite: native Rust, wasm components in headless
# Chromium, and browser end-to-end tests against the release build. Ends with one line:
# `N passed, N failed`, summed over all suites. Exit status 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
mkdir -p target/test-results
passed=0; failed=0

# Adds up cargo's `test result:` lines from a log; a suite that produced none counts as one failure.
count_cargo() {
  local log=$1 name=$2 p f
  p=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^passed/) s += $i; n++ } END { if (n) print s+0 }' "$log")
  f=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^failed/) s += $i } END { print s+0 }' "$log")
  if [ -z "$p" ]; then
    echo "$name: no test results (build failed?) — see $log"; p=0; f=1
  elif [ "$f" = 0 ] && [ "$3" != 0 ]; then
    echo "$name: cargo exited $3 — see $log"; f=1
  fi
  echo "$name: $p passed, $f failed"
  passed=$((passed + p)); failed=$((failed + f))
}

# A suite of one check: counted as one passed or one failed, with the command to run on failure.
count_check() {
  local name=$1 log=$2 fix=$3; shift 3
  if "$@" > "$log" 2>&1; then
    echo "$name: 1 passed, 0 failed"; passed=$((passed + 1))
  else
    echo "$name: 0 passed, 1 failed — see $log ($fix)"; head -20 "$log"; failed=$((failed + 1))
  fi
}

echo "== format and lints: rustfmt, clippy on the server's and the browser's code"
count_check "format" target/test-results/fmt.log "cargo fmt --all" cargo fmt --all --check
count_check "lints (server)" target/test-results/clippy.log "fix, or allow the lint with its reason" \
  cargo clippy --workspace --all-targets --features snapshot/cli,reform-widget/ssr -- -D warnings
count_check "lints (browser)" target/test-results/clippy-wasm.log "fix, or allow the lint with its reason" \
  cargo clippy -p reform-widget --target wasm32-unknown-unknown --features csr -- -D warnings

echo "== native: cargo test (snapshot format, checker, view-models, feedback rules, server rendering, server on SQLite and PostgreSQL)"
# pg_virtualenv starts a throwaway PostgreSQL cluster for the run (and removes it after).
pg_virtualenv cargo test --no-fail-fast -p csv-table -p snapshot -p view-models -p feedback -p publish -p furigana -p reform-widget -p server --features snapshot/cli,reform-widget/ssr 2>&1 | tee target/test-results/native.log | grep -E '^test .*(FAILED|failed)|^test result|panicked' ; status=${PIPESTATUS[0]}
count_cargo target/test-results/native.log native "$status"

echo "== wasm: components in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --no-fail-fast --target wasm32-unknown-unknown --features csr --test web 2>&1 | tee target/test-results/wasm.log | grep -E '^test |^test result' ; status=${PIPESTATUS[0]}
count_cargo target/test-results/wasm.log wasm "$status"

echo "== api contract: schemathesis against the running server's own openapi.json (SQLite, PostgreSQL)"
if cargo build -q -p server 2> target/test-results/server-build.log; then
  tests/api/contract.sh | tee target/test-results/api-contract.log
  for line in $(grep -o '[0-9]* passed, [0-9]* failed' target/test-results/api-contract.log | tr ' ,' '__'); do
    p=${line%%_passed*}; f=${line#*passed__}; f=${f%%_failed}
    passed=$((passed + p)); failed=$((failed + f))
  done
  grep -q 'api contract (postgres)' target/test-results/api-contract.log || { echo "api contract: the PostgreSQL run did not report"; failed=$((failed + 1)); }
else
  echo "api contract: the server did not build — see target/test-results/server-build.log"; failed=$((failed + 1))
fi

echo "== browser: release build, end to end against the real server"
rm -f target/test-results/browser-report.json
if ./scripts/build-web.sh > target/test-results/build-web.log 2>&1 && ./scripts/precompress.sh && cargo build -q -p server; then
  # Playwright's own runner (playwright.config.mjs): Debian's Chromium, a JSON report to count.
  pg_virtualenv playwright test
  if [ -f target/test-results/browser-report.json ]; then
    p=$(node -p "const s = require('./target/test-results/browser-report.json').stats; s.expected + s.flaky")
    f=$(node -p "const r = require('./target/test-results/browser-report.json'); r.stats.unexpected + (r.errors || []).length")
    echo "browser: $p passed, $f failed"
  else
    echo "browser: the suite crashed"; p=0; f=1
  fi
else
  echo "browser: build failed — see target/test-results/build-web.log"; tail -5 target/test-results/build-web.log; p=0; f=1
fi
passed=$((passed + p)); failed=$((failed + f))

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
