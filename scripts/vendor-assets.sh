#!/usr/bin/env bash
# Copies the browser assets Kshetra serves from its own origin out of the pinned npm packages
# (package-lock.json) into public/vendor and public/fonts. With --check, only verifies that the
# committed copies are byte-identical to the npm packages (run by the test command).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-copy}
pairs=(
  "node_modules/leaflet/dist/leaflet.js public/vendor/leaflet/leaflet.js"
  "node_modules/leaflet/dist/leaflet.css public/vendor/leaflet/leaflet.css"
  "node_modules/leaflet/LICENSE public/vendor/leaflet/LICENSE"
)
for img in layers-2x.png layers.png marker-icon-2x.png marker-icon.png marker-shadow.png; do
  pairs+=("node_modules/leaflet/dist/images/$img public/vendor/leaflet/images/$img")
done
fs=node_modules/@fontsource/noto-sans-devanagari
pairs+=("$fs/LICENSE public/fonts/OFL.txt")
for subset in devanagari latin latin-ext; do
  for w in 400 700; do
    f="noto-sans-devanagari-$subset-$w-normal.woff2"
    pairs+=("$fs/files/$f public/fonts/$f")
  done
done
status=0
for p in "${pairs[@]}"; do
  src=${p% *}; dst=${p#* }
  if [ "$mode" = "--check" ]; then
    if ! cmp -s "$src" "$dst"; then echo "vendored file differs from npm package: $dst (run scripts/vendor-assets.sh)" >&2; status=1; fi
  else
    mkdir -p "$(dirname "$dst")"; cp "$src" "$dst"
  fi
done
[ "$mode" = "--check" ] && [ $status -eq 0 ] && echo "vendored assets match npm packages (${#pairs[@]} files)"
exit $status
