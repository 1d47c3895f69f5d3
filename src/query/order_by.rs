//! `order_by`: points listed by a numeric payload field, for scroll and the Query API
//! (Qdrant v1.19.0: lib/segment/src/data_types/order_by.rs, lib/segment/src/segment/read_view/
//! order_by.rs `read_ordered_filtered`, lib/collection/src/shards/local_shard/scroll.rs
//! `internal_scroll_by_field`).
//!
//! Every value a point has at the key is one entry `(value, point)`: a point with several values
//! is listed once per distinct value. Points without an indexable value are left out. Entries are
//! ordered by value, ties by the point's insertion order (the index streams `(value, internal
//! id)` pairs, `desc` reversed), and `start_from` is inclusive.

use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::filter::datetime::Timestamp;
use crate::payload::path::visit;
use crate::payload::JsonPath;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cmp::Ordering;

/// `asc` (default) or `desc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Asc,
    Desc,
}

/// The value a point is ordered by, reported as `order_value` (data_types/order_by.rs
/// `OrderValue`): integers for integer and datetime indexes (microseconds), floats otherwise.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(untagged)]
pub enum OrderValue {
    Int(i64),
    Float(f64),
}

/// A parsed `order_by`: `"key"` or `{key, direction?, start_from?}`.
#[derive(Debug, Clone)]
pub struct OrderBy {
    pub key: JsonPath,
    pub direction: Direction,
    pub start_from: Option<OrderValue>,
}

crate::json::untagged_enum! {
    expecting = "Expected a string, or an object with a key, direction and/or start_from";
    enum Interface {
        Key(JsonPath),
        Struct(Raw),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    key: JsonPath,
    #[serde(default)]
    direction: Option<Direction>,
    #[serde(default)]
    start_from: Option<StartFrom>,
}

crate::json::untagged_enum! {
    /// `StartFrom`: an integer, a float or a datetime string (a timestamp in microseconds,
    /// `OrderBy::start_from`).
    enum StartFrom {
        Integer(i64),
        Float(f64),
        Datetime(Timestamp),
    }
}

impl OrderBy {
    /// Parses `order_by`; a bad shape is a format error naming `what`.
    pub fn parse(what: &str, v: Value) -> Result<OrderBy> {
        let parsed: Interface = crate::json::from_value(&v).map_err(|e| Error::format(format!("{what}: {e}")))?;
        Ok(match parsed {
            Interface::Key(key) => OrderBy { key, direction: Direction::Asc, start_from: None },
            Interface::Struct(raw) => OrderBy {
                key: raw.key,
                direction: raw.direction.unwrap_or_default(),
                start_from: raw.start_from.map(|s| match s {
                    StartFrom::Integer(i) => OrderValue::Int(i),
                    StartFrom::Float(f) => OrderValue::Float(f),
                    StartFrom::Datetime(t) => OrderValue::Int(micros(t)),
                }),
            },
        })
    }

    /// Entries `(value, offset)` of `candidates`, in order, at most `limit`. `by_index`: read
    /// the way Qdrant reads a selective filter (`filtered_read_by_index_ordered`), each point's
    /// stored values including repeats, the repeats dropped only after the limit (scroll.rs
    /// `.dedup()`); otherwise as its index streams, one entry per distinct `(value, point)`
    /// (`filtered_read_by_value_stream` over a set).
    pub fn entries(&self, coll: &Collection, candidates: impl Iterator<Item = u32>, limit: usize, by_index: bool) -> Result<Vec<(OrderValue, u32)>> {
        let kind = index_kind(coll, &self.key)?;
        let mut all = Vec::new();
        for off in candidates {
            visit(coll.point(off).payload_ref(), &self.key, &mut |v| {
                let mut push = |x: &Value| {
                    if let Some(value) = kind.value(x).filter(|value| self.reaches_start(value)) {
                        all.push((value, off));
                    }
                };
                match v {
                    Value::Array(items) => items.iter().for_each(&mut push),
                    other => push(other),
                }
                false
            });
        }
        // Ties in the index's order, `(value, internal id)`; reversed for `desc`.
        all.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        if self.direction == Direction::Desc {
            all.reverse();
        }
        let same = |a: &mut (OrderValue, u32), b: &mut (OrderValue, u32)| a.0 == b.0 && a.1 == b.1;
        if !by_index {
            all.dedup_by(same);
        }
        all.truncate(limit);
        all.dedup_by(same);
        Ok(all)
    }

    /// `start_from` is inclusive (`filtered_read_by_index_ordered`: `value >= start_from` for
    /// `asc`, `<=` for `desc`).
    fn reaches_start(&self, value: &OrderValue) -> bool {
        match (self.start_from, self.direction) {
            (None, _) => true,
            (Some(s), Direction::Asc) => *value >= s,
            (Some(s), Direction::Desc) => *value <= s,
        }
    }
}

/// Whether Qdrant reads a filter of cardinality `card` (estimated = max) through the payload
/// index rather than streaming the ordered index (read_view/scroll.rs `should_pre_filter`).
pub fn should_pre_filter(card: usize, available: usize, limit: usize) -> bool {
    let available = available + 1;
    let check_probability = (card as f64 + 1.0) / available as f64;
    let exp_stream_checks = (limit as f64 / check_probability) as usize;
    exp_stream_checks > card
}

/// Microseconds since the epoch, rounded down (`DateTimeWrapper::timestamp`).
fn micros(t: Timestamp) -> i64 {
    i64::try_from(t.0.div_euclid(1000)).unwrap_or(if t.0 < 0 { i64::MIN } else { i64::MAX })
}

/// The numeric index `order_by` reads (`numeric_index_for`): integer (with `range`), float or
/// datetime.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Int,
    Float,
    Datetime,
}

