"""Qdrant's official Python client (qdrant-client, PyPI) against `simile serve` over HTTP.

Usage: python official_client.py URL GOLDEN_DIR OUT.json

1. A hand-computed scenario: create (dense + sparse), upsert, query, recommend, discover and
   hybrid (sparse + dense prefetch fused by RRF), a u64 id beyond 2^53; every id and score is
   asserted here (exit 1 with the first mismatch).
2. The golden corpus: each case's collections created and filled through the client, its request
   made through the client (query and query_batch typed; search, recommend and discover, which
   the 1.19 client no longer wraps, through the client's own HTTP layer), and every outcome
   written to OUT.json for the Node side to compare with the corpus rules.
"""
import json
import os
import sys
from typing import List, Union

from pydantic import BaseModel
from qdrant_client import QdrantClient, models
from qdrant_client.http.exceptions import UnexpectedResponse


def sfs(x):
    """scaled_fast_sigmoid, as Qdrant's discover target term uses it."""
    return 0.5 * (x / (1 + abs(x)) + 1)


def expect(points, expected, what):
    got = [(p.id, p.score) for p in points]
    assert len(got) == len(expected), f"{what}: {got} vs {expected}"
    for (gid, gscore), (eid, escore) in zip(got, expected):
        assert gid == eid and abs(gscore - escore) <= 1e-5, f"{what}: {got} vs {expected}"


POINTS = [  # id, dense, sparse {index: value}
    (1, [1.0, 0.0], {0: 1.0}),
    (2, [0.0, 1.0], {1: 2.0}),
    (3, [1.0, 1.0], {0: 0.5, 1: 0.5}),
    (4, [-1.0, 0.0], {2: 1.0}),
    (5, [0.5, -1.0], {0: 2.0}),
]


def scenario(client):
    name = "py_scenario"
    assert client.create_collection(
        name,
        vectors_config={"dense": models.VectorParams(size=2, distance=models.Distance.DOT)},
        sparse_vectors_config={"text": models.SparseVectorParams()},
    )
    points = [
        models.PointStruct(
            id=i,
            vector={"dense": d, "text": models.SparseVector(indices=list(s), values=list(s.values()))},
            payload={"n": i},
        )
        for i, d, s in POINTS
    ]
    res = client.upsert(name, points=points, wait=True)
    assert res.status == models.UpdateStatus.COMPLETED, res
    assert client.count(name).count == 5

    # Dot with [1, 0.5]: 1 → 1, 2 → 0.5, 3 → 1.5, 4 → −1, 5 → 0.
    near = client.query_points(name, query=[1.0, 0.5], using="dense", limit=3).points
    expect(near, [(3, 1.5), (1, 1.0), (2, 0.5)], "query")

    # average_vector: 2·avg(positive) − avg(negative) = [3, 0]; examples 1 and 4 excluded.
    reco = client.query_points(
        name,
        query=models.RecommendQuery(recommend=models.RecommendInput(positive=[1], negative=[4], strategy="average_vector")),
        using="dense",
        limit=3,
    ).points
    expect(reco, [(3, 3.0), (5, 1.5), (2, 0.0)], "recommend")

    # discover: rank of (1 over 2) + sfs(target · v); examples 1 and 2 excluded.
    disc = client.query_points(
        name,
        query=models.DiscoverQuery(
            discover=models.DiscoverInput(target=[1.0, 1.0], context=[models.ContextPair(positive=1, negative=2)])
        ),
        using="dense",
        limit=5,
    ).points
    expect(disc, [(5, 1 + sfs(-0.5)), (3, 0 + sfs(2.0)), (4, -1 + sfs(-1.0))], "discover")

    # hybrid: dense [3, 1, 2] and sparse {0: 1} → [5 (2), 1 (1), 3 (0.5)], fused by RRF (k = 2):
    # score = Σ 1 / (rank + 2) over the lists holding the point (rank from 0).
    hybrid = client.query_points(
        name,
        prefetch=[
            models.Prefetch(query=[1.0, 0.5], using="dense", limit=3),
            models.Prefetch(query=models.SparseVector(indices=[0], values=[1.0]), using="text", limit=3),
        ],
        query=models.FusionQuery(fusion=models.Fusion.RRF),
        limit=4,
    ).points
    expect(hybrid, [(3, 1 / 2 + 1 / 4), (1, 1 / 3 + 1 / 3), (5, 1 / 2), (2, 1 / 4)], "hybrid rrf")

    # A u64 id beyond 2^53 round-trips exactly.
    big = 2**64 - 1
    client.upsert(name, points=[models.PointStruct(id=big, vector={"dense": [0.0, 0.0]})], wait=True)
    got = client.retrieve(name, ids=[big])
    assert [p.id for p in got] == [big], got

    try:
        client.query_points(name, query=[1.0, 2.0, 3.0], using="dense")
        raise AssertionError("a wrong dimension must fail")
    except UnexpectedResponse as e:
        assert e.status_code == 400, e
    client.delete_collection(name)


class Scored(BaseModel):
    result: Union[List[List[models.ScoredPoint]], List[models.ScoredPoint]]


LEGACY_ROUTES = {
    "search": "search",
    "recommend": "recommend",
    "recommend_batch": "recommend/batch",
    "discover": "discover",
    "discover_batch": "discover/batch",
}


def dump(value):
    if isinstance(value, list):
        return [dump(v) for v in value]
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def call(client, collection, endpoint, body):
    api = client.http.search_api
    if endpoint == "query":
        return dump(api.query_points(collection, query_request=models.QueryRequest(**body)).result)
    if endpoint == "query_batch":
        return dump(api.query_batch_points(collection, query_request_batch=models.QueryRequestBatch(**body)).result)
    url = "/collections/{collection_name}/points/" + LEGACY_ROUTES[endpoint]
    res = client.http.client.request(type_=Scored, method="POST", url=url, path_params={"collection_name": collection}, json=body)
    return dump(res.result)


def golden_case(client, case):
    outcome = {"name": case["name"]}
    try:
        for name, coll in case["collections"].items():
            client.http.collections_api.create_collection(name, create_collection=models.CreateCollection(vectors=coll["vectors"]))
            batch = models.PointsList(points=[models.PointStruct(**p) for p in coll["points"]])
            client.http.points_api.upsert_points(name, wait=True, point_insert_operations=batch)
        req = case["request"]
        outcome["result"] = call(client, req["collection"], req["endpoint"], req["body"])
    except UnexpectedResponse as e:
        outcome["error"] = {"status": e.status_code, "message": json.loads(e.content)["status"]["error"]}
    except ValueError as e:  # the client's own models refused the request before sending it
        outcome["client_rejected"] = str(e).splitlines()[0]
    finally:
        for name in case["collections"]:
            client.delete_collection(name)
    return outcome


def main():
    url, golden_dir, out = sys.argv[1:4]
    client = QdrantClient(url=url, check_compatibility=False, timeout=30)
    scenario(client)
    names = sorted(f for f in os.listdir(golden_dir) if f.endswith(".json") and not f.startswith("_"))
    outcomes = []
    for f in names:
        with open(os.path.join(golden_dir, f)) as fh:
            outcomes.append(golden_case(client, json.load(fh)))
    with open(out, "w") as fh:
        json.dump(outcomes, fh)
    print(f"scenario ok; {len(outcomes)} golden cases run")


if __name__ == "__main__":
    main()
