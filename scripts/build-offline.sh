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
# A rerun with --no-build must not embed the previous run's SHA-256 (added below) in the file.
sed -i -E 's# data-offline-sha256="[0-9a-f]*"##' dist/index.html
node scripts/offline.mjs dist dist-offline
cp dist-offline/timescales.html dist/timescales-offline.html
cp dist-offline/timescales.html.sha256 dist/timescales-offline.html.sha256
if [ -f dist-offline/timescales-learn.html ]; then
  cp dist-offline/timescales-learn.html dist/timescales-learn-offline.html
fi
# Name the file's SHA-256 on the hosted start page: boot.js reads it from its own script tag.
# Done after the single file is built (it embeds index.html) and before the service worker,
# whose version is a hash over the files it caches.
digest=$(cut -d' ' -f1 dist-offline/timescales.html.sha256)
sed -i -E "s#(<script [^>]*src=\"\./boot\.js\")#\1 data-offline-sha256=\"$digest\"#" dist/index.html
grep -q "data-offline-sha256=\"$digest\"" dist/index.html || { echo "build-offline: could not name the SHA-256 in dist/index.html" >&2; exit 1; }
node scripts/service-worker.mjs dist
