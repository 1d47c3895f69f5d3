//! The HNSW graph's layout: a level per node and its neighbour lists in flat arrays.
//!
//! Level 0 holds `m0 = 2m` links per node, every level above `m` (Qdrant `HnswM::level_m`,
//! lib/segment/src/index/hnsw_index/config.rs). Each list is a fixed block `[count, links…]`,
//! so linking a node never moves another node's lists, and the whole graph is three `u32`
//! arrays that a snapshot writes and reads as they are.

use crate::error::{Error, Result};

/// A node's level when it is not in the graph (no vector when the graph was built).
pub(super) const ABSENT: u8 = u8::MAX;

/// Highest level a node may get; the geometric draw reaches it with probability ≤ 16^-32.
pub(super) const MAX_LEVEL: u8 = 32;

/// The graph over point offsets `0..levels.len()`.
#[derive(Debug, Clone)]
pub struct Graph {
    pub(super) m: usize,
    pub(super) m0: usize,
    /// Level of each node, [`ABSENT`] for offsets not in the graph.
    pub(super) levels: Vec<u8>,
    /// Level-0 lists: `m0 + 1` words per node.
    pub(super) base: Vec<u32>,
    /// Where a node's level-1 block starts in `upper` (`u32::MAX`: no upper levels); its level
    /// `l` block follows at `+ (l - 1) × (m + 1)`.
    pub(super) upper_at: Vec<u32>,
    pub(super) upper: Vec<u32>,
    /// The node with the highest level (the first to reach it), and that level.
    pub(super) entry: Option<(u32, u8)>,
    /// How many leading links of each list the neighbour-selection heuristic chose, in its
    /// order (Qdrant `LinksContainer::processed_by_heuristic`): level-0 lists by node, upper
    /// lists by block. A builder's hint, not part of the graph: never stored, 0 when unknown.
    pub(super) sorted: SortedPrefixes,
}

/// The heuristic-ordered prefix length of every list (see [`Graph::sorted`]).
#[derive(Debug, Clone, Default)]
pub(super) struct SortedPrefixes {
    base: Vec<u16>,
    upper: Vec<u16>,
}

/// Two graphs are equal when their levels, links and entry are (the builder's hint aside).
impl PartialEq for Graph {
    fn eq(&self, other: &Self) -> bool {
        (self.m, self.m0, &self.levels, &self.base, &self.upper_at, &self.upper, self.entry)
            == (other.m, other.m0, &other.levels, &other.base, &other.upper_at, &other.upper, other.entry)
    }
}

impl Graph {
    /// An empty graph with `m` links per upper level and `2m` on level 0.
    pub fn new(m: usize) -> Self {
        let m0 = m.saturating_mul(2);
        let (levels, base, upper_at, upper) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        Graph { m, m0, levels, base, upper_at, upper, entry: None, sorted: SortedPrefixes::default() }
    }

    /// Links allowed on `level` (Qdrant `HnswM::level_m`).
    pub fn level_m(&self, level: usize) -> usize {
        if level == 0 {
            self.m0
        } else {
            self.m
        }
    }

    /// Number of offsets the graph has room for (in it or not).
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    /// Number of nodes in the graph.
    pub fn nodes(&self) -> usize {
        self.levels.iter().filter(|&&l| l != ABSENT).count()
    }

    /// The node's level, if it is in the graph.
    #[inline(always)]
    pub fn level(&self, node: u32) -> Option<usize> {
        self.levels.get(node as usize).filter(|&&l| l != ABSENT).map(|&l| l as usize)
    }

    pub fn entry(&self) -> Option<(u32, usize)> {
        self.entry.map(|(n, l)| (n, l as usize))
    }

    /// Where the `[count, links…]` block of `node` at `level` lives, if it exists.
    #[inline(always)]
    fn block(&self, node: u32, level: usize) -> Option<(bool, usize)> {
        let node_level = self.level(node)?;
        if level > node_level {
            return None;
        }
        if level == 0 {
            return Some((true, node as usize * (self.m0 + 1)));
        }
        let start = *self.upper_at.get(node as usize)? as usize;
        Some((false, start + (level - 1) * (self.m + 1)))
    }

