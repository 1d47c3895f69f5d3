//! The unrestricted ranking a group-by's runs walk (see `fetch.rs`), and the per-class
//! memo of the walk's filter.
//!
//! A run's filter (the group-by field present, the restriction's `except`/`any`) reads only
//! the group-by path, so two points holding the same values there pass or fail it alike. Each
//! walked point is put in a class of equal values the first time it is walked, and a run
//! checks its filter once per class: the Debian packages' first thousand ranked points fall
//! in a few dozen sections.

use super::driver::Restriction;
use super::Hit;
use crate::collection::Collection;
use crate::filter::Filter;
use crate::payload::path::visit;
use crate::payload::JsonPath;
use crate::query::scroll::matches;
use serde_json::Value;
use std::collections::HashMap;

/// The best `depth` points of the shaped root (all of them when `complete`).
pub(super) struct Ranking<'a> {
    pub(super) hits: Vec<Hit>,
    pub(super) depth: usize,
    pub(super) complete: bool,
    group_by: JsonPath,
    /// `classes[i]`: the class of `hits[i]`, once walked.
    classes: Vec<Option<u32>>,
    ids: HashMap<ClassKey<'a>, u32>,
}

/// The values a point holds at the group-by path, as a condition on the path visits them: a
/// lone string borrowed, anything else as its JSON text.
#[derive(Debug, PartialEq, Eq, Hash)]
enum ClassKey<'a> {
    Text(&'a str),
    Json(String),
}

impl<'a> Ranking<'a> {
    pub(super) fn new(group_by: &JsonPath, hits: Vec<Hit>, depth: usize) -> Self {
        let classes = vec![None; hits.len()];
        Ranking { complete: hits.len() < depth, hits, depth, group_by: group_by.clone(), classes, ids: HashMap::new() }
    }

    /// The first `limit` ranked points not yet placed and passing `filter` (which reads only
    /// the group-by path), checking the filter once per class.
    pub(super) fn first_passing(&mut self, coll: &'a Collection, filter: Option<&Filter>, r: &Restriction<'_>, limit: usize) -> Vec<Hit> {
        let mut out = Vec::with_capacity(limit.min(self.hits.len()));
        let mut verdicts: Vec<Option<bool>> = Vec::new();
        for i in 0..self.hits.len() {
            if out.len() == limit {
                break;
            }
            let Some(&hit) = self.hits.get(i) else { break };
            if r.placed.contains(&hit.offset) {
                continue;
            }
            let passes = match filter {
                None => true,
                Some(_) => {
                    let class = self.class_of(coll, i) as usize;
                    if verdicts.len() <= class {
                        verdicts.resize(class + 1, None);
                    }
                    match verdicts.get_mut(class) {
                        Some(slot) => *slot.get_or_insert_with(|| matches(coll, filter, hit.offset)),
                        None => matches(coll, filter, hit.offset),
                    }
                }
            };
            if passes {
                out.push(hit);
            }
        }
        out
    }

    /// The class of `hits[i]`, assigned on first use.
    fn class_of(&mut self, coll: &'a Collection, i: usize) -> u32 {
        if let Some(Some(class)) = self.classes.get(i) {
            return *class;
        }
        let offset = self.hits.get(i).map_or(0, |h| h.offset);
        let key = class_key(coll.point(offset).payload_ref(), &self.group_by);
        let next = self.ids.len() as u32;
        let class = *self.ids.entry(key).or_insert(next);
        if let Some(slot) = self.classes.get_mut(i) {
            *slot = Some(class);
        }
        class
    }
}

fn class_key<'a>(payload: &'a crate::payload::Payload, path: &JsonPath) -> ClassKey<'a> {
    let mut values: Vec<&'a Value> = Vec::new();
    visit(payload, path, &mut |v| {
        values.push(v);
        false
    });
    match values.as_slice() {
        [Value::String(s)] => ClassKey::Text(s),
        _ => ClassKey::Json(serde_json::to_string(&values).unwrap_or_default()),
    }
}
