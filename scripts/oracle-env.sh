#!/usr/bin/env bash
# The oracle for the differential suites: Qdrant's own engine in-process (PyPI qdrant-edge-py),
# in a virtualenv under target/ so nothing leaks into the system Python. Idempotent; prints the
# interpreter's path as its last line.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

EDGE_VERSION=0.9.0
venv="$PWD/target/oracle-venv"
stamp="$venv/.simile-edge-$EDGE_VERSION"
if [ ! -f "$stamp" ]; then
  say "python venv with qdrant-edge-py==$EDGE_VERSION" >&2
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check "qdrant-edge-py==$EDGE_VERSION" >&2
  touch "$stamp"
fi
echo "$venv/bin/python"
