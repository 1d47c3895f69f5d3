//! Field conditions: `{"key": k, "match" | "range" | "geo_*" | "values_count" | "is_empty" |
//! "is_null": ...}` and how one extracted payload value is tested against them.
//!
//! Shapes: Qdrant `lib/segment/src/types.rs` (`FieldCondition`, `Match*`, `RangeInterface`,
//! `ValuesCount`). Unknown keys in a field condition are ignored, as in Qdrant (no
//! `deny_unknown_fields`). `match` and `range` are untagged: the first variant that parses wins, in
//! Qdrant's order (value, text, text_any, phrase, prefix, any, except; float range, then datetime
//! range). `prefix` is listed in QDRANT_SEMANTICS.md §8.3 but absent from the Qdrant sources we
//! could read; its place in that order is our choice.
//!
//! Checks: Qdrant `lib/segment/src/payload_storage/condition_checker.rs`, pinned to v1.19.0.

use serde::Deserialize;
use serde_json::Value;

use super::datetime::Timestamp;
use super::geo::{GeoBoundingBox, GeoPoint, GeoPolygon, GeoRadius};
use crate::payload::JsonPath;

/// A condition on the values found at `key`. Several sub-conditions may be given: then
/// `values_count` wins, else `is_empty`, else `is_null`, else the rest are ORed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FieldCondition {
    pub key: JsonPath,
    pub r#match: Option<Match>,
    pub range: Option<RangeInterface>,
    pub geo_bounding_box: Option<GeoBoundingBox>,
    pub geo_radius: Option<GeoRadius>,
    pub geo_polygon: Option<GeoPolygon>,
    pub values_count: Option<ValuesCount>,
    pub is_empty: Option<bool>,
    pub is_null: Option<bool>,
}

/// `match`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "MatchRaw")]
pub enum Match {
    /// `{"value": v}`: exact equality with a keyword, an integer or a bool.
    Value(MatchValue),
    /// `{"text": t}`: v1.19.0 without a text index: case-sensitive substring.
    Text(String),
    /// `{"text_any": t}`: some whitespace-separated word of `t` is a substring.
    TextAny(String),
    /// `{"phrase": t}`: v1.19.0 without a text index: case-sensitive substring.
    Phrase(String),
    /// `{"prefix": p}`: a string starting with `p` (case-sensitive; QDRANT_SEMANTICS.md §8.3).
    Prefix(String),
    /// `{"any": [...]}`: equal to one of the list.
    Any(AnyList),
    /// `{"except": [...]}`: not in the list (other-typed values qualify).
    Except(AnyList),
}

crate::json::untagged_enum! {
    expecting = "a string, an integer or a boolean";
    /// The value of `match.value`. Floats are rejected at parse; integers must fit `i64`.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum MatchValue {
        Keyword(String),
        Integer(i64),
        Bool(bool),
    }
}

/// The list of `match.any` / `match.except`, sorted for binary search. `[]` is a keyword list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyList {
    Keywords(Vec<String>),
    Integers(Vec<i64>),
}

crate::json::untagged_enum! {
    enum AnyRaw {
        Keywords(Vec<String>),
        Integers(Vec<i64>),
    }
}

impl From<AnyRaw> for AnyList {
    fn from(raw: AnyRaw) -> Self {
        match raw {
            AnyRaw::Keywords(mut v) => {
                v.sort_unstable();
                v.dedup();
                AnyList::Keywords(v)
            }
            AnyRaw::Integers(mut v) => {
                v.sort_unstable();
                v.dedup();
                AnyList::Integers(v)
            }
        }
    }
}

crate::json::untagged_enum! {
    expecting = "a match condition: one of {\"value\"}, {\"text\"}, {\"text_any\"}, \
                         {\"phrase\"}, {\"prefix\"}, {\"any\"}, {\"except\"}";
    enum MatchRaw {
        Value { value: MatchValue },
        Text { text: String },
        TextAny { text_any: String },
        Phrase { phrase: String },
        Prefix { prefix: String },
        Any { any: AnyRaw },
        Except { except: AnyRaw },
    }
}

impl From<MatchRaw> for Match {
    fn from(raw: MatchRaw) -> Self {
        match raw {
            MatchRaw::Value { value } => Match::Value(value),
            MatchRaw::Text { text } => Match::Text(text),
            MatchRaw::TextAny { text_any } => Match::TextAny(text_any),
            MatchRaw::Phrase { phrase } => Match::Phrase(phrase),
            MatchRaw::Prefix { prefix } => Match::Prefix(prefix),
            MatchRaw::Any { any } => Match::Any(any.into()),
            MatchRaw::Except { except } => Match::Except(except.into()),
        }
    }
}

crate::json::untagged_enum! {
    expecting = "a range {gt, gte, lt, lte} of numbers, or of RFC 3339 date-time strings";
    /// `range`: numeric when every bound is a number, datetime when they are strings.
    #[derive(Debug, Clone, PartialEq)]
    pub enum RangeInterface {
        Float(Range<f64>),
        DateTime(Range<Timestamp>),
    }
}

/// Bounds; absent bounds do not constrain (`{}` accepts every value of the right type).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Range<T> {
    pub lt: Option<T>,
    pub gt: Option<T>,
    pub gte: Option<T>,
    pub lte: Option<T>,
}

