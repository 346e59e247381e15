#!/usr/bin/env bash
# Prints the size of the built wasm (raw and gzip -9) and fails above the 600 KB gzip budget.
set -euo pipefail
cd "$(dirname "$0")/.."
wasm=$(ls dist/*_bg.wasm | head -n 1)
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
budget=$((600 * 1024))
printf 'wasm size: %d KB raw, %d KB gzip (budget %d KB gzip)\n' $((raw / 1024)) $((gz / 1024)) $((budget / 1024))
if [ "$gz" -gt "$budget" ]; then
  echo "wasm size: over budget" >&2
  exit 1
fi
