#!/usr/bin/env bash
# Sets up (idempotently), builds the widget (when its sources changed) and the server for
# release, and serves the widget
# (every page rendered on the server, taken over in the browser)
# with the default snapshot on http://127.0.0.1:${PORT:-8080}/ , feedback stored in
# var/feedback.sqlite3. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The browser side is rebuilt only when what it is built from changed. The fingerprint is written
# into dist/ after a whole build, and a new build replaces dist/ whole, so a stale or half-built
# dist/ never passes for a current one.
want=$(./scripts/web-inputs.sh)
if [ -f dist/pkg/reform_widget_bg.wasm ] && [ "$(cat dist/build-inputs.sha256 2>/dev/null)" = "$want" ]; then
  echo "[run] dist/ is up to date with its sources; not rebuilding it"
else
  ./scripts/build-web.sh
  ./scripts/precompress.sh
  echo "$want" > dist/build-inputs.sha256
fi
cargo build --release -p server
mkdir -p var
exec target/release/widget-server --listen "127.0.0.1:${PORT:-8080}" --db var/feedback.sqlite3 --static dist --data var/data
