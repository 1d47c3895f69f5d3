"""BM25 oracle: Qdrant's engine (qdrant-edge-py) embeds texts for tests/bm25_edge.rs.

stdin:  {"cases": [{"options": {REST-style BM25 options}, "texts": [str, ...]}, ...]}
stdout: {"cases": [{"documents": [[indices, values], ...], "queries": [...]}
                   | {"error": str}, ...]}
"""
import json
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


def pair(v):
    return [list(v.indices), list(v.values)]


def run(case):
    try:
        model = qe.Bm25(config(case.get("options") or {}))
    except Exception as e:  # the model's own validation (ValueError)
        return {"error": str(e)}
    texts = case["texts"]
    return {
        "documents": [pair(model.embed_document(t)) for t in texts],
        "queries": [pair(model.embed_query(t)) for t in texts],
    }


def main():
    request = json.load(sys.stdin)
    json.dump({"cases": [run(c) for c in request["cases"]]}, sys.stdout)


if __name__ == "__main__":
    main()
