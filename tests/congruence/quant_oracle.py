"""Quantization oracle: Qdrant's engine (qdrant-edge-py) answers nearest queries over
quantized vectors for tests/quantization_edge.rs.

The shard is optimized (indexing threshold 1 KB, so the optimizer builds the quantized
vectors) with a full-scan threshold above the data size, so every search is a plain scan over
the codes, as simile's is.

stdin:  {"distance": "Cosine", "size": d, "points": [[...], ...] (ids are positions),
         "quantization": {"scalar": {"quantile": q | null}} | {"binary": {"encoding": e, "query_encoding": qe}},
         "queries": [[...], ...], "limit": k,
         "params": [{"exact": bool, "rescore": bool | null, "oversampling": x | null}, ...]}
stdout: one line per (params, query), params outer: a JSON list of ids.
"""
import json
import shutil
import sys
import tempfile

import qdrant_edge as qe

ENCODINGS = {"one_bit": "OneBit", "two_bits": "TwoBits", "one_and_half_bits": "OneAndHalfBits"}
QUERY_ENCODINGS = {"default": "Default", "binary": "Binary", "scalar4bits": "Scalar4Bits", "scalar8bits": "Scalar8Bits"}


def quantization(q):
    if "scalar" in q:
        return qe.ScalarQuantizationConfig(qe.ScalarType.Int8, quantile=q["scalar"].get("quantile"))
    b = q["binary"]
    return qe.BinaryQuantizationConfig(
        encoding=getattr(qe.BinaryQuantizationEncoding, ENCODINGS[b["encoding"]]),
        query_encoding=getattr(qe.BinaryQuantizationQueryEncoding, QUERY_ENCODINGS[b["query_encoding"]]),
    )


def main():
    r = json.load(sys.stdin)
    path = tempfile.mkdtemp()
    try:
        params = qe.EdgeVectorParams(size=r["size"], distance=getattr(qe.Distance, r["distance"]),
                                     quantization_config=quantization(r["quantization"]))
        hnsw = qe.HnswIndexConfig(m=16, ef_construct=100, full_scan_threshold=1_000_000_000)
        config = qe.EdgeConfig(vectors=params, hnsw_config=hnsw,
                               optimizers=qe.EdgeOptimizersConfig(indexing_threshold=1, default_segment_number=1))
        s = qe.EdgeShard.create(path, config)
        points = [qe.Point(i, v) for i, v in enumerate(r["points"])]
        for start in range(0, len(points), 1000):
            s.update(qe.UpdateOperation.upsert_points(points[start:start + 1000]))
        s.optimize()
        for p in r["params"]:
            qp = qe.QuantizationSearchParams(rescore=p.get("rescore"), oversampling=p.get("oversampling"))
            sp = qe.SearchParams(exact=p.get("exact", False), quantization=qp)
            for q in r["queries"]:
                hits = s.query(qe.QueryRequest(limit=r["limit"], query=qe.Query.Nearest(q), params=sp))
                sys.stdout.write(json.dumps([h.id for h in hits]) + "\n")
        s.close()
    finally:
        shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
