"""Multivector oracle: Qdrant's engine (qdrant-edge-py) answers MaxSim queries for
tests/multi_oracle.rs.

stdin:  {"cases": [{"distance": "Dot", "size": d, "points": [{"id": n, "rows": [[...], ...]}],
                    "queries": [{"kind": "nearest", "query": rows, "limit": k}
                                | {"kind": "best_score" | "sum_scores", "positive": [rows], "negative": [rows]}
                                | {"kind": "discover", "target": rows, "pairs": [[rows, rows]]}
                                | {"kind": "context", "pairs": [[rows, rows]]}
                                | {"kind": "mmr", "query": rows, "lambda": x, "candidates": n}, ...]}, ...]}
        any query may add "threshold": x and "prefetch": {"query": rows, "limit": n} (a nearest stage).
stdout: one line per query, in order: a JSON list of [id, score], or {"error": message}.
"""
import json
import shutil
import sys
import tempfile

import qdrant_edge as qe


def shard(case, path):
    distance = getattr(qe.Distance, case["distance"])
    multi = qe.MultiVectorConfig(qe.MultiVectorComparator.MaxSim)
    params = qe.EdgeVectorParams(size=case["size"], distance=distance, multivector_config=multi)
    s = qe.EdgeShard.create(path, qe.EdgeConfig(vectors={"m": params}))
    points = [qe.Point(p["id"], {"m": p["rows"]}) for p in case["points"]]
    s.update(qe.UpdateOperation.upsert_points(points))
    return s


def scoring(q):
    kind = q["kind"]
    if kind == "mmr":
        return qe.Mmr(vector=q["query"], lambda_=q["lambda"], candidates_limit=q["candidates"], using="m")
    if kind == "nearest":
        return qe.Query.Nearest(q["query"], using="m")
    if kind in ("best_score", "sum_scores"):
        reco = qe.RecommendQuery(positives=q["positive"], negatives=q["negative"])
        make = qe.Query.RecommendBestScore if kind == "best_score" else qe.Query.RecommendSumScores
        return make(reco, using="m")
    pairs = [qe.ContextPair(positive=p, negative=n) for p, n in q["pairs"]]
    if kind == "discover":
        return qe.Query.Discover(qe.DiscoverQuery(target=q["target"], pairs=pairs), using="m")
    return qe.Query.Context(qe.ContextQuery(pairs=pairs), using="m")


def query_request(q):
    prefetches = None
    if "prefetch" in q:
        p = q["prefetch"]
        prefetches = [qe.Prefetch(limit=p["limit"], query=qe.Query.Nearest(p["query"], using="m"))]
    return qe.QueryRequest(
        limit=q.get("limit", 10), query=scoring(q), prefetches=prefetches, score_threshold=q.get("threshold")
    )


def main():
    request = json.load(sys.stdin)
    out = sys.stdout
    for case in request["cases"]:
        path = tempfile.mkdtemp()
        try:
            s = shard(case, path)
            for q in case["queries"]:
                try:
                    hits = s.query(query_request(q))
                    out.write(json.dumps([[h.id, h.score] for h in hits]) + "\n")
                except Exception as e:  # the engine's refusal is an answer too
                    out.write(json.dumps({"error": str(e)}) + "\n")
            s.close()
        finally:
            shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
