//! JSON → [`Filter`] / [`Condition`], reproducing Qdrant's serde shapes (`types.rs`).
//!
//! The input is first buffered into a `serde_json::Value` whose nesting is bounded (so a
//! 10 000-deep document fails cleanly even from deserializers without serde_json's recursion
//! limit), then converted with an explicit filter depth: deeper than [`MAX_DEPTH`] is an error
//! that no other untagged variant may swallow.
//!
//! Conditions are untagged: the variants are tried in Qdrant's order and the first that parses
//! wins. A filter object's keys are all checked before any value is parsed, so a failed variant
//! never re-parses a deep subtree (no exponential backtracking).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer};
use serde::Deserialize;
use serde_json::Value;

use super::bounded::Bounded;
use super::{Condition, FieldCondition, Filter, MinShould, Nested, MAX_DEPTH};
use crate::error::{Error, Result};
use crate::payload::JsonPath;
use crate::point_id::PointId;

/// Qdrant's `expecting` text for a condition that matches no variant.
const EXPECTING: &str = "Expected some form of condition, which can be a field condition (like {\"key\": ..., \"match\": ... }), or some other mentioned in the documentation: https://qdrant.tech/documentation/concepts/filtering/#filtering-conditions";

/// JSON nesting allowed while buffering: room for [`MAX_DEPTH`] `nested` levels (4 JSON levels
/// each) plus the deepest leaf condition.
const MAX_JSON_DEPTH: usize = 4 * MAX_DEPTH + 16;

/// The error for a filter deeper than [`MAX_DEPTH`].
pub(super) fn too_deep() -> String {
    format!("filter is nested too deeply: the limit is {MAX_DEPTH} levels")
}

/// A conversion failure: `Soft` lets the next untagged variant be tried, `Fatal` (the depth
/// limit) ends parsing.
enum Fail {
    Soft(String),
    Fatal(String),
}

type Parsed<T> = std::result::Result<T, Fail>;

fn soft(msg: impl fmt::Display) -> Fail {
    Fail::Soft(msg.to_string())
}

fn message(f: Fail) -> String {
    match f {
        Fail::Soft(m) | Fail::Fatal(m) => m,
    }
}

impl<'de> Deserialize<'de> for Filter {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = Bounded(MAX_JSON_DEPTH).deserialize(d)?;
        filter_from(&v, 1).map_err(|f| de::Error::custom(message(f)))
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = Bounded(MAX_JSON_DEPTH).deserialize(d)?;
        condition_from(&v, 1).map_err(|f| de::Error::custom(message(f)))
    }
}

impl Filter {
    /// Parses a filter from an already-parsed JSON value; errors are 400 format errors.
    pub fn from_json(value: &Value) -> Result<Filter> {
        filter_from(value, 1).map_err(|f| Error::format(message(f)))
    }
}

fn filter_from(v: &Value, depth: usize) -> Parsed<Filter> {
    if depth > MAX_DEPTH {
        return Err(Fail::Fatal(too_deep()));
    }
    let obj = v
        .as_object()
        .ok_or_else(|| soft(format!("invalid type: {}, expected struct Filter", kind(v))))?;
    if let Some(k) = obj
        .keys()
        .find(|k| !matches!(k.as_str(), "should" | "min_should" | "must" | "must_not"))
    {
        return Err(soft(format!(
            "unknown field `{k}`, expected one of `should`, `min_should`, `must`, `must_not`"
        )));
    }
    let clause = |name: &str| obj.get(name).map_or(Ok(None), |c| clause_from(c, depth));
    Ok(Filter {
        should: clause("should")?,
        min_should: obj
            .get("min_should")
            .map_or(Ok(None), |m| min_should_from(m, depth))?,
        must: clause("must")?,
        must_not: clause("must_not")?,
    })
}

/// `null` → absent, one condition → a list of one, a list → itself (Qdrant `MaybeOneOrMany`).
fn clause_from(v: &Value, depth: usize) -> Parsed<Option<Vec<Condition>>> {
    match v {
        Value::Null => Ok(None),
        Value::Array(items) => items
            .iter()
            .map(|c| condition_from(c, depth))
            .collect::<Parsed<_>>()
            .map(Some),
        Value::Object(_) => Ok(Some(vec![condition_from(v, depth)?])),
        _ => Err(soft(format!(
            "invalid type: {}, expected a condition or a list of conditions",
            kind(v)
        ))),
    }
}

