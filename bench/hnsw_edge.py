"""Qdrant's own HNSW graph on the Debian rows of bench/hnsw.mjs: recall@10 of its walk against
its exact scan, for the same held-out queries and recommend examples, so simile's recall can be
read against what Qdrant's graph reaches on this data.

    python3 bench/hnsw_edge.py [--queries 100] [--ef 100,200] [--threads 1]

Needs qdrant-edge-py 0.9.0 (Qdrant's engine in Python). As bench/hnsw.mjs: the rows of
www/data/vectors.f16 except the last `queries` ones form the collection (ids 0..n-1, Cosine),
the last `queries` rows are the nearest queries, and the recommend best_score 3+/2- examples
are drawn by mulberry32(7) in the same order. Recommend by id excludes its examples from the
answer (Qdrant adds a `must_not has_id` filter), so both the walk and the exact scan get that
filter here. The graph: m 16, ef_construct 100, full_scan_threshold 10 KB, one segment built by
the optimizer (indexing threshold 1 KB); the script checks that every vector is indexed.
`--threads` is the build's max_indexing_threads (0: all cores): on more than one, Qdrant's
build inserts parts of the id range concurrently, a different insertion order and graph.

Measured (100 queries): one thread, nearest recall@10 0.973 / 0.974 at hnsw_ef 100 (0.987 at
200), best_score 0.818 / 0.809 (0.896 at 200); two threads, nearest 0.985 / 0.980 (0.993 at
200), best_score 0.848 / 0.836 (0.899 at 200).
"""
import argparse
import math
import shutil
import struct
import sys
import tempfile
import time
from pathlib import Path

import qdrant_edge as qe

DATA = Path(__file__).resolve().parent.parent / "www" / "data" / "vectors.f16"
DIM = 384


def mulberry32(seed):
    """bench/data.mjs `rng`: the same sequence of floats in [0, 1)."""
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return (x * y) & 0xFFFFFFFF

    def next_float():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return next_float


def rows():
    raw = DATA.read_bytes()
    halves = struct.unpack(f"<{len(raw) // 2}e", raw)
    return [list(halves[i:i + DIM]) for i in range(0, len(halves), DIM)]


def unit(v):
    norm = math.sqrt(sum(x * x for x in v)) or 1.0
    return [x / norm for x in v]


def build(path, points, threads):
    params = qe.EdgeVectorParams(size=DIM, distance=qe.Distance.Cosine)
    hnsw = qe.HnswIndexConfig(m=16, ef_construct=100, full_scan_threshold=10, max_indexing_threads=threads)
    optimizers = qe.EdgeOptimizersConfig(indexing_threshold=1, default_segment_number=1)
    shard = qe.EdgeShard.create(path, qe.EdgeConfig(vectors=params, hnsw_config=hnsw, optimizers=optimizers))
    for start in range(0, len(points), 1000):
        batch = [qe.Point(start + i, v) for i, v in enumerate(points[start:start + 1000])]
        shard.update(qe.UpdateOperation.upsert_points(batch))
    t = time.perf_counter()
    shard.optimize()
    info = shard.info()
    print(f"build {time.perf_counter() - t:.1f} s; segments {info.segments_count}, "
          f"points {info.points_count}, indexed vectors {info.indexed_vectors_count}")
    if info.indexed_vectors_count < len(points):
        sys.exit("error: the graph does not cover every vector")
    return shard


def recall(shard, requests, ef):
    """Mean recall@10 of the walk at `ef` against the exact scan, and the walk's p50 ms."""
    total, times = 0.0, []
    for make in requests:
        want = {p.id for p in shard.query(make(qe.SearchParams(exact=True)))}
        t = time.perf_counter()
        got = [p.id for p in shard.query(make(qe.SearchParams(hnsw_ef=ef)))]
        times.append(time.perf_counter() - t)
        total += len(want.intersection(got)) / len(want) if want else 1.0
    return total / len(requests), sorted(times)[len(times) // 2] * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--ef", default="100,200")
    ap.add_argument("--threads", type=int, default=1)
    opt = ap.parse_args()
    data = rows()
    n = len(data) - opt.queries
    points, queries = data[:n], data[n:]
    r = mulberry32(7)
    examples = [[math.floor(r() * n) for _ in range(5)] for _ in queries]
    nearest = [lambda sp, q=q: qe.QueryRequest(limit=10, query=qe.Query.Nearest(q), params=sp) for q in queries]

    def best_score(ids):
        reco = qe.RecommendQuery([unit(points[i]) for i in ids[:3]], [unit(points[i]) for i in ids[3:]])
        skip = qe.Filter(must_not=[qe.HasIdCondition(set(ids))])
        return lambda sp: qe.QueryRequest(limit=10, query=qe.Query.RecommendBestScore(reco), filter=skip, params=sp)

    recommend = [best_score(ids) for ids in examples]
    path = tempfile.mkdtemp()
    try:
        shard = build(path, points, opt.threads)
        print(f"n = {n}, dim {DIM}, Cosine; m 16, ef_construct 100; {len(queries)} queries")
        for ef in (int(x) for x in opt.ef.split(",")):
            for what, requests in (("nearest", nearest), ("recommend best_score 3+/2-", recommend)):
                rec, ms = recall(shard, requests, ef)
                print(f"hnsw_ef {ef}: {what}: recall@10 {rec:.4f} (walk p50 {ms:.3f} ms)")
        shard.close()
    finally:
        shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
