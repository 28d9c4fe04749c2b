#!/usr/bin/env bash
# Writes .br and .gz beside each text and wasm file in dist/, for the server to send as is.
set -euo pipefail
cd "$(dirname "$0")/../dist"
find . -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.json' -o -name '*.svg' \) -print0 |
  while IFS= read -r -d '' f; do
    brotli -q 11 -f -k "$f"
    gzip -9 -f -k -n "$f"
  done
