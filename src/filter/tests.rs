//! Table tests of filter evaluation: one named case per rule of QDRANT_SEMANTICS.md §8.

use serde_json::{json, Value};

use super::{Filter, PointView};
use crate::payload::Payload;
use crate::point_id::PointId;

struct TestPoint {
    id: PointId,
    payload: Payload,
}

impl PointView for TestPoint {
    fn id(&self) -> PointId {
        self.id
    }
    fn payload(&self) -> &Payload {
        &self.payload
    }
    fn has_vector(&self, name: &str) -> bool {
        name.is_empty() || name == "image"
    }
}

fn point(payload: Value) -> TestPoint {
    TestPoint {
        id: PointId::Num(7),
        payload: crate::json::from_value(&payload).unwrap(),
    }
}

/// `(name, payload, filter, expected)`; a condition object is wrapped as `{"must": [c]}`.
fn run_table(cases: &[(&str, Value, Value, bool)]) {
    for (name, payload, cond, want) in cases {
        let filter_json = if is_filter(cond) {
            cond.clone()
        } else {
            json!({ "must": [cond] })
        };
        let filter: Filter = crate::json::from_value(&filter_json)
            .unwrap_or_else(|e| panic!("{name}: filter does not parse: {e}"));
        filter.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(filter.check(&point(payload.clone())), *want, "{name}");
    }
}

fn is_filter(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        o.keys()
            .all(|k| matches!(k.as_str(), "must" | "should" | "must_not" | "min_should"))
    })
}

