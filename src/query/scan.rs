//! Exact search: run one strategy over every live row of one named vector.

use super::strategy::{BestScore, Context, Discover, Nearest, Query, SumScores};
use super::topk::{Scored, TopK};
use crate::collection::{Collection, VectorStore};
use crate::distance::Distance;
use crate::error::Result;
use crate::filter::Filter;
use crate::point_id::PointId;
use std::collections::HashSet;

/// A query ready to score: example vectors already checked and preprocessed.
#[derive(Debug, Clone)]
pub enum ScoringQuery {
    Nearest(Nearest<Vec<f32>>),
    BestScore(BestScore<Vec<f32>>),
    SumScores(SumScores<Vec<f32>>),
    Discover(Discover<Vec<f32>>),
    Context(Context<Vec<f32>>),
}

/// Everything around the scoring: which vector, which points, how many.
#[derive(Debug, Clone, Default)]
pub struct SearchParams<'a> {
    /// Vector name (`""` = unnamed).
    pub using: &'a str,
    pub filter: Option<&'a Filter>,
    /// Ids never returned (the query's own id examples).
    pub exclude: HashSet<PointId>,
    pub limit: usize,
    pub offset: usize,
    pub score_threshold: Option<f32>,
}

/// Runs `query` and returns `(reported score, offset)` pairs, best first.
///
/// Order of operations follows Qdrant (local_shard/search.rs:155-178, collection/search.rs:
/// 320-329): top `limit + offset` by internal score; nearest scores post-processed (Euclid →
/// distance); `score_threshold` applied as a take-while in the *distance's* direction for every
/// query type (the Euclid/Manhattan quirk for custom scores is deliberate); then `offset` skipped.
pub fn search(coll: &Collection, query: &ScoringQuery, p: &SearchParams<'_>) -> Result<Vec<Scored>> {
    let store = coll.store(p.using)?;
    let distance = store.params.distance;
    let k = p.limit.saturating_add(p.offset).min(coll.len());
    let mut top = TopK::new(k);
    let excluded: HashSet<u32> = p.exclude.iter().filter_map(|id| coll.offset_of(id)).collect();
    let accept = |off: usize| {
        !excluded.contains(&(off as u32)) && p.filter.is_none_or(|f| f.check(&coll.point(off as u32)))
    };
    match query {
        ScoringQuery::Nearest(q) => scan(coll, store, q, accept, &mut top),
        ScoringQuery::BestScore(q) => scan(coll, store, q, accept, &mut top),
        ScoringQuery::SumScores(q) => scan(coll, store, q, accept, &mut top),
        ScoringQuery::Discover(q) => scan(coll, store, q, accept, &mut top),
        ScoringQuery::Context(q) => scan(coll, store, q, accept, &mut top),
    }
    let is_nearest = matches!(query, ScoringQuery::Nearest(_));
    Ok(finish(top.into_sorted(), distance, is_nearest, p))
}

/// Scores every live row that has the vector and passes `accept`.
fn scan<Q: Query<Vec<f32>>>(
    coll: &Collection,
    store: &VectorStore,
    query: &Q,
    accept: impl Fn(usize) -> bool,
    top: &mut TopK,
) {
    let dim = store.dim();
    let distance = store.params.distance;
    let raw = store.raw();
    for off in 0..coll.capacity_rows() {
        if !store.has(off) || !coll.is_alive(off) || !accept(off) {
            continue;
        }
        let row = &raw[off * dim..off * dim + dim];
        let score = query.score_by(|e| distance.similarity(e, row));
        top.push(score, off as u32);
    }
}

fn finish(sorted: Vec<Scored>, distance: Distance, is_nearest: bool, p: &SearchParams<'_>) -> Vec<Scored> {
    sorted
        .into_iter()
        .map(|s| Scored { score: if is_nearest { distance.postprocess(s.score) } else { s.score }, ..s })
        .take_while(|s| p.score_threshold.is_none_or(|t| distance.passes_threshold(s.score, t)))
        .skip(p.offset)
        .take(p.limit)
        .collect()
}

/// Checks `filter` against a point; a convenience for scroll and count.
pub fn matches(coll: &Collection, filter: Option<&Filter>, offset: u32) -> bool {
    filter.is_none_or(|f| f.check(&coll.point(offset)))
}

