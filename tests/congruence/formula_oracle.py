"""Formula rescoring through Qdrant's engine (qdrant-edge-py), for tests/formula_edge.rs.

Reads a JSON file {"points": [{"id", "vector": [x, y], "payload"}], "cases": [{"formula",
"defaults", "prefetch": [[query_vector, limit], ...], "limit", "score_threshold"}]}, creates a
shard of 2-d Dot vectors, and prints one JSON line per case: {"ok": [[id, score], ...]} or
{"err": message}. Formulas are REST JSON, converted here to the engine's Expression objects
(only the condition shapes the generator emits: match value, range).
"""

import json
import sys
import tempfile

import qdrant_edge as q

DECAY = {"lin_decay": q.DecayKind.Lin, "exp_decay": q.DecayKind.Exp, "gauss_decay": q.DecayKind.Gauss}
UNARY = {"neg": q.Expression.Neg, "abs": q.Expression.Abs, "sqrt": q.Expression.Sqrt,
         "exp": q.Expression.Exp, "log10": q.Expression.Log10, "ln": q.Expression.Ln}


def condition(c):
    if "match" in c:
        return q.FieldCondition(key=c["key"], match=q.MatchValue(c["match"]["value"]))
    return q.FieldCondition(key=c["key"], range=q.RangeFloat(**c["range"]))


def expr(e):
    E = q.Expression
    if isinstance(e, (int, float)) and not isinstance(e, bool):
        return E.Constant(float(e))
    if isinstance(e, str):
        return E.Variable(e)
    if "key" in e:
        return E.Condition(condition(e))
    if "geo_distance" in e:
        g = e["geo_distance"]
        return E.GeoDistance(q.GeoPoint(lon=g["origin"]["lon"], lat=g["origin"]["lat"]), g["to"])
    if "datetime" in e:
        return E.Datetime(e["datetime"])
    if "datetime_key" in e:
        return E.DatetimeKey(e["datetime_key"])
    if "mult" in e:
        return E.Mult([expr(x) for x in e["mult"]])
    if "sum" in e:
        return E.Sum([expr(x) for x in e["sum"]])
    if "div" in e:
        d = e["div"]
        return E.Div(expr(d["left"]), expr(d["right"]), d.get("by_zero_default"))
    if "pow" in e:
        return E.Pow(expr(e["pow"]["base"]), expr(e["pow"]["exponent"]))
    for k, make in UNARY.items():
        if k in e:
            return make(expr(e[k]))
    for k, kind in DECAY.items():
        if k in e:
            d = e[k]
            target = expr(d["target"]) if d.get("target") is not None else None
            return E.Decay(kind, expr(d["x"]), target, d.get("midpoint"), d.get("scale"))
    raise ValueError(f"unknown expression {e!r}")


def run_case(shard, case):
    prefetches = [q.Prefetch(limit=limit, query=q.Query.Nearest(vec)) for vec, limit in case["prefetch"]]
    formula = q.Formula(expr(case["formula"]), case.get("defaults") or {})
    req = q.QueryRequest(limit=case["limit"], query=formula, prefetches=prefetches,
                         score_threshold=case.get("score_threshold"), with_payload=False)
    return [[p.id, p.score] for p in shard.query(req)]


def main():
    with open(sys.argv[1]) as f:
        data = json.load(f)
    with tempfile.TemporaryDirectory() as d:
        config = q.EdgeConfig(vectors=q.EdgeVectorParams(size=2, distance=q.Distance.Dot))
        shard = q.EdgeShard.create(d, config)
        points = [q.Point(p["id"], p["vector"], p["payload"]) for p in data["points"]]
        shard.update(q.UpdateOperation.upsert_points(points))
        for case in data["cases"]:
            try:
                out = {"ok": run_case(shard, case)}
            except Exception as e:  # the engine's error, reported to the comparison
                out = {"err": str(e)}
            print(json.dumps(out), flush=True)
        shard.close()


if __name__ == "__main__":
    main()
