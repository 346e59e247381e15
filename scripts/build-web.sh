#!/usr/bin/env bash
# Builds the web app into dist/ (release, size-optimised) with the pinned trunk, then the Learn
# page into dist/learn/. Trunk empties its dist directory before writing, so the main build goes
# first and Learn's (which only empties dist/learn/) second.
set -euo pipefail
cd "$(dirname "$0")/.."
export TRUNK_SKIP_VERSION_CHECK=true
trunk build --release --quiet "$@"
trunk build --release --quiet learn.html --dist dist/learn "$@"
