#!/usr/bin/env bash
# Browser benchmark: drop-to-dashboard at 100,000 children and filter changes at 5,000, in headless
# Chromium on the release build. Not part of the tests: figures depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --quiet --profile native -p timescales-cli
bash scripts/build-web.sh
(cd e2e && node bench.mjs)
