//! The unrestricted ranking a group-by's runs walk (see `fetch.rs`), and the per-class
//! memo of the walk's filter.
//!
//! A run's filter (the group-by field present, the restriction's `except`/`any`) reads only
//! the group-by path, so two points holding the same values there pass or fail it alike
//! (`collection/classes.rs`). A run checks its filter once per class of values: the Debian
//! packages' first thousand ranked points fall in a few dozen sections.

use super::driver::Restriction;
use super::Hit;
use crate::collection::classes::ValueClasses;
use crate::collection::Collection;
use crate::filter::Filter;
use crate::payload::JsonPath;
use crate::query::scroll::matches;
use std::rc::Rc;

/// The best `depth` points of the shaped root (all of them when `complete`).
pub(super) struct Ranking {
    pub(super) hits: Vec<Hit>,
    pub(super) depth: usize,
    pub(super) complete: bool,
    classes: Rc<ValueClasses>,
}

impl Ranking {
    pub(super) fn new(coll: &Collection, group_by: &JsonPath, hits: Vec<Hit>, depth: usize) -> Self {
        Ranking { complete: hits.len() < depth, hits, depth, classes: coll.value_classes(group_by) }
    }

    /// The first `limit` ranked points not yet placed and passing `filter` (which reads only
    /// the group-by path), checking the filter once per class.
    pub(super) fn first_passing(&self, coll: &Collection, filter: Option<&Filter>, r: &Restriction<'_>, limit: usize) -> Vec<Hit> {
        let mut out = Vec::with_capacity(limit.min(self.hits.len()));
        let mut verdicts: Vec<Option<bool>> = Vec::new();
        let mut passes = |offset: u32| {
            let Some(class) = filter.and(self.classes.class(offset)) else { return matches(coll, filter, offset) };
            let class = class as usize;
            if verdicts.len() <= class {
                verdicts.resize(class + 1, None);
            }
            match verdicts.get_mut(class) {
                Some(slot) => *slot.get_or_insert_with(|| matches(coll, filter, offset)),
                None => matches(coll, filter, offset),
            }
        };
        for hit in &self.hits {
            if out.len() == limit {
                break;
            }
            if !r.placed.contains(&hit.offset) && passes(hit.offset) {
                out.push(*hit);
            }
        }
        out
    }
}
