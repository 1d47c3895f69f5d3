//! Value classes: per point, which distinct values it holds at a key path (equal class ids,
//! equal values). A grouped query checks its follow-up filters, which read only the group-by
//! path, once per class instead of once per point (`query/groups/ranking.rs`). Built the first
//! time a group-by asks for the path and dropped on the next write, like the value indexes
//! (`index.rs`): reading every point's payload once is cheaper than reading the payloads of
//! the points each grouped query walks.

use super::index::cached;
use super::Collection;
use crate::payload::path::visit;
use crate::payload::JsonPath;
use serde_json::Value;
use std::collections::HashMap;
use std::rc::Rc;

/// Class ids by offset; deleted offsets hold [`NO_CLASS`].
#[derive(Debug, Default)]
pub struct ValueClasses {
    of: Vec<u32>,
}

const NO_CLASS: u32 = u32::MAX;

/// The values a point holds at the path, as a condition on the path visits them: a lone
/// string borrowed, anything else (none, several, numbers, arrays, objects) as its JSON text.
#[derive(Debug, PartialEq, Eq, Hash)]
enum ClassKey<'a> {
    Text(&'a str),
    Json(String),
}

impl ValueClasses {
    /// The class of the point at `offset`; `None` for an offset that held no live point when
    /// the classes were built.
    pub fn class(&self, offset: u32) -> Option<u32> {
        self.of.get(offset as usize).copied().filter(|&c| c != NO_CLASS)
    }
}

impl Collection {
    /// The value classes of `path`, built now if this is the first ask since the last write.
    pub fn value_classes(&self, path: &JsonPath) -> Rc<ValueClasses> {
        cached(&self.index_cache.classes, path.to_string(), || {
            let mut ids: HashMap<ClassKey<'_>, u32> = HashMap::new();
            let mut values: Vec<&Value> = Vec::new();
            let of = (0..self.capacity_rows())
                .map(|o| {
                    if !self.is_alive(o) {
                        return NO_CLASS;
                    }
                    values.clear();
                    visit(&self.payloads[o], path, &mut |v| {
                        values.push(v);
                        false
                    });
                    let next = ids.len() as u32;
                    *ids.entry(class_key(&values)).or_insert(next)
                })
                .collect();
            ValueClasses { of }
        })
    }
}

fn class_key<'a>(values: &[&'a Value]) -> ClassKey<'a> {
    match values {
        [Value::String(s)] => ClassKey::Text(s),
        _ => ClassKey::Json(serde_json::to_string(values).unwrap_or_default()),
    }
}
