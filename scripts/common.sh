# Sourced by the other scripts: repository root as working directory, tool paths, helpers.
# shellcheck shell=bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM CHROMEDRIVER

# The wasm-bindgen CLI must equal the crate's pin (`wasm-bindgen = "=X"` in Cargo.toml).
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen *= *"=\([0-9][0-9.]*\)".*/\1/p' Cargo.toml)"
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "error: no exact wasm-bindgen pin in Cargo.toml" >&2; exit 1; }

# CI (.ci/run) sets SIMILE_LOCKED=1: cargo must use Cargo.lock as committed.
locked=()
[ "${SIMILE_LOCKED:-0}" != 1 ] || locked=(--locked)

say() { printf '\n==> %s  [+%ss]\n' "$*" "$SECONDS"; }
have() { command -v "$1" >/dev/null 2>&1; }
