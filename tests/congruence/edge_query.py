"""REST `POST /collections/{c}/points/query` bodies -> qdrant_edge QueryRequest.

Edge exposes the shard-level query (`ShardQueryRequest`); the server reaches it through the
collection layer, which this module reproduces (Qdrant v1.19.0):
* REST defaults: `src/common/inference/query_requests_rest.rs` (limit 10, offset 0, prefetch
  limit 10, using "", with_payload false) and `lib/shard/src/query/conversions.rs` (RRF k =
  `DEFAULT_RRF_K` = 2, `lib/segment/src/common/reciprocal_rank_fusion.rs`);
* id examples resolved to stored vectors, every referenced id excluded from the results through
  the top-level filter, `average_vector` turned into a nearest query
  (`lib/collection/src/operations/universal_query/collection_query.rs`,
  `lib/collection/src/recommendations.rs`);
* validation (`CollectionQueryRequest::validation`).
The top-level filter's propagation into prefetches is shard planning (`planned_query.rs`), which
Edge shares, so filters are passed through as they are.
"""

import struct

import qdrant_edge as qe

from edge_filter import (RestError, Unsupported, as_list, exclude_ids, point_id,
                         translate_filter)

DEFAULT_LIMIT = 10
DEFAULT_RRF_K = 2
BM25_MODELS = ("qdrant/bm25", "bm25")  # src/common/inference/local_model.rs, lower-cased


def f32(x):
    """Rounds to f32: the server averages example vectors in f32 (`VectorElementType`)."""
    return struct.unpack("f", struct.pack("f", x))[0]


