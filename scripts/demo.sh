#!/usr/bin/env bash
# The main job: install what is missing, build, run the Node example.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash scripts/setup.sh
bash scripts/build.sh
say "node examples/node-basic.mjs"
node examples/node-basic.mjs
