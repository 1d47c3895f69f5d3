//! Exact search: run one strategy over the live rows of one named vector.
//!
//! A [`ScoringQuery`] keeps its example vectors in one flat buffer and its strategy over
//! example *indices*: the scan computes every example's similarity to a row in one fused
//! kernel call while the row is in cache, then the strategy folds those numbers. Filters are
//! checked only for rows whose score would enter the top-k, and selective filters are turned
//! into candidate lists by the payload index (see `candidates.rs`).

use super::candidates::{candidates, Candidates};
pub use super::scoring_query::{ScoringQuery, Strategy};
use super::strategy::{Query, SumScores};
use super::quantized::Source;
use super::topk::{Scored, TopK};
use super::typed::Element;
use crate::collection::{Chunked, ChunkedRows as Stored, Collection, VectorStore};
use crate::distance::Distance;
use crate::error::Result;
use crate::filter::Filter;
use crate::kernels;
use std::borrow::Cow;
use std::collections::HashSet;

/// Everything around the scoring: which vector, which points, how many.
#[derive(Debug, Clone, Default)]
pub struct SearchParams<'a> {
    /// Vector name (`""` = unnamed).
    pub using: &'a str,
    pub filter: Option<&'a Filter>,
    /// Offsets never returned (the request's own id examples).
    pub exclude: Option<&'a HashSet<u32>>,
    /// When given, only these offsets (ascending) are candidates: a rescoring of prefetched
    /// points. The filter still applies.
    pub within: Option<&'a [u32]>,
    pub limit: usize,
    pub offset: usize,
    pub score_threshold: Option<f32>,
    /// `hnsw_ef` and `exact` (see `graph.rs` for when the graph is searched).
    pub hnsw: super::graph::GraphParams,
}

/// Runs `query` and returns `(reported score, offset)` pairs, best first.
///
/// Order of operations follows Qdrant (local_shard/search.rs:155-178, collection/search.rs:
/// 320-329): top `limit + offset` by internal score; nearest scores post-processed (Euclid →
/// distance); `score_threshold` applied as a take-while in the *distance's* direction for every
/// query type (the Euclid/Manhattan quirk for custom scores is deliberate); then `offset` skipped.
pub fn search(coll: &Collection, query: &ScoringQuery, p: &SearchParams<'_>) -> Result<Vec<Scored>> {
    if let Some(store) = coll.multi_store(p.using) {
        return Ok(super::multi::search(coll, store, query, p));
    }
    let store = coll.store(p.using)?;
    let k = p.limit.saturating_add(p.offset).min(p.within.map_or(coll.len(), <[u32]>::len));
    // A selecting top-k lets more rows past its bar between cuts, and the gate runs for each:
    // worth it (2.5× less top-k time at k = 1,024 over 20,000 rows) only while the gate is
    // cheap, without a payload filter.
    let mut top = if p.filter.is_none() { TopK::for_ascending_offsets(k) } else { TopK::new(k) };
    let gate = |off: usize| {
        p.exclude.map_or(true, |ex| !ex.contains(&(off as u32)))
            && p.filter.map_or(true, |f| f.check(&coll.point(off as u32)))
    };
    let cands = if p.within.is_none() { p.filter.map(|f| candidates(coll, f)) } else { None };
    let codes = super::quantized::pick(coll, p);
    if let Some(index) = super::graph::pick(coll, p, cands.as_ref()) {
        if let Some(codes) = codes {
            return super::quantized::search(coll, codes, store, query, p, k, Source::<fn(usize) -> bool>::Graph(index));
        }
        let found = super::graph::search(coll, index, store, query, p, k);
        return Ok(finish(found, store.params.distance, query.is_nearest(), p));
    }
    if let Some(codes) = codes {
        return super::quantized::search(coll, codes, store, query, p, k, Source::Scan(cands.as_ref(), gate));
    }
    let rows = match (p.within, cands) {
        (Some(list), _) => Rows::Listed(Cow::Borrowed(list)),
        (None, Some(Candidates::Offsets(list))) => Rows::Listed(Cow::Owned(list)),
        (None, Some(Candidates::None)) => Rows::Listed(Cow::Owned(Vec::new())),
        _ => Rows::All,
    };
    let s = Scan { store, examples: &query.examples, gate, rows };
    let distance = store.params.distance;
    match store.chunked() {
        Stored::F32(raw) => s.float32(raw, query, &mut top),
        Stored::F16(raw) => s.typed(raw, query, &mut top),
        Stored::U8(raw) => s.typed(raw, query, &mut top),
    }
    Ok(finish(top.into_sorted(), distance, query.is_nearest(), p))
}

