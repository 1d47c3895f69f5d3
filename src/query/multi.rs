//! Exact search over a multivector: every strategy of [`ScoringQuery`] with MaxSim as the
//! similarity of an example to a point.
//!
//! MaxSim (lib/segment/src/vector_storage/query_scorer/mod.rs:77-97 `score_max_similarity`):
//! `Σ over the example's rows q of max over the point's rows p of sim(q, p)`, with the
//! distance's internal similarity (Euclid `−Σ(q−p)²`, Manhattan `−Σ|q−p|`). Custom strategies
//! (recommend, discover, context) fold MaxSims exactly as they fold dense similarities
//! (`multi_custom_query_scorer.rs`). Nearest scores are then post-processed per distance like
//! dense ones (collection/src/shards/local_shard/search.rs:150-165: Euclid → `sqrt(|sum|)`,
//! Manhattan → `|sum|`), and the threshold is applied in the distance's direction.

use super::scan::{finish, ScoringQuery, SearchParams, Strategy};
use super::strategy::Query;
use super::topk::{Scored, TopK};
use super::typed::{self, Element};
use crate::collection::multi::MultiStore;
use crate::collection::Datatype;
use crate::collection::Collection;
use crate::distance::Distance;

/// Runs `query` over the multivector `store` and returns `(reported score, offset)` pairs,
/// best first, with the filter, exclusions, `within`, threshold, limit and offset of `p`
/// applied as the dense scan does.
pub(super) fn search(coll: &Collection, store: &MultiStore, query: &ScoringQuery, p: &SearchParams<'_>) -> Vec<Scored> {
    match store.params.datatype() {
        Datatype::Float16 => search_typed::<u16>(coll, store, query, p),
        Datatype::Uint8 => search_typed::<u8>(coll, store, query, p),
        Datatype::Float32 | Datatype::Turbo4 => search_typed::<f32>(coll, store, query, p),
    }
}

/// [`search`] over rows of element type `T`: each example's rows encoded once
/// (`MultiMetricQueryScorer::new` preprocesses and converts the query rows).
fn search_typed<T: Element>(coll: &Collection, store: &MultiStore, query: &ScoringQuery, p: &SearchParams<'_>) -> Vec<Scored> {
    let (dim, distance) = (store.dim(), store.params.distance);
    let k = p.limit.saturating_add(p.offset).min(p.within.map_or(coll.len(), <[u32]>::len));
    let mut top = TopK::new(k);
    let probes: Vec<Vec<T::Probe>> = query
        .bounds
        .windows(2)
        .map(|w| query.examples.get(w[0]..w[1]).unwrap_or(&[]).chunks_exact(dim.max(1)).map(T::probe).collect())
        .collect();
    let kernel = T::kernel(distance);
    let mut visit = |off: usize| {
        let Some(rows) = store.get(off).and_then(T::slice).filter(|_| coll.is_alive(off)) else { return };
        if p.exclude.is_some_and(|ex| ex.contains(&(off as u32))) || p.filter.is_some_and(|f| !f.check(&coll.point(off as u32))) {
            return;
        }
        let score = score(&query.strategy, |&i| probes.get(i).map_or(0.0, |q| typed::max_sim(kernel, dim, q, rows)));
        top.push(score, off as u32);
    };
    match p.within {
        Some(list) => list.iter().for_each(|&o| visit(o as usize)),
        None => (0..store.slots()).for_each(&mut visit),
    }
    finish(top.into_sorted(), distance, query.is_nearest(), p)
}

/// MaxSim of the query rows `q` against the point rows `p` (both `dim`-long rows, concatenated),
/// in f32.
pub fn max_sim(distance: Distance, dim: usize, q: &[f32], p: &[f32]) -> f32 {
    let dim = dim.max(1);
    let mut sum = 0.0f32;
    for q_row in q.chunks_exact(dim) {
        let mut best = f32::NEG_INFINITY;
        for p_row in p.chunks_exact(dim) {
            let sim = distance.similarity(q_row, p_row);
            if sim > best {
                best = sim;
            }
        }
        sum += best;
    }
    sum
}

/// The strategy's score, given the similarity to each example.
fn score(strategy: &Strategy, sim: impl FnMut(&usize) -> f32) -> f32 {
    match strategy {
        Strategy::Nearest(q) => q.score_by(sim),
        Strategy::BestScore(q) => q.score_by(sim),
        Strategy::SumScores(q) => q.score_by(sim),
        Strategy::Discover(q) => q.score_by(sim),
        Strategy::Context(q) => q.score_by(sim),
        Strategy::Feedback(q) => q.score_by(sim),
    }
}

/// Qdrant's `average_vector` over multivectors (collection/src/recommendations.rs:59-70,
/// 121-124): no averaging at all — the positives' rows concatenated, then, with negatives,
/// the negatives' rows concatenated and negated after them.
pub fn average_query(positives: &[Vec<f32>], negatives: &[Vec<f32>]) -> Vec<f32> {
    let mut out = positives.concat();
    out.extend(negatives.iter().flatten().map(|x| -x));
    out
}
