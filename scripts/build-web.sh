#!/usr/bin/env bash
# Builds the browser side of the widget into dist/: the hydrating wasm (cargo → wasm-bindgen →
# wasm-opt -Oz), one stylesheet, boot.js and the published files. A script of our own instead
# of trunk, which cannot split a wasm per screen (docs/decisions.md). The server renders the
# pages themselves; dist/ holds what they load.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
profile=${PROFILE:-release}
flag=(); [ "$profile" = release ] && flag=(--release)

cargo build -q --lib -p reform-widget --target wasm32-unknown-unknown --features hydrate "${flag[@]}"
rm -rf dist.new && mkdir -p dist.new/pkg
wasm-bindgen --target web --no-typescript --out-dir dist.new/pkg --out-name reform_widget \
  "target/wasm32-unknown-unknown/$profile/reform_widget.wasm"
if [ "$profile" = release ]; then
  # rustc 1.95 emits post-MVP instructions; binaryen 132 (npm) needs them enabled.
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    dist.new/pkg/reform_widget_bg.wasm -o dist.new/pkg/reform_widget_bg.wasm
fi
cat style/tokens.css style/base.css style/components.css > dist.new/style.css
cp boot.js dist.new/
cp -r public/. dist.new/
# The service worker's version is the build's: a new release is a new worker, which replaces
# the cached app (public/sw.js).
version=$(cat dist.new/boot.js dist.new/style.css dist.new/pkg/* | sha256sum | cut -c1-16)
sed -i "s/^const VERSION = 'dev';/const VERSION = '$version';/" dist.new/sw.js
rm -rf dist && mv dist.new dist
echo "[build-web] dist/ ready ($(du -k dist/pkg/reform_widget_bg.wasm | cut -f1) KB wasm)"
