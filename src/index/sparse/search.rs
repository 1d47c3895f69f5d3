//! Scoring with sparse vectors: query preparation (checks, sorting, IDF), search through the
//! inverted index, plain scoring of given candidates, and the similarity of custom queries.
//!
//! Qdrant sources: `lib/sparse/src/index/search_context.rs` (index and plain search),
//! `lib/segment/src/data_types/query_context.rs` (IDF), `lib/segment/src/index/sparse_index/
//! sparse_vector_index/read_view/{search,idf}.rs` (which path runs, IDF statistics),
//! `lib/segment/src/vector_storage/query_scorer/sparse_{metric,custom}_query_scorer.rs`.

use super::vector::{score_sorted, SparseVector};
use super::SparseStore;
use crate::collection::Collection;
use crate::error::Result;
use crate::point_id::PointOffset;
use crate::query::topk::TopK;
use std::collections::HashMap;

/// A query vector ready to score: sorted unique indices, weights already multiplied by IDF
/// when the vector's modifier is `idf`.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseQuery {
    pub vector: SparseVector,
}

/// Qdrant's `fancy_idf` in f32 (query_context.rs:276-280):
/// `ln((n − df + 0.5) / (df + 0.5) + 1)`.
pub fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
}

/// Checks a query (or example) vector for sparse vector `name` — lengths, unique indices
/// (a 422 naming `values` / `indices`), the name (unknown: "Not existing vector name"; dense:
/// "Conversion between sparse and regular vectors failed") — sorts it, and with
/// `modifier: idf` multiplies each weight by [`idf`] (query_context.rs:282-300). `N` is the number of points whose vector has at least
/// one entry (the inverted index's `vector_count`, idf.rs:65-80: empty vectors are not indexed)
/// and `df` the number of those having the index; an index no point has gets `df = 0`.
pub fn prepare_query(coll: &Collection, name: &str, query: SparseVector) -> Result<SparseQuery> {
    query.check("")?;
    let store = coll.sparse_store(name)?;
    let mut vector = query.into_checked("")?;
    if coll.sparse_params(name)?.uses_idf() {
        let n = store.indexed();
        for (w, &dim) in vector.values.iter_mut().zip(&vector.indices) {
            *w *= idf(n, store.df(dim));
        }
    }
    Ok(SparseQuery { vector })
}

/// Nearest search through the inverted index (Qdrant `SearchContext::search`): only the query's
/// posting lists are read; each point's score is the sum of `query weight × stored weight` over
/// the indices it shares with the query (summed in ascending index order). A point sharing no
/// index is not a result, and neither is one whose sum is exactly 0.0 (`advance_batch` publishes
/// "only the non-zero scores", search_context.rs:170-172). `gate(offset)` is checked for every
/// scored point (live, filter). An empty query finds nothing (read_view/search.rs:266-268).
///
/// Qdrant runs this path without a filter, or with one whose cardinality is at least the
/// index's `full_scan_threshold`; below it, it scores the filtered points with
/// [`search_plain`] instead.
pub fn search(coll: &Collection, name: &str, query: &SparseQuery, gate: impl Fn(u32) -> bool, top: &mut TopK) -> Result<()> {
    let store = coll.sparse_store(name)?;
    let q = &query.vector;
    let total: usize = q.indices.iter().map(|&d| store.df(d)).sum();
    let push = |off: u32, score: f32, top: &mut TopK| {
        if score != 0.0 && coll.is_alive(off as usize) && gate(off) {
            top.push(score, off);
        }
    };
    if total.saturating_mul(16) >= store.rows() {
        let mut scores = vec![0.0f32; store.rows()];
        let mut hit = vec![false; store.rows()];
        accumulate(store, q, |off, s| {
            if let (Some(acc), Some(h)) = (scores.get_mut(off as usize), hit.get_mut(off as usize)) {
                *acc += s;
                *h = true;
            }
        });
        let hits = hit.iter().enumerate().filter(|(_, h)| **h);
        hits.for_each(|(off, _)| push(off as u32, scores[off], top));
    } else {
        let mut scores: HashMap<u32, f32> = HashMap::with_capacity(total);
        accumulate(store, q, |off, s| *scores.entry(off).or_insert(0.0) += s);
        let mut hits: Vec<(u32, f32)> = scores.into_iter().collect();
        hits.sort_unstable_by_key(|&(off, _)| off);
        hits.into_iter().for_each(|(off, s)| push(off, s, top));
    }
    Ok(())
}

