//! The graph walk: greedy descent through the upper levels, then a beam search of width `ef`
//! on the target level (Qdrant `GraphLayersBase::search_entry` and `search_on_level`,
//! lib/segment/src/index/hnsw_index/graph_layers.rs:105-148, 245-316).
//!
//! Points failing the gate (filter, deleted, no vector) are neither scored nor expanded, as
//! Qdrant's `FilteredScorer::score_points` drops them: the filter is checked during the walk.
//! All buffers live in a caller-owned [`Scratch`]: nothing is allocated per visited node.

use super::graph::Graph;
use crate::query::topk::Scored;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Reusable buffers for walks over one graph.
#[derive(Debug, Default)]
pub struct Scratch {
    /// `visited[node] == generation` marks a node seen by the current walk; bumping the
    /// generation clears the set in O(1).
    visited: Vec<u32>,
    generation: u32,
    /// Nodes to expand, best first.
    candidates: BinaryHeap<Scored>,
    /// The `ef` best nodes found, worst on top.
    nearest: BinaryHeap<Reverse<Scored>>,
    /// A copy of one neighbour list (the greedy step moves while reading it).
    links: Vec<u32>,
    /// The walk's result, best first.
    pub(super) found: Vec<Scored>,
}

impl Scratch {
    /// Starts a walk over `n` offsets: an empty visited set.
    fn begin(&mut self, n: usize) {
        if self.visited.len() < n {
            self.visited.resize(n, 0);
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.visited.iter_mut().for_each(|v| *v = 0);
            self.generation = 1;
        }
        self.candidates.clear();
        self.nearest.clear();
    }

    /// Marks `node` visited; whether it was new.
    #[inline]
    fn visit(&mut self, node: u32) -> bool {
        match self.visited.get_mut(node as usize) {
            Some(v) if *v != self.generation => {
                *v = self.generation;
                true
            }
            _ => false,
        }
    }

    /// The worst score in a full result set (Qdrant `SearchContext::lower_bound`).
    #[inline]
    fn lower_bound(&self, ef: usize) -> f32 {
        match self.nearest.peek() {
            Some(Reverse(w)) if self.nearest.len() >= ef => w.score,
            _ => f32::NEG_INFINITY,
        }
    }

    /// Offers a scored node (Qdrant `SearchContext::process_candidate`): it joins the result
    /// when there is room or it beats the worst, and is then queued for expansion.
    #[inline]
    fn offer(&mut self, s: Scored, ef: usize) {
        if s.score.is_nan() {
            return;
        }
        if self.nearest.len() < ef {
            self.nearest.push(Reverse(s));
        } else if self.nearest.peek().is_some_and(|Reverse(w)| s > *w) {
            self.nearest.pop();
            self.nearest.push(Reverse(s));
        } else {
            return;
        }
        self.candidates.push(s);
    }
}

impl Graph {
    /// Greedy descent (beam 1) from `entry` on `top` down to `target + 1`: the best node found.
    pub(super) fn search_entry(
        &self,
        entry: Scored,
        top: usize,
        target: usize,
        score: &mut impl FnMut(u32) -> f32,
        gate: &impl Fn(u32) -> bool,
        scratch: &mut Scratch,
    ) -> Scored {
        let mut current = entry;
        for level in (target + 1..=top).rev() {
            let mut changed = true;
            while changed {
                changed = false;
                scratch.links.clear();
                scratch.links.extend_from_slice(self.links(current.offset, level));
                for &link in &scratch.links {
                    if gate(link) {
                        let s = Scored { score: score(link), offset: link };
                        if s.score > current.score {
                            current = s;
                            changed = true;
                        }
                    }
                }
            }
        }
        current
    }

    /// Beam search of width `ef` on `level` from `entry`; leaves the result in
    /// `scratch.found`, best first. The entry joins the result only if it passes the gate.
    pub(super) fn search_on_level(
        &self,
        entry: Scored,
        level: usize,
        ef: usize,
        score: &mut impl FnMut(u32) -> f32,
        gate: &impl Fn(u32) -> bool,
        scratch: &mut Scratch,
    ) {
        scratch.begin(self.len());
        scratch.visit(entry.offset);
        if gate(entry.offset) {
            scratch.offer(entry, ef);
        } else {
            scratch.candidates.push(entry);
        }
        while let Some(c) = scratch.candidates.pop() {
            if c.score < scratch.lower_bound(ef) {
                break;
            }
            for &link in self.links(c.offset, level) {
                if scratch.visit(link) && gate(link) {
                    scratch.offer(Scored { score: score(link), offset: link }, ef);
                }
            }
        }
        scratch.found.clear();
        scratch.found.extend(scratch.nearest.drain().map(|Reverse(s)| s));
        scratch.found.sort_unstable_by(|a, b| b.cmp(a));
    }

    /// The `top` best nodes passing `gate` by `score`, best first, searching level 0 with
    /// beam `max(ef, top)` (Qdrant `GraphLayers::search`). Left in `scratch.found`.
    pub fn search<'s>(
        &self,
        ef: usize,
        top: usize,
        score: &mut impl FnMut(u32) -> f32,
        gate: &impl Fn(u32) -> bool,
        scratch: &'s mut Scratch,
    ) -> &'s [Scored] {
        scratch.found.clear();
        let Some((entry, entry_level)) = self.entry() else { return &scratch.found };
        if top == 0 {
            return &scratch.found;
        }
        let start = Scored { score: score(entry), offset: entry };
        let level_entry = self.search_entry(start, entry_level, 0, score, gate, scratch);
        self.search_on_level(level_entry, 0, ef.max(top), score, gate, scratch);
        scratch.found.truncate(top);
        &scratch.found
    }
}