impl<G: Fn(usize) -> bool> Scan<'_, G> {
    /// The f32 fast paths: kernels inlined per distance, `sum_scores` collapsed when linear.
    fn float32(&self, raw: &Chunked<f32>, query: &ScoringQuery, top: &mut TopK) {
        match &query.strategy {
            Strategy::Nearest(_) => self.nearest(raw, top),
            Strategy::BestScore(q) => self.fused(raw, q, top),
            Strategy::SumScores(q) if self.store.params.distance.is_inner_product() => self.linear_sum(raw, q, top),
            Strategy::SumScores(q) => self.fused(raw, q, top),
            Strategy::Discover(q) => self.fused(raw, q, top),
            Strategy::Context(q) => self.fused(raw, q, top),
            Strategy::Feedback(q) => self.fused(raw, q, top),
        }
    }

    /// float16 and uint8 rows: every example encoded once for the element type
    /// (`query/typed.rs`), one kernel chosen for the search, then the strategy folded as for f32.
    fn typed<T: Element + Default>(&self, raw: &Chunked<T>, query: &ScoringQuery, top: &mut TopK) {
        let probes: Vec<T::Probe> = query.bounds.windows(2).map(|w| T::probe(self.examples.get(w[0]..w[1]).unwrap_or(&[]))).collect();
        let kernel = T::kernel(self.store.params.distance);
        let sim = |i: &usize, row: &[T]| probes.get(*i).map_or(f32::NEG_INFINITY, |p| kernel(p, row));
        match &query.strategy {
            Strategy::Nearest(q) => self.each(raw, top, |row, _| Some(sim(&q.vector, row))),
            Strategy::BestScore(q) => self.each(raw, top, |row, bar| q.score_above(bar, |i| sim(i, row))),
            Strategy::SumScores(q) => self.each(raw, top, |row, bar| q.score_above(bar, |i| sim(i, row))),
            Strategy::Discover(q) => self.each(raw, top, |row, bar| q.score_above(bar, |i| sim(i, row))),
            Strategy::Context(q) => self.each(raw, top, |row, bar| q.score_above(bar, |i| sim(i, row))),
            Strategy::Feedback(q) => self.each(raw, top, |row, bar| q.score_above(bar, |i| sim(i, row))),
        }
    }
}


/// Which rows to visit: every stored row, or a sorted candidate list.
#[derive(Debug)]
enum Rows<'a> {
    All,
    Listed(Cow<'a, [u32]>),
}

struct Scan<'a, G: Fn(usize) -> bool> {
    store: &'a VectorStore,
    examples: &'a [f32],
    gate: G,
    rows: Rows<'a>,
}

