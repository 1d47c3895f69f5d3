#!/usr/bin/env bash
# Every test, one command (also `npm test`, and what CI runs). Installs and builds first.
#   1. cargo test on the host (the core)
#   2. wasm-bindgen-test kernels (simd128 vs scalar) in Node, then in headless Chromium
#   3. node --test over every *.test.mjs under tests/: artifacts (v128 or not; gzip size budget,
#      printing the top contributors when exceeded), the package in Node (ESM, require, slim +
#      scalar), typings (tsc), QdrantClient, headless Chromium (playwright-core: package page,
#      www/ demo), workerd (miniflare)
# Stops at the first failing runner; its summary is the last thing printed.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

start=$SECONDS
# The differential suites must meet Qdrant's engine here, never skip it.
export SIMILE_REQUIRE_ORACLE=1
bash scripts/setup.sh
bash scripts/build.sh

# The kernel tests must compile the simd128 path: flags set explicitly (see scripts/build.sh).
unset CARGO_ENCODED_RUSTFLAGS CARGO_BUILD_RUSTFLAGS CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS
simd_flags="-C target-feature=+simd128"
wasm_test=(cargo test "${locked[@]}" --target wasm32-unknown-unknown --target-dir target/wasm-simd
  --test 'wasm_*')

# Compile the wasm tests in the background while the host tests build and run.
RUSTFLAGS="$simd_flags" "${wasm_test[@]}" --no-run > target/wasm-test-build.log 2>&1 &
wasm_build=$!
trap 'wait "$wasm_build" 2>/dev/null || true' EXIT # never leave it running on failure

say "cargo test (host)"
cargo test "${locked[@]}"
say "golden corpus, natively (per-tag totals)"
cargo test "${locked[@]}" -q --test golden -- --nocapture 2>&1 | grep -E "/|golden:" | tail -n 400

wasm_status=0
wait "$wasm_build" || wasm_status=$?
cat target/wasm-test-build.log
[ "$wasm_status" -eq 0 ] || { echo "error: building the wasm tests failed" >&2; exit 1; }

export RUSTFLAGS="$simd_flags"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
wasm_test+=(-- --nocapture)

say "wasm-bindgen-test in Node"
"${wasm_test[@]}"

say "wasm-bindgen-test in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="$CHROMEDRIVER" \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/browser/webdriver.json" "${wasm_test[@]}"
unset RUSTFLAGS

say "node --test tests/ (artifacts, Node, typings, client, Chromium, demo, workerd)"
echo "(setup, build, cargo and wasm tests took $((SECONDS - start)) s)"
node --test --test-reporter=spec tests/
