//! Payload edits: Qdrant's `set_payload` (with an optional `key`) and `delete_payload`.
//!
//! Both reproduce Qdrant `lib/segment/src/json_path/mod.rs` (`value_set`, `value_remove`) and
//! `lib/segment/src/common/utils.rs` (`merge_map`). Walks are iterative along keys and indices
//! and recurse only at `[]` steps that meet an array, so their depth is bounded by the payload's
//! nesting.

use serde_json::{Map, Value};

use super::path::{JsonPath, PathItem};
use super::Payload;

/// Merges `value` into the object at `key` (or into the payload itself when `key` is `None`).
///
/// Rules (Qdrant `value_set`): missing or non-object intermediates on a `.key` step are replaced
/// by `{}`; a `[n]` step makes a non-array an empty array and then does nothing if index `n` is
/// absent; a `[]` step applies the rest to every element (a non-array becomes `[]`); the final
/// target becomes `{}` unless it is an object. Merging inserts each top-level key of `value`,
/// except that a `null` value *removes* that key (Qdrant `merge_map`).
pub fn set_by_key(payload: &mut Payload, key: Option<&JsonPath>, value: Payload) {
    match key {
        None => merge_map(payload, &value),
        Some(path) => {
            let slot = payload
                .entry(path.first_key().to_string())
                .or_insert(Value::Null);
            set_in(slot, path.rest(), &value);
        }
    }
}

/// The deepest payload an upsert can carry: a REST body nests at most 127 containers
/// (serde_json's recursion limit, as in Qdrant) and `{"points":[{"payload":` takes three.
/// Edits that could build deeper payloads are refused, so every stored payload can be sent
/// back in an upsert and reloaded from a snapshot (whose parser has the same limit).
pub const MAX_PAYLOAD_DEPTH: usize = 124;

/// How deeply nested (containers, the payload object itself being 1) a payload can become
/// through `set_by_key(payload, key, value)`, not counting what it already held: the target
/// object sits at `2 + key.rest().len()`, and `value`'s entries go one level below it.
pub fn set_depth(key: Option<&JsonPath>, value: &Payload) -> usize {
    fn depth(v: &Value) -> usize {
        match v {
            Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
            Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
            _ => 0,
        }
    }
    let value_depth = 1 + value.values().map(depth).max().unwrap_or(0);
    key.map_or(0, |k| k.rest().len().saturating_add(1)).saturating_add(value_depth)
}

fn set_in(mut dest: &mut Value, mut items: &[PathItem], src: &Payload) {
    loop {
        let Some((head, tail)) = items.split_first() else {
            merge_map(object_mut(dest), src);
            return;
        };
        match head {
            PathItem::Key(k) => {
                dest = object_mut(dest).entry(k.clone()).or_insert(Value::Null);
            }
            PathItem::Index(i) => match array_mut(dest).get_mut(*i) {
                Some(v) => dest = v,
                None => return,
            },
            PathItem::Wildcard => {
                for v in array_mut(dest).iter_mut() {
                    set_in(v, tail, src);
                }
                return;
            }
        }
        items = tail;
    }
}

/// Makes `v` an object (replacing any other value) and returns it.
fn object_mut(v: &mut Value) -> &mut Map<String, Value> {
    if !v.is_object() {
        *v = Value::Object(Map::new());
    }
    match v {
        Value::Object(map) => map,
        // Invariant: `v` was made an object just above.
        _ => unreachable!("just made an object"),
    }
}

/// Makes `v` an array (replacing any other value) and returns it.
fn array_mut(v: &mut Value) -> &mut Vec<Value> {
    if !v.is_array() {
        *v = Value::Array(Vec::new());
    }
    match v {
        Value::Array(arr) => arr,
        // Invariant: `v` was made an array just above.
        _ => unreachable!("just made an array"),
    }
}

fn merge_map(dest: &mut Payload, src: &Payload) {
    for (k, v) in src {
        if v.is_null() {
            dest.shift_remove(k);
        } else {
            dest.insert(k.clone(), v.clone());
        }
    }
}

/// Deletes the values at each path (Qdrant `value_remove`).
///
/// A final `.key` removes that key from an object; a final `[]` empties the array; a final `[n]`
/// does nothing (deleting by index is not idempotent, so Qdrant refuses it). Intermediate steps
/// follow the extraction rules: `a.b` does not reach into an array at `a`, `a[].b` does.
pub fn delete_paths(payload: &mut Payload, paths: &[JsonPath]) {
    for path in paths {
        match path.rest().split_first() {
            None => {
                payload.shift_remove(path.first_key());
            }
            Some((head, tail)) => {
                if let Some(v) = payload.get_mut(path.first_key()) {
                    remove_in(v, head, tail);
                }
            }
        }
    }
}

