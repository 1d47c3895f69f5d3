"""Runs congruence cases through Qdrant's own engine (Qdrant Edge, qdrant-edge-py 0.9.0).

    python edge_runner.py cases.json results.json

A case is `{"collection": <REST create-collection body>, "points": [<REST point structs>],
"requests": [<REST POST /points/query bodies>]}`. The results file holds, per case, one entry
per request: `{"points": [{"id", "score", "payload"?, "vector"?}]}`, `{"error": "..."}` or
`{"unsupported": "..."}` when Edge's API cannot express the request faithfully. Errors the
server's collection layer raises (reproduced here) carry its HTTP `status`; engine errors don't.
"""

import json
import os
import shutil
import sys
import tempfile
import uuid

import qdrant_edge as qe

from edge_filter import RestError, Unsupported, point_id
from edge_query import Translator

DISTANCES = {"Cosine": qe.Distance.Cosine, "Dot": qe.Distance.Dot,
             "Euclid": qe.Distance.Euclid, "Manhattan": qe.Distance.Manhattan}


DATATYPES = {None: None, "float32": qe.VectorStorageDatatype.Float32,
             "float16": qe.VectorStorageDatatype.Float16, "uint8": qe.VectorStorageDatatype.Uint8}


def dense_params(p):
    unknown = set(p) - {"size", "distance", "multivector_config", "datatype"}
    if unknown:
        raise Unsupported(f"vector params {sorted(unknown)}")
    multi = p.get("multivector_config")
    if multi is not None:
        if multi.get("comparator") != "max_sim":
            raise Unsupported(f"multivector comparator {multi.get('comparator')}")
        multi = qe.MultiVectorConfig(qe.MultiVectorComparator.MaxSim)
    if p.get("datatype") not in DATATYPES:
        raise Unsupported(f"datatype {p.get('datatype')}")
    return qe.EdgeVectorParams(size=p["size"], distance=DISTANCES[p["distance"]],
                               multivector_config=multi, datatype=DATATYPES[p.get("datatype")])


def sparse_params(p):
    unknown = set(p) - {"modifier"}
    if unknown:
        raise Unsupported(f"sparse vector params {sorted(unknown)}")
    modifier = {None: None, "none": None, "idf": qe.Modifier.Idf}[p.get("modifier")]
    return qe.EdgeSparseVectorParams(modifier=modifier)


def edge_config(body):
    unknown = set(body) - {"vectors", "sparse_vectors"}
    if unknown:
        raise Unsupported(f"collection fields {sorted(unknown)}")
    vectors = body.get("vectors")
    if vectors is not None and "size" in vectors:
        vectors = dense_params(vectors)
    elif vectors:
        vectors = {name: dense_params(p) for name, p in vectors.items()}
    else:
        vectors = None
    sparse = {name: sparse_params(p) for name, p in (body.get("sparse_vectors") or {}).items()}
    return qe.EdgeConfig(vectors=vectors, sparse_vectors=sparse or None, wal_enabled=False)


def point_vector(v, bm25):
    """A REST point vector; BM25 documents are embedded as the server does on upsert
    (`InferenceType::Update` -> `doc_embed`, src/common/inference/local_model.rs)."""
    if isinstance(v, list):
        return v
    if "indices" in v:
        return qe.SparseVector(v["indices"], [float(x) for x in v["values"]])
    if "text" in v:
        if str(v.get("model", "")).lower() not in ("qdrant/bm25", "bm25") or v.get("options"):
            raise Unsupported(f"document model {v.get('model')}")
        return bm25.embed_document(v["text"])
    return {name: point_vector(x, bm25) for name, x in v.items()}


def to_json_vector(v):
    if v is None:
        return None
    if isinstance(v, qe.SparseVector):
        return {"indices": list(v.indices), "values": list(v.values)}
    if isinstance(v, dict):
        return {name: to_json_vector(x) for name, x in v.items()}
    return v


def scored(p):
    out = {"id": str(p.id) if isinstance(p.id, uuid.UUID) else p.id, "score": p.score}
    if p.payload is not None:
        out["payload"] = p.payload
    if p.vector is not None:
        out["vector"] = to_json_vector(p.vector)
    return out


def outcome(fn):
    try:
        return fn()
    except Unsupported as e:
        return {"unsupported": str(e)}
    except RestError as e:
        return {"error": str(e), "status": e.status}
    except Exception as e:  # noqa: BLE001 - any engine or translation failure is an error outcome
        return {"error": f"{type(e).__name__}: {e}"}


def run_case(case):
    # Shards are throw-away: memory-backed storage when there is one (no fsync), and no WAL.
    path = tempfile.mkdtemp(prefix="congruence-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        setup = outcome(lambda: open_shard(path, case))
        if isinstance(setup, dict):  # setup failed: every request shares that outcome
            return [setup for _ in case["requests"]]
        shard = setup
        try:
            return [outcome(lambda r=r: query(shard, r)) for r in case["requests"]]
        finally:
            shard.close()
    finally:
        shutil.rmtree(path, ignore_errors=True)


def open_shard(path, case):
    shard = qe.EdgeShard.create(path, edge_config(case["collection"]))
    bm25 = qe.Bm25()
    points = [qe.Point(point_id(p["id"]), point_vector(p["vector"], bm25), p.get("payload"))
              for p in case["points"]]
    if points:
        shard.update(qe.UpdateOperation.upsert_points(points))
    return shard


def query(shard, body):
    request = Translator(shard).request(body)
    points = [scored(p) for p in shard.query(request)]
    if not body.get("with_vector"):
        # The shard returns the vectors MMR compared; the REST layer answers what
        # `with_vector` asks for.
        for p in points:
            p.pop("vector", None)
    return {"points": points}


def main(cases_path, results_path):
    with open(cases_path) as f:
        cases = json.load(f)
    results = [run_case(c) for c in cases]
    with open(results_path, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
