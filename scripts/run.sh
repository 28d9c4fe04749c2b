#!/usr/bin/env bash
# Sets up (idempotently), builds the widget and the server for release, and serves the widget
# (every page rendered on the server, taken over in the browser)
# with the default snapshot on http://127.0.0.1:${PORT:-8080}/ , feedback stored in
# var/feedback.sqlite3. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
./scripts/build-web.sh
./scripts/precompress.sh
cargo build --release -p server
mkdir -p var
exec target/release/widget-server --listen "127.0.0.1:${PORT:-8080}" --db var/feedback.sqlite3 --static dist --data var/data
