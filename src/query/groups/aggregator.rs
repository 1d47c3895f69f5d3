//! Collects scored points into groups by the values of one payload field, as Qdrant's
//! `GroupsAggregator` does (lib/shard/src/grouping/aggregator.rs, v1.19.0).
//!
//! Points arrive best first from several requests; a group keeps every hit it is given and is
//! cut to `group_size` only at the end, and groups are ranked by their best hit. Where Qdrant
//! leaves ties to hash-map order, the point that arrived first wins, so answers are stable.

use super::{GroupKey, Hit, Order};
use crate::collection::Collection;
use crate::payload::{extract, JsonPath};
use serde_json::Value;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// One group while it is filled: its hits in arrival order.
#[derive(Debug, Default)]
struct Members {
    hits: Vec<Hit>,
    offsets: HashSet<u32>,
    /// The index in `hits` of the best hit so far.
    best: usize,
}

/// The groups seen so far, in the order they were first seen.
#[derive(Debug)]
pub(super) struct Aggregator {
    group_by: JsonPath,
    groups: usize,
    group_size: usize,
    order: Order,
    keys: Vec<GroupKey>,
    members: HashMap<GroupKey, Members>,
    full: HashSet<GroupKey>,
    /// Every point placed in some group (`all_ids`): later requests exclude them.
    pub(super) seen: HashSet<u32>,
}

impl Aggregator {
    pub(super) fn new(group_by: JsonPath, groups: usize, group_size: usize, order: Order) -> Self {
        Aggregator {
            group_by,
            groups,
            group_size,
            order,
            keys: Vec::new(),
            members: HashMap::new(),
            full: HashSet::new(),
            seen: HashSet::new(),
        }
    }

    /// Adds a response's points. A point whose field holds a value that cannot be a group key
    /// (a float, bool, null or object) is skipped entirely (`add_point` → `BadKeyType`).
    pub(super) fn add(&mut self, coll: &Collection, hits: &[Hit]) {
        for hit in hits {
            if let Some(keys) = self.keys_of(coll, hit.offset) {
                keys.into_iter().for_each(|key| self.place(key, *hit));
            }
        }
    }

    /// The point's distinct group keys; arrays at the path are flattened one level.
    fn keys_of(&self, coll: &Collection, offset: u32) -> Option<Vec<GroupKey>> {
        let point = coll.point(offset);
        let mut values = Vec::new();
        extract(point.payload_ref(), &self.group_by, &mut values);
        let mut keys: Vec<GroupKey> = Vec::new();
        for v in values.iter().flat_map(|v| match v {
            Value::Array(items) => items.iter().collect(),
            other => vec![*other],
        }) {
            let key = GroupKey::of(v)?;
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        Some(keys)
    }

    fn place(&mut self, key: GroupKey, hit: Hit) {
        let members = match self.members.get_mut(&key) {
            Some(m) => m,
            None => {
                self.keys.push(key.clone());
                self.members.entry(key.clone()).or_default()
            }
        };
        if members.offsets.insert(hit.offset) {
            members.hits.push(hit);
            self.seen.insert(hit.offset);
            let last = members.hits.len() - 1;
            if self.order.cmp(&members.hits[last], &members.hits[members.best]) == Ordering::Less {
                members.best = last;
            }
        }
        if members.hits.len() == self.group_size {
            self.full.insert(key);
        }
    }

    /// The keys of the `groups` best groups, best first (`best_group_keys`).
    pub(super) fn best_keys(&self) -> Vec<&GroupKey> {
        let mut keys: Vec<&GroupKey> = self.keys.iter().collect();
        keys.sort_by(|a, b| self.order.cmp(self.best_of(a), self.best_of(b)));
        keys.truncate(self.groups);
        keys
    }

    fn best_of(&self, key: &GroupKey) -> &Hit {
        let m = &self.members[key];
        &m.hits[m.best]
    }

    /// Keys of every full group (`keys_of_filled_groups`).
    pub(super) fn full_keys(&self) -> Vec<GroupKey> {
        self.keys.iter().filter(|k| self.full.contains(k)).cloned().collect()
    }

    /// Keys of the best groups that are not full yet (`keys_of_unfilled_best_groups`).
    pub(super) fn unfilled_best_keys(&self) -> Vec<GroupKey> {
        self.best_keys().into_iter().filter(|k| !self.full.contains(*k)).cloned().collect()
    }

    /// How many of the best groups are full (`len_of_filled_best_groups`).
    pub(super) fn filled_best(&self) -> usize {
        self.best_keys().into_iter().filter(|k| self.full.contains(*k)).count()
    }

    /// The best groups, each cut to its `group_size` best hits (`distill`).
    pub(super) fn distill(mut self) -> Vec<super::Group> {
        let keys: Vec<GroupKey> = self.best_keys().into_iter().cloned().collect();
        let order = self.order;
        keys.into_iter()
            .filter_map(|key| {
                let mut hits = self.members.remove(&key)?.hits;
                if order != Order::None {
                    hits.sort_by(|a, b| order.cmp(a, b));
                }
                hits.truncate(self.group_size);
                Some(super::Group { key, hits })
            })
            .collect()
    }
}