impl Kind {
    /// One scalar as the index stores it; anything else is not indexed.
    fn value(self, v: &Value) -> Option<OrderValue> {
        match self {
            Kind::Int => value_to_integer(v).map(OrderValue::Int),
            Kind::Float => v.as_f64().map(OrderValue::Float),
            Kind::Datetime => v.as_str().and_then(Timestamp::parse).map(|t| OrderValue::Int(micros(t))),
        }
    }
}

/// An integer, or a float with an integral value in range (field_index/utils.rs
/// `value_to_integer`).
fn value_to_integer(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| {
        let f = v.as_f64()?;
        let int = f as i64;
        (int as f64 == f).then_some(int)
    })
}

/// Without a range index on the key: Qdrant's `MissingRangeIndexForOrderBy`
/// (lib/segment/src/common/operation_error.rs), a 400 "Wrong input" (operations/types.rs).
fn index_kind(coll: &Collection, key: &JsonPath) -> Result<Kind> {
    let schema = coll.payload_schema.get(&key.to_string());
    let (ty, params) = match schema {
        Some(Value::String(s)) => (s.as_str(), None),
        Some(Value::Object(m)) => (m.get("type").and_then(Value::as_str).unwrap_or(""), Some(m)),
        _ => ("", None),
    };
    let range = params.and_then(|m| m.get("range")).and_then(Value::as_bool) != Some(false);
    match ty {
        "integer" if range => Ok(Kind::Int),
        "float" => Ok(Kind::Float),
        "datetime" => Ok(Kind::Datetime),
        _ => Err(Error::wrong_input(format!(
            "No range index for `order_by` key: `{key}`. Please create one to use `order_by`. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index to see which payload schemas support Range conditions"
        ))),
    }
}

impl PartialEq for OrderValue {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for OrderValue {}

impl PartialOrd for OrderValue {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Qdrant's `Ord for OrderValue`: floats as `OrderedFloat` (NaN greatest), integers against
/// floats compared exactly (`num_cmp`).
impl Ord for OrderValue {
    fn cmp(&self, other: &Self) -> Ordering {
        match (*self, *other) {
            (OrderValue::Int(a), OrderValue::Int(b)) => a.cmp(&b),
            (OrderValue::Float(a), OrderValue::Float(b)) => float_cmp(a, b),
            (OrderValue::Int(a), OrderValue::Float(b)) => int_float_cmp(a, b),
            (OrderValue::Float(a), OrderValue::Int(b)) => int_float_cmp(b, a).reverse(),
        }
    }
}

fn float_cmp(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// `a` against `b` exactly; NaN is greater than every integer.
fn int_float_cmp(a: i64, b: f64) -> Ordering {
    if b.is_nan() {
        return Ordering::Less;
    }
    if b >= 9_223_372_036_854_775_808.0 {
        return Ordering::Less;
    }
    if b < -9_223_372_036_854_775_808.0 {
        return Ordering::Greater;
    }
    let t = b.trunc();
    a.cmp(&(t as i64)).then_with(|| float_cmp(0.0, b - t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_values_compare_exactly() {
        assert!(OrderValue::Int(2) < OrderValue::Float(2.5));
        assert!(OrderValue::Int(-2) > OrderValue::Float(-2.5));
        assert_eq!(OrderValue::Int(3), OrderValue::Float(3.0));
        assert!(OrderValue::Int(i64::MAX) < OrderValue::Float(f64::NAN));
        assert!(OrderValue::Float(f64::NAN) > OrderValue::Float(f64::INFINITY));
    }
}
