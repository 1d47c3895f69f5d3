"""BM25 oracle: Qdrant's engine (qdrant-edge-py) embeds texts for tests/bm25_edge.rs.

stdin:  {"cases": [{"options": {REST-style BM25 options}, "texts": [str, ...]}, ...]}
stdout: per case, a line `ok` then two lines per text (its document, then its query vector):
        `<indices, space-separated>;<values as f32 bit patterns in hex, space-separated>`;
        or a line `error <message as a JSON string>` if Edge refuses the options.
"""
import json
import struct
import sys

import qdrant_edge as qe


def enum(cls, name):
    return getattr(cls, name[:1].upper() + name[1:])


def stopwords(value):
    if isinstance(value, str):
        return enum(qe.Language, value)
    languages = value.get("languages")
    custom = value.get("custom")
    return qe.StopwordsSet(
        languages=None if languages is None else {enum(qe.Language, l) for l in languages},
        custom=None if custom is None else set(custom),
    )


def stemmer(value):
    if value.get("type") == "none":
        return qe.DisabledStemmer()
    return qe.SnowballParams(enum(qe.SnowballLanguage, value["language"]))


def config(options):
    kw = dict(options)
    if "tokenizer" in kw:
        kw["tokenizer"] = enum(qe.TokenizerType, kw["tokenizer"])
    if "stopwords" in kw:
        kw["stopwords"] = stopwords(kw["stopwords"])
    if "stemmer" in kw:
        kw["stemmer"] = stemmer(kw["stemmer"])
    return qe.Bm25Config(**kw)


def line(v):
    indices = " ".join(map(str, v.indices))
    values = " ".join("%x" % struct.unpack("<I", struct.pack("<f", x))[0] for x in v.values)
    return indices + ";" + values + "\n"


def run(case, out):
    try:
        model = qe.Bm25(config(case.get("options") or {}))
    except Exception as e:  # the model's own validation (ValueError)
        out.write("error " + json.dumps(str(e)) + "\n")
        return
    out.write("ok\n")
    for t in case["texts"]:
        out.write(line(model.embed_document(t)))
        out.write(line(model.embed_query(t)))


def main():
    request = json.load(sys.stdin)
    for case in request["cases"]:
        run(case, sys.stdout)


if __name__ == "__main__":
    main()