fn m(key: &str, r#match: Value) -> Value {
    json!({"key": key, "match": r#match})
}

#[test]
#[rustfmt::skip]
fn match_value_type_rules() {
    run_table(&[
        ("keyword equal", json!({"a": "x"}), m("a", json!({"value": "x"})), true),
        ("keyword case sensitive", json!({"a": "X"}), m("a", json!({"value": "x"})), false),
        ("int equal", json!({"a": 5}), m("a", json!({"value": 5})), true),
        ("float 5.0 is not int 5", json!({"a": 5.0}), m("a", json!({"value": 5})), false),
        ("string 5 is not int 5", json!({"a": "5"}), m("a", json!({"value": 5})), false),
        ("bool is not int", json!({"a": true}), m("a", json!({"value": 1})), false),
        ("bool equal", json!({"a": false}), m("a", json!({"value": false})), true),
        ("u64 beyond i64 never", json!({"a": 18446744073709551615u64}), m("a", json!({"value": -1})), false),
        ("negative int", json!({"a": -3}), m("a", json!({"value": -3})), true),
        ("array any element", json!({"a": [1, 2, 5]}), m("a", json!({"value": 5})), true),
        ("inner arrays not flattened", json!({"a": [[5]]}), m("a", json!({"value": 5})), false),
        ("missing", json!({}), m("a", json!({"value": 5})), false),
        ("null", json!({"a": null}), m("a", json!({"value": 5})), false),
        ("empty array", json!({"a": []}), m("a", json!({"value": 5})), false),
        ("dotted key", json!({"a": {"b": "x"}}), m("a.b", json!({"value": "x"})), true),
        ("no implicit flattening", json!({"a": [{"b": "x"}]}), m("a.b", json!({"value": "x"})), false),
        ("array projection", json!({"a": [{"b": "y"}, {"b": "x"}]}), m("a[].b", json!({"value": "x"})), true),
        ("index step", json!({"a": ["x", "y"]}), m("a[1]", json!({"value": "y"})), true),
    ]);
}

#[test]
#[rustfmt::skip]
fn match_any_and_except() {
    run_table(&[
        ("any keyword", json!({"a": "b"}), m("a", json!({"any": ["a", "b"]})), true),
        ("any int", json!({"a": 3}), m("a", json!({"any": [1, 3]})), true),
        ("any int vs float", json!({"a": 3.0}), m("a", json!({"any": [1, 3]})), false),
        ("any empty list", json!({"a": "x"}), m("a", json!({"any": []})), false),
        ("any array element", json!({"a": [9, 1]}), m("a", json!({"any": [1]})), true),
        ("any type mismatch", json!({"a": "1"}), m("a", json!({"any": [1]})), false),
        ("except keyword hit", json!({"a": "x"}), m("a", json!({"except": ["x"]})), false),
        ("except keyword miss", json!({"a": "y"}), m("a", json!({"except": ["x"]})), true),
        ("except int hit", json!({"a": 1}), m("a", json!({"except": [1, 2]})), false),
        ("except float vs ints", json!({"a": 1.5}), m("a", json!({"except": [1]})), true),
        ("except big u64 vs ints", json!({"a": 18446744073709551615u64}), m("a", json!({"except": [1]})), true),
        ("except int vs keywords", json!({"a": 1}), m("a", json!({"except": ["x"]})), true),
        ("except string vs ints", json!({"a": "x"}), m("a", json!({"except": [1]})), true),
        ("except bool", json!({"a": true}), m("a", json!({"except": ["x"]})), true),
        ("except object", json!({"a": {"b": 1}}), m("a", json!({"except": ["x"]})), true),
        ("except inner array", json!({"a": [["x"]]}), m("a", json!({"except": ["x"]})), true),
        ("except null", json!({"a": null}), m("a", json!({"except": ["x"]})), false),
        ("except missing", json!({}), m("a", json!({"except": ["x"]})), false),
        ("except empty array", json!({"a": []}), m("a", json!({"except": ["x"]})), false),
        ("except array any qualifies", json!({"a": ["x", "y"]}), m("a", json!({"except": ["x"]})), true),
        ("except array none qualifies", json!({"a": ["x", "x"]}), m("a", json!({"except": ["x"]})), false),
        ("must_not except on missing passes", json!({}), json!({"must_not": [m("a", json!({"except": ["x"]}))]}), true),
    ]);
}

#[test]
#[rustfmt::skip]
fn match_text_phrase_prefix() {
    run_table(&[
        ("text substring", json!({"d": "the lazy dog"}), m("d", json!({"text": "azy d"})), true),
        ("text case sensitive", json!({"d": "The Dog"}), m("d", json!({"text": "dog"})), false),
        ("text non string", json!({"d": 5}), m("d", json!({"text": "5"})), false),
        ("phrase substring", json!({"d": "quick brown fox"}), m("d", json!({"phrase": "brown fox"})), true),
        ("phrase order matters", json!({"d": "quick brown fox"}), m("d", json!({"phrase": "fox brown"})), false),
        ("text_any one word", json!({"d": "quick brown fox"}), m("d", json!({"text_any": "cat  fox"})), true),
        ("text_any no word", json!({"d": "quick brown fox"}), m("d", json!({"text_any": "cat dog"})), false),
        ("text_any empty", json!({"d": "quick"}), m("d", json!({"text_any": "  "})), false),
        ("text array element", json!({"d": ["a", "xyz"]}), m("d", json!({"text": "y"})), true),
        ("prefix", json!({"d": "quick brown"}), m("d", json!({"prefix": "qui"})), true),
        ("prefix not infix", json!({"d": "quick brown"}), m("d", json!({"prefix": "brown"})), false),
        ("prefix case sensitive", json!({"d": "Quick"}), m("d", json!({"prefix": "qui"})), false),
    ]);
}

#[test]
#[rustfmt::skip]
fn numeric_and_datetime_ranges() {
    let r = |key: &str, range: Value| json!({"key": key, "range": range});
    run_table(&[
        ("int in float range", json!({"n": 5}), r("n", json!({"gt": 4.5, "lte": 5})), true),
        ("strict gt", json!({"n": 5}), r("n", json!({"gt": 5})), false),
        ("gte bound", json!({"n": 5}), r("n", json!({"gte": 5})), true),
        ("lt bound", json!({"n": 5.0}), r("n", json!({"lt": 5})), false),
        ("string never", json!({"n": "5"}), r("n", json!({"gte": 0})), false),
        ("bool never", json!({"n": true}), r("n", json!({"gte": 0})), false),
        ("array any", json!({"n": [1, 10]}), r("n", json!({"gt": 9})), true),
        ("empty range accepts numbers", json!({"n": 1}), r("n", json!({})), true),
        ("missing", json!({}), r("n", json!({"gte": 0})), false),
        ("datetime rfc3339", json!({"t": "2024-01-02T00:00:00Z"}), r("t", json!({"gt": "2024-01-01T00:00:00Z"})), true),
        ("datetime offset", json!({"t": "2024-01-01T01:00:00+02:00"}), r("t", json!({"lt": "2024-01-01T00:00:00Z"})), true),
        ("datetime naive is utc", json!({"t": "2024-01-01 00:00:00"}), r("t", json!({"gte": "2024-01-01T00:00:00Z", "lte": "2024-01-01"}),), true),
        ("datetime date only", json!({"t": "2024-01-01"}), r("t", json!({"gt": "2023-12-31T23:59:59.999999Z"})), true),
        ("datetime microseconds", json!({"t": "2024-01-01T00:00:00.000001Z"}), r("t", json!({"gt": "2024-01-01T00:00:00Z"})), true),
        ("datetime unparsable stored", json!({"t": "yesterday"}), r("t", json!({"lt": "2030-01-01"})), false),
        ("datetime number stored", json!({"t": 1700000000}), r("t", json!({"lt": "2030-01-01"})), false),
        ("datetime array", json!({"t": ["bad", "2020-01-01"]}), r("t", json!({"lt": "2030-01-01"})), true),
    ]);
}

#[test]
#[rustfmt::skip]
fn geo_conditions() {
    let berlin = json!({"loc": {"lon": 13.4, "lat": 52.52}});
    let square = json!({"exterior": {"points": [
        {"lon": 0, "lat": 40}, {"lon": 20, "lat": 40}, {"lon": 20, "lat": 60}, {"lon": 0, "lat": 60}, {"lon": 0, "lat": 40}]},
        "interiors": [{"points": [{"lon": 13, "lat": 52}, {"lon": 14, "lat": 52}, {"lon": 14, "lat": 53}, {"lon": 13, "lat": 53}, {"lon": 13, "lat": 52}]}]});
    let bbox = |tl: (f64, f64), br: (f64, f64)| {
        json!({"key": "loc", "geo_bounding_box": {
        "top_left": {"lon": tl.0, "lat": tl.1}, "bottom_right": {"lon": br.0, "lat": br.1}}})
    };
    run_table(&[
        ("bbox inside", berlin.clone(), bbox((10.0, 55.0), (15.0, 50.0)), true),
        ("bbox edge excluded", berlin.clone(), bbox((13.4, 55.0), (15.0, 50.0)), false),
        ("bbox antimeridian", json!({"loc": {"lon": -179.0, "lat": 0}}), bbox((170.0, 10.0), (-170.0, -10.0)), true),
        ("bbox antimeridian outside", json!({"loc": {"lon": 0, "lat": 0}}), bbox((170.0, 10.0), (-170.0, -10.0)), false),
        ("radius inside", berlin.clone(), json!({"key": "loc", "geo_radius": {"center": {"lon": 13.41, "lat": 52.52}, "radius": 1000.0}}), true),
        ("radius outside", berlin.clone(), json!({"key": "loc", "geo_radius": {"center": {"lon": 13.5, "lat": 52.52}, "radius": 1000.0}}), false),
        ("polygon hole excludes", berlin.clone(), json!({"key": "loc", "geo_polygon": square}), false),
        ("polygon interior", json!({"loc": {"lon": 5, "lat": 45}}), json!({"key": "loc", "geo_polygon": square}), true),
        ("stored not a geo object", json!({"loc": [13.4, 52.52]}), bbox((10.0, 55.0), (15.0, 50.0)), false),
        ("stored string lon", json!({"loc": {"lon": "13.4", "lat": 52.52}}), bbox((10.0, 55.0), (15.0, 50.0)), false),
        ("array of geo points", json!({"loc": [{"lon": 0, "lat": 0}, {"lon": 13.4, "lat": 52.5}]}), bbox((10.0, 55.0), (15.0, 50.0)), true),
    ]);
}

#[test]
#[rustfmt::skip]
fn values_count_is_empty_is_null() {
    let vc = |range: Value| json!({"key": "a", "values_count": range});
    run_table(&[
        ("count array", json!({"a": [1, 2, 3]}), vc(json!({"gte": 3})), true),
        ("count scalar is 1", json!({"a": "x"}), vc(json!({"lt": 2, "gt": 0})), true),
        ("count null is 0", json!({"a": null}), vc(json!({"lte": 0})), true),
        ("count missing is 0", json!({}), vc(json!({"lte": 0})), true),
        ("count missing gt 0", json!({}), vc(json!({"gt": 0})), false),
        ("field is_empty missing", json!({}), json!({"key": "a", "is_empty": true}), true),
        ("field is_empty []", json!({"a": []}), json!({"key": "a", "is_empty": true}), true),
        ("field is_empty [null]", json!({"a": [null]}), json!({"key": "a", "is_empty": true}), false),
        ("field is_empty false on value", json!({"a": 1}), json!({"key": "a", "is_empty": false}), true),
        ("field is_null null", json!({"a": null}), json!({"key": "a", "is_null": true}), true),
        ("field is_null array with null", json!({"a": [1, null]}), json!({"key": "a", "is_null": true}), true),
        ("field is_null false missing", json!({}), json!({"key": "a", "is_null": false}), true),
        ("field is_null true missing", json!({}), json!({"key": "a", "is_null": true}), false),
        ("values_count wins", json!({"a": [1]}), json!({"key": "a", "values_count": {"gt": 5}, "is_empty": false}), false),
        ("is_empty before is_null", json!({"a": null}), json!({"key": "a", "is_empty": false, "is_null": true}), false),
        ("others ORed", json!({"a": 5}), json!({"key": "a", "match": {"value": 1}, "range": {"gt": 4}}), true),
        ("is_empty missing", json!({}), json!({"is_empty": {"key": "a"}}), true),
        ("is_empty null", json!({"a": null}), json!({"is_empty": {"key": "a"}}), true),
        ("is_empty []", json!({"a": []}), json!({"is_empty": {"key": "a"}}), true),
        ("is_empty [null]", json!({"a": [null]}), json!({"is_empty": {"key": "a"}}), false),
        ("is_empty value", json!({"a": 0}), json!({"is_empty": {"key": "a"}}), false),
        ("is_empty projected nulls", json!({"a": [{"b": null}, {"c": 1}]}), json!({"is_empty": {"key": "a[].b"}}), true),
        ("is_null null", json!({"a": null}), json!({"is_null": {"key": "a"}}), true),
        ("is_null missing", json!({}), json!({"is_null": {"key": "a"}}), false),
        ("is_null [] no", json!({"a": []}), json!({"is_null": {"key": "a"}}), false),
        ("is_null [null, 1] v1.19.0 no", json!({"a": [null, 1]}), json!({"is_null": {"key": "a"}}), false),
        ("is_null via a[]", json!({"a": [null, 1]}), json!({"is_null": {"key": "a[]"}}), true),
        ("must_not missing passes", json!({}), json!({"must_not": [m("a", json!({"value": 1}))]}), true),
    ]);
}

#[test]
#[rustfmt::skip]
fn ids_vectors_and_boolean_structure() {
    let yes = m("a", json!({"value": 1}));
    let no = m("a", json!({"value": 2}));
    let p = json!({"a": 1});
    run_table(&[
        ("has_id hit", p.clone(), json!({"has_id": [1, 7]}), true),
        ("has_id miss", p.clone(), json!({"has_id": [8, "550e8400-e29b-41d4-a716-446655440000"]}), false),
        ("has_vector unnamed", p.clone(), json!({"has_vector": ""}), true),
        ("has_vector unknown", p.clone(), json!({"has_vector": "audio"}), false),
        ("must all", p.clone(), json!({"must": [yes, yes]}), true),
        ("must one fails", p.clone(), json!({"must": [yes, no]}), false),
        ("should any", p.clone(), json!({"should": [no, yes]}), true),
        ("should none", p.clone(), json!({"should": [no, no]}), false),
        ("must_not none", p.clone(), json!({"must_not": [no]}), true),
        ("must_not hit", p.clone(), json!({"must_not": [no, yes]}), false),
        ("single condition clause", p.clone(), json!({"must": yes}), true),
        ("empty should top level", p.clone(), json!({"should": []}), true),
        ("empty should in sub-filter", p.clone(), json!({"must": [{"should": []}]}), true),
        ("empty must and must_not", p.clone(), json!({"must": [], "must_not": []}), true),
        ("empty filter", p.clone(), json!({}), true),
        ("min_should reached", p.clone(), json!({"min_should": {"conditions": [yes, no, yes], "min_count": 2}}), true),
        ("min_should short", p.clone(), json!({"min_should": {"conditions": [yes, no, no], "min_count": 2}}), false),
        ("min_should empty list", p.clone(), json!({"min_should": {"conditions": [], "min_count": 1}}), false),
        ("clauses ANDed", p.clone(), json!({"must": [yes], "should": [no]}), false),
        ("nested sub-filters", p, json!({"must": [{"should": [no, {"must_not": [no]}]}]}), true),
    ]);
}

#[test]
#[rustfmt::skip]
fn nested_conditions() {
    let items = json!({"items": [{"name": "bolt", "qty": 1}, {"name": "nut", "qty": 20}, 5, null]});
    let nested = |filter: Value| json!({"nested": {"key": "items", "filter": filter}});
    run_table(&[
        ("same element", items.clone(), nested(json!({"must": [m("name", json!({"value": "nut"})), {"key": "qty", "range": {"gt": 10}}]}),), true),
        ("different elements", items.clone(), nested(json!({"must": [m("name", json!({"value": "bolt"})), {"key": "qty", "range": {"gt": 10}}]}),), false),
        ("without nested mixes elements", items.clone(), json!({"must": [m("items[].name", json!({"value": "bolt"})), {"key": "items[].qty", "range": {"gt": 10}}]}), true),
        ("key with [] already", items.clone(), json!({"nested": {"key": "items[]", "filter": {"must": [m("name", json!({"value": "bolt"}))]}}}), true),
        ("empty should inside nested", items.clone(), nested(json!({"should": []})), false),
        ("empty should in sub-filter inside nested", items.clone(), nested(json!({"must": [{"should": []}]})), false),
        ("has_id inside nested", items.clone(), nested(json!({"must": [{"has_id": [7]}]})), false),
        ("has_vector inside nested", items.clone(), nested(json!({"must": [{"has_vector": ""}]})), false),
        ("must_not inside nested", items.clone(), nested(json!({"must_not": [m("name", json!({"value": "bolt"}))]})), true),
        ("missing array", json!({}), nested(json!({})), false),
        ("not an array", json!({"items": {"name": "nut"}}), nested(json!({})), false),
        ("nested in nested", json!({"a": [{"b": [{"c": 1}]}]}), json!({"nested": {"key": "a", "filter": {"must": [{"nested": {"key": "b", "filter": {"must": [m("c", json!({"value": 1}))]}}}]}}}), true),
    ]);
}
