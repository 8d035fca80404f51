#!/usr/bin/env bash
# Serves Kshetra at http://127.0.0.1:8080/ (release build, rebuilt on change), opening on the
# bundled Lucknow ward map. Installs the toolchain first if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"   # npm's wasm-opt 132 must win over any other
exec trunk serve --release --locked "$@"
