//! Values at a key path (Qdrant `lib/segment/src/json_path/mod.rs`, `value_get`).
//!
//! `.key` only descends into objects; arrays are never flattened implicitly (`a.b` on
//! `{"a":[{"b":1}]}` yields nothing, write `a[].b`); `[n]` picks one element; `[]` expands every
//! element. A value that is itself an array is yielded whole (`a` on `{"a":[1,2]}` yields `[1,2]`).

use serde_json::Value;

use super::path::{JsonPath, PathItem};
use super::Payload;

/// Appends the values found at `path` to `out` (Qdrant `JsonPath::value_get`).
pub fn extract<'a>(payload: &'a Payload, path: &JsonPath, out: &mut Vec<&'a Value>) {
    visit(payload, path, &mut |v| {
        out.push(v);
        false
    });
}

/// Calls `f` on each value at `path`, in document order, until `f` returns `true`.
///
/// Returns `None` when the path yields no value at all, else `Some(true)` if `f` stopped the
/// walk. Allocation-free; recursion happens only at `[]` steps that meet an array, so its depth
/// is bounded by the payload's nesting, never by the path's length.
pub fn visit<'a>(
    payload: &'a Payload,
    path: &JsonPath,
    f: &mut dyn FnMut(&'a Value) -> bool,
) -> Option<bool> {
    let mut seen = false;
    let stopped = match lookup(payload, path.first_key()) {
        Some(first) => walk(first, path.rest(), &mut seen, f),
        None => false,
    };
    seen.then_some(stopped)
}

/// Objects with at most this many keys are searched by comparing keys: hashing a key (SipHash,
/// the map's hasher) costs more than a few short comparisons, and filters, formulas and
/// group-bys look up payload keys for every point they read.
const LINEAR_LOOKUP_MAX: usize = 8;

/// `map.get(key)`: the same value, found by comparison in a small map.
#[inline(always)]
fn lookup<'a>(map: &'a Payload, key: &str) -> Option<&'a Value> {
    if map.len() <= LINEAR_LOOKUP_MAX {
        map.iter().find_map(|(k, v)| (k == key).then_some(v))
    } else {
        map.get(key)
    }
}

fn walk<'a>(
    mut value: &'a Value,
    mut items: &[PathItem],
    seen: &mut bool,
    f: &mut dyn FnMut(&'a Value) -> bool,
) -> bool {
    loop {
        let Some((head, tail)) = items.split_first() else {
            *seen = true;
            return f(value);
        };
        let next = match (head, value) {
            (PathItem::Key(k), Value::Object(map)) => lookup(map, k),
            (PathItem::Index(i), Value::Array(arr)) => arr.get(*i),
            (PathItem::Wildcard, Value::Array(arr)) => {
                return arr.iter().any(|v| walk(v, tail, seen, f));
            }
            _ => None,
        };
        match next {
            Some(v) => (value, items) = (v, tail),
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(s: &str) -> JsonPath {
        JsonPath::parse(s).unwrap()
    }

    #[test]
    #[rustfmt::skip]
    fn extraction_rules() {
        let payload: Payload = crate::json::from_value(&json!({
            "a": {"b": [{"c": 1}, {"c": 2}, {"d": {"e": 3}}]},
            "arr": [{"a": [1, 2, 3]}, {"a": 4}, {"b": 5}],
            "n": null, "nn": [null, null], "e": [], "g": ["g0", "g1", "g2"]
        }))
        .unwrap();
        let cases: &[(&str, Value)] = &[
            ("a.b[].c", json!([1, 2])),
            ("a.b.c", json!([])),
            ("a.b[1].c", json!([2])),
            ("a.b[3]", json!([])),
            ("g[2]", json!(["g2"])),
            ("arr[].a", json!([[1, 2, 3], 4])),
            ("arr[].a[]", json!([1, 2, 3])),
            ("n", json!([null])),
            ("n[]", json!([])),
            ("nn[]", json!([null, null])),
            ("e", json!([[]])),
            ("e[]", json!([])),
            ("missing", json!([])),
        ];
        for (path, want) in cases {
            let mut out = Vec::new();
            extract(&payload, &p(path), &mut out);
            let got = Value::Array(out.into_iter().cloned().collect());
            assert_eq!(&got, want, "{path}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn visit_reports_missing_and_stops_early() {
        let payload: Payload = crate::json::from_value(&json!({"a": [1, 2, 3]})).unwrap();
        assert_eq!(visit(&payload, &p("b"), &mut |_| true), None);
        let mut calls = 0;
        let r = visit(&payload, &p("a[]"), &mut |v| {
            calls += 1;
            v == &json!(2)
        });
        assert_eq!((r, calls), (Some(true), 2));
    }
}
