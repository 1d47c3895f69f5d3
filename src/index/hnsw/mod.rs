//! Qdrant's HNSW index over one named dense vector (lib/segment/src/index/hnsw_index/, v1.19.0).
//!
//! The graph stores no vectors: it is built from and searched over the collection's rows
//! ([`Rows`]), so the walk uses the same kernels as the exact scan. Building is sequential and
//! seeded ([`LevelRng`]): the same rows inserted in the same order give the same graph.
//! Deleted points stay in the graph and are skipped by the walk's gate, as Qdrant skips
//! deleted points; a point whose vector changes is linked again.

mod build;
pub mod config;
mod graph;
mod rows;
mod search;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod timing;

pub use build::{select_with_heuristic, BuildScratch, LevelRng};
pub use rows::{touch_lines, Elements, Probe, Rows};
pub use config::HnswConfigDiff;
pub use graph::{Graph, GraphArrays, OwnedArrays};
pub use search::Scratch;

use crate::error::Result;
use crate::query::topk::Scored;
use std::sync::Mutex;

/// The seed of every graph's level generator.
pub const LEVEL_SEED: u64 = 42;

/// A built graph and what keeps extending it the same way.
#[derive(Debug)]
pub struct HnswIndex {
    pub graph: Graph,
    pub ef_construct: usize,
    pub rng: LevelRng,
    /// The walk's buffers, reused by every search (a fresh one if it is busy).
    scratch: Mutex<Scratch>,
    build: BuildScratch,
}

impl Clone for HnswIndex {
    fn clone(&self) -> Self {
        HnswIndex::from_parts(self.graph.clone(), self.ef_construct, self.rng)
    }
}

impl PartialEq for HnswIndex {
    fn eq(&self, other: &Self) -> bool {
        self.graph == other.graph && self.ef_construct == other.ef_construct && self.rng == other.rng
    }
}

impl HnswIndex {
    pub fn new(m: usize, ef_construct: usize) -> Self {
        HnswIndex::from_parts(Graph::new(m), ef_construct, LevelRng(LEVEL_SEED))
    }

    pub fn from_parts(graph: Graph, ef_construct: usize, rng: LevelRng) -> Self {
        HnswIndex { graph, ef_construct, rng, scratch: Mutex::new(Scratch::default()), build: BuildScratch::default() }
    }

    /// Links `node` (new: at a random level; already in: at its level again).
    pub fn insert(&mut self, rows: &Rows<'_>, node: u32, gate: &impl Fn(u32) -> bool) -> Result<()> {
        let level = match self.graph.level(node) {
            Some(l) => l,
            None => self.rng.level(self.graph.m),
        };
        self.graph.link(rows, node, level, self.ef_construct, gate, &mut self.build)
    }

    /// The `top` best nodes passing `gate`, best first, by `score` (see [`Graph::search`]).
    /// `seeders` score by single examples of a multi-example query: a greedy descent by
    /// each gives one more start for the level-0 beam, so a query whose good points lie
    /// around several examples (recommend `best_score`) reaches each of them. `ahead`: touches
    /// the memory `score` reads for a node (called for a batch of nodes before scoring them).
    /// `score` and `gate` are trait objects: one walk serves every strategy and similarity
    /// (a copy per closure type cost ~16 KB of gzipped wasm; the indirect calls cost
    /// nothing measurable next to a row's kernel).
    pub fn search(
        &self,
        (ef, top): (usize, usize),
        mut score: &mut dyn FnMut(u32, f32) -> f32,
        gate: &dyn Fn(u32) -> bool,
        seeders: &mut [&mut dyn FnMut(u32) -> f32],
        ahead: &dyn Fn(u32),
    ) -> Vec<Scored> {
        let mut fresh;
        let mut guard = self.scratch.try_lock();
        let scratch = match guard.as_deref_mut() {
            Ok(s) => s,
            Err(_) => {
                fresh = Scratch::default();
                &mut fresh
            }
        };
        let seeds: Vec<u32> = seeders.iter_mut().filter_map(|f| self.graph.descend(f, scratch)).collect();
        self.graph.search(ef, top, &seeds, &mut score, &gate, ahead, scratch).to_vec()
    }

    /// Bytes held by the graph.
    pub fn bytes(&self) -> usize {
        self.graph.bytes()
    }
}
