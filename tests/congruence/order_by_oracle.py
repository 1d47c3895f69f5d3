"""order_by through Qdrant's engine (qdrant-edge-py), for tests/order_by_edge.rs.

Reads one JSON request on stdin: {"points": [{"id", "vector": [x, y], "payload"}], "indexes":
{field: "integer" | "float" | "datetime"}, "cases": [{"kind": "scroll" | "query", "key",
"direction", "start_from", "limit", "g" (match filter on g, optional), "prefetch": [vector,
limit] (optional), "offset" (query only)}]}. Creates a shard of 2-d Dot vectors and prints one
JSON line per case: {"ok": [[id, order_value, score], ...]} (score null for scroll) or
{"err": message}.
"""

import json
import sys
import tempfile

import qdrant_edge as q

SCHEMA = {"integer": q.PayloadSchemaType.Integer, "float": q.PayloadSchemaType.Float,
          "datetime": q.PayloadSchemaType.Datetime, "keyword": q.PayloadSchemaType.Keyword}
DIRECTION = {"asc": q.Direction.Asc, "desc": q.Direction.Desc}


def run_case(shard, case):
    direction = DIRECTION[case["direction"]] if case.get("direction") else None
    order_by = q.OrderBy(case["key"], direction, case.get("start_from"))
    flt = None
    if case.get("g") is not None:
        flt = q.Filter(must=[q.FieldCondition(key="g", match=q.MatchValue(case["g"]))])
    if case["kind"] == "scroll":
        req = q.ScrollRequest(limit=case["limit"], filter=flt, with_payload=False, order_by=order_by)
        points, _next = shard.scroll(req)
        return [[p.id, p.order_value, None] for p in points]
    prefetches = None
    if case.get("prefetch"):
        vec, limit = case["prefetch"]
        prefetches = [q.Prefetch(limit=limit, query=q.Query.Nearest(vec))]
    req = q.QueryRequest(limit=case["limit"], offset=case.get("offset"), query=order_by,
                         prefetches=prefetches, filter=flt, with_payload=False)
    return [[p.id, p.order_value, p.score] for p in shard.query(req)]


def main():
    data = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as d:
        config = q.EdgeConfig(vectors=q.EdgeVectorParams(size=2, distance=q.Distance.Dot))
        shard = q.EdgeShard.create(d, config)
        # One point per update: within one batch Qdrant assigns internal ids in hash order
        # (lib/shard/src/update/points/upsert.rs), and ties follow internal ids.
        for p in data["points"]:
            shard.update(q.UpdateOperation.upsert_points([q.Point(p["id"], p["vector"], p["payload"])]))
        for field, schema in data["indexes"].items():
            shard.update(q.UpdateOperation.create_field_index(field, SCHEMA[schema]))
        for case in data["cases"]:
            try:
                out = {"ok": run_case(shard, case)}
            except Exception as e:  # the engine's error, reported to the comparison
                out = {"err": str(e)}
            print(json.dumps(out), flush=True)
        shard.close()


if __name__ == "__main__":
    main()
