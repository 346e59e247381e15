#!/usr/bin/env bash
# Writes dist-offline/timescales.html: the single-file edition of Timescales, which works opened
# from disk with the network unplugged (page, wasm, workbook reader, styles and template all
# embedded; its Content-Security-Policy allows no network). Also copies it into dist/ so the
# hosted app can offer it ("Save Timescales for offline use"), with its SHA-256 beside it, and
# writes dist/sw.js, the service worker that lets the hosted app reopen offline.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--no-build" ]; then
  bash scripts/build-web.sh
fi
node scripts/offline.mjs dist dist-offline
node scripts/service-worker.mjs dist
cp dist-offline/timescales.html dist/timescales-offline.html
cp dist-offline/timescales.html.sha256 dist/timescales-offline.html.sha256
