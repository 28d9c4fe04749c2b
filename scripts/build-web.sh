#!/usr/bin/env bash
# Builds the browser side of the widget into dist/: the hydrating wasm (cargo → wasm-bindgen →
# wasm-opt -Oz), one stylesheet, boot.js (public/read.js for reading screens) and the published files. A script of our own instead
# of trunk, which cannot split a wasm per screen (docs/decisions.md). The server renders the
# pages themselves; dist/ holds what they load.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
profile=${PROFILE:-release}
flag=(); [ "$profile" = release ] && flag=(--release)

# SPLIT=0 builds one unsplit module (the benchmarks' baseline), into dist-unsplit/ unless OUT says.
split=${SPLIT:-1}
out=${OUT:-dist}; [ "$split" = 0 ] && out=${OUT:-dist-unsplit}
rm -rf dist.new target/split && mkdir -p dist.new/pkg target/split
wasm=target/wasm32-unknown-unknown/$profile/reform_widget.wasm
if [ "$split" = 0 ]; then
  cargo build -q --lib -p reform-widget --target wasm32-unknown-unknown --features hydrate "${flag[@]}"
  wasm-bindgen --target web --no-typescript --out-dir dist.new/pkg --out-name reform_widget "$wasm"
else
  # The split (src/chunks.rs): the linker keeps relocations for wasm-split-cli, and each
  # string in a data segment of its own, so a screen's texts can travel with its chunk.
  # This variable replaces `[build] rustflags` (.cargo/config.toml), so it repeats
  # `--cfg erase_components`: without it the browser builds other view types than the server
  # rendered, and hydration fails.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Clink-args=--emit-relocs -Clink-arg=--no-merge-data-segments"
  cargo build -q --lib -p reform-widget --target wasm32-unknown-unknown --features split "${flag[@]}"
  # The main module, one split_<chunk>.wasm per chunk, chunk_<n>.wasm for code that several
  # chunks share, and the loader __wasm_split.js.
  wasm-split-cli --target web --out-name reform_widget "$wasm" target/split
  wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir dist.new/pkg --out-name reform_widget target/split/reform_widget.wasm
  for chunk in target/split/*.wasm; do
    [ "$(basename "$chunk")" = reform_widget.wasm ] || cp "$chunk" dist.new/pkg/
  done
  cp target/split/__wasm_split.js dist.new/pkg/
fi
if [ "$profile" = release ]; then
  # rustc 1.95 emits post-MVP instructions; binaryen 132 (npm) needs them enabled. Every chunk
  # too: they share the main module's memory and table, not its optimiser run.
  # A chunk's "unknown name subsection" warning is harmless; any failure stops the build.
  for wasm in dist.new/pkg/*.wasm; do
    log=$(wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue "$wasm" -o "$wasm" 2>&1) || { echo "$log" >&2; exit 1; }
    printf '%s\n' "$log" | grep -v -e "unknown name subsection" -e '^$' || true
  done
fi
cat style/tokens.css style/base.css style/components.css > dist.new/style.css
cp boot.js dist.new/
cp -r public/. dist.new/
# The service worker's version is the build's: a new release is a new worker, which replaces
# the cached app (public/sw.js).
version=$(cat dist.new/boot.js dist.new/read.js dist.new/form.js dist.new/card.js dist.new/style.css dist.new/pkg/* | sha256sum | cut -c1-16)
sed -i "s/^const VERSION = 'dev';/const VERSION = '$version';/" dist.new/sw.js
chunks=$(cd dist.new && find pkg -name '*.wasm' ! -name reform_widget_bg.wasm -o -name '__wasm_split.js' | sort | sed "s|^|'/|; s|$|'|" | paste -sd, -)
sed -i "s|^const CHUNK_FILES = \[\];|const CHUNK_FILES = [$chunks];|" dist.new/sw.js
# A substitution that matched nothing would ship a worker that never updates or keeps no chunks.
grep -q "^const VERSION = '$version';" dist.new/sw.js || { echo "[build-web] sw.js: VERSION was not set (its line changed?)"; exit 1; }
grep -q "^const CHUNK_FILES = \['/" dist.new/sw.js || { echo "[build-web] sw.js: CHUNK_FILES was not set (its line changed?)"; exit 1; }
rm -rf "$out" && mv dist.new "$out"
echo "[build-web] $out/ ready ($(du -k "$out"/pkg/reform_widget_bg.wasm | cut -f1) KB wasm)"
