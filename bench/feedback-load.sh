#!/usr/bin/env bash
# bench/feedback-load.mjs with a throwaway PostgreSQL cluster beside SQLite. The cluster is made
# durable like a real one (pg_virtualenv turns fsync off by default), so both stores are
# measured with every submission on disk before its receipt.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null 2>&1 || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"; $SUDO apt-get install -y -qq wrk >/dev/null; }
exec pg_virtualenv -o fsync=on -o synchronous_commit=on sh -c 'echo "PostgreSQL: fsync=$(psql -Atc "show fsync"), synchronous_commit=$(psql -Atc "show synchronous_commit")"; node bench/feedback-load.mjs'
