#!/usr/bin/env bash
# Sets up (idempotently), builds the widget for release and serves it with the default
# snapshot on http://127.0.0.1:${PORT:-8080}/ until interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release
exec node tests/e2e/static-server.mjs dist "${PORT:-8080}"
