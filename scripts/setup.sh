#!/usr/bin/env bash
# Installs everything Kshetra needs to build, serve and test, using only package registries
# (crates.io, npm, Debian apt). Idempotent: a second run does nothing and takes seconds.
# Versions and the reasons for them: ../shared/notes/toolchain.md and ARCHITECTURE.md.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14          # 0.22.x needs rustc >= 1.96.1
WASM_BINDGEN_VERSION=0.2.130   # must equal wasm-bindgen in Cargo.lock (pinned "=" in Cargo.toml)
CARGO_FUZZ_VERSION=0.13.2      # scripts/fuzz.sh (libFuzzer; stable rustc with RUSTC_BOOTSTRAP=1)

say() { printf '\033[1;32m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Rust target for the browser.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk and wasm-bindgen-cli (also provides wasm-bindgen-test-runner).
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
lock_ver=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ "$lock_ver" != "$WASM_BINDGEN_VERSION" ]; then
  echo "Cargo.lock has wasm-bindgen $lock_ver but scripts/setup.sh pins $WASM_BINDGEN_VERSION" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION" \
   || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  # No --locked: its lockfile pins webpki-roots 1.0.11, which the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# 2b. cargo-fuzz for scripts/fuzz.sh (the importers' fuzz targets, crates/kshetra-core/fuzz).
if ! cargo fuzz --version 2>/dev/null | grep -qx "cargo-fuzz $CARGO_FUZZ_VERSION"; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# 3. Debian packages: Chromium + ChromeDriver for the browser tests, poppler-utils (pdftoppm:
#    the e2e tests render printed PDF pages to pictures), Node.js if absent.
missing=()
for p in chromium chromium-driver poppler-utils; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${missing[@]}"
fi

# 4. npm packages pinned in package-lock.json: wasm-opt (binaryen 132; Debian's 108 breaks the
#    wasm), playwright-core (drives /usr/bin/chromium; never downloads a browser), and the
#    sources of the vendored Leaflet and Noto Sans Devanagari files.
stamp=node_modules/.kshetra-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -x node_modules/.bin/wasm-opt ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

export PATH="$PWD/node_modules/.bin:$PATH"
say "ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version), $(chromium --version 2>/dev/null | head -1)"
