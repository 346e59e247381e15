#!/usr/bin/env bash
# Runs every test: the core and CLI natively, then the release web build in headless Chromium.
# Installs whatever is missing first (see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== native tests (core and CLI)"
cargo test --workspace --quiet

echo "== web build (release)"
bash scripts/build-web.sh
bash scripts/wasm-size.sh

echo "== browser tests (headless Chromium)"
(cd e2e && node --test --test-concurrency=1 tests/)
