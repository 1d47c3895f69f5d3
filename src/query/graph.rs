//! When a search reads the HNSW graph instead of scanning, and the graph search itself
//! (Qdrant `HNSWIndex::search`, lib/segment/src/index/hnsw_index/hnsw/read_view/dispatch.rs:
//! 24-175, and `search_with_graph`, read_view/search.rs:30-60).
//!
//! The exact scan (or the payload index's candidate list) runs when `exact` is asked for,
//! when the vector has no complete graph or `m` = 0, when fewer points are available than
//! `full_scan_threshold` (KB of vectors, turned into a count), or when the filter's
//! cardinality estimate is below it. Otherwise the graph is walked with the filter checked
//! during the walk and every strategy (nearest, recommend, discover, context) scoring the
//! visited points with its own function, as Qdrant's custom query scorers do.

use super::candidates::Candidates;
use super::scan::{ScoringQuery, SearchParams, Strategy};
use super::strategy::Query;
use super::topk::Scored;
use super::typed::Element;
use crate::collection::{Chunked, ChunkedRows};
use crate::collection::quantized::Codes;
use crate::collection::{Collection, VectorStore};
use crate::index::hnsw::HnswIndex;

/// A request's `params` (Qdrant `SearchParams`): the beam width, the exact switch, and how
/// quantization codes are used (`query/quantized.rs`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GraphParams {
    /// `hnsw_ef`; the graph's default is its `ef_construct` (`HnswGraphConfig::new`).
    pub hnsw_ef: Option<usize>,
    /// `exact: true` forces the scan.
    pub exact: bool,
    /// `quantization`: `ignore`, `rescore`, `oversampling`.
    pub quantization: Option<crate::collection::quantized::QuantizationSearchParams>,
}

/// The graph to search, if Qdrant's rules pick it for this request. `cands` is the payload
/// index's answer for the filter (its list length is the cardinality estimate).
pub(super) fn pick<'c>(coll: &'c Collection, p: &SearchParams<'_>, cands: Option<&Candidates>) -> Option<&'c HnswIndex> {
    if p.hnsw.exact || p.within.is_some() {
        return None;
    }
    let index = coll.hnsw_index(p.using)?;
    let config = coll.hnsw_config_for(p.using);
    let store = coll.store(p.using).ok()?;
    let threshold = config.full_scan_threshold_vectors(store.row_bytes());
    if config.m() == 0 || coll.len() < threshold {
        return None;
    }
    let ef = p.hnsw.hnsw_ef.unwrap_or(index.ef_construct);
    match cands {
        Some(Candidates::None) => None,
        Some(Candidates::Offsets(list)) if list.len() < threshold => None,
        Some(Candidates::Offsets(list)) if list_is_cheaper(list.len(), coll.len(), ef, config.m()) => None,
        _ => Some(index),
    }
}

/// Whether scanning the payload index's candidate list costs less than a filtered walk. The
/// walk crosses rejected points until it holds `ef` passing ones: at selectivity
/// s = listed / n it scores about ef · 2m / s points, the list scan `listed`. Qdrant decides
/// by `full_scan_threshold` alone, because its `payload_m` subgraphs keep its walk inside the
/// filter; simile builds none, and the list scan's answer is exact, so choosing it never
/// lowers recall.
fn list_is_cheaper(listed: usize, n: usize, ef: usize, m: usize) -> bool {
    let walk = 2.0 * ef as f64 * m.max(1) as f64 * n as f64 / (listed.max(1) as f64);
    (listed as f64) < walk
}

/// The top `k` rows by the query's internal score through the graph, best first, each row
/// scored by the kernels the exact scan uses for its element type.
pub(super) fn search(
    coll: &Collection,
    index: &HnswIndex,
    store: &VectorStore,
    query: &ScoringQuery,
    p: &SearchParams<'_>,
    k: usize,
) -> Vec<Scored> {
    match store.chunked() {
        ChunkedRows::F32(_) => search_f32(coll, index, store, query, p, k),
        ChunkedRows::F16(raw) => search_typed(coll, index, (store, raw), query, p, k),
        ChunkedRows::U8(raw) => search_typed(coll, index, (store, raw), query, p, k),
    }
}

/// float32 rows: the kernel per distance, inlined.
fn search_f32(coll: &Collection, index: &HnswIndex, store: &VectorStore, query: &ScoringQuery, p: &SearchParams<'_>, k: usize) -> Vec<Scored> {
    let (dim, distance, ex) = (store.dim(), store.params.distance, &query.examples);
    let example = |i: usize| ex.get(i * dim..(i + 1) * dim).unwrap_or(&[]);
    // The walk also passes through deleted points, never returned: their rows stay in
    // storage until compaction.
    let rows = crate::collection::hnsw::rows_of(store);
    let sim: &dyn Fn(&usize, u32) -> f32 = &|i, off| {
        let (e, r) = (example(*i), rows.row(off));
        if e.len() != r.len() {
            return f32::NEG_INFINITY; // a row the storage does not hold: never a way forward
        }
        distance.similarity(e, r)
    };
    walk(coll, index, store, query, p, k, sim, &|off| rows.touch(off))
}