class Translator:
    """Translates one request against one shard (needed to resolve id examples)."""

    def __init__(self, shard):
        self.shard = shard
        self.bm25 = qe.Bm25()  # REST `qdrant/bm25` without options = the default Bm25Config

    def request(self, body):
        unknown = set(body) - {"query", "prefetch", "using", "filter", "score_threshold",
                               "limit", "offset", "params", "with_payload", "with_vector"}
        if unknown:
            raise Unsupported(f"request fields {sorted(unknown)}")
        validate(body)
        ids = referenced_ids(body)
        self.vectors = self.fetch(ids)
        return qe.QueryRequest(
            limit=body.get("limit", DEFAULT_LIMIT),
            offset=body.get("offset", 0),
            query=self.query(body.get("query"), body.get("using", "")),
            prefetches=self.prefetches(body.get("prefetch")),
            filter=translate_filter(exclude_ids(ids, body.get("filter"))),
            score_threshold=body.get("score_threshold"),
            params=params(body.get("params")),
            with_payload=with_payload(body.get("with_payload", False)),
            with_vector=body.get("with_vector", False),
        )

    def prefetches(self, prefetch):
        if prefetch is None:
            return None
        return [self.prefetch(p) for p in as_list(prefetch)]

    def prefetch(self, p):
        unknown = set(p) - {"prefetch", "query", "using", "filter", "score_threshold", "limit",
                            "params"}
        if unknown:
            raise Unsupported(f"prefetch fields {sorted(unknown)}")
        validate(p)
        return qe.Prefetch(
            limit=p.get("limit", DEFAULT_LIMIT),
            query=self.query(p.get("query"), p.get("using", "")),
            prefetches=self.prefetches(p.get("prefetch")),
            filter=translate_filter(p.get("filter")),
            score_threshold=p.get("score_threshold"),
            params=params(p.get("params")),
        )

    def fetch(self, ids):
        """Stored vectors of the referenced points (`ReferencedVectors`)."""
        if not ids:
            return {}
        records = self.shard.retrieve([point_id(i) for i in ids], False, True)
        return {str(r.id): r.vector for r in records}

    def query(self, q, using):
        if q is None:
            return None
        if isinstance(q, dict) and "fusion" in q:
            return {"rrf": qe.Fusion.Rrf(k=DEFAULT_RRF_K), "dbsf": qe.Fusion.Dbsf()}[q["fusion"]]
        if isinstance(q, dict) and "rrf" in q:
            return qe.Fusion.Rrf(k=q["rrf"].get("k", DEFAULT_RRF_K), weights=q["rrf"].get("weights"))
        if isinstance(q, dict) and "nearest" in q:
            if q.get("mmr") is not None:
                return self.mmr(q, using)
            return qe.Query.Nearest(self.vector(q["nearest"], using), using=using)
        if isinstance(q, dict) and "recommend" in q:
            return self.recommend(q["recommend"], using)
        if isinstance(q, dict) and "discover" in q:
            d = q["discover"]
            pairs = self.pairs(d.get("context"), using)
            return qe.Query.Discover(qe.DiscoverQuery(self.vector(d["target"], using), pairs), using=using)
        if isinstance(q, dict) and "context" in q:
            return qe.Query.Context(qe.ContextQuery(self.pairs(q["context"], using)), using=using)
        if isinstance(q, dict) and "relevance_feedback" in q:
            return self.feedback(q["relevance_feedback"], using)
        if isinstance(q, dict) and not is_vector_input(q):
            raise Unsupported(f"query {sorted(q)}")
        return qe.Query.Nearest(self.vector(q, using), using=using)

    def mmr(self, q, using):
        """REST `mmr` -> the shard's MMR: lambda = 1 - diversity in f32, diversity 0.5 by default
        (`MmrInternal`, lib/collection/src/operations/universal_query/collection_query.rs)."""
        m = q["mmr"]
        if m.get("candidates_limit") is None:
            raise Unsupported("mmr without candidates_limit (its default is the request's limit)")
        diversity = m.get("diversity")
        lam = f32(1.0 - f32(0.5 if diversity is None else diversity))
        return qe.Mmr(vector=self.vector(q["nearest"], using), lambda_=lam,
                      candidates_limit=m["candidates_limit"], using=using)

    def pairs(self, context, using):
        context = [] if context is None else context if isinstance(context, list) else [context]
        return [qe.ContextPair(self.vector(p["positive"], using), self.vector(p["negative"], using))
                for p in context]

    def recommend(self, r, using):
        pos = [self.vector(v, using) for v in r.get("positive") or []]
        neg = [self.vector(v, using) for v in r.get("negative") or []]
        strategy = r.get("strategy", "average_vector")
        if strategy == "average_vector":
            return qe.Query.Nearest(average(pos, neg), using=using)
        make = {"best_score": qe.Query.RecommendBestScore, "sum_scores": qe.Query.RecommendSumScores}
        return make[strategy](qe.RecommendQuery(pos, neg), using=using)

    def feedback(self, f, using):
        """`relevance_feedback` with the naive strategy (collection_query.rs:485-499); the REST
        validation first (validate.rs:289-299, schema.rs:922-926: b >= 0)."""
        if not f["feedback"]:
            raise RestError(422, "feedback elements must be non-empty")
        k = f["strategy"]["naive"]
        if k["b"] < 0:
            raise RestError(422, "must be 0.0 or larger")
        target = self.vector(f["target"], using)
        items = [qe.FeedbackItem(self.vector(i["example"], using), f32(i["score"]))
                 for i in f["feedback"]]
        strategy = qe.NaiveFeedbackStrategy(f32(k["a"]), f32(k["b"]), f32(k["c"]))
        return qe.Query.FeedbackNaive(qe.FeedbackNaiveQuery(target, items, strategy), using=using)

    def vector(self, v, using):
        """A REST `VectorInput`: id, dense, sparse, multi-dense or a BM25 document."""
        if isinstance(v, (int, str)):
            stored = self.vectors.get(str(point_id(v)))
            if stored is None:
                raise RestError(404, f"No point with id {v} found")
            stored = stored if isinstance(stored, dict) else {"": stored}
            if using not in stored:
                raise RestError(404, f'Vector with name "{using}" for point')
            return stored[using]
        if isinstance(v, list):
            # JSON numbers are parsed as f32 by the server: round before averaging in f32.
            return [[f32(x) for x in row] for row in v] if v and isinstance(v[0], list) \
                else [f32(x) for x in v]
        if "indices" in v:
            return qe.SparseVector(v["indices"], [f32(x) for x in v["values"]])
        if "text" in v and str(v.get("model", "")).lower() in BM25_MODELS and not v.get("options"):
            return self.bm25.embed_query(v["text"])  # InferenceType::Search
        raise Unsupported(f"vector input {sorted(v)}")


