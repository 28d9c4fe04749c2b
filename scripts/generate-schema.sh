#!/usr/bin/env bash
# Regenerates public/schema/*.schema.json from the Rust types (commit the result).
set -euo pipefail
cd "$(dirname "$0")/.."
for which in snapshot manifest; do
  cargo run -q -p snapshot --features schema --bin snapshot-schema -- "$which" > "public/schema/$which.schema.json"
done
echo "wrote public/schema/snapshot.schema.json and public/schema/manifest.schema.json"
