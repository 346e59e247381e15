#!/usr/bin/env bash
# Installs what building and testing Timescales needs, only where it is missing.
# Idempotent and quiet when everything is already there. Versions are pinned:
#   wasm32-unknown-unknown target, trunk 0.21.14, wasm-bindgen-cli (= the wasm-bindgen in
#   Cargo.lock), Debian's chromium (browser tests), and the e2e npm packages (package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
: "${WASM_BINDGEN_VERSION:?could not read the wasm-bindgen version from Cargo.lock}"
want_browser=${SETUP_BROWSER:-1}

say() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown >/dev/null
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding the $component Rust component"
    rustup component add "$component" >/dev/null
  fi
done

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION from crates.io (about 7 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # Not --locked: the registry mirror lags one of its locked dependencies.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --quiet
fi

if [ "$want_browser" = 1 ]; then
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium for the browser tests"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
  fi
  if ! command -v node >/dev/null; then
    say "installing Debian's nodejs and npm"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
  fi
  # Reinstall the npm packages only when package-lock.json changed since the last install.
  if ! cmp -s e2e/package-lock.json e2e/node_modules/.installed-lock.json 2>/dev/null; then
    say "installing the browser-test npm packages"
    (cd e2e && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp e2e/package-lock.json e2e/node_modules/.installed-lock.json
  fi
fi
