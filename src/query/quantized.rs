//! Search over quantization codes, then rescoring with the original vectors (Qdrant
//! lib/segment/src/index/vector_index_search_common.rs, v1.19.0):
//!
//! - codes are used unless the request says `exact: true` or `quantization.ignore: true`
//!   (`is_quantized_search`);
//! - the codes pick `limit × oversampling` candidates when `oversampling` > 1, else `limit`
//!   (`get_oversampled_top`, truncating toward zero);
//! - `rescore` (default: the method's, binary on, scalar off) scores the candidates again with
//!   the original vectors, by the same exact scan a search without codes runs, and keeps the
//!   best `limit` (`postprocess_search_result`); without rescoring the code scores are reported.
//!
//! Every strategy (nearest, recommend, discover, context, feedback) scores codes: each example
//! is encoded once and the strategy folds the code similarities, as Qdrant's custom query
//! scorers do over quantized vectors. When the HNSW graph answers the request, the codes score
//! its walk instead of the scan, with a beam of `max(ef, limit × oversampling)` (Qdrant
//! hnsw/read_view/search.rs:137-161: `graph.search(oversampled_top, ef, …)` with the quantized
//! scorer, then `postprocess_search_result`); rescoring follows as for the scan. Rescoring of
//! prefetched points (`within`) reads the original vectors.

use super::candidates::Candidates;
use super::scan::{ScoringQuery, SearchParams, Strategy};
use super::topk::{Scored, TopK};
use super::strategy::Query;
use crate::collection::quantized::{CodeQuery, Codes};
use crate::collection::{Collection, VectorStore};
use crate::index::hnsw::HnswIndex;

/// The codes to search with, when Qdrant's rules use them for this request.
pub(super) fn pick<'c>(coll: &'c Collection, p: &SearchParams<'_>) -> Option<&'c Codes> {
    let ignore = p.hnsw.quantization.is_some_and(|q| q.ignore);
    if p.hnsw.exact || ignore || p.within.is_some() {
        return None;
    }
    coll.codes(p.using)
}

/// Candidates to take from the codes for `k` results.
pub(super) fn oversampled(p: &SearchParams<'_>, k: usize) -> usize {
    match p.hnsw.quantization.and_then(|q| q.oversampling) {
        Some(o) if o > 1.0 => {
            let wanted = o * k as f64;
            if wanted >= usize::MAX as f64 { usize::MAX } else { wanted as usize }
        }
        _ => k,
    }
}

/// Whether the candidates are rescored with the original vectors.
pub(super) fn rescores(codes: &Codes, p: &SearchParams<'_>) -> bool {
    p.hnsw.quantization.and_then(|q| q.rescore).unwrap_or_else(|| codes.default_rescore())
}

/// Every example of `query` encoded for `codes`, once per search.
pub(super) fn encode(codes: &Codes, query: &ScoringQuery) -> Vec<CodeQuery> {
    query.bounds.windows(2).map(|w| codes.query(query.examples.get(w[0]..w[1]).unwrap_or(&[]))).collect()
}

/// The best `k` rows by code score (internal scale), best first. `cands` is the payload
/// index's list for the filter, if it made one; `gate` checks exclusion and filter.
pub(super) fn scan(
    codes: &Codes,
    store: &VectorStore,
    query: &ScoringQuery,
    cands: Option<&Candidates>,
    k: usize,
    gate: impl Fn(usize) -> bool,
) -> Vec<Scored> {
    let encoded = encode(codes, query);
    let sim = |i: &usize, off: usize| encoded.get(*i).map_or(f32::NEG_INFINITY, |q| codes.score(q, off));
    let score = |off: usize| match &query.strategy {
        Strategy::Nearest(q) => sim(&q.vector, off),
        Strategy::BestScore(q) => q.score_by(|i| sim(i, off)),
        Strategy::SumScores(q) => q.score_by(|i| sim(i, off)),
        Strategy::Discover(q) => q.score_by(|i| sim(i, off)),
        Strategy::Context(q) => q.score_by(|i| sim(i, off)),
        Strategy::Feedback(q) => q.score_by(|i| sim(i, off)),
    };
    let mut top = TopK::new(k);
    let mut bar = top.threshold();
    let mut visit = |off: usize| {
        let s = score(off);
        if s > bar && gate(off) {
            top.push(s, off as u32);
            bar = top.threshold();
        }
    };
    match cands {
        Some(Candidates::Offsets(list)) => list.iter().map(|&o| o as usize).filter(|&o| store.has(o)).for_each(&mut visit),
        Some(Candidates::None) => {}
        None | Some(Candidates::All) => (0..store.present().len()).filter(|&o| store.has(o)).for_each(&mut visit),
    }
    top.into_sorted()
}

/// Where the code-scored candidates come from: the graph walk, or the scan of the payload
/// index's candidate list (`None`: every row) with `gate` checking exclusion and filter.
pub(super) enum Source<'a, G: Fn(usize) -> bool> {
    Graph(&'a HnswIndex),
    Scan(Option<&'a Candidates>, G),
}

/// Search through `codes`: oversampled candidates from the codes, rescored with the original
/// vectors when asked, then Qdrant's post-processing (`scan::finish`).
pub(super) fn search<G: Fn(usize) -> bool>(
    coll: &Collection,
    codes: &Codes,
    store: &VectorStore,
    query: &ScoringQuery,
    p: &SearchParams<'_>,
    k: usize,
    source: Source<'_, G>,
) -> crate::error::Result<Vec<Scored>> {
    let wanted = oversampled(p, k).min(coll.len());
    let mut found = match source {
        Source::Graph(index) => super::graph::search_codes(coll, index, store, codes, query, p, wanted),
        Source::Scan(cands, gate) => scan(codes, store, query, cands, wanted, gate),
    };
    if !rescores(codes, p) {
        found.truncate(k);
        return Ok(super::scan::finish(found, store.params.distance, query.is_nearest(), p));
    }
    let mut list: Vec<u32> = found.iter().map(|s| s.offset).collect();
    list.sort_unstable();
    let hnsw = super::graph::GraphParams { exact: true, ..p.hnsw };
    super::scan::search(coll, query, &SearchParams { within: Some(&list), hnsw, ..p.clone() })
}
