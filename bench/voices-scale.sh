#!/usr/bin/env bash
# The staff inbox at scale: 100,000 synthetic voices (made up for this run, never shipped) in a
# throwaway SQLite file and a throwaway PostgreSQL database (pg_virtualenv), then p50/p95 of the
# store's list and search queries and of whole /staff/voices requests. Target: p95 ≤ 150 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build -q --profile measure -p server --example voices_scale
pg_virtualenv target/measure/examples/voices_scale
