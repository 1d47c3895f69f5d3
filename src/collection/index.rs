//! On-demand payload value indexes: for a key path, which offsets hold each keyword, integer
//! or bool value. Built the first time a filter asks for the path, dropped on the next write.
//!
//! The index answers "which points *may* match" (a superset is fine): the scan still runs the
//! full filter on every candidate, so the index never changes results, only how many rows
//! are visited.

use super::Collection;
use crate::payload::{extract, JsonPath, Payload};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// An exact-match key, typed as Qdrant's `match.value` compares: integers only from JSON
/// integers that fit i64 (5.0 is not 5), strings and bools never cross types.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IndexKey {
    Keyword(String),
    Integer(i64),
    Bool(bool),
}

impl IndexKey {
    fn of(v: &Value) -> Option<IndexKey> {
        match v {
            Value::String(s) => Some(IndexKey::Keyword(s.clone())),
            Value::Bool(b) => Some(IndexKey::Bool(*b)),
            Value::Number(n) => n.as_i64().filter(|_| !n.is_f64()).map(IndexKey::Integer),
            _ => None,
        }
    }
}

/// Offsets (ascending) per value of one key path.
#[derive(Debug, Default)]
pub struct ValueIndex {
    postings: HashMap<IndexKey, Vec<u32>>,
}

impl ValueIndex {
    fn build<'a>(rows: impl Iterator<Item = (u32, &'a Payload)>, path: &JsonPath) -> Self {
        let mut postings: HashMap<IndexKey, Vec<u32>> = HashMap::new();
        let mut values = Vec::new();
        for (off, payload) in rows {
            values.clear();
            extract(payload, path, &mut values);
            let mut add = |v: &Value| {
                if let Some(k) = IndexKey::of(v) {
                    let list = postings.entry(k).or_default();
                    if list.last() != Some(&off) {
                        list.push(off);
                    }
                }
            };
            for v in &values {
                match v {
                    Value::Array(items) => items.iter().for_each(&mut add),
                    other => add(other),
                }
            }
        }
        ValueIndex { postings }
    }

    /// Every value with the offsets holding it (each offset once per value).
    pub fn entries(&self) -> impl Iterator<Item = (&IndexKey, &[u32])> {
        self.postings.iter().map(|(k, v)| (k, v.as_slice()))
    }

    /// Offsets holding `key` (ascending).
    pub fn get(&self, key: &IndexKey) -> &[u32] {
        self.postings.get(key).map_or(&[], Vec::as_slice)
    }
}

/// At most this many key paths keep a built index between writes; past it the cache starts
/// over. Indexes are not counted in the memory budget, so filters on ever new keys of a
/// read-only collection must not grow memory without bound.
const MAX_CACHED_PATHS: usize = 16;

/// Built indexes by path text; interior mutability because searches hold `&Collection`.
#[derive(Debug, Default, Clone)]
pub struct IndexCache {
    values: RefCell<HashMap<String, Rc<ValueIndex>>>,
    pub(super) classes: RefCell<HashMap<String, Rc<super::classes::ValueClasses>>>,
}

impl IndexCache {
    pub fn clear(&self) {
        self.values.borrow_mut().clear();
        self.classes.borrow_mut().clear();
    }
}

/// `cache[key]`, else `build()` stored under `key` (the cache starting over past
/// [`MAX_CACHED_PATHS`]).
pub(super) fn cached<T>(cache: &RefCell<HashMap<String, Rc<T>>>, key: String, build: impl FnOnce() -> T) -> Rc<T> {
    if let Some(found) = cache.borrow().get(&key) {
        return Rc::clone(found);
    }
    let built = Rc::new(build());
    let mut cache = cache.borrow_mut();
    if cache.len() >= MAX_CACHED_PATHS {
        cache.clear();
    }
    cache.insert(key, Rc::clone(&built));
    built
}

impl Collection {
    /// The value index of `path`, built now if this is the first ask since the last write.
    pub fn value_index(&self, path: &JsonPath) -> Rc<ValueIndex> {
        cached(&self.index_cache.values, path.to_string(), || {
            let rows = (0..self.capacity_rows()).filter(|&o| self.is_alive(o)).map(|o| (o as u32, &self.payloads[o]));
            ValueIndex::build(rows, path)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::{Collection, VectorParams, VectorsConfig};
    use crate::distance::Distance;

    #[test]
    fn filters_on_ever_new_keys_keep_a_bounded_cache() {
        let config = VectorsConfig::Single(VectorParams { size: 2, distance: Distance::Dot, multivector_config: None, datatype: None });
        let coll = Collection::new(config).unwrap();
        for k in 0..100 {
            coll.value_index(&JsonPath::from_key(&format!("key{k}")));
            assert!(coll.index_cache.values.borrow().len() <= MAX_CACHED_PATHS);
        }
    }
}
