#!/usr/bin/env bash
# Runs every test: the core and CLI natively, then the release web build in headless Chromium.
# Installs whatever is missing first (see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== format and lints"
cargo fmt --all --check
cargo clippy --quiet --workspace --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown -p timescales-app -p timescales-workbook-worker -p timescales-learn -- -D warnings

echo "== native tests (core and CLI)"
cargo test --workspace --quiet

echo "== web build (release)"
bash scripts/build-web.sh
bash scripts/wasm-size.sh
bash scripts/build-offline.sh --no-build

echo "== browser tests (headless Chromium)"
(cd e2e && node --test --test-concurrency=1 tests/)
