//! The graph walk: greedy descent through the upper levels, then a beam search of width `ef`
//! on the target level (Qdrant `GraphLayersBase::search_entry` and `search_on_level`,
//! lib/segment/src/index/hnsw_index/graph_layers.rs:105-148, 245-316).
//!
//! The filter is checked during the walk: a point failing the gate (filter, deleted, no
//! vector) is never a result. Unlike Qdrant, whose `FilteredScorer::score_points` drops such
//! points from the walk altogether and which keeps filtered subgraphs connected with extra
//! per-payload-value links (`payload_m`), simile builds no such links, so the walk still
//! crosses rejected points (scored, expanded while they could lead somewhere better, never
//! kept), as hnswlib's filtered search does. A selective filter matching points far from the
//! query would otherwise strand the walk; results differ from Qdrant's only in recall.
//! All buffers live in a caller-owned [`Scratch`]: nothing is allocated per visited node.

use super::graph::Graph;
use crate::query::topk::{Scored, Worst};
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
    nearest: BinaryHeap<Worst>,
    /// A copy of one neighbour list (the greedy step moves while reading it), or the
    /// unvisited neighbours of the node the beam expands.
    links: Vec<u32>,
    /// The scores of `links`, computed in one pass before any is offered.
    scores: Vec<f32>,
    /// The walk's result, best first.
    pub(super) found: Vec<Scored>,
    /// Where the level-0 beam starts.
    entries: Vec<Scored>,
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
    #[inline(always)]
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
    #[inline(always)]
    fn lower_bound(&self, ef: usize) -> f32 {
        match self.nearest.peek() {
            Some(Worst(w)) if self.nearest.len() >= ef => w.score,
            _ => f32::NEG_INFINITY,
        }
    }

    /// Queues a node the gate rejected for expansion only, while it could still lead to a
    /// result (its score beats the worst kept one).
    #[inline(always)]
    fn cross(&mut self, s: Scored, ef: usize) {
        if s.score >= self.lower_bound(ef) {
            self.candidates.push(s);
        }
    }

    /// Offers a scored node (Qdrant `SearchContext::process_candidate`): it joins the result
    /// when there is room or it beats the worst, and is then queued for expansion.
    #[inline(always)]
    fn offer(&mut self, s: Scored, ef: usize) {
        if s.score.is_nan() {
            return;
        }
        if self.nearest.len() < ef {
            self.nearest.push(Worst(s));
        } else if self.nearest.peek().is_some_and(|Worst(w)| s > *w) {
            self.nearest.pop();
            self.nearest.push(Worst(s));
        } else {
            return;
        }
        self.candidates.push(s);
    }
}

