//! `with_payload`: which part of a point's payload a response carries.
//!
//! JSON forms (Qdrant `lib/segment/src/types.rs`, `WithPayloadInterface` / `PayloadSelector`):
//! `true`, `false`, `["a", "b.c"]` (= include), `{"include": [...]}`, `{"exclude": [...]}`; the
//! object form takes exactly one of the two keys (`deny_unknown_fields`). Default: no payload.
//!
//! Projection (Qdrant `lib/segment/src/json_path/mod.rs`, `value_filter` / `run_filter`): the
//! payload is walked key by key; every value has a path in which array elements are written `[]`
//! (`a.b[].c`). A value is kept when the predicate holds for its path, and its children are then
//! filtered the same way.
//! * include keeps a path when it and some pattern agree on their common prefix (same first key,
//!   equal items pairwise): parents of a pattern are kept (and pruned), descendants kept whole.
//!   A pattern with `[n]` never equals a `[]` path item, so `a[0]` keeps `a` but none of its
//!   elements (`{"a": []}`).
//! * exclude drops a path when some pattern is a prefix of it.

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::path::{JsonPath, PathItem};
use super::Payload;

/// The `with_payload` option of a request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum WithPayload {
    /// `false` (the default): no `payload` in the response.
    #[default]
    None,
    /// `true`: the whole payload.
    All,
    /// `["a", ...]` or `{"include": [...]}`.
    Include(Vec<JsonPath>),
    /// `{"exclude": [...]}`.
    Exclude(Vec<JsonPath>),
}

impl WithPayload {
    /// Whether the response carries a `payload` at all.
    pub fn is_required(&self) -> bool {
        !matches!(self, WithPayload::None)
    }

    /// The payload to return for a point, or `None` when no payload is requested.
    pub fn project(&self, payload: &Payload) -> Option<Payload> {
        match self {
            WithPayload::None => None,
            WithPayload::All => Some(payload.clone()),
            WithPayload::Include(patterns) => Some(filter_map(payload, &|first, path| {
                patterns.iter().any(|p| includes(p, first, path))
            })),
            WithPayload::Exclude(patterns) => Some(filter_map(payload, &|first, path| {
                !patterns.iter().any(|p| excludes(p, first, path))
            })),
        }
    }
}

/// One step of the path of a payload value during projection.
#[derive(Debug, Clone, Copy)]
enum Seg<'a> {
    Key(&'a str),
    Element,
}

fn item_eq(item: &PathItem, seg: &Seg<'_>) -> bool {
    match (item, seg) {
        (PathItem::Key(k), Seg::Key(s)) => k == s,
        (PathItem::Wildcard, Seg::Element) => true,
        _ => false,
    }
}

/// Qdrant `check_include_pattern`: the pattern and the path agree on their common prefix.
fn includes(pattern: &JsonPath, first: &str, path: &[Seg<'_>]) -> bool {
    pattern.first_key() == first && pattern.rest().iter().zip(path).all(|(i, s)| item_eq(i, s))
}

/// Qdrant `check_exclude_pattern`: the pattern is a prefix of the path.
fn excludes(pattern: &JsonPath, first: &str, path: &[Seg<'_>]) -> bool {
    includes(pattern, first, path) && pattern.rest().len() <= path.len()
}

type Keep<'k> = dyn Fn(&str, &[Seg<'_>]) -> bool + 'k;

fn filter_map(payload: &Payload, keep: &Keep<'_>) -> Payload {
    let mut out = Map::new();
    let mut path = Vec::new();
    for (key, value) in payload {
        if keep(key, &path) {
            out.insert(key.clone(), filter_value(key, &mut path, value, keep));
        }
    }
    out
}

fn filter_value<'a>(
    first: &str,
    path: &mut Vec<Seg<'a>>,
    value: &'a Value,
    keep: &Keep<'_>,
) -> Value {
    match value {
        Value::Array(items) => {
            path.push(Seg::Element);
            let kept = if keep(first, path) {
                items
                    .iter()
                    .map(|v| filter_value(first, path, v, keep))
                    .collect()
            } else {
                Vec::new()
            };
            path.pop();
            Value::Array(kept)
        }
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, v) in map {
                path.push(Seg::Key(key));
                if keep(first, path) {
                    out.insert(key.clone(), filter_value(first, path, v, keep));
                }
                path.pop();
            }
            Value::Object(out)
        }
        scalar => scalar.clone(),
    }
}