impl<G: Fn(usize) -> bool> Scan<'_, G> {
    /// Visits each present row, chunk by chunk (kernels see contiguous rows within a chunk).
    /// `score(row, bar)` returns the row's score when it beats the top-k's entry bar
    /// (strategies may stop early otherwise); the gate (exclusion + filter) runs only for those
    /// rows. The bar is kept in a local so the hot loop compares against a register, not the
    /// heap.
    #[inline(always)]
    fn each<T: Copy + Default>(&self, raw: &Chunked<T>, top: &mut TopK, mut score: impl FnMut(&[T], f32) -> Option<f32>) {
        let dim = self.store.dim();
        let present = self.store.present();
        let mut bar = top.threshold();
        let mut visit = |off: usize, row: &[T], bar: &mut f32| {
            if let Some(s) = score(row, *bar).filter(|&s| s > *bar) {
                if (self.gate)(off) {
                    top.push(s, off as u32);
                    *bar = top.threshold();
                }
            }
        };
        match &self.rows {
            Rows::All => {
                for (k, chunk) in raw.chunks().iter().enumerate() {
                    let first = k * raw.chunk_rows();
                    let flags = present.get(first..).unwrap_or(&[]);
                    for (i, (row, &here)) in chunk.chunks_exact(dim.max(1)).zip(flags).enumerate() {
                        if here {
                            visit(first + i, row, &mut bar);
                        }
                    }
                }
            }
            Rows::Listed(list) => {
                for &o in list.iter() {
                    let off = o as usize;
                    if let (Some(true), Some(row)) = (present.get(off), raw.row(off)) {
                        visit(off, row, &mut bar);
                    }
                }
            }
        }
    }

    fn nearest(&self, raw: &Chunked<f32>, top: &mut TopK) {
        let q = self.examples;
        match self.store.params.distance {
            Distance::Cosine | Distance::Dot => self.each(raw, top, |row, _| Some(kernels::dot_f32(q, row))),
            Distance::Euclid => self.each(raw, top, |row, _| Some(-kernels::l2sq_f32(q, row))),
            Distance::Manhattan => self.each(raw, top, |row, _| Some(-kernels::l1_f32(q, row))),
        }
    }

    /// `sum_scores` for Cosine/Dot: `Σ p·v − Σ n·v = (Σp − Σn)·v`, so one dot per row with the
    /// combined vector replaces one per example. Same ranking and scores up to f32 rounding
    /// (the summation order differs), far inside the 1e-4 Qdrant parity tolerance.
    fn linear_sum(&self, raw: &Chunked<f32>, q: &SumScores<usize>, top: &mut TopK) {
        let dim = self.store.dim();
        let example = |i: usize| &self.examples[i * dim..(i + 1) * dim];
        let mut combined = vec![0.0f32; dim];
        for &p in &q.positives {
            combined.iter_mut().zip(example(p)).for_each(|(c, x)| *c += x);
        }
        for &n in &q.negatives {
            combined.iter_mut().zip(example(n)).for_each(|(c, x)| *c -= x);
        }
        self.each(raw, top, |row, _| Some(kernels::dot_f32(&combined, row)));
    }

    /// Folds the strategy over each row, computing an example's similarity only when the
    /// strategy asks for it (`score_above` skips what cannot change the outcome). The row is
    /// read from memory once and stays in L1 while every example is scored against it.
    fn fused<Q: Query<usize>>(&self, raw: &Chunked<f32>, query: &Q, top: &mut TopK) {
        let dim = self.store.dim();
        let ex = self.examples;
        let example = |i: usize| &ex[i * dim..(i + 1) * dim];
        match self.store.params.distance {
            Distance::Cosine | Distance::Dot => {
                self.each(raw, top, |row, bar| query.score_above(bar, |&i| kernels::dot_f32(example(i), row)))
            }
            Distance::Euclid => {
                self.each(raw, top, |row, bar| query.score_above(bar, |&i| -kernels::l2sq_f32(example(i), row)))
            }
            Distance::Manhattan => {
                self.each(raw, top, |row, bar| query.score_above(bar, |&i| -kernels::l1_f32(example(i), row)))
            }
        }
    }
}

pub(super) fn finish(sorted: Vec<Scored>, distance: Distance, is_nearest: bool, p: &SearchParams<'_>) -> Vec<Scored> {
    sorted
        .into_iter()
        .map(|s| Scored { score: if is_nearest { distance.postprocess(s.score) } else { s.score }, ..s })
        .take_while(|s| p.score_threshold.map_or(true, |t| distance.passes_threshold(s.score, t)))
        .skip(p.offset)
        .take(p.limit)
        .collect()
}

/// The benchmark baseline: a bare kernel pass over every stored row of `using` (no presence
/// checks, no top-k, no filter); returns the sum of similarities so the work is not elided.
pub fn bare_scan(coll: &Collection, using: &str, q: &[f32]) -> Result<f32> {
    let store = coll.store(using)?;
    let dim = store.dim();
    if q.len() != dim {
        return Err(crate::Error::DimensionMismatch { expected: dim, got: q.len() });
    }
    fn pass<T: Element + Default>(raw: &Chunked<T>, dim: usize, q: &[f32]) -> f32 {
        let (probe, kernel) = (T::probe(q), T::kernel(Distance::Dot));
        raw.chunks().iter().map(|c| c.chunks_exact(dim).map(|row| kernel(&probe, row)).sum::<f32>()).sum()
    }
    Ok(match store.chunked() {
        Stored::F32(raw) => raw.chunks().iter().map(|c| c.chunks_exact(dim).map(|row| kernels::dot_f32(q, row)).sum::<f32>()).sum(),
        Stored::F16(raw) => pass(raw, dim, q),
        Stored::U8(raw) => pass(raw, dim, q),
    })
}
