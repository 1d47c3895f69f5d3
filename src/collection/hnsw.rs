//! The HNSW indexes of a collection's dense vectors: their configuration, building (all at
//! once, or in steps a page can interleave with painting), and keeping them linked as points
//! change. Queries only read them (`query/graph.rs`); an index is used once it is complete.
//!
//! Qdrant builds an index when a segment's vector data passes `indexing_threshold` KB
//! (lib/collection/src/collection_manager/optimizers/indexing_optimizer.rs). simile does the
//! same when `indexing_threshold` was set explicitly; left unset (the default) only
//! `optimize()` builds, so a large upsert never stalls a page unasked.

use super::{ChunkedRows, Collection, VectorStore};
use crate::error::Result;
use crate::index::hnsw::{Elements, HnswConfigDiff, HnswIndex, Rows};
use std::collections::BTreeMap;

/// One named vector's graph and how far building it got.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    pub index: HnswIndex,
    /// Offsets below this were visited by the build; the index is complete when it reaches
    /// the row count.
    pub cursor: usize,
    /// Set when a build reached the last row: from then on writes link points as they come.
    pub complete: bool,
}

/// `hnsw_config` (collection level and per named vector), `indexing_threshold`, and the graphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HnswState {
    pub config: HnswConfigDiff,
    pub per_vector: BTreeMap<String, HnswConfigDiff>,
    /// `optimizers_config.indexing_threshold` in KB, as set (`None`: never set).
    pub indexing_threshold: Option<usize>,
    pub indexes: BTreeMap<String, IndexEntry>,
}

/// Rows of `store` as the graph reads them, whatever their element type.
pub(crate) fn rows_of(store: &VectorStore) -> Rows<'_> {
    let (dim, distance) = (store.dim(), store.params.distance);
    match store.chunked() {
        ChunkedRows::F32(c) => Rows::typed(Elements::F32(c.chunks()), c.chunk_rows(), dim, distance),
        ChunkedRows::F16(c) => Rows::typed(Elements::F16(c.chunks()), c.chunk_rows(), dim, distance),
        ChunkedRows::U8(c) => Rows::typed(Elements::U8(c.chunks()), c.chunk_rows(), dim, distance),
    }
}

impl Collection {
    pub fn hnsw_state(&self) -> &HnswState {
        &self.hnsw
    }

    /// Applies an `hnsw_config` change (collection level and per vector) and an
    /// `indexing_threshold` change (`Some(None)`: back to unset). Graphs whose `m` or
    /// `ef_construct` changed are dropped: queries scan exactly until they are built again,
    /// right away if the indexing threshold is set and passed, else by `optimize()`.
    pub fn update_hnsw(
        &mut self,
        config: Option<&HnswConfigDiff>,
        per_vector: &[(String, HnswConfigDiff)],
        indexing_threshold: Option<Option<usize>>,
    ) -> Result<()> {
        let before: Vec<(String, usize, usize)> = self.graph_shapes();
        if let Some(diff) = config {
            self.hnsw.config = self.hnsw.config.merged(diff);
        }
        for (name, diff) in per_vector {
            let merged = self.hnsw.per_vector.get(name).cloned().unwrap_or_default().merged(diff);
            self.hnsw.per_vector.insert(name.clone(), merged);
        }
        if let Some(t) = indexing_threshold {
            self.hnsw.indexing_threshold = t;
        }
        let after = self.graph_shapes();
        self.hnsw.indexes.retain(|name, _| before.iter().zip(&after).all(|(b, a)| b.0 != *name || b == a));
        self.index_past_threshold()
    }

    /// `(name, m, ef_construct)` of every dense vector.
    fn graph_shapes(&self) -> Vec<(String, usize, usize)> {
        self.stores.keys().map(|n| (n.clone(), self.hnsw_config_for(n).m(), self.hnsw_config_for(n).ef_construct())).collect()
    }

    /// The effective `hnsw_config` of the vector `name`: its own values over the collection's.
    pub fn hnsw_config_for(&self, name: &str) -> HnswConfigDiff {
        match self.hnsw.per_vector.get(name) {
            Some(own) => self.hnsw.config.merged(own),
            None => self.hnsw.config.clone(),
        }
    }

    /// The complete graph of vector `name`, if there is one.
    pub fn hnsw_index(&self, name: &str) -> Option<&HnswIndex> {
        self.hnsw.indexes.get(name).filter(|e| e.complete && e.cursor >= self.capacity_rows()).map(|e| &e.index)
    }

    /// Live points linked into complete graphs, summed over vectors (Qdrant's
    /// `indexed_vectors_count` counts vectors in HNSW-indexed segments).
    pub fn indexed_vectors_count(&self) -> usize {
        self.stores
            .iter()
            .filter(|(name, _)| self.hnsw_index(name).is_some())
            .map(|(_, s)| (0..self.capacity_rows()).filter(|&o| self.is_alive(o) && s.has(o)).count())
            .sum()
    }

