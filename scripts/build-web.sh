#!/usr/bin/env bash
# Builds the web app into dist/ (release, size-optimised) with the pinned trunk.
set -euo pipefail
cd "$(dirname "$0")/.."
export TRUNK_SKIP_VERSION_CHECK=true
trunk build --release --quiet "$@"