/// Adds each posting's contribution, query index by query index.
fn accumulate(store: &SparseStore, q: &SparseVector, mut add: impl FnMut(u32, f32)) {
    for (&dim, &qw) in q.indices.iter().zip(&q.values) {
        for p in store.postings(dim) {
            add(p.offset, qw * p.weight);
        }
    }
}

/// Scores the given candidate offsets (Qdrant `SearchContext::plain_search`, search_context.rs
/// 92-143, used for filtered searches below `full_scan_threshold` and so for rescoring prefetch
/// results, which Qdrant runs as a search filtered to the candidates' ids): a candidate that
/// has no vector or shares no index is skipped; a shared-index sum of 0.0 is kept, unlike
/// [`search`]. Dead offsets are skipped.
pub fn search_plain(coll: &Collection, name: &str, query: &SparseQuery, candidates: impl IntoIterator<Item = u32>, top: &mut TopK) -> Result<()> {
    coll.sparse_store(name)?;
    for off in candidates {
        if let Some(s) = score(coll, name, off, query) {
            top.push(s, off);
        }
    }
    Ok(())
}

/// The score of one live point: `Some(dot over shared indices)`, `None` when the point is dead,
/// has no vector `name`, or shares no index with the query. Qdrant's plain search drops `None`
/// (search_context.rs:122-124); its metric scorer (`score_points` of the raw scorer) counts it
/// as 0.0 (sparse_metric_query_scorer.rs:43) — the caller picks.
pub fn score(coll: &Collection, name: &str, offset: PointOffset, query: &SparseQuery) -> Option<f32> {
    if !coll.is_alive(offset as usize) {
        return None;
    }
    let v = coll.sparse_store(name).ok()?.get(offset as usize)?;
    score_sorted(&query.vector.indices, &query.vector.values, &v.indices, &v.values)
}

/// Similarity of an example (or target, or context member) and a stored vector in recommend
/// `best_score` / `sum_scores`, discover and context queries: the dot over shared indices, 0.0
/// when none is shared (sparse_custom_query_scorer.rs:58-63). Those queries score every point
/// that has the vector, empty or not (read_view/search.rs `search_scored`). Both sorted.
pub fn similarity(example: &SparseVector, stored: &SparseVector) -> f32 {
    example.score(stored).unwrap_or(0.0)
}

/// Recommend `average_vector`: the element-wise mean over the union of indices (Qdrant
/// `avg_vectors`, lib/collection/src/recommendations.rs:34-90: summed with `combine_aggregate`,
/// each new vector on the left, then every value divided by the count). `None` for no vectors.
pub fn average(vectors: &[SparseVector]) -> Option<SparseVector> {
    if vectors.is_empty() {
        return None;
    }
    let mut sum = SparseVector::default();
    for v in vectors {
        sum = v.combine(&sum, |a, b| a + b);
    }
    let count = vectors.len() as f32;
    sum.values.iter_mut().for_each(|x| *x /= count);
    Some(sum)
}

/// Recommend `average_vector` with negatives: `p + p − n` over the union of indices
/// (`merge_positive_and_negative_avg`, recommendations.rs:92-116).
pub fn merge_positive_negative(positive: &SparseVector, negative: &SparseVector) -> SparseVector {
    positive.combine(negative, |p, n| p + p - n)
}
