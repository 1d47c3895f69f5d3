#!/usr/bin/env bash
# Qdrant's official Python client (PyPI qdrant-client), for the tests that run it over HTTP
# against `simile serve`, in its own virtualenv under target/. Idempotent; prints the
# interpreter's path as its last line.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CLIENT_VERSION=1.19.1
venv="$PWD/target/client-venv"
stamp="$venv/.simile-qdrant-client-$CLIENT_VERSION"
if [ ! -f "$stamp" ]; then
  say "python venv with qdrant-client==$CLIENT_VERSION" >&2
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check "qdrant-client==$CLIENT_VERSION" >&2
  touch "$stamp"
fi
echo "$venv/bin/python"