/// float16 and uint8 rows: every example encoded once for the element type, one kernel
/// chosen for the search, as the scan does (`query/typed.rs`).
fn search_typed<T: Element + Default>(
    coll: &Collection,
    index: &HnswIndex,
    (store, raw): (&VectorStore, &Chunked<T>),
    query: &ScoringQuery,
    p: &SearchParams<'_>,
    k: usize,
) -> Vec<Scored> {
    let probes: Vec<T::Probe> = query.bounds.windows(2).map(|w| T::probe(query.examples.get(w[0]..w[1]).unwrap_or(&[]))).collect();
    let kernel = T::kernel(store.params.distance);
    let row = |off: u32| raw.row(off as usize).unwrap_or(&[]);
    // A trait object: one copy of the walk serves both element types.
    let sim: &dyn Fn(&usize, u32) -> f32 = &|i, off| {
        let r = row(off);
        match probes.get(*i) {
            Some(q) if !r.is_empty() => kernel(q, r),
            _ => f32::NEG_INFINITY,
        }
    };
    walk(coll, index, store, query, p, k, sim, &|off| crate::index::hnsw::touch_lines(row(off)))
}

/// The top `k` rows by the query's score over quantization codes through the graph, best
/// first: Qdrant walks its graph with the quantized scorer when codes are used
/// (hnsw/read_view/search.rs:137-147, `construct_search_scorer`), then rescores
/// (`query/quantized.rs`).
pub(super) fn search_codes(
    coll: &Collection,
    index: &HnswIndex,
    store: &VectorStore,
    codes: &Codes,
    query: &ScoringQuery,
    p: &SearchParams<'_>,
    k: usize,
) -> Vec<Scored> {
    let encoded = super::quantized::encode(codes, query);
    let sim: &dyn Fn(&usize, u32) -> f32 = &|i, off| encoded.get(*i).map_or(f32::NEG_INFINITY, |q| codes.score(q, off as usize));
    walk(coll, index, store, query, p, k, sim, &|off| codes.touch(off as usize))
}

/// The graph walk for every strategy, each folding `sim(example, offset)` as it does in the
/// scan; single examples seed the walk of multi-example queries (`HnswIndex::search`).
/// `ahead`: touches the memory `sim` reads for a point.
#[allow(clippy::too_many_arguments)]
fn walk(
    coll: &Collection,
    index: &HnswIndex,
    store: &VectorStore,
    query: &ScoringQuery,
    p: &SearchParams<'_>,
    k: usize,
    sim: &dyn Fn(&usize, u32) -> f32,
    ahead: &dyn Fn(u32),
) -> Vec<Scored> {
    let ef = p.hnsw.hnsw_ef.unwrap_or(index.ef_construct);
    let gate = |off: u32| {
        coll.is_alive(off as usize)
            && store.has(off as usize)
            && p.exclude.map_or(true, |ex| !ex.contains(&off))
            && p.filter.map_or(true, |f| f.check(&coll.point(off)))
    };
    let count = query.bounds.len().saturating_sub(1);
    let mut by_example: Vec<_> = (0..count).map(|i| move |off: u32| sim(&i, off)).collect();
    let mut seeders: Vec<&mut dyn FnMut(u32) -> f32> =
        by_example.iter_mut().map(|f| f as &mut dyn FnMut(u32) -> f32).collect();
    match &query.strategy {
        Strategy::Nearest(q) => index.search((ef, k), &mut |off, _| sim(&q.vector, off), &gate, &mut [], ahead),
        Strategy::BestScore(q) => index.search((ef, k), &mut |off, floor| score_from(q, floor, |i| sim(i, off)), &gate, &mut seeders, ahead),
        Strategy::SumScores(q) => index.search((ef, k), &mut |off, floor| score_from(q, floor, |i| sim(i, off)), &gate, &mut seeders, ahead),
        Strategy::Discover(q) => index.search((ef, k), &mut |off, floor| score_from(q, floor, |i| sim(i, off)), &gate, &mut seeders, ahead),
        Strategy::Context(q) => index.search((ef, k), &mut |off, floor| score_from(q, floor, |i| sim(i, off)), &gate, &mut seeders, ahead),
        Strategy::Feedback(q) => index.search((ef, k), &mut |off, floor| score_from(q, floor, |i| sim(i, off)), &gate, &mut seeders, ahead),
    }
}

/// A strategy's score when only scores at or above `floor` matter to the walk: below it, −∞,
/// reached with [`Query::score_above`]'s early exits (best_score skips the negatives of a
/// point its positives already rule out). `score > just_below(floor)` ⇔ `score ≥ floor`.
fn score_from<Q: Query<usize>>(q: &Q, floor: f32, sim: impl FnMut(&usize) -> f32) -> f32 {
    if floor == f32::NEG_INFINITY || floor.is_nan() {
        return q.score_by(sim);
    }
    q.score_above(just_below(floor), sim).unwrap_or(f32::NEG_INFINITY)
}

/// The largest float below `x` (`f32::next_down`, newer than the crate's minimum Rust).
fn just_below(x: f32) -> f32 {
    if x.is_nan() || x == f32::NEG_INFINITY {
        return x;
    }
    if x == 0.0 {
        return -f32::from_bits(1);
    }
    let bits = x.to_bits();
    f32::from_bits(if x > 0.0 { bits - 1 } else { bits + 1 })
}

#[cfg(test)]
mod tests {
    use super::just_below;

    #[test]
    fn just_below_is_the_next_float_down() {
        for x in [1.0f32, -1.0, 0.0, -0.0, f32::MAX, -f32::MAX, f32::INFINITY, 1e-40, -1e-40, 0.3] {
            let below = just_below(x);
            assert!(below < x, "{x}");
            assert!(below.to_bits() != x.to_bits());
            // Nothing lies between: the midpoint rounds to one of the two.
            let mid = below / 2.0 + x / 2.0;
            assert!(mid == below || mid == x || !mid.is_finite(), "{x}: {below} {mid}");
        }
        assert_eq!(just_below(f32::INFINITY), f32::MAX);
        assert_eq!(just_below(-f32::MAX), f32::NEG_INFINITY);
        assert_eq!(just_below(f32::NEG_INFINITY), f32::NEG_INFINITY);
    }
}
