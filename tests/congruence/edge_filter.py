"""REST filter JSON (Qdrant v1.19.0 `Filter`) -> qdrant_edge filter objects.

The REST schema is `lib/segment/src/types.rs` (`Filter`, `Condition`, `FieldCondition`, `Match`).
"""

import uuid

import qdrant_edge as qe


class Unsupported(Exception):
    """A REST feature Qdrant Edge's Python API cannot express: the case must not be generated."""


class RestError(Exception):
    """An error the server's collection layer raises before the shard, with its HTTP status."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class bool_:  # noqa: N801 - the name is what makes the binding treat it as a boolean
    """A boolean the binding reads as `bool`, never as an integer.

    `MatchValue` extracts its argument as str, then int, then bool; Python's True is an int, so
    `MatchValue(True)` reaches the engine as `1` and never matches a JSON `true`. pyo3 accepts
    `numpy.bool_` as a bool and not as an int; this stand-in has that type's module and name.
    """

    def __init__(self, value):
        self.value = bool(value)

    def __bool__(self):
        return self.value


bool_.__module__ = "numpy"


def point_id(value):
    """REST point id: unsigned integer or UUID string."""
    return uuid.UUID(value) if isinstance(value, str) else value


def as_list(value):
    """REST accepts one condition or a list wherever a list of conditions is expected."""
    if value is None:
        return None
    return value if isinstance(value, list) else [value]


def translate_filter(f):
    if f is None:
        return None
    min_should = f.get("min_should")
    if min_should is not None:
        min_should = qe.MinShould(
            [translate_condition(c) for c in as_list(min_should["conditions"])],
            min_should["min_count"],
        )
    return qe.Filter(
        must=conditions(f.get("must")),
        should=conditions(f.get("should")),
        must_not=conditions(f.get("must_not")),
        min_should=min_should,
    )


def conditions(value):
    value = as_list(value)
    return None if value is None else [translate_condition(c) for c in value]


def translate_condition(c):
    if "key" in c:
        return field_condition(c)
    if "is_empty" in c:
        return qe.IsEmptyCondition(c["is_empty"]["key"])
    if "is_null" in c:
        return qe.IsNullCondition(c["is_null"]["key"])
    if "has_id" in c:
        return qe.HasIdCondition({point_id(i) for i in c["has_id"]})
    if "has_vector" in c:
        return qe.HasVectorCondition(c["has_vector"])
    if "nested" in c:
        return qe.NestedCondition(c["nested"]["key"], translate_filter(c["nested"]["filter"]))
    if any(k in c for k in ("must", "should", "must_not", "min_should")):
        return translate_filter(c)
    raise Unsupported(f"condition {sorted(c)}")


def field_condition(c):
    known = {"key", "match", "range", "values_count", "is_empty", "is_null",
             "geo_radius", "geo_bounding_box"}
    extra = set(c) - known
    if extra:
        raise Unsupported(f"field condition {sorted(extra)}")
    return qe.FieldCondition(
        c["key"],
        match=translate_match(c.get("match")),
        range=translate_range(c.get("range")),
        values_count=counts(c.get("values_count")),
        is_empty=c.get("is_empty"),
        is_null=c.get("is_null"),
        geo_radius=geo_radius(c.get("geo_radius")),
        geo_bounding_box=geo_box(c.get("geo_bounding_box")),
    )


def translate_match(m):
    if m is None:
        return None
    if "value" in m:
        v = m["value"]
        return qe.MatchValue(bool_(v) if isinstance(v, bool) else v)
    if "any" in m:
        return qe.MatchAny(m["any"])
    if "except" in m:
        return qe.MatchExcept(m["except"])
    # Unindexed text matching differs between the v1.19.0 server (case-sensitive substring) and
    # Edge (tokenised): translated for completeness, but the generators never produce it.
    if "text" in m:
        return qe.MatchText(m["text"])
    if "text_any" in m:
        return qe.MatchTextAny(m["text_any"])
    if "phrase" in m:
        return qe.MatchPhrase(m["phrase"])
    raise Unsupported(f"match {sorted(m)}")


def translate_range(r):
    if r is None:
        return None
    if any(isinstance(v, str) for v in r.values()):
        return qe.RangeDateTime(**{k: r.get(k) for k in ("gt", "gte", "lt", "lte")})
    return qe.RangeFloat(**{k: r.get(k) for k in ("gt", "gte", "lt", "lte")})


def counts(r):
    if r is None:
        return None
    return qe.ValuesCount(**{k: r.get(k) for k in ("gt", "gte", "lt", "lte")})


def geo_point(p):
    return qe.GeoPoint(lon=p["lon"], lat=p["lat"])


def geo_radius(g):
    return None if g is None else qe.GeoRadius(geo_point(g["center"]), g["radius"])


def geo_box(g):
    if g is None:
        return None
    return qe.GeoBoundingBox(geo_point(g["top_left"]), geo_point(g["bottom_right"]))


def exclude_ids(ids, f):
    """The server's `exclude_referenced_ids` (collection_query.rs): the user filter merged with
    `must_not: [has_id]` by `Filter::merge_owned` (types.rs), i.e. list concatenation at the top
    level (not a nested filter, whose empty-`should` semantics differ)."""
    if not ids:
        return f
    f = dict(f or {})
    f["must_not"] = [{"has_id": sorted(set(ids), key=str)}] + (as_list(f.get("must_not")) or [])
    return f
