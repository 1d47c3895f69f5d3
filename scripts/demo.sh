#!/usr/bin/env bash
# The main job: install what is missing, build, then serve the in-browser demo (www/) on
# 127.0.0.1 and print its URL. PORT=0 picks a free port. The Node example stays runnable:
#   node examples/node-basic.mjs
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash scripts/setup.sh
bash scripts/build.sh
say "node scripts/serve-demo.mjs (Ctrl+C to stop)"
exec node scripts/serve-demo.mjs "${PORT:-8080}"