crate::json::untagged_enum! {
    expecting = "Expected a boolean, an array of strings, or an object with an include/exclude field";
    enum Raw {
        Bool(bool),
        Fields(Vec<JsonPath>),
        Include(IncludeRaw),
        Exclude(ExcludeRaw),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IncludeRaw {
    include: Vec<JsonPath>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExcludeRaw {
    exclude: Vec<JsonPath>,
}

impl<'de> Deserialize<'de> for WithPayload {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Raw::deserialize(d)? {
            Raw::Bool(false) => WithPayload::None,
            Raw::Bool(true) => WithPayload::All,
            Raw::Fields(paths) | Raw::Include(IncludeRaw { include: paths }) => {
                WithPayload::Include(paths)
            }
            Raw::Exclude(ExcludeRaw { exclude }) => WithPayload::Exclude(exclude),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn wp(v: Value) -> WithPayload {
        crate::json::from_value(&v).unwrap()
    }

    #[test]
    #[rustfmt::skip]
    fn parse_forms() {
        assert_eq!(wp(json!(false)), WithPayload::None);
        assert_eq!(WithPayload::default(), WithPayload::None);
        assert_eq!(wp(json!(true)), WithPayload::All);
        let ab = vec![
            JsonPath::parse("a").unwrap(),
            JsonPath::parse("b.c").unwrap(),
        ];
        assert_eq!(wp(json!(["a", "b.c"])), WithPayload::Include(ab.clone()));
        assert_eq!(
            wp(json!({"include": ["a", "b.c"]})),
            WithPayload::Include(ab.clone())
        );
        assert_eq!(
            wp(json!({"exclude": ["a", "b.c"]})),
            WithPayload::Exclude(ab)
        );
        for bad in [
            json!({"include": ["a"], "exclude": ["b"]}),
            json!({}),
            json!("a"),
            json!(1),
            json!(["a..b"]),
        ] {
            assert!(
                crate::json::from_value::<WithPayload>(&bad).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    #[rustfmt::skip]
    fn projection_cases() {
        let payload: Payload = crate::json::from_value(&json!({
            "a": {"b": [{"c": 1}, {"c": 2}, {"d": {"e": 3}}], "x": 7},
            "f": 3, "g": ["g0", "g1"]
        }))
        .unwrap();
        let cases: &[(&str, Value, Option<Value>)] = &[
            ("none", json!(false), None),
            ("all", json!(true), Some(Value::Object(payload.clone()))),
            ("include leaf through array", json!(["a.b[].c"]), Some(json!({"a": {"b": [{"c": 1}, {"c": 2}, {}]}}))),
            ("include subtree", json!(["a"]), Some(json!({"a": payload["a"].clone()}))),
            ("include index selects no element", json!(["g[0]"]), Some(json!({"g": []}))),
            ("include whole array", json!(["g[]"]), Some(json!({"g": ["g0", "g1"]}))),
            ("include no implicit flattening", json!(["a.b.c"]), Some(json!({"a": {"b": []}}))),
            ("include missing", json!(["zz"]), Some(json!({}))),
            ("include empty list", json!([]), Some(json!({}))),
            ("exclude top", json!({"exclude": ["a"]}), Some(json!({"f": 3, "g": ["g0", "g1"]}))),
            ("exclude nested", json!({"exclude": ["a.b[].c", "a.x"]}), Some(json!({"a": {"b": [{}, {}, {"d": {"e": 3}}]}, "f": 3, "g": ["g0", "g1"]}))),
            ("exclude array elements", json!({"exclude": ["g[]"]}), Some(json!({"a": payload["a"].clone(), "f": 3, "g": []}))),
        ];
        for (name, spec, want) in cases {
            let got = wp(spec.clone()).project(&payload).map(Value::Object);
            assert_eq!(&got, want, "{name}");
        }
    }
}
