#!/usr/bin/env bash
# Fuzzes snapshot parsing + validation and feedback validation for a set time (default 60 s):
#   ./scripts/fuzz.sh 300
# Prints executions and panics; exit 1 if anything panicked (inputs in target/fuzz-crashes/).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q --profile fuzz -p fuzz -- "${1:-60}"
