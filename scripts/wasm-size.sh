#!/usr/bin/env bash
# Prints the size of the built wasm (raw and gzip -9) and fails if the page's own module is over
# the 600 KB gzip budget. The workbook worker is loaded only when a workbook is dropped; its size
# is reported too.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=$((600 * 1024))
report() {
  local raw gz
  raw=$(stat -c %s "$1")
  gz=$(gzip -9 -c "$1" | wc -c)
  printf '%s: %d KB raw, %d KB gzip\n' "$2" $((raw / 1024)) $((gz / 1024))
  echo "$gz"
}
page=$(ls dist/timescales-app-*_bg.wasm | head -n 1)
worker=dist/timescales-workbook-worker_bg.wasm
page_gz=$(report "$page" "page wasm (loaded at start)" | tee /dev/stderr | tail -n 1)
[ -f "$worker" ] && report "$worker" "workbook worker wasm (loaded for workbooks only)" >/dev/stderr
printf 'budget for the page wasm: %d KB gzip\n' $((budget / 1024))
if [ "$page_gz" -gt "$budget" ]; then
  echo "wasm size: the page wasm is over budget" >&2
  exit 1
fi
