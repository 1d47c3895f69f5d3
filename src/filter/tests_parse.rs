//! Table tests of filter parsing, validation and the depth guard.

use serde_json::{json, Value};

use super::{AnyList, Condition, Filter, Match, MatchValue, RangeInterface, MAX_DEPTH};
use crate::error::Error;
use crate::point_id::PointId;

fn parse(v: &Value) -> Result<Filter, String> {
    crate::json::parse::<Filter>(&v.to_string()).map_err(|e| e.to_string())
}

fn first(f: &Filter) -> &Condition {
    &f.must.as_ref().expect("must")[0]
}

#[test]
#[rustfmt::skip]
fn shapes_that_parse() {
    let cases: &[(&str, Value)] = &[
        ("single condition", json!({"must": {"key": "a", "match": {"value": "x"}}})),
        ("null clause", json!({"must": null, "should": null, "min_should": null})),
        ("is_empty form", json!({"must": [{"is_empty": {"key": "a.b"}}]})),
        ("is_null form", json!({"must": [{"is_null": {"key": "a[]"}}]})),
        ("has_id mixed", json!({"must": [{"has_id": [1, "550E8400-E29B-41D4-A716-446655440000"]}]})),
        ("has_vector", json!({"must": [{"has_vector": "image"}]})),
        ("nested", json!({"must": [{"nested": {"key": "items", "filter": {"must": []}}}]})),
        ("sub-filter", json!({"must": [{"should": [{"must_not": []}]}]})),
        ("empty object is a filter", json!({"must": [{}]})),
        ("unknown field-condition keys ignored", json!({"must": [{"key": "a", "match": {"value": 1}, "extra": 1}]})),
        ("range int bounds", json!({"must": [{"key": "a", "range": {"gt": 1, "lt": 2.5}}]})),
        ("range datetime", json!({"must": [{"key": "a", "range": {"gt": "2024-01-01", "lt": "2024-01-01T10:00:00+01:00"}}]})),
        ("geo point as pair", json!({"must": [{"key": "a", "geo_radius": {"center": [10.0, 20.0], "radius": 5}}]})),
        ("min_should", json!({"min_should": {"conditions": [{"has_id": [1]}], "min_count": 1}})),
    ];
    for (name, v) in cases {
        let f = parse(v).unwrap_or_else(|e| panic!("{name}: {e}"));
        f.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
#[rustfmt::skip]
fn parsed_values() {
    let f = parse(&json!({"must": [{"key": "a", "match": {"any": [3, 1, 3]}}]})).unwrap();
    let Condition::Field(fc) = first(&f) else {
        panic!("field")
    };
    assert_eq!(fc.r#match, Some(Match::Any(AnyList::Integers(vec![1, 3]))));
    let f = parse(&json!({"must": [{"key": "a", "match": {"any": []}}]})).unwrap();
    let Condition::Field(fc) = first(&f) else {
        panic!("field")
    };
    assert_eq!(fc.r#match, Some(Match::Any(AnyList::Keywords(vec![]))));
    let f = parse(&json!({"must": [{"key": "a", "match": {"value": true}}]})).unwrap();
    let Condition::Field(fc) = first(&f) else {
        panic!("field")
    };
    assert_eq!(fc.r#match, Some(Match::Value(MatchValue::Bool(true))));
    let f = parse(&json!({"must": [{"key": "a", "range": {"gte": "2024-01-01"}}]})).unwrap();
    let Condition::Field(fc) = first(&f) else {
        panic!("field")
    };
    assert!(matches!(fc.range, Some(RangeInterface::DateTime(_))));
    let f = parse(&json!({"must": {"has_id": [5, 1, 5]}})).unwrap();
    assert_eq!(
        first(&f),
        &Condition::HasId(vec![PointId::Num(1), PointId::Num(5)])
    );
}

#[test]
#[rustfmt::skip]
fn shapes_rejected_at_parse() {
    let cases: &[(&str, Value)] = &[
        ("misspelled match key (golden 264)", json!({"must": [{"key": "city", "match": {"valu": "berlin"}}]})),
        ("unknown filter key", json!({"must": [], "foo": 1})),
        ("float match value", json!({"must": [{"key": "a", "match": {"value": 5.5}}]})),
        ("integral float match value", json!({"must": [{"key": "a", "match": {"value": 5.0}}]})),
        ("u64 match value", json!({"must": [{"key": "a", "match": {"value": 18446744073709551615u64}}]})),
        ("mixed any", json!({"must": [{"key": "a", "match": {"any": ["x", 1]}}]})),
        ("mixed range bounds", json!({"must": [{"key": "a", "range": {"gt": 1, "lt": "2024-01-01"}}]})),
        ("bad datetime bound", json!({"must": [{"key": "a", "range": {"gt": "tomorrow"}}]})),
        ("negative values_count", json!({"must": [{"key": "a", "values_count": {"gt": -1}}]})),
        ("bad key path", json!({"must": [{"key": "a..b", "match": {"value": 1}}]})),
        ("lat out of range", json!({"must": [{"key": "a", "geo_radius": {"center": {"lon": 0, "lat": 91}, "radius": 1}}]})),
        ("lon out of range", json!({"must": [{"key": "a", "geo_bounding_box": {"top_left": {"lon": -181, "lat": 1}, "bottom_right": {"lon": 0, "lat": 0}}}]})),
        ("polygon too short", json!({"must": [{"key": "a", "geo_polygon": {"exterior": {"points": [{"lon": 0, "lat": 0}, {"lon": 1, "lat": 1}, {"lon": 0, "lat": 0}]}}}]})),
        ("polygon not closed", json!({"must": [{"key": "a", "geo_polygon": {"exterior": {"points": [{"lon": 0, "lat": 0}, {"lon": 1, "lat": 0}, {"lon": 1, "lat": 1}, {"lon": 0, "lat": 1}]}}}]})),
        ("bad point id", json!({"must": [{"has_id": [-1]}]})),
        ("string clause", json!({"must": "a"})),
        ("condition not an object", json!({"must": [5]})),
        ("nested without filter", json!({"must": [{"nested": {"key": "a"}}]})),
        ("nested with bad inner", json!({"must": [{"nested": {"key": "a", "filter": {"bogus": []}}}]})),
        ("min_should without count", json!({"min_should": {"conditions": []}})),
        ("min_should float count", json!({"min_should": {"conditions": [], "min_count": 1.5}})),
        ("slice is unsupported", json!({"must": [{"slice": {"total": 2, "index": 0}}]})),
        ("filter not an object", json!([])),
    ];
    for (name, v) in cases {
        assert!(parse(v).is_err(), "{name} should be rejected");
    }
    let msg = parse(&cases[0].1).unwrap_err();
    assert!(msg.starts_with("Expected some form of condition"), "{msg}");
    let e: Error =
        crate::json::parse::<Filter>(r#"{"must":[{"key":"city","match":{"valu":"berlin"}}]}"#)
            .unwrap_err()
            .into();
    assert_eq!(e.status(), 400);
    assert!(
        e.to_string().starts_with("Format error in JSON body: "),
        "{e}"
    );
}

#[test]
#[rustfmt::skip]
fn validation_errors_are_422() {
    let cases: &[(&str, Value, &str)] = &[
        ("no sub-condition", json!({"must": [{"key": "a"}]}), "must[0]: At least one field condition"),
        ("all sub-conditions null", json!({"must": [{"key": "a", "match": null, "range": null}]}), "must[0]"),
        ("filter keys beside key", json!({"should": [{"key": "a", "must": []}]}), "should[0]"),
        ("min_count zero", json!({"min_should": {"conditions": [], "min_count": 0}}), "min_should: min_count"),
        ("deep in nested", json!({"must": [{"nested": {"key": "a", "filter": {"must_not": [{"key": "b"}]}}}]}), "must[0].nested.filter.must_not[0]"),
        ("inside min_should", json!({"min_should": {"conditions": [{"key": "b"}], "min_count": 1}}), "min_should.conditions[0]"),
    ];
    for (name, v, needle) in cases {
        let f = parse(v).unwrap_or_else(|e| panic!("{name}: {e}"));
        let err = f.validate().expect_err(name);
        assert_eq!(err.status(), 422, "{name}");
        assert!(err.to_string().contains(needle), "{name}: {err}");
    }
}

/// `{"must": [{"must": [ ... ]}]}` with `levels` filters in total.
fn deep_filter_text(levels: usize) -> String {
    let mut s = String::new();
    for _ in 1..levels {
        s.push_str(r#"{"must":["#);
    }
    s.push_str("{}");
    for _ in 1..levels {
        s.push_str("]}");
    }
    s
}

/// Builds `{"must": [{"nested": {"key": "a", "filter": {"must": [...]}}}]}`: two filter levels
/// per step. (Built by hand: `json!` would re-serialize the inner value at every step.)
fn deep_filter_value(levels: usize) -> Value {
    (1..levels).fold(json!({}), |v, _| {
        let mut nested = obj("key", json!("a"));
        nested["filter"] = must(v);
        must(obj("nested", nested))
    })
}

fn obj(key: &str, v: Value) -> Value {
    Value::Object([(key.to_string(), v)].into_iter().collect())
}

fn must(v: Value) -> Value {
    obj("must", Value::Array(vec![v]))
}

#[test]
#[rustfmt::skip]
fn depth_guard() {
    assert!(parse(&crate::json::parse(&deep_filter_text(MAX_DEPTH - 1)).unwrap()).is_ok());
    // 10 000 levels: serde_json's own recursion limit answers, without overflowing the stack.
    let err = crate::json::parse::<Filter>(&deep_filter_text(10_000)).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
    // Deserializers without that limit (a Value, or JS objects in wasm) hit ours.
    let ok = Filter::from_json(&deep_filter_value(MAX_DEPTH / 2)).unwrap();
    ok.validate().unwrap();
    let err = Filter::from_json(&deep_filter_value(MAX_DEPTH)).unwrap_err();
    assert_eq!(err.status(), 400);
    assert!(err.to_string().contains("limit is 64 levels"), "{err}");
    let err = crate::json::from_value::<Filter>(&deep_filter_value(MAX_DEPTH)).unwrap_err();
    assert!(err.to_string().contains("limit is 64 levels"), "{err}");
    let huge = || (0..1_000).fold(json!({}), |v, _| must(v));
    let err = crate::json::from_value::<Filter>(&huge()).unwrap_err();
    assert!(err.to_string().contains("limit is 64 levels"), "{err}");
    let err = Filter::from_json(&huge()).unwrap_err();
    assert!(err.to_string().contains("limit is 64 levels"), "{err}");
}

#[test]
#[rustfmt::skip]
fn validate_depth_for_filters_built_in_code() {
    let mut f = Filter::default();
    for _ in 0..MAX_DEPTH {
        f = Filter {
            must: Some(vec![Condition::Filter(f)]),
            ..Filter::default()
        };
    }
    let err = f.validate().unwrap_err();
    assert_eq!(err.status(), 422);
}
