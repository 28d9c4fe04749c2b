#!/usr/bin/env bash
# Prints the wasm size (raw and brotli, after wasm-opt -Oz) of minimal Leptos 0.8 apps built with
# the widget's own release profile and `--cfg erase_components`: what the framework and its
# usual companions cost before any of our code. Sources in bench/floor/. Run after setup.sh;
# the first run compiles the dependencies (a few minutes on 2 cores).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
WORK="$ROOT/target/framework-floor"
mkdir -p "$WORK/src" "$WORK/.cargo"
cp "$ROOT/.cargo/config.toml" "$WORK/.cargo/"
cp "$ROOT/Cargo.lock" "$WORK/"
cat > "$WORK/Cargo.toml" <<'TOML'
[package]
name = "floor"
version = "0.1.0"
edition = "2021"

[workspace]

[dependencies]
leptos = { version = "0.8", features = ["csr"] }
leptos_router = "0.8"
wasm-bindgen = "=0.2.130"
gloo-net = { version = "0.6", default-features = false, features = ["http"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
TOML
OPT="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue -Oz"
printf '%-8s %10s %10s\n' app 'wasm raw' 'brotli'
for app in bare router fetch all; do
  cp "$ROOT/bench/floor/$app.rs" "$WORK/src/main.rs"
  (cd "$WORK" && cargo build -q --release --target wasm32-unknown-unknown)
  rm -rf "$WORK/out"
  wasm-bindgen --target web --out-dir "$WORK/out" "$WORK/target/wasm32-unknown-unknown/release/floor.wasm"
  wasm-opt $OPT --strip-debug --strip-producers "$WORK/out/floor_bg.wasm" -o "$WORK/out/opt.wasm"
  printf '%-8s %10s %10s\n' "$app" "$(stat -c%s "$WORK/out/opt.wasm")" "$(brotli -c -q 11 "$WORK/out/opt.wasm" | wc -c)"
done
