#!/usr/bin/env bash
# The benchmark (npm run bench): installs what is missing, builds, then prints the table.
# BENCH_SIZES=10000,100000 BENCH_RUNS=30 BENCH_DIM=384 override the defaults.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash scripts/setup.sh
bash scripts/build.sh
say "node bench/bench.mjs"
node --max-old-space-size=4096 bench/bench.mjs
say "node bench/hybrid.mjs"
node bench/hybrid.mjs
say "node bench/query-api.mjs"
node bench/query-api.mjs
say "node bench/datatypes.mjs"
node --max-old-space-size=4096 bench/datatypes.mjs
say "node bench/quantization.mjs"
node --max-old-space-size=4096 bench/quantization.mjs
say "node bench/hnsw.mjs --peer"
exec node --max-old-space-size=4096 bench/hnsw.mjs --peer
