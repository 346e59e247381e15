#!/usr/bin/env bash
# Prints the size of the built wasm (raw and gzip -9) and fails if the page's own module is over
# the 600 KB gzip budget. The workbook worker is loaded only when a workbook is dropped; its size
# is reported too, and so is the Learn page's module (its own page, no budget).
set -euo pipefail
cd "$(dirname "$0")/.."
budget_kb=600
page=$(ls dist/timescales-app-*_bg.wasm | head -n 1)
worker=dist/timescales-workbook-worker_bg.wasm
learn=$(ls dist/learn/timescales-learn-*_bg.wasm 2>/dev/null | head -n 1 || true)
kb() { echo $(( $1 / 1024 )); }
page_raw=$(stat -c %s "$page")
page_gz=$(gzip -9 -c "$page" | wc -c)
echo "page wasm (loaded at start): $(kb "$page_raw") KB raw, $(kb "$page_gz") KB gzip (budget ${budget_kb} KB gzip)"
if [ -f "$worker" ]; then
  echo "workbook worker wasm (loaded for workbooks only): $(kb "$(stat -c %s "$worker")") KB raw, $(kb "$(gzip -9 -c "$worker" | wc -c)") KB gzip"
fi
if [ -n "$learn" ]; then
  echo "learn page wasm (loaded only on the Learn page): $(kb "$(stat -c %s "$learn")") KB raw, $(kb "$(gzip -9 -c "$learn" | wc -c)") KB gzip"
fi
if [ "$page_gz" -gt $((budget_kb * 1024)) ]; then
  echo "wasm size: the page wasm is over budget" >&2
  exit 1
fi