    /// The neighbours of `node` on `level` (empty when it has none there).
    #[inline(always)]
    pub fn links(&self, node: u32, level: usize) -> &[u32] {
        let Some((is_base, at)) = self.block(node, level) else { return &[] };
        let words = if is_base { &self.base } else { &self.upper };
        let count = words.get(at).copied().unwrap_or(0) as usize;
        words.get(at + 1..at + 1 + count).unwrap_or(&[])
    }

    /// Replaces the neighbours of `node` on `level`; at most `level_m(level)` are kept.
    pub fn set_links(&mut self, node: u32, level: usize, links: &[u32]) {
        self.set_links_sorted(node, level, links, 0);
    }

    /// [`Graph::set_links`], recording that the first `sorted` links are the heuristic's
    /// choice in its order.
    pub(super) fn set_links_sorted(&mut self, node: u32, level: usize, links: &[u32], sorted: usize) {
        let Some((is_base, at)) = self.block(node, level) else { return };
        let keep = links.len().min(self.level_m(level));
        let words = if is_base { &mut self.base } else { &mut self.upper };
        words[at] = keep as u32;
        words[at + 1..at + 1 + keep].copy_from_slice(&links[..keep]);
        let (hints, slot) = self.hint_slot(is_base, at);
        let value = u16::try_from(sorted.min(keep)).unwrap_or(0);
        if let Some(h) = hints.get_mut(slot) {
            *h = value;
        } else if value > 0 {
            hints.resize(slot + 1, 0);
            hints[slot] = value;
        }
    }

    /// How many leading links of `node` on `level` the heuristic chose, in its order.
    pub(super) fn sorted_prefix(&self, node: u32, level: usize) -> usize {
        let Some((is_base, at)) = self.block(node, level) else { return 0 };
        let (hints, slot) = if is_base { (&self.sorted.base, at / (self.m0 + 1)) } else { (&self.sorted.upper, at / (self.m + 1)) };
        hints.get(slot).map_or(0, |&h| h as usize)
    }

    /// The hint array and index of the block at `at`.
    fn hint_slot(&mut self, is_base: bool, at: usize) -> (&mut Vec<u16>, usize) {
        if is_base {
            (&mut self.sorted.base, at / (self.m0 + 1))
        } else {
            (&mut self.sorted.upper, at / (self.m + 1))
        }
    }

    /// Forgets every heuristic order: a node's vector changed, so scores the orders were
    /// chosen by no longer hold for lists that link to it.
    pub(super) fn forget_sorted(&mut self) {
        self.sorted.base.fill(0);
        self.sorted.upper.fill(0);
    }

    /// Appends `link` to a list with room left (the caller checked `links().len() < level_m`).
    pub(super) fn push_link(&mut self, node: u32, level: usize, link: u32) {
        let Some((is_base, at)) = self.block(node, level) else { return };
        let room = self.level_m(level);
        let words = if is_base { &mut self.base } else { &mut self.upper };
        let count = words[at] as usize;
        if count < room {
            words[at + 1 + count] = link;
            words[at] = (count + 1) as u32;
        }
    }

    /// Makes room for offsets `0..len` (new ones absent).
    pub fn grow(&mut self, len: usize) {
        if self.levels.len() < len {
            self.levels.resize(len, ABSENT);
            self.base.resize(len * (self.m0 + 1), 0);
            self.upper_at.resize(len, u32::MAX);
        }
    }

    /// Puts `node` in the graph at `level`, with no links; a node already in keeps its level
    /// and loses its links (it is about to be linked again).
    pub fn place(&mut self, node: u32, level: usize) -> Result<usize> {
        self.grow(node as usize + 1);
        let level = match self.level(node) {
            Some(kept) => {
                self.forget_sorted();
                kept
            }
            None => {
                let level = level.min(MAX_LEVEL as usize);
                if level > 0 {
                    let start = u32::try_from(self.upper.len()).map_err(|_| graph_too_big())?;
                    self.upper_at[node as usize] = start;
                    self.upper.resize(self.upper.len() + level * (self.m + 1), 0);
                }
                self.levels[node as usize] = level as u8;
                level
            }
        };
        for l in 0..=level {
            self.set_links(node, l, &[]);
        }
        if self.entry.map_or(true, |(_, top)| level > top as usize) {
            self.entry = Some((node, level as u8));
        }
        Ok(level)
    }

