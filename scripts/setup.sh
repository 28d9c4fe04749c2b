#!/usr/bin/env bash
# Installs what building and testing the widget needs, skipping whatever is already present.
# Safe to run again and again: every step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

# Debian packages: Chromium + its driver for browser tests, brotli for size reports.
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
command -v brotli >/dev/null 2>&1 || need_apt+=(brotli)
command -v sqlite3 >/dev/null 2>&1 || need_apt+=(sqlite3)
# systemd-analyze checks the deployment unit (deploy/).
command -v systemd-analyze >/dev/null 2>&1 || need_apt+=(systemd)
# PostgreSQL, the second store: the tests start throwaway clusters with pg_virtualenv.
command -v pg_virtualenv >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
# A Japanese dictionary's MeCab sources (ipadic, EUC-JP), which the server reads for the readings
# (ふりがな) of standard Japanese: crates/furigana.
[ -f /usr/share/mecab/dic/ipadic/matrix.def ] || need_apt+=(mecab-ipadic)
# LibreOffice without its desktop, headless: the clerks' other spreadsheet program, which the
# workbook tests save the workbook with (soffice --convert-to).
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc-nogui)
# Japanese glyphs for screenshots and Lighthouse runs.
[ -d /usr/share/fonts/opentype/noto ] || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt: installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
else
  say "apt packages present"
fi

# Rust target for the browser.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32 target present"
else
  rustup target add wasm32-unknown-unknown
fi

# rustfmt and clippy: scripts/test.sh runs both as suites.
if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
  say "rustfmt and clippy present"
else
  rustup component add rustfmt clippy
fi

# wasm-bindgen-cli must match the crate's pinned version exactly.
# Not --locked: its lock file names a webpki-roots version crates.io no longer serves.
if command -v wasm-bindgen >/dev/null 2>&1 && wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION present"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (several minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-split-cli: splits the linked wasm into a main module and one chunk per screen before
# wasm-bindgen (scripts/build-web.sh). 0.2.3+ is needed for wasm-bindgen 0.2.128+.
WASM_SPLIT_VERSION=0.2.4
if cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "wasm-split-cli $WASM_SPLIT_VERSION present"
else
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (a few minutes)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --force
fi

# npm tools from the committed lock file: binaryen (wasm-opt 132), @playwright/test, axe, ajv, lighthouse.
# (No trunk: scripts/build-web.sh builds the browser side; see docs/decisions.md.)
if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  say "node_modules up to date"
else
  say "npm ci"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
# schemathesis (PyPI), pinned, in a venv of the project's own: the API contract run.
SCHEMATHESIS_VERSION=4.32.5
if [ -x .tools/venv/bin/schemathesis ] && .tools/venv/bin/schemathesis --version 2>/dev/null | grep -q " $SCHEMATHESIS_VERSION\$"; then
  say "schemathesis $SCHEMATHESIS_VERSION present"
else
  say "installing schemathesis $SCHEMATHESIS_VERSION"
  python3 -m venv .tools/venv
  .tools/venv/bin/pip install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
# openpyxl (PyPI), pinned, beside it: the publishing tests edit the clerks' workbook with a real
# spreadsheet library that is not ours, as a clerk's Excel would.
OPENPYXL_VERSION=3.1.5
if .tools/venv/bin/python -c "import openpyxl, sys; sys.exit(openpyxl.__version__ != '$OPENPYXL_VERSION')" 2>/dev/null; then
  say "openpyxl $OPENPYXL_VERSION present"
else
  say "installing openpyxl $OPENPYXL_VERSION"
  .tools/venv/bin/pip install -q --disable-pip-version-check "openpyxl==$OPENPYXL_VERSION"
fi
say "done"
