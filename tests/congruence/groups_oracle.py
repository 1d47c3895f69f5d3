"""Grouped queries (`POST /points/query/groups`) through Qdrant's engine, for tests/groups_edge.rs.

Edge 0.9.0 has no group-by in its Python API, so the group-by loop of the v1.19.0 server is
written out here from its source, independently of simile's engine, and every request it makes
is answered by Edge (the shard query, through edge_query.Translator):
* lib/shard/src/grouping/driver.rs:95-196 (`next_request`, `add_points`): up to 5 requests
  collecting groups, each excluding the full groups (`except_on`) and the placed points; then up
  to 5 filling the best groups not yet full (`match_on`); stop once the `limit` best groups are
  full, or on an empty answer.
* lib/shard/src/grouping/mod.rs:64-135 (`shape_candidates_query`, `increase_limit_for_group`,
  `values_to_any_variants`): each request asks for limit × group_size points having the field,
  prefetch limits × group_size; conditions per value type (integers, then strings).
* lib/shard/src/grouping/aggregator.rs:61-220: a point goes to one group per distinct value
  (arrays flattened one level); a point with any value that cannot be a key (float, bool,
  null, object) is skipped; groups rank by their best hit; each is cut to group_size at the end.
* lib/shard/src/query/mod.rs:157-190 (`query_result_order`): nearest by the distance's order,
  other scored queries larger-better, no query smaller-better (by id).
Ties, which the server leaves to hash-map order, go to the point seen first.

stdin:  {"collection": REST create body, "points": [REST points], "cases": [REST query/groups bodies]}
stdout: one JSON line per case: {"groups": [{"id", "hits": [{"id", "score"}]}]} or {"error": msg}.
"""
import copy
import json
import sys
import tempfile
import uuid

import qdrant_edge as qe
from edge_query import Translator
from edge_runner import open_shard

COLLECT_REQUESTS = 5
FILL_REQUESTS = 5
GROUP_FIELDS = ("group_by", "group_size", "limit", "with_lookup")
DISTANCE_SMALL_BETTER = ("Euclid", "Manhattan")


def values_at(payload, path):
    """`JsonPath::value_get` for `a`, `a.b` and `a[]` steps; no implicit array flattening."""
    found = [payload]
    for step in path.split("."):
        expand = step.endswith("[]")
        key = step[:-2] if expand else step
        nxt = []
        for v in found:
            if isinstance(v, dict) and key in v:
                nxt.append(v[key])
        if expand:
            nxt = [x for v in nxt if isinstance(v, list) for x in v]
        found = nxt
    return found


def group_keys(payload, path):
    """The point's distinct keys, or None when one value cannot be a key (`GroupId::try_from`)."""
    keys = []
    for v in values_at(payload or {}, path):
        for item in (v if isinstance(v, list) else [v]):
            if isinstance(item, bool) or not isinstance(item, (int, str)):
                return None
            key = (type(item).__name__, item)
            if key not in keys:
                keys.append(key)
    return keys


class Aggregator:
    def __init__(self, groups, group_size, path, order):
        self.groups, self.group_size, self.path, self.order = groups, group_size, path, order
        self.members = {}  # key -> list of hits, insertion ordered (dicts keep order)
        self.full = set()
        self.placed = set()
        self.seq = 0

    def better(self, a, b):
        """Whether hit `a` beats `b` strictly."""
        if self.order == "large":
            return a["score"] > b["score"]
        if self.order == "small":
            return a["score"] < b["score"]
        return False

    def rank(self, hits):
        """Best first, ties in arrival order (a stable sort on the score)."""
        if self.order is None:
            return list(hits)
        return sorted(hits, key=lambda h: h["score"], reverse=self.order == "large")

    def add(self, points):
        for p in points:
            keys = group_keys(p.get("payload"), self.path)
            for key in keys or []:
                hits = self.members.setdefault(key, [])
                if all(h["id"] != p["id"] for h in hits):
                    hits.append(p)
                    self.placed.add(json.dumps(p["id"]))
                if len(hits) == self.group_size:
                    self.full.add(key)

    def best(self, key):
        best = None
        for h in self.members[key]:
            if best is None or self.better(h, best):
                best = h
        return best

    def best_keys(self):
        keys = list(self.members)
        if self.order is not None:
            keys.sort(key=lambda k: self.best(k)["score"], reverse=self.order == "large")
        return keys[: self.groups]

    def distill(self):
        return [{"id": key[1], "hits": self.rank(self.members[key])[: self.group_size]}
                for key in self.best_keys()]