impl<T: PartialOrd + Copy> Range<T> {
    pub fn contains(&self, x: T) -> bool {
        self.lt.map_or(true, |b| x < b)
            && self.gt.map_or(true, |b| x > b)
            && self.gte.map_or(true, |b| x >= b)
            && self.lte.map_or(true, |b| x <= b)
    }
}

/// `values_count`: bounds on the number of values (non-negative integers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct ValuesCount {
    pub lt: Option<usize>,
    pub gt: Option<usize>,
    pub gte: Option<usize>,
    pub lte: Option<usize>,
}

impl ValuesCount {
    pub fn check_count(&self, n: usize) -> bool {
        Range {
            lt: self.lt,
            gt: self.gt,
            gte: self.gte,
            lte: self.lte,
        }
        .contains(n)
    }
}

/// Values of one extracted value: 0 for `null`, the length of an array, else 1.
fn count_of(v: &Value) -> usize {
    match v {
        Value::Null => 0,
        Value::Array(a) => a.len(),
        _ => 1,
    }
}

impl FieldCondition {
    /// Whether no sub-condition is given (a 422 at validation).
    pub fn is_blank(&self) -> bool {
        self.r#match.is_none()
            && self.range.is_none()
            && self.geo_bounding_box.is_none()
            && self.geo_radius.is_none()
            && self.geo_polygon.is_none()
            && self.values_count.is_none()
            && self.is_empty.is_none()
            && self.is_null.is_none()
    }

    /// The result when the key yields no value: `values_count` counts 0, `is_empty: b` gives
    /// `b`, `is_null: b` gives `!b`, everything else is false.
    pub(crate) fn check_missing(&self) -> bool {
        if let Some(vc) = &self.values_count {
            return vc.check_count(0);
        }
        if let Some(b) = self.is_empty {
            return b;
        }
        self.is_null.is_some_and(|b| !b)
    }

    /// Tests one extracted value. An array is tested element-wise (any), one level deep, except
    /// by `values_count` (its length), `is_empty` (`[]`) and `is_null` (contains `null`).
    pub(crate) fn check_value(&self, v: &Value) -> bool {
        if let Some(vc) = &self.values_count {
            return vc.check_count(count_of(v));
        }
        if let Some(b) = self.is_empty {
            return (v.is_null() || v.as_array().is_some_and(Vec::is_empty)) == b;
        }
        if let Some(b) = self.is_null {
            let null = v.is_null() || v.as_array().is_some_and(|a| a.iter().any(Value::is_null));
            return null == b;
        }
        match v {
            Value::Array(items) => items.iter().any(|x| self.check_scalar(x)),
            _ => self.check_scalar(v),
        }
    }

    fn check_scalar(&self, v: &Value) -> bool {
        let geo = || GeoPoint::from_payload(v);
        self.r#match.as_ref().is_some_and(|m| m.check(v))
            || self.range.as_ref().is_some_and(|r| r.check(v))
            || self
                .geo_bounding_box
                .as_ref()
                .is_some_and(|g| geo().is_some_and(|p| g.contains(p)))
            || self
                .geo_radius
                .as_ref()
                .is_some_and(|g| geo().is_some_and(|p| g.contains(p)))
            || self
                .geo_polygon
                .as_ref()
                .is_some_and(|g| geo().is_some_and(|p| g.contains(p)))
    }
}

impl Match {
    /// Tests one (non-array, or inner-array) value.
    pub fn check(&self, v: &Value) -> bool {
        match self {
            Match::Value(MatchValue::Keyword(k)) => v.as_str() == Some(k.as_str()),
            Match::Value(MatchValue::Integer(i)) => v.is_number() && v.as_i64() == Some(*i),
            Match::Value(MatchValue::Bool(b)) => v.as_bool() == Some(*b),
            Match::Text(t) | Match::Phrase(t) => v.as_str().is_some_and(|s| s.contains(t.as_str())),
            Match::TextAny(t) => v
                .as_str()
                .is_some_and(|s| t.split_whitespace().any(|w| s.contains(w))),
            Match::Prefix(p) => v.as_str().is_some_and(|s| s.starts_with(p.as_str())),
            Match::Any(list) => match (v, list) {
                (Value::String(s), AnyList::Keywords(l)) => contains_str(l, s),
                (Value::Number(n), AnyList::Integers(l)) => {
                    n.as_i64().is_some_and(|i| l.binary_search(&i).is_ok())
                }
                _ => false,
            },
            Match::Except(list) => match (v, list) {
                (Value::String(s), AnyList::Keywords(l)) => !contains_str(l, s),
                (Value::Number(n), AnyList::Integers(l)) => {
                    n.as_i64().map_or(true, |i| l.binary_search(&i).is_err())
                }
                (Value::Null, _) => false,
                _ => true,
            },
        }
    }
}

fn contains_str(list: &[String], s: &str) -> bool {
    list.binary_search_by(|x| x.as_str().cmp(s)).is_ok()
}

impl RangeInterface {
    /// Numbers (integers as `f64`) against a float range; RFC 3339-ish strings against a
    /// datetime range; anything else fails.
    pub fn check(&self, v: &Value) -> bool {
        match self {
            RangeInterface::Float(r) => v.is_number() && v.as_f64().is_some_and(|x| r.contains(x)),
            RangeInterface::DateTime(r) => v
                .as_str()
                .and_then(Timestamp::parse)
                .is_some_and(|t| r.contains(t)),
        }
    }
}