def is_vector_input(q):
    return "indices" in q or "text" in q


def referenced_ids(body):
    """Ids used as examples, at the root and in every prefetch (no `lookup_from` here)."""
    ids = []
    q = body.get("query")
    for v in example_inputs(q):
        if isinstance(v, (int, str)):
            ids.append(v)
    for p in as_list(body.get("prefetch")) or []:
        ids.extend(referenced_ids(p))
    return ids


def example_inputs(q):
    if q is None or isinstance(q, list):
        return []
    if not isinstance(q, dict):
        return [q]
    if "nearest" in q:
        return [q["nearest"]]
    if "recommend" in q:
        return (q["recommend"].get("positive") or []) + (q["recommend"].get("negative") or [])
    if "discover" in q:
        return [q["discover"]["target"]] + pair_inputs(q["discover"].get("context"))
    if "context" in q:
        return pair_inputs(q["context"])
    if "relevance_feedback" in q:
        f = q["relevance_feedback"]
        return [f["target"]] + [i["example"] for i in f["feedback"]]
    return []


def pair_inputs(context):
    context = [] if context is None else context if isinstance(context, list) else [context]
    return [v for p in context for v in (p["positive"], p["negative"])]


def validate(body):
    """`CollectionQueryRequest::validation` (collection_query.rs)."""
    query = body.get("query")
    if body.get("prefetch") and query is None:
        raise RestError(400, "A query is needed to merge the prefetches.")
    if body.get("score_threshold") is not None and query is None:
        raise RestError(400, "A query is needed to use the score_threshold.")
    is_fusion = isinstance(query, dict) and ("fusion" in query or "rrf" in query)
    if is_fusion and body.get("using", "") != "":
        raise RestError(400, "Fusion queries cannot be combined with the 'using' field.")


def average(pos, neg):
    """`avg_vector_for_recommendation` (recommendations.rs): 2·avg(pos) − avg(neg) in f32."""
    if not pos:
        raise RestError(400, "Positive vectors should not be empty with `average` strategy")
    if isinstance(pos[0], qe.SparseVector):
        return sparse_average(pos, neg)
    if pos[0] and isinstance(pos[0][0], list):  # multi-dense: concatenation, negatives negated
        return [row for v in pos for row in v] + [[-x for x in row] for v in neg for row in v]
    avg_pos = dense_avg(pos)
    if not neg:
        return avg_pos
    avg_neg = dense_avg(neg)
    return [f32(f32(p + p) - n) for p, n in zip(avg_pos, avg_neg)]


def dense_avg(vectors):
    acc = list(vectors[0])
    for v in vectors[1:]:
        acc = [f32(a + x) for a, x in zip(acc, v)]
    return [f32(a / len(vectors)) for a in acc]


def sparse_avg(vectors):
    acc = {}
    for v in vectors:
        for i, x in zip(v.indices, v.values):
            acc[i] = f32(acc.get(i, 0.0) + x)
    return {i: f32(x / len(vectors)) for i, x in acc.items()}


def sparse_average(pos, neg):
    p = sparse_avg(pos)
    n = sparse_avg(neg) if neg else {}
    merged = p if not neg else {i: f32(f32(p.get(i, 0.0) * 2) - n.get(i, 0.0)) for i in {*p, *n}}
    idx = sorted(merged)
    return qe.SparseVector(idx, [merged[i] for i in idx])


def params(p):
    if p is None:
        return None
    unknown = set(p) - {"hnsw_ef", "exact"}
    if unknown:
        raise Unsupported(f"params {sorted(unknown)}")
    return qe.SearchParams(hnsw_ef=p.get("hnsw_ef"), exact=p.get("exact", False))


def with_payload(w):
    if isinstance(w, dict):
        if "include" in w:
            return qe.PayloadSelector.Include(w["include"])
        return qe.PayloadSelector.Exclude(w["exclude"])
    return w
