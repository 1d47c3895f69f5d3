//! Facet counts: how many points carry each value of an indexed payload key (Qdrant
//! `lib/segment/src/data_types/facets.rs`, `lib/collection/src/shards/local_shard/facet.rs`).
//!
//! simile always counts exactly, as Qdrant's `exact: true` does (`exact_facet`): for every
//! value found among the points passing the filter, the number of those points that carry it.
//! A point counts once per distinct value, however often an array repeats it (the map index
//! keeps one posting per point and value, `map_index/mutable_map_index/in_memory.rs`
//! `add_many_to_map`).

use std::collections::HashMap;

use serde_json::Value;

use crate::collection::index::IndexKey;
use crate::collection::Collection;
use crate::filter::Filter;
use crate::payload::path::visit;
use crate::payload::JsonPath;
use crate::point_id::PointId;
use crate::query::scroll::matches;

/// The payload index kinds that can facet: the map indexes (`field_index_read_impl.rs`
/// `as_facet_index`: keyword, integer with `lookup`, uuid, bool).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKind {
    Keyword,
    Int,
    Uuid,
    Bool,
}

impl FacetKind {
    /// The facet kind of a recorded index schema (`"keyword"` or `{"type": …, …params}`), if any.
    /// An integer index without `lookup` has no map index (`index_selector.rs`: `lookup`
    /// defaults to true).
    pub fn of_schema(schema: &Value) -> Option<FacetKind> {
        let ty = match schema {
            Value::String(s) => s.as_str(),
            Value::Object(m) => m.get("type")?.as_str()?,
            _ => return None,
        };
        match ty {
            "keyword" => Some(FacetKind::Keyword),
            "integer" if schema.get("lookup").and_then(Value::as_bool) != Some(false) => Some(FacetKind::Int),
            "uuid" => Some(FacetKind::Uuid),
            "bool" => Some(FacetKind::Bool),
            _ => None,
        }
    }

    /// The indexed value of one JSON scalar (`map_index/value_indexer_impl.rs` `get_value`,
    /// `bool_index/mod.rs` `get_value`, `field_index/utils.rs` `value_to_integer`).
    fn value(self, v: &Value) -> Option<FacetValue> {
        match (self, v) {
            (FacetKind::Keyword, Value::String(s)) => Some(FacetValue::Keyword(s.clone())),
            (FacetKind::Int, Value::Number(_)) => integer(v).map(FacetValue::Int),
            (FacetKind::Uuid, Value::String(s)) => match PointId::parse_uuid(s)? {
                PointId::Uuid(u) => Some(FacetValue::Uuid(u)),
                PointId::Num(_) => None,
            },
            (FacetKind::Bool, Value::Bool(b)) => Some(FacetValue::Bool(*b)),
            _ => None,
        }
    }
}

/// `value_to_integer`: an i64, or a float with an exact i64 value.
fn integer(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| {
        let f = v.as_f64()?;
        let i = f as i64;
        (i as f64 == f).then_some(i)
    })
}

/// A faceted value; the variant order is Qdrant's (`FacetValue` derives `Ord`), used to break
/// count ties.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FacetValue {
    Keyword(String),
    Int(i64),
    Uuid(u128),
    Bool(bool),
}

impl FacetValue {
    /// The REST form (`lib/api/src/rest/schema.rs` `FacetValue`): a UUID is its
    /// lowercase hyphenated string.
    pub fn to_json(&self) -> Value {
        match self {
            FacetValue::Keyword(s) => Value::String(s.clone()),
            FacetValue::Int(i) => Value::from(*i),
            FacetValue::Uuid(u) => Value::String(PointId::Uuid(*u).to_string()),
            FacetValue::Bool(b) => Value::Bool(*b),
        }
    }
}

/// One value and the number of points carrying it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetHit {
    pub value: FacetValue,
    pub count: usize,
}

/// A faceted value borrowed from the payload while counting: no allocation per point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum ValueRef<'a> {
    Keyword(&'a str),
    Int(i64),
    Uuid(u128),
    Bool(bool),
}

impl FacetKind {
    fn value_ref(self, v: &Value) -> Option<ValueRef<'_>> {
        match (self, v) {
            (FacetKind::Keyword, Value::String(s)) => Some(ValueRef::Keyword(s)),
            _ => Some(match self.value(v)? {
                FacetValue::Int(i) => ValueRef::Int(i),
                FacetValue::Uuid(u) => ValueRef::Uuid(u),
                FacetValue::Bool(b) => ValueRef::Bool(b),
                FacetValue::Keyword(_) => return None,
            }),
        }
    }
}

impl ValueRef<'_> {
    fn owned(self) -> FacetValue {
        match self {
            ValueRef::Keyword(s) => FacetValue::Keyword(s.to_string()),
            ValueRef::Int(i) => FacetValue::Int(i),
            ValueRef::Uuid(u) => FacetValue::Uuid(u),
            ValueRef::Bool(b) => FacetValue::Bool(b),
        }
    }
}

/// Counts, per value at `key`, the live points passing `filter`. Arrays at the key are
/// flattened one level, as the index does when it indexes a point.
pub fn counts(coll: &Collection, key: &JsonPath, kind: FacetKind, filter: Option<&Filter>) -> HashMap<FacetValue, usize> {
    if filter.is_none() && matches!(kind, FacetKind::Keyword | FacetKind::Bool) {
        return indexed_counts(coll, key, kind);
    }
    let mut out: HashMap<ValueRef<'_>, usize> = HashMap::new();
    let mut seen: Vec<ValueRef<'_>> = Vec::new();
    // Counting needs no id order: live offsets in storage order, filtered.
    let offsets = (0..coll.capacity_rows()).filter(|&o| coll.is_alive(o)).map(|o| o as u32);
    for off in offsets.filter(|&o| matches(coll, filter, o)) {
        seen.clear();
        visit(coll.point(off).payload_ref(), key, &mut |v| {
            match v {
                Value::Array(items) => seen.extend(items.iter().filter_map(|x| kind.value_ref(x))),
                _ => seen.extend(kind.value_ref(v)),
            }
            false
        });
        if seen.len() > 1 {
            seen.sort_unstable();
            seen.dedup();
        }
        for value in seen.drain(..) {
            *out.entry(value).or_insert(0) += 1;
        }
    }
    out.into_iter().map(|(v, n)| (v.owned(), n)).collect()
}

/// Without a filter, keyword and bool counts are the lengths of the value index's postings
/// (one entry per point and value, kept until the next write): no payload is read again.
/// Integer facets read the payload, as their values include exact floats (`value_to_integer`)
/// which the value index leaves out.
fn indexed_counts(coll: &Collection, key: &JsonPath, kind: FacetKind) -> HashMap<FacetValue, usize> {
    let index = coll.value_index(key);
    index
        .entries()
        .filter_map(|(k, offsets)| {
            let value = match (kind, k) {
                (FacetKind::Keyword, IndexKey::Keyword(s)) => FacetValue::Keyword(s.clone()),
                (FacetKind::Bool, IndexKey::Bool(b)) => FacetValue::Bool(*b),
                _ => return None,
            };
            Some((value, offsets.len()))
        })
        .collect()
}

/// The `limit` largest hits: count descending, then value ascending (`facets.rs`
/// `FacetResponse::top_hits` and `impl Ord for FacetHit`).
pub fn top_hits(counts: HashMap<FacetValue, usize>, limit: usize) -> Vec<FacetHit> {
    let mut hits: Vec<FacetHit> = counts.into_iter().map(|(value, count)| FacetHit { value, count }).collect();
    hits.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    hits.truncate(limit);
    hits
}