def merge_filter(base, extra):
    """`Filter::merge_owned`: every clause concatenated."""
    out = dict(base or {})
    for clause, conditions in extra.items():
        out[clause] = list(out.get(clause) or []) + conditions
    return out


def match_conditions(path, keys, kind):
    ints = [v for t, v in keys if t == "int" and -2**63 <= v < 2**63]
    strs = [v for t, v in keys if t == "str"]
    return [{"key": path, "match": {kind: vs}} for vs in (ints, strs) if vs]


def scale_prefetch(prefetch, group_size):
    if prefetch is None:
        return None
    items = prefetch if isinstance(prefetch, list) else [prefetch]
    out = []
    for p in items:
        p = dict(p)
        p["limit"] = p.get("limit", 10) * group_size
        p["prefetch"] = scale_prefetch(p.get("prefetch"), group_size)
        out.append({k: v for k, v in p.items() if v is not None})
    return out


def request_body(base, path, groups, group_size, must, placed):
    body = copy.deepcopy(base)
    body["limit"] = groups * group_size
    body["offset"] = 0
    body["with_payload"] = True
    if "prefetch" in body:
        body["prefetch"] = scale_prefetch(body["prefetch"], group_size)
    extra = {"must_not": [{"is_empty": {"key": path}}]}
    if must:
        extra["must"] = must
    if placed:
        extra["must_not"].append({"has_id": [json.loads(i) for i in placed]})
    body["filter"] = merge_filter(body.get("filter"), extra)
    return body


def order_of(body, collection):
    query = body.get("query")
    if query is None and not body.get("prefetch"):
        return "small"
    nearest = isinstance(query, list) or (isinstance(query, dict) and "nearest" in query)
    if isinstance(query, dict) and "recommend" in query:
        # average_vector is a nearest query on the averaged vector (recommendations.rs)
        nearest = query["recommend"].get("strategy", "average_vector") == "average_vector"
    if nearest and collection["vectors"]["distance"] in DISTANCE_SMALL_BETTER:
        return "small"
    return "large"


def group(shard, collection, body):
    path = body["group_by"]
    group_size, groups = body.get("group_size", 3), body.get("limit", 10)
    base = {k: v for k, v in body.items() if k not in GROUP_FIELDS}
    agg = Aggregator(groups, group_size, path, order_of(body, collection))
    state, left = "collect", COLLECT_REQUESTS
    while True:
        if state == "collect" and left == 0:
            state, left = "fill", FILL_REQUESTS
        if state == "fill" and left == 0:
            break
        left -= 1
        if state == "collect":
            must = match_conditions(path, [k for k in agg.members if k in agg.full], "except")
        else:
            must = match_conditions(path, [k for k in agg.best_keys() if k not in agg.full], "any")
        request = Translator(shard).request(request_body(base, path, groups, group_size, must, agg.placed))
        points = [{"id": str(p.id) if isinstance(p.id, uuid.UUID) else p.id, "score": p.score,
                   "payload": p.payload} for p in shard.query(request)]
        agg.add(points)
        enough = sum(1 for k in agg.best_keys() if k in agg.full) >= groups
        if enough or (state == "fill" and not points):
            break
        if state == "collect" and not points:
            state, left = "fill", FILL_REQUESTS
    return {"groups": [{"id": g["id"], "hits": [{"id": h["id"], "score": h["score"]} for h in g["hits"]]}
                       for g in agg.distill()]}


def main():
    data = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as d:
        shard = open_shard(d, data)
        for body in data["cases"]:
            try:
                out = group(shard, data["collection"], body)
            except Exception as e:  # noqa: BLE001 - the engine's refusal is an answer too
                out = {"error": f"{type(e).__name__}: {e}"}
            print(json.dumps(out), flush=True)
        shard.close()


if __name__ == "__main__":
    main()
