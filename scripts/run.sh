#!/usr/bin/env bash
# Sets up what is missing, builds the app and serves it on http://127.0.0.1:8080/ (loopback only).
# The app opens on the built-in synthetic demo data. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_BROWSER=0 bash scripts/setup.sh
if ! command -v node >/dev/null; then
  echo "run: node is needed to serve the app; installing Debian's nodejs" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq nodejs >/dev/null; fi
fi
bash scripts/build-web.sh
bash scripts/build-offline.sh --no-build
exec node e2e/serve.mjs dist "${PORT:-8080}"
