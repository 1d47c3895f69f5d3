#!/usr/bin/env bash
# Installs what the build and the tests need. Every step checks first and skips when done, so
# it is cheap to run before every build.
#   rustup target wasm32-unknown-unknown
#   wasm-bindgen-cli (wasm-bindgen, wasm-bindgen-test-runner) at the version Cargo.toml pins
#   npm devDependencies from package-lock.json (binaryen's wasm-opt, wabt, playwright-core,
#   miniflare/workerd, typescript)
#   chromium + chromium-driver from apt (headless browser tests)
#   python virtualenvs under target/: qdrant-edge-py (oracle), qdrant-client (tests/serve)
#   www/data/all-minilm-l6-v2.bin: MiniLM weights for loadModel (scripts/fetch-model.sh)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

have cargo || { echo "error: cargo not found; install Rust with rustup" >&2; exit 1; }
have npm || { echo "error: npm not found; install Node.js >= 20" >&2; exit 1; }
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || { echo "error: Node.js >= 20 needed (playwright-core), found $(node --version)" >&2; exit 1; }

# The target's standard library is present when its libcore is (works with or without rustup).
libdir="$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null || true)"
if ! compgen -G "${libdir:-/nonexistent}/libcore-*.rlib" >/dev/null; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
  || [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # --locked fails for some releases (a crate of their lockfile is gone from the registry).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1) node-$(node --version)"
if [ "$(cat node_modules/.simile-lock 2>/dev/null)" != "$lock_sum" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.simile-lock
fi

# Bun and Deno for the packaging matrix: pinned linux-x64 binaries from npm, in their own folder.
runtimes_sum="$(sha256sum tests/runtimes/package-lock.json | cut -d' ' -f1)"
if [ "$(cat tests/runtimes/node_modules/.simile-lock 2>/dev/null)" != "$runtimes_sum" ]; then
  say "npm ci (Bun and Deno for the runtime tests)"
  npm ci --prefix tests/runtimes --no-audit --no-fund
  echo "$runtimes_sum" > tests/runtimes/node_modules/.simile-lock
fi

if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
  say "apt-get install chromium chromium-driver"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver
fi

# Qdrant's own engine for the differential suites (a virtualenv under target/).
bash scripts/oracle-env.sh >/dev/null
# Qdrant's official Python client, run against `simile serve` by tests/serve.
bash scripts/client-env.sh >/dev/null
# The MiniLM weights file the demo and the text-query tests load (skipped when up to date).
bash scripts/fetch-model.sh
