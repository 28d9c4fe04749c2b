#!/usr/bin/env bash
# Prints one fingerprint of everything the browser side (dist/) is built from: the widget's
# sources and the crates it compiles, the style, public/, boot.js, the lock file and the build
# scripts. scripts/run.sh rebuilds dist/ only when it changed.   scripts/web-inputs.sh [ROOT]
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
inputs=(src crates/snapshot crates/view-models crates/feedback crates/csv-table style public boot.js
  Cargo.toml Cargo.lock rust-toolchain.toml scripts/build-web.sh scripts/precompress.sh)
existing=()
for i in "${inputs[@]}"; do [ -e "$i" ] && existing+=("$i"); done
# Names and contents both: a renamed or added file is a change too.
find "${existing[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum | cut -d' ' -f1
