//! Maximal marginal relevance: `{"nearest": v, "mmr": {"diversity", "candidates_limit"}}`
//! (lib/shard/src/query/mmr/mod.rs, v1.19.0).
//!
//! The candidates (a nearest search limited to `candidates_limit`) are re-ranked greedily: first
//! the most relevant, then each time the candidate maximising
//! `λ · sim(query, c) − (1 − λ) · max sim(c, selected)`, with `λ = 1 − diversity`. Similarities
//! are the distance's internal ones (Euclid −Σd², Manhattan −Σ|d|, Cosine over normalised
//! vectors). Returned points keep their nearest score. Ties go to the candidate seen last in
//! the server's candidate order, which is reproduced: the remaining set is a list with
//! swap-removal, as `IndexSet::swap_remove` behaves.

use super::topk::Scored;
use crate::collection::Collection;
use crate::distance::Distance;
use std::borrow::Cow;
use crate::error::Result;

/// `diversity` when not given (`DEFAULT_MMR_LAMBDA = 0.5`).
pub const DEFAULT_DIVERSITY: f32 = 0.5;

/// An MMR re-ranking over the named vector `using`.
#[derive(Debug, Clone)]
pub struct Mmr {
    pub using: String,
    /// The query vector, prepared for the storage (preprocessed, rounded to its element
    /// type): the candidates' nearest search uses it.
    pub vector: Vec<f32>,
    /// The query vector preprocessed as float32, whatever the storage's element type: MMR's
    /// own similarities are computed in f32 (see [`select`]). Equal to `vector` for f32.
    pub query_f32: Vec<f32>,
    /// `1 − diversity`.
    pub lambda: f32,
    /// How many nearest points are re-ranked (the request's `limit` by default).
    pub candidates_limit: usize,
}

/// Selects up to `limit` of `candidates` (best first by nearest score) by MMR.
pub fn select(coll: &Collection, mmr: &Mmr, candidates: Vec<Scored>, limit: usize) -> Result<Vec<Scored>> {
    // A multivector compares by MaxSim, the candidate's rows as the query
    // (lib/shard/src/query/mmr/lazy_matrix.rs `compute_similarity`).
    let (distance, multi) = match coll.multi_store(&mmr.using) {
        Some(m) => (m.params.distance, Some(m.dim())),
        None => (coll.store(&mmr.using)?.params.distance, None),
    };
    let sim = |a: &[f32], b: &[f32]| multi.map_or_else(|| distance.similarity(a, b), |d| super::multi::max_sim(distance, d, a, b));
    let (hits, rows): (Vec<Scored>, Vec<Cow<'_, [f32]>>) =
        candidates.into_iter().filter_map(|h| Some((h, coll.point(h.offset).vector(&mmr.using)?))).unzip();
    if hits.len() < 2 || limit == 0 {
        return Ok(if limit == 0 { Vec::new() } else { hits });
    }
    // Each candidate is also a query: Qdrant scores MMR in a float32 volatile storage holding
    // the candidates as read back (widened from float16/uint8), each query preprocessed by the
    // f32 metric (mmr/mod.rs `create_volatile_storage`, lazy_matrix.rs `QueryVector::Nearest`).
    // For f32 storage that normalisation is a no-op on already unit vectors.
    let dim = multi.unwrap_or(mmr_dim(&rows));
    let queries: Vec<Cow<'_, [f32]>> = rows.iter().map(|r| f32_query(distance, dim, r)).collect();
    let relevance: Vec<f32> = rows.iter().map(|r| sim(&mmr.query_f32, r)).collect();
    let mut remaining: Vec<usize> = (0..hits.len()).collect();
    let mut closest = vec![f32::NEG_INFINITY; hits.len()];
    let mut selected = Vec::with_capacity(limit.min(hits.len()));
    let mut pick = last_max(&remaining, |i| relevance[i]);
    while let Some(at) = pick {
        let chosen = remaining.swap_remove(at);
        selected.push(hits[chosen]);
        if selected.len() >= limit {
            break;
        }
        for &i in &remaining {
            closest[i] = closest[i].max(sim(&queries[i], &rows[chosen]));
        }
        pick = last_max(&remaining, |i| mmr.lambda * relevance[i] - (1.0 - mmr.lambda) * closest[i]);
    }
    Ok(selected)
}

/// A stored vector as an f32 query: Cosine rows normalised (`cosine_preprocess`), other
/// distances unchanged (borrowed).
fn f32_query<'a>(distance: Distance, dim: usize, row: &'a Cow<'a, [f32]>) -> Cow<'a, [f32]> {
    if distance != Distance::Cosine {
        return Cow::Borrowed(row.as_ref());
    }
    let mut q = row.to_vec();
    q.chunks_exact_mut(dim.max(1)).for_each(|r| distance.preprocess(r));
    Cow::Owned(q)
}

/// The length of a dense candidate (all have the vector's size).
fn mmr_dim(rows: &[Cow<'_, [f32]>]) -> usize {
    rows.first().map_or(1, |r| r.len())
}

/// Position in `items` of the largest key, the last one among equals (`Iterator::max_by_key`).
fn last_max(items: &[usize], key: impl Fn(usize) -> f32) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (pos, &i) in items.iter().enumerate() {
        let k = key(i);
        if best.map_or(true, |(_, b)| k >= b) {
            best = Some((pos, k));
        }
    }
    best.map(|(pos, _)| pos)
}

#[cfg(test)]
mod tests {
    use super::last_max;

    #[test]
    fn ties_go_to_the_last() {
        assert_eq!(last_max(&[7, 8, 9], |i| if i == 9 { 0.0 } else { 1.0 }), Some(1));
        assert_eq!(last_max(&[], |_| 1.0), None);
    }
}
