#!/usr/bin/env bash
# Benchmark: the demo cohort at each size, as CSV and XLSX, through the native CLI (`check`,
# `analyse`, max RSS) and the release build in headless Chromium (file to dashboard, JS heap,
# wasm memory), plus filter changes at 5,000 children. Not part of the tests: figures depend on
# the machine. Method and figures: BENCHMARKS.md.
#
#   bash scripts/bench.sh                  # 1,000, 10,000 and 100,000 children, 3 runs each
#   bash scripts/bench.sh 1000             # one size (what CI can run to prove it still works)
#   RUNS=5 FORMATS=csv bash scripts/bench.sh 10000,100000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --quiet --profile native -p timescales-cli
bash scripts/build-web.sh
# The service worker and the single-file edition, as scripts/run.sh and scripts/test.sh build them:
# without dist/sw.js the page's registration fails with a console error.
bash scripts/build-offline.sh --no-build
(cd e2e && node bench.mjs "${1:-1000,10000,100000}")
