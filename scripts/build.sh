#!/usr/bin/env bash
# Builds the two wasm artifacts from the same source and the one JS glue into dist/:
#   dist/simile_simd.wasm    -C target-feature=+simd128 (simd128 kernels)
#   dist/simile_scalar.wasm  no SIMD at all: loads on engines without wasm SIMD
#   dist/simile.js           wasm-bindgen --target web glue, identical for both artifacts
# cargo build (release) → wasm-bindgen → wasm-opt -O3 (npm binaryen; -Oz saves < 0.1% here),
# which also writes target/bindgen/VARIANT/simile.symbols (function index → name) so tests/size
# can name the largest functions of the stripped artifacts. A step whose inputs are unchanged is skipped.
# Extra crate features: SIMILE_FEATURES="panic-hook" bash scripts/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

WASM_OPT=node_modules/.bin/wasm-opt
[ -x "$WASM_OPT" ] || { echo "error: $WASM_OPT missing; run scripts/setup.sh" >&2; exit 1; }

# Features of the modules rustc emits for wasm32 (its target_features section), plus SIMD for
# the SIMD artifact. The scalar one gets --disable-simd so wasm-opt cannot introduce v128.
OPT_FEATURES=(--enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong
  --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-reference-types --enable-sign-ext)
declare -A RUST_FLAGS=([simd]="-C target-feature=+simd128" [scalar]="-C target-feature=-simd128")
declare -A SIMD_FLAG=([simd]="--enable-simd" [scalar]="--disable-simd")

# Ambient flags would replace ours (RUSTFLAGS overrides .cargo/config rustflags, and
# CARGO_ENCODED_RUSTFLAGS overrides RUSTFLAGS): each build sets its own explicitly.
unset CARGO_ENCODED_RUSTFLAGS CARGO_BUILD_RUSTFLAGS CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS

features=()
[ -z "${SIMILE_FEATURES:-}" ] || features=(--features "$SIMILE_FEATURES")
mkdir -p dist target

# cargo build → wasm-bindgen → wasm-opt for one variant; skips the last two when unchanged.
build_variant() {
  local variant="$1"
  RUSTFLAGS="${RUST_FLAGS[$variant]}" cargo build "${locked[@]}" --release --lib \
    --target wasm32-unknown-unknown --target-dir "target/wasm-$variant" "${features[@]}"
  local raw="target/wasm-$variant/wasm32-unknown-unknown/release/simile.wasm"
  local out="target/bindgen/$variant"
  local stamp
  stamp="$(cat "$raw" scripts/build.sh | sha256sum | cut -d' ' -f1) $WASM_BINDGEN_VERSION $("$WASM_OPT" --version)"
  if [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ] && [ -f "dist/simile_$variant.wasm" ]; then
    echo "dist/simile_$variant.wasm is up to date"
    return
  fi
  rm -rf "$out"
  wasm-bindgen --target web --omit-default-module-path --out-name simile --out-dir "$out" "$raw"
  "$WASM_OPT" -O3 "${OPT_FEATURES[@]}" "${SIMD_FLAG[$variant]}" --strip-debug --strip-producers \
    --strip-target-features --symbolmap="$out/simile.symbols" "$out/simile_bg.wasm" -o "dist/simile_$variant.wasm"
  echo "$stamp" > "$out/stamp"
  echo "dist/simile_$variant.wasm: $(wc -c < "dist/simile_$variant.wasm") bytes"
}

# Both variants at once: the final LTO step of each is single-threaded, so on 2 cores this
# takes ~2/3 of building them one after the other. Logs are printed as each finishes.
say "cargo build --release --target wasm32-unknown-unknown: simd and scalar in parallel"
declare -A pids
for variant in simd scalar; do
  build_variant "$variant" > "target/build-$variant.log" 2>&1 &
  pids[$variant]=$!
done
failed=0
for variant in simd scalar; do
  status=0
  wait "${pids[$variant]}" || status=$?
  echo "--- $variant (target/build-$variant.log)"
  cat "target/build-$variant.log"
  [ "$status" -eq 0 ] || { echo "error: $variant build failed" >&2; failed=1; }
done
[ "$failed" -eq 0 ] || exit 1

# One glue serves both artifacts only if wasm-bindgen generated the same one for each.
if ! cmp -s target/bindgen/simd/simile.js target/bindgen/scalar/simile.js; then
  echo "error: wasm-bindgen glue differs between the simd and scalar builds" >&2
  diff target/bindgen/simd/simile.js target/bindgen/scalar/simile.js | head -20 >&2
  exit 1
fi
cmp -s target/bindgen/simd/simile.js dist/simile.js || cp target/bindgen/simd/simile.js dist/simile.js

# Guard against a silently scalar SIMD build (e.g. flags lost) or SIMD leaking into the scalar one.
node scripts/check-artifacts.mjs dist/simile_simd.wasm dist/simile_scalar.wasm