fn remove_in<'p>(mut value: &mut Value, mut head: &'p PathItem, mut tail: &'p [PathItem]) {
    while let Some((next, rest)) = tail.split_first() {
        let child = match (head, value) {
            (PathItem::Key(k), Value::Object(map)) => map.get_mut(k),
            (PathItem::Index(i), Value::Array(arr)) => arr.get_mut(*i),
            (PathItem::Wildcard, Value::Array(arr)) => {
                for v in arr.iter_mut() {
                    remove_in(v, next, rest);
                }
                return;
            }
            _ => None,
        };
        match child {
            Some(c) => (value, head, tail) = (c, next, rest),
            None => return,
        }
    }
    match (head, value) {
        (PathItem::Key(k), Value::Object(map)) => {
            map.shift_remove(k);
        }
        (PathItem::Wildcard, Value::Array(arr)) => arr.clear(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Payload {
        crate::json::from_value(&v).unwrap()
    }

    fn p(s: &str) -> JsonPath {
        JsonPath::parse(s).unwrap()
    }

    #[test]
    #[rustfmt::skip]
    fn set_cases() {
        let base = json!({"a": {"b": [{"c": 1}, {"c": 2}, {"d": {"e": 3}}]}, "f": 3});
        let cases: &[(&str, Option<&str>, Value, Value, Value)] = &[
            ("no key merges", None, base.clone(), json!({"c": 5}), json!({"a": {"b": [{"c": 1}, {"c": 2}, {"d": {"e": 3}}]}, "f": 3, "c": 5})),
            ("one level key", Some("a"), base.clone(), json!({"b": 5}), json!({"a": {"b": 5}, "f": 3})),
            ("array index", Some("a.b[1]"), base.clone(), json!({"c": 5}), json!({"a": {"b": [{"c": 1}, {"c": 5}, {"d": {"e": 3}}]}, "f": 3})),
            ("wildcard", Some("a.b[]"), base.clone(), json!({"z": 0}), json!({"a": {"b": [{"c": 1, "z": 0}, {"c": 2, "z": 0}, {"d": {"e": 3}, "z": 0}]}, "f": 3})),
            ("null deletes", None, json!({"x": 1, "y": 2}), json!({"x": null}), json!({"y": 2})),
            ("creates objects", Some("k1.k2"), json!({}), json!({"c": 1}), json!({"k1": {"k2": {"c": 1}}})),
            ("missing index", Some("k1.k2[3]"), json!({}), json!({"c": 1}), json!({"k1": {"k2": []}})),
            ("missing array", Some("k1.k2[].k3"), json!({}), json!({"c": 1}), json!({"k1": {"k2": []}})),
            ("scalar replaced", Some("a.b.c"), json!({"a": 10}), json!({"x": 1}), json!({"a": {"b": {"c": {"x": 1}}}})),
        ];
        for (name, key, init, value, want) in cases {
            let mut payload = obj(init.clone());
            let key = key.map(p);
            set_by_key(&mut payload, key.as_ref(), obj(value.clone()));
            assert_eq!(Value::Object(payload), *want, "{name}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn delete_cases() {
        let base = json!({"a": 1, "b": {"c": 123, "e": {"f": [1, 2, 3], "i": [{"j": 1, "k": 2}, {"j": 3, "k": 4}]}}});
        let cases: &[(&str, &[&str], Value)] = &[
            ("top key", &["a"], json!({"b": {"c": 123, "e": {"f": [1, 2, 3], "i": [{"j": 1, "k": 2}, {"j": 3, "k": 4}]}}})),
            ("nested key", &["b.c"], json!({"a": 1, "b": {"e": {"f": [1, 2, 3], "i": [{"j": 1, "k": 2}, {"j": 3, "k": 4}]}}})),
            ("index then key", &["b.e.i[0].j"], json!({"a": 1, "b": {"c": 123, "e": {"f": [1, 2, 3], "i": [{"k": 2}, {"j": 3, "k": 4}]}}})),
            ("wildcard then key", &["b.e.i[].k"], json!({"a": 1, "b": {"c": 123, "e": {"f": [1, 2, 3], "i": [{"j": 1}, {"j": 3}]}}})),
            ("final wildcard empties", &["b.e.f[]"], json!({"a": 1, "b": {"c": 123, "e": {"f": [], "i": [{"j": 1, "k": 2}, {"j": 3, "k": 4}]}}})),
            ("final index ignored", &["b.e.f[0]"], base.clone()),
            ("no implicit flattening", &["b.e.i.j"], base.clone()),
            ("missing", &["zz", "b.zz.y"], base.clone()),
        ];
        for (name, paths, want) in cases {
            let mut payload = obj(base.clone());
            let paths: Vec<JsonPath> = paths.iter().map(|s| p(s)).collect();
            delete_paths(&mut payload, &paths);
            assert_eq!(Value::Object(payload), *want, "{name}");
        }
    }
}