    /// Names of the dense single vectors a graph can be built for (`m` > 0), of every
    /// `datatype`.
    fn indexable(&self) -> Vec<String> {
        self.stores.keys().filter(|n| self.hnsw_config_for(n).m() > 0).cloned().collect()
    }

    /// Links up to `budget` more points into the graphs (started when missing); returns
    /// `(done, total)` points over all indexable vectors. Repeated calls finish the build.
    pub fn build_hnsw_step(&mut self, budget: usize) -> Result<(usize, usize)> {
        let rows = self.capacity_rows();
        let names = self.indexable();
        let mut left = budget;
        for name in &names {
            let config = self.hnsw_config_for(name);
            let entry = self.hnsw.indexes.entry(name.clone()).or_insert_with(|| IndexEntry {
                index: HnswIndex::new(config.m(), config.ef_construct()),
                cursor: 0,
                complete: false,
            });
            let (Some(store), alive) = (self.stores.get(name), &self.alive) else { continue };
            let gate = |o: u32| alive.get(o as usize).copied().unwrap_or(false) && store.has(o as usize);
            while entry.cursor < rows && left > 0 {
                let node = entry.cursor as u32;
                if gate(node) {
                    entry.index.insert(&rows_of(store), node, &gate)?;
                    left -= 1;
                }
                entry.cursor += 1;
            }
            entry.complete |= entry.cursor >= rows;
        }
        let done = names.iter().filter_map(|n| self.hnsw.indexes.get(n)).map(|e| e.cursor.min(rows)).sum();
        if done >= rows * names.len() {
            self.build_codes(); // codes come with the index, as the optimizer builds both
        }
        Ok((done, rows * names.len()))
    }

    /// Builds every graph to completion, reporting `(done, total)` after each chunk.
    pub fn build_hnsw(&mut self, on_progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
        const CHUNK: usize = 1024;
        loop {
            let (done, total) = self.build_hnsw_step(CHUNK)?;
            on_progress(done, total);
            if done >= total {
                return Ok(());
            }
        }
    }

    /// Keeps graphs true after dense vectors at `offsets` were written: points the build
    /// already passed are linked (again); later ones the build will reach. Then starts
    /// indexing if `indexing_threshold` is set and passed.
    pub(super) fn relink(&mut self, offsets: &[usize]) -> Result<()> {
        self.encode_written(offsets);
        let (alive, rows) = (&self.alive, self.ids.len());
        for (name, entry) in self.hnsw.indexes.iter_mut() {
            let Some(store) = self.stores.get(name) else { continue };
            let gate = |o: u32| alive.get(o as usize).copied().unwrap_or(false) && store.has(o as usize);
            for &off in offsets.iter().filter(|&&o| o < entry.cursor) {
                if gate(off as u32) {
                    entry.index.insert(&rows_of(store), off as u32, &gate)?;
                }
            }
            // A complete graph stays complete: rows appended since are linked now.
            while entry.complete && entry.cursor < rows {
                if gate(entry.cursor as u32) {
                    entry.index.insert(&rows_of(store), entry.cursor as u32, &gate)?;
                }
                entry.cursor += 1;
            }
        }
        self.index_past_threshold()
    }

    /// Builds the graphs once the vector data passes `indexing_threshold` KB (0 disables).
    fn index_past_threshold(&mut self) -> Result<()> {
        let Some(kb) = self.hnsw.indexing_threshold.filter(|&kb| kb > 0) else { return Ok(()) };
        let live_bytes = self.len().saturating_mul(self.stores.values().map(VectorStore::row_bytes).max().unwrap_or(0));
        let complete = self.indexable().iter().all(|n| self.hnsw_index(n).is_some());
        if live_bytes >= kb.saturating_mul(1024) && !complete {
            self.build_hnsw(&mut |_, _| {})?;
        }
        Ok(())
    }

    /// Installs settings and graphs read from a snapshot (graphs already validated against
    /// the row count by the reader).
    pub(crate) fn restore_hnsw(&mut self, state: HnswState) -> Result<()> {
        self.hnsw = state;
        Ok(())
    }

    /// Drops the graphs (kept configuration): after compaction moved every offset. They are
    /// built again by `optimize()` or the indexing threshold.
    pub(super) fn reset_hnsw(&mut self) {
        self.hnsw.indexes.clear();
        self.quant.codes.clear();
    }

    /// Bytes held by the graphs.
    pub(super) fn hnsw_bytes(&self) -> usize {
        self.hnsw.indexes.values().map(|e| e.index.bytes()).sum::<usize>() + self.codes_bytes()
    }
}
