"""Facet counts through Qdrant's engine (qdrant-edge-py), for tests/facet_edge.rs.

stdin:  {"points": [{"id": n, "payload": {...}}],
         "indexes": [[field, schema]]  (schema: "keyword" | "integer" | "uuid" | "bool" | "float"
                                        | {"type": "integer", "lookup": bool}),
         "cases": [{"key": str, "limit": n?, "filter": REST filter?, "exact": bool?}]}
stdout: one JSON line per case: {"hits": [[value, count], ...]} or {"error": message}.
"""
import json
import sys
import tempfile

import qdrant_edge as qe
from edge_filter import translate_filter

SCHEMAS = {"keyword": qe.PayloadSchemaType.Keyword, "integer": qe.PayloadSchemaType.Integer,
           "uuid": qe.PayloadSchemaType.Uuid, "bool": qe.PayloadSchemaType.Bool,
           "float": qe.PayloadSchemaType.Float}


def schema(s):
    if isinstance(s, str):
        return SCHEMAS[s]
    return qe.IntegerIndexParams(lookup=s["lookup"], range=True)


def request(case):
    return qe.FacetRequest(key=case["key"], limit=case.get("limit", 10), exact=case.get("exact", False),
                           filter=translate_filter(case.get("filter")))


def main():
    data = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as d:
        config = qe.EdgeConfig(vectors=qe.EdgeVectorParams(size=1, distance=qe.Distance.Dot))
        shard = qe.EdgeShard.create(d, config)
        points = [qe.Point(p["id"], [1.0], p["payload"]) for p in data["points"]]
        shard.update(qe.UpdateOperation.upsert_points(points))
        for field, s in data["indexes"]:
            shard.update(qe.UpdateOperation.create_field_index(field, schema(s)))
        for case in data["cases"]:
            try:
                out = {"hits": [[h.value, h.count] for h in shard.facet(request(case))]}
            except Exception as e:  # the engine's refusal is an answer too
                out = {"error": str(e)}
            print(json.dumps(out), flush=True)
        shard.close()


if __name__ == "__main__":
    main()