    /// Bytes held by the graph.
    pub fn bytes(&self) -> usize {
        let hints = 2 * (self.sorted.base.capacity() + self.sorted.upper.capacity());
        self.levels.capacity() + 4 * (self.base.capacity() + self.upper_at.capacity() + self.upper.capacity()) + hints
    }
}

fn graph_too_big() -> Error {
    Error::wrong_input("the HNSW graph has more than 2^32 upper-level links")
}

/// A graph's arrays, as a snapshot stores them.
#[derive(Debug, Clone, Copy)]
pub struct GraphArrays<'a> {
    pub levels: &'a [u8],
    pub base: &'a [u32],
    pub upper_at: &'a [u32],
    pub upper: &'a [u32],
}

/// [`GraphArrays`], owned: what a snapshot reader decodes into.
#[derive(Debug, Clone, Default)]
pub struct OwnedArrays {
    pub levels: Vec<u8>,
    pub base: Vec<u32>,
    pub upper_at: Vec<u32>,
    pub upper: Vec<u32>,
}

impl Graph {
    pub fn m(&self) -> usize {
        self.m
    }

    pub fn arrays(&self) -> GraphArrays<'_> {
        GraphArrays { levels: &self.levels, base: &self.base, upper_at: &self.upper_at, upper: &self.upper }
    }

    /// A graph from stored arrays, checked so that a corrupt one is an error, never a wrong
    /// walk or an out-of-bounds read: array lengths, every list within its block and its
    /// level's `m`, every link to a node in the graph at that level, the entry at the top.
    pub fn from_arrays(m: usize, a: GraphArrays<'_>, entry: Option<(u32, usize)>) -> Result<Graph> {
        let owned = OwnedArrays { levels: a.levels.to_vec(), base: a.base.to_vec(), upper_at: a.upper_at.to_vec(), upper: a.upper.to_vec() };
        Graph::from_owned(m, owned, entry)
    }

    /// [`Graph::from_arrays`] adopting the arrays (a snapshot reads them once, into these).
    pub fn from_owned(m: usize, a: OwnedArrays, entry: Option<(u32, usize)>) -> Result<Graph> {
        let bad = |what: String| Error::wrong_input(format!("Invalid snapshot: HNSW graph: {what}"));
        let n = a.levels.len();
        let mut g = Graph::new(m);
        if m == 0 || a.base.len() != n.saturating_mul(g.m0 + 1) || a.upper_at.len() != n {
            return Err(bad(format!("arrays do not fit {n} nodes at m = {m}")));
        }
        (g.levels, g.base, g.upper_at, g.upper) = (a.levels, a.base, a.upper_at, a.upper);
        let top = g.levels.iter().filter(|&&l| l != ABSENT).max().copied();
        if let Some(l) = top.filter(|&l| l > MAX_LEVEL) {
            return Err(bad(format!("level {l} above {MAX_LEVEL}")));
        }
        for node in 0..n as u32 {
            g.check_node(node).map_err(bad)?;
        }
        match (entry, top) {
            (None, None) => {}
            (Some((e, l)), Some(t)) if g.level(e) == Some(l) && l == t as usize => g.entry = Some((e, t)),
            _ => return Err(bad("the entry point is not a node of the highest level".into())),
        }
        Ok(g)
    }

    /// Checks one node's blocks and links (see [`Graph::from_arrays`]).
    fn check_node(&self, node: u32) -> std::result::Result<(), String> {
        let Some(level) = self.level(node) else { return Ok(()) };
        if level > 0 {
            let start = self.upper_at[node as usize] as usize;
            let end = start.checked_add(level * (self.m + 1));
            if start == u32::MAX as usize || end.map_or(true, |e| e > self.upper.len()) {
                return Err(format!("node {node}: upper levels outside the link array"));
            }
        }
        for l in 0..=level {
            let Some((is_base, at)) = self.block(node, l) else { return Err(format!("node {node}: no block")) };
            let count = if is_base { self.base[at] } else { self.upper[at] } as usize;
            if count > self.level_m(l) {
                return Err(format!("node {node}: {count} links on level {l}, at most {}", self.level_m(l)));
            }
            if let Some(&bad) = self.links(node, l).iter().find(|&&x| self.level(x).map_or(true, |xl| xl < l)) {
                return Err(format!("node {node}: link to {bad}, not a node of level {l}"));
            }
        }
        Ok(())
    }
}
