//! Linking a node into the graph, as Qdrant's `GraphLayersBuilder::link_new_point` does
//! (lib/segment/src/index/hnsw_index/graph_layers_builder.rs:417-557): a random level, a greedy
//! descent to it, then on each level from there down a beam search of width `ef_construct`
//! whose result is pruned by the neighbour-selection heuristic; every chosen neighbour links
//! back, re-pruning its own list with the heuristic when it is full
//! (links_container.rs:47-71, 139-221).

use super::graph::Graph;
use super::rows::Rows;
use super::search::Scratch;
use crate::error::Result;
use crate::query::topk::Scored;

/// SplitMix64: a small deterministic generator, so a graph built twice from the same rows in
/// the same order is the same graph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LevelRng(pub u64);

impl LevelRng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A level from the geometric distribution: `round(−ln(u) / ln(max(m, 2)))`, u uniform in
    /// (0, 1] (Qdrant `get_random_layer` with `level_factor = 1 / ln(max(m, 2))`).
    pub fn level(&mut self, m: usize) -> usize {
        let u = 1.0 - (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let factor = 1.0 / (m.max(2) as f64).ln();
        (-u.ln() * factor).round() as usize
    }
}

/// Buffers of the builder, reused for every insertion.
#[derive(Debug, Default)]
pub struct BuildScratch {
    walk: Scratch,
    chosen: Vec<u32>,
    /// A full list plus the new link, scored by similarity to the list's node, each marked
    /// when it is in the list's heuristic-ordered prefix.
    items: Vec<(Scored, bool)>,
    pruned: Vec<u32>,
}

impl Graph {
    /// Links `node` (its row in `rows`) into the graph at `level`, or links it again at its
    /// old level if it is already in (its vector changed). `gate` says which other nodes may
    /// be linked to (alive, with a vector).
    pub fn link(
        &mut self,
        rows: &Rows<'_>,
        node: u32,
        level: usize,
        ef_construct: usize,
        gate: &impl Fn(u32) -> bool,
        scratch: &mut BuildScratch,
    ) -> Result<()> {
        let previous_entry = self.start_for(node);
        let level = self.place(node, level)?;
        let Some((entry, entry_level)) = previous_entry else { return Ok(()) };
        let probe = rows.probe(node);
        let score = |other: u32| rows.sim_to(probe, other);
        let start = Scored { score: score(entry), offset: entry };
        let gate_other = |other: u32| other != node && gate(other);
        let mut level_entry = self.search_entry(start, entry_level, level, &mut &score, &mut scratch.walk);
        for l in (0..=level.min(entry_level)).rev() {
            self.search_on_level(&[level_entry], l, ef_construct, &mut |o, _| score(o), &gate_other, &|n| rows.touch(n), &mut scratch.walk);
            if let Some(best) = scratch.walk.found.first() {
                level_entry = *best;
            }
            self.link_with_heuristic(rows, node, l, scratch);
        }
        Ok(())
    }

    /// Where linking `node` starts: the entry point, or when `node` is the entry itself (its
    /// vector changed), its highest neighbour, read before its links are cleared.
    fn start_for(&self, node: u32) -> Option<(u32, usize)> {
        match self.entry()? {
            (e, l) if e != node => Some((e, l)),
            (e, l) => (0..=l).rev().find_map(|lv| self.links(e, lv).first().map(|&x| (x, lv))),
        }
    }

    /// Chooses `node`'s neighbours on `level` from the walk's result, then links them back.
    fn link_with_heuristic(&mut self, rows: &Rows<'_>, node: u32, level: usize, scratch: &mut BuildScratch) {
        let level_m = self.level_m(level);
        select_with_heuristic(&scratch.walk.found, level_m, |a, b| rows.sim(a, b), &mut scratch.chosen);
        self.set_links_sorted(node, level, &scratch.chosen, scratch.chosen.len());
        for i in 0..scratch.chosen.len() {
            let other = scratch.chosen[i];
            self.connect(rows, node, other, level, scratch);
        }
    }

    /// Adds `new` to `target`'s list on `level`; a full list is re-pruned with the heuristic
    /// over its links plus `new`, by similarity to `target` (`connect_with_heuristic`,
    /// links_container.rs:139-221). As there, two links both in the list's heuristic-ordered
    /// prefix are not compared again: the heuristic already kept the later one against the
    /// earlier one by the same scores, so the result is that of the full heuristic.
    fn connect(&mut self, rows: &Rows<'_>, new: u32, target: u32, level: usize, scratch: &mut BuildScratch) {
        let level_m = self.level_m(level);
        let links = self.links(target, level);
        if links.contains(&new) {
            return;
        }
        if links.len() < level_m {
            self.push_link(target, level, new);
            return;
        }
        let sorted = self.sorted_prefix(target, level);
        let probe = rows.probe(target);
        let scored = |l: u32| Scored { score: rows.sim_to(probe, l), offset: l };
        let items = &mut scratch.items;
        items.clear();
        items.extend(links.iter().enumerate().map(|(i, &l)| (scored(l), i < sorted)));
        items.push((scored(new), false));
        items.sort_unstable_by_key(|item| std::cmp::Reverse(item.0));
        select_skipping_sorted(items, level_m, |a, b| rows.sim(a, b), &mut scratch.pruned);
        self.set_links_sorted(target, level, &scratch.pruned, scratch.pruned.len());
    }
}

/// [`select_with_heuristic`] over `items` (best first), not comparing two items that are both
/// marked as chosen by an earlier run of it; the kept items are moved to the front of `items`.
fn select_skipping_sorted(items: &mut [(Scored, bool)], level_m: usize, mut sim: impl FnMut(u32, u32) -> f32, out: &mut Vec<u32>) {
    out.clear();
    let mut kept = 0;
    'candidates: for read in 0..items.len() {
        let (c, c_sorted) = items[read];
        for &(e, e_sorted) in &items[..kept] {
            if !(c_sorted && e_sorted) && sim(c.offset, e.offset) > c.score {
                continue 'candidates;
            }
        }
        items[kept] = (c, c_sorted);
        kept += 1;
        out.push(c.offset);
        if kept >= level_m {
            break;
        }
    }
}

/// Qdrant's neighbour-selection heuristic (`fill_from_sorted_with_heuristic`): walking the
/// candidates best first, keep one unless it is closer to an already kept neighbour than to
/// the point itself; stop at `level_m`.
pub fn select_with_heuristic(
    sorted: &[Scored],
    level_m: usize,
    mut sim: impl FnMut(u32, u32) -> f32,
    out: &mut Vec<u32>,
) {
    out.clear();
    if level_m == 0 {
        return;
    }
    'candidates: for c in sorted {
        for &kept in out.iter() {
            if sim(c.offset, kept) > c.score {
                continue 'candidates;
            }
        }
        out.push(c.offset);
        if out.len() >= level_m {
            break;
        }
    }
}