fn min_should_from(v: &Value, depth: usize) -> Parsed<Option<MinShould>> {
    let obj = match v {
        Value::Null => return Ok(None),
        Value::Object(obj) => obj,
        _ => {
            return Err(soft(format!(
                "invalid type: {}, expected struct MinShould",
                kind(v)
            )))
        }
    };
    let conditions = match obj.get("conditions") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|c| condition_from(c, depth))
            .collect::<Parsed<_>>()?,
        Some(other) => {
            return Err(soft(format!(
                "invalid type: {}, expected a sequence",
                kind(other)
            )))
        }
        None => return Err(soft("missing field `conditions`")),
    };
    let count = obj
        .get("min_count")
        .ok_or_else(|| soft("missing field `min_count`"))?;
    let min_count = usize::deserialize(count).map_err(soft)?;
    Ok(Some(MinShould {
        conditions,
        min_count,
    }))
}

#[derive(Deserialize)]
struct KeyField {
    key: JsonPath,
}

#[derive(Deserialize)]
struct IsEmptyRaw {
    is_empty: KeyField,
}

#[derive(Deserialize)]
struct IsNullRaw {
    is_null: KeyField,
}

#[derive(Deserialize)]
struct HasIdRaw {
    has_id: Vec<PointId>,
}

#[derive(Deserialize)]
struct HasVectorRaw {
    has_vector: String,
}

fn condition_from(v: &Value, depth: usize) -> Parsed<Condition> {
    let field_err = match FieldCondition::deserialize(v) {
        Ok(fc) => return Ok(Condition::Field(Box::new(fc))),
        Err(e) => e.to_string(),
    };
    if let Ok(c) = IsEmptyRaw::deserialize(v) {
        return Ok(Condition::IsEmpty(c.is_empty.key));
    }
    if let Ok(c) = IsNullRaw::deserialize(v) {
        return Ok(Condition::IsNull(c.is_null.key));
    }
    if let Ok(c) = HasIdRaw::deserialize(v) {
        let mut ids = c.has_id;
        ids.sort_unstable();
        ids.dedup();
        return Ok(Condition::HasId(ids));
    }
    if let Ok(c) = HasVectorRaw::deserialize(v) {
        return Ok(Condition::HasVector(c.has_vector));
    }
    let nested_err = match nested_from(v, depth) {
        Ok(n) => return Ok(Condition::Nested(Box::new(n))),
        Err(Fail::Soft(m)) => m,
        Err(fatal) => return Err(fatal),
    };
    let filter_err = match filter_from(v, depth + 1) {
        Ok(f) => return Ok(Condition::Filter(f)),
        Err(Fail::Soft(m)) => m,
        Err(fatal) => return Err(fatal),
    };
    let has = |k: &str| v.get(k).is_some();
    let detail = if has("key") {
        field_err
    } else if has("nested") {
        nested_err
    } else {
        filter_err
    };
    Err(soft(format!("{EXPECTING} ({detail})")))
}

fn nested_from(v: &Value, depth: usize) -> Parsed<Nested> {
    let inner = v
        .get("nested")
        .ok_or_else(|| soft("missing field `nested`"))?;
    let obj = inner.as_object().ok_or_else(|| {
        soft(format!(
            "invalid type: {}, expected struct Nested",
            kind(inner)
        ))
    })?;
    let key = obj.get("key").ok_or_else(|| soft("missing field `key`"))?;
    let key = JsonPath::deserialize(key).map_err(soft)?;
    let filter = obj
        .get("filter")
        .ok_or_else(|| soft("missing field `filter`"))?;
    Ok(Nested {
        key,
        filter: filter_from(filter, depth + 1)?,
    })
}

/// serde's "unexpected" wording for a JSON value.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "sequence",
        Value::Object(_) => "map",
    }
}