impl Graph {
    /// Greedy descent (beam 1) from `entry` on `top` down to `target + 1`: the best node found,
    /// gated or not (it only says where the beam search starts).
    pub(super) fn search_entry(
        &self,
        entry: Scored,
        top: usize,
        target: usize,
        score: &mut impl FnMut(u32) -> f32,
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
                    let s = Scored { score: score(link), offset: link };
                    if s.score > current.score {
                        current = s;
                        changed = true;
                    }
                }
            }
        }
        current
    }

    /// Beam search of width `ef` on `level` from `entries`; leaves the result in
    /// `scratch.found`, best first. An entry joins the result only if it passes the gate.
    /// `ahead`: touches the memory `score` reads for a node, a batch at a time before scoring.
    /// `score(node, floor)`: the node's score, or any value below `floor` when the score is
    /// below it (such a node is dropped whatever its exact value: `floor` is the beam's worst
    /// kept score, or −∞ while the beam is not full), so strategies may stop early.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn search_on_level(
        &self,
        entries: &[Scored],
        level: usize,
        ef: usize,
        score: &mut impl FnMut(u32, f32) -> f32,
        gate: &impl Fn(u32) -> bool,
        ahead: &dyn Fn(u32),
        scratch: &mut Scratch,
    ) {
        scratch.begin(self.len());
        for &entry in entries {
            if !scratch.visit(entry.offset) {
                continue;
            }
            if gate(entry.offset) {
                scratch.offer(entry, ef);
            } else {
                scratch.candidates.push(entry);
            }
        }
        while let Some(c) = scratch.candidates.pop() {
            if c.score < scratch.lower_bound(ef) {
                break;
            }
            self.expand(c.offset, level, ef, (score, gate, ahead), scratch);
        }
        scratch.found.clear();
        scratch.found.extend(scratch.nearest.drain().map(|Worst(s)| s));
        scratch.found.sort_unstable_by(|a, b| b.cmp(a));
    }

    /// Scores the unvisited neighbours of `node` on `level`, then offers them in list order.
    /// Scoring them all first (as Qdrant's `score_points` does a batch of links) leaves the
    /// loads of one row free to overlap the arithmetic of the previous one: no heap update
    /// or branch on a score sits between them.
    #[inline(always)]
    fn expand(
        &self,
        node: u32,
        level: usize,
        ef: usize,
        (score, gate, ahead): (&mut impl FnMut(u32, f32) -> f32, &impl Fn(u32) -> bool, &dyn Fn(u32)),
        scratch: &mut Scratch,
    ) {
        let mut batch = std::mem::take(&mut scratch.links);
        // Filled by index, not by `extend(filter(…))`: at opt-level "z" that is a call per link.
        let links = self.links(node, level);
        batch.resize(links.len(), 0);
        let mut fresh = 0;
        for &link in links {
            if scratch.visit(link) {
                batch[fresh] = link;
                fresh += 1;
            }
        }
        batch.truncate(fresh);
        batch.iter().for_each(|&link| ahead(link));
        // The beam's bound only rises while the batch is offered: a score below it now is
        // below it then.
        let floor = scratch.lower_bound(ef);
        scratch.scores.clear();
        scratch.scores.extend(batch.iter().map(|&link| score(link, floor)));
        for (&offset, i) in batch.iter().zip(0..) {
            let s = Scored { score: scratch.scores.get(i).copied().unwrap_or(f32::NAN), offset };
            if gate(offset) {
                scratch.offer(s, ef);
            } else {
                scratch.cross(s, ef);
            }
        }
        scratch.links = batch;
    }

    /// The node where a greedy descent by `score` reaches level 0.
    pub fn descend(&self, score: &mut impl FnMut(u32) -> f32, scratch: &mut Scratch) -> Option<u32> {
        let (entry, entry_level) = self.entry()?;
        let start = Scored { score: score(entry), offset: entry };
        Some(self.search_entry(start, entry_level, 0, score, scratch).offset)
    }

    /// The `top` best nodes passing `gate` by `score`, best first, searching level 0 with
    /// beam `max(ef, top)` (Qdrant `GraphLayers::search`) from the greedy descent's node and
    /// any `seeds` (level-0 starts found for a query's other examples). In `scratch.found`.
    /// `ahead`: touches the memory `score` reads for a node (see [`Graph::search_on_level`]).
    #[allow(clippy::too_many_arguments)]
    pub fn search<'s>(
        &self,
        ef: usize,
        top: usize,
        seeds: &[u32],
        score: &mut impl FnMut(u32, f32) -> f32,
        gate: &impl Fn(u32) -> bool,
        ahead: &dyn Fn(u32),
        scratch: &'s mut Scratch,
    ) -> &'s [Scored] {
        scratch.found.clear();
        if top == 0 {
            return &scratch.found;
        }
        let Some(start) = self.descend(&mut |n| score(n, f32::NEG_INFINITY), scratch) else { return &scratch.found };
        let mut entries = std::mem::take(&mut scratch.entries);
        entries.clear();
        entries.extend(std::iter::once(start).chain(seeds.iter().copied()).map(|n| Scored { score: score(n, f32::NEG_INFINITY), offset: n }));
        self.search_on_level(&entries, 0, ef.max(top), score, gate, ahead, scratch);
        scratch.entries = entries;
        scratch.found.truncate(top);
        &scratch.found
    }
}
