#!/usr/bin/env bash
# Runs every test: native core tests, wasm-bindgen tests in headless Chromium, and Playwright
# end-to-end tests against the release build. Installs the toolchain first if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }

step "house style: cargo fmt --check (rustfmt.toml)"
cargo fmt --all --check

step "house rules: clippy -D warnings (pure crates and CLI natively, the app on wasm32)"
cargo clippy --locked --workspace --exclude kshetra --all-targets -- -D warnings
cargo clippy --locked -p kshetra --target wasm32-unknown-unknown --all-targets -- -D warnings

step "vendored assets are the npm packages' files"
bash scripts/vendor-assets.sh --check

step "native tests of the pure crates and the CLI (never compiles the UI)"
cargo test --locked --workspace --exclude kshetra

step "fuzzing: every importer and the project file, a few seconds each (scripts/fuzz.sh short)"
bash scripts/fuzz.sh short

step "wasm-bindgen tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --locked -p kshetra --target wasm32-unknown-unknown

step "release build"
trunk build --release --locked

step "end-to-end tests (Playwright + Chromium)"
node --test --test-concurrency=1 tests/e2e/
