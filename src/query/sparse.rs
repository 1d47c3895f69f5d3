//! Queries over a sparse vector: nearest through the inverted index, and the example strategies
//! (recommend, discover, context) folded over sparse similarities. Examples are prepared by
//! [`prepare_query`] (sorted, IDF applied to each: Qdrant transforms every vector of the query,
//! read_view/search.rs `search`).

use super::feedback::{Feedback, NaiveCoefficients};
use super::scan::Strategy;
use super::strategy::{BestScore, Context, ContextPair, Discover, Nearest, Query, SumScores};
use super::topk::{Scored, TopK};
use crate::collection::Collection;
use crate::distance::Distance;
use crate::error::Result;
use crate::index::sparse::{search as index_search, search_plain, similarity, SparseQuery};

/// A sparse query ready to score: a strategy over indices into `examples`.
#[derive(Debug, Clone)]
pub struct SparseScoring {
    pub strategy: Strategy,
    pub examples: Vec<SparseQuery>,
}

impl SparseScoring {
    pub fn nearest(v: SparseQuery) -> Self {
        SparseScoring { strategy: Strategy::Nearest(Nearest { vector: 0 }), examples: vec![v] }
    }
    pub fn best_score(positives: Vec<SparseQuery>, negatives: Vec<SparseQuery>) -> Self {
        let (p, n) = (positives.len(), negatives.len());
        let strategy = Strategy::BestScore(BestScore { positives: (0..p).collect(), negatives: (p..p + n).collect() });
        SparseScoring { strategy, examples: positives.into_iter().chain(negatives).collect() }
    }
    pub fn sum_scores(positives: Vec<SparseQuery>, negatives: Vec<SparseQuery>) -> Self {
        let (p, n) = (positives.len(), negatives.len());
        let strategy = Strategy::SumScores(SumScores { positives: (0..p).collect(), negatives: (p..p + n).collect() });
        SparseScoring { strategy, examples: positives.into_iter().chain(negatives).collect() }
    }
    pub fn discover(target: SparseQuery, pairs: Vec<ContextPair<SparseQuery>>) -> Self {
        let mut examples = vec![target];
        let pairs = flatten_pairs(pairs, &mut examples);
        SparseScoring { strategy: Strategy::Discover(Discover { target: 0, pairs }), examples }
    }
    pub fn context(pairs: Vec<ContextPair<SparseQuery>>) -> Self {
        let mut examples = Vec::new();
        let pairs = flatten_pairs(pairs, &mut examples);
        SparseScoring { strategy: Strategy::Context(Context { pairs }), examples }
    }
    /// Naive relevance feedback: the target is example 0, the feedback examples follow.
    pub fn feedback(target: SparseQuery, items: Vec<(SparseQuery, f32)>, k: NaiveCoefficients) -> Self {
        let indexed: Vec<(usize, f32)> = items.iter().enumerate().map(|(i, (_, score))| (i + 1, *score)).collect();
        let strategy = Strategy::Feedback(Feedback::naive(0, &indexed, k));
        SparseScoring { strategy, examples: std::iter::once(target).chain(items.into_iter().map(|(v, _)| v)).collect() }
    }
}

fn flatten_pairs(pairs: Vec<ContextPair<SparseQuery>>, examples: &mut Vec<SparseQuery>) -> Vec<ContextPair<usize>> {
    pairs
        .into_iter()
        .map(|p| {
            examples.push(p.positive);
            examples.push(p.negative);
            ContextPair { positive: examples.len() - 2, negative: examples.len() - 1 }
        })
        .collect()
}

/// Where a sparse search looks and what it keeps.
#[derive(Debug)]
pub struct SparseSearch<'a, G: Fn(u32) -> bool> {
    pub using: &'a str,
    /// Live, filter and exclusion check.
    pub gate: G,
    /// Only these offsets (a rescoring of prefetched points), else every point.
    pub within: Option<&'a [u32]>,
    pub limit: usize,
    pub score_threshold: Option<f32>,
}

/// Runs `q`, best first. Sparse vectors score as Dot: the threshold keeps `score > t`.
pub fn search<G: Fn(u32) -> bool>(coll: &Collection, q: &SparseScoring, s: &SparseSearch<'_, G>) -> Result<Vec<Scored>> {
    let mut top = TopK::new(s.limit.min(coll.len()));
    match (&q.strategy, s.within) {
        (Strategy::Nearest(_), None) => index_search(coll, s.using, &q.examples[0], &s.gate, &mut top)?,
        (Strategy::Nearest(_), Some(list)) => {
            search_plain(coll, s.using, &q.examples[0], list.iter().copied().filter(|&o| (s.gate)(o)), &mut top)?
        }
        (strategy, within) => custom(coll, q, strategy, within, s, &mut top)?,
    }
    let threshold = s.score_threshold;
    Ok(top.into_sorted().into_iter().take_while(|h| threshold.map_or(true, |t| Distance::Dot.passes_threshold(h.score, t))).collect())
}

/// Every point having the vector (or every candidate) is scored: an example sharing no index
/// contributes similarity 0.0 (sparse_custom_query_scorer.rs).
fn custom<G: Fn(u32) -> bool>(
    coll: &Collection,
    q: &SparseScoring,
    strategy: &Strategy,
    within: Option<&[u32]>,
    s: &SparseSearch<'_, G>,
    top: &mut TopK,
) -> Result<()> {
    let store = coll.sparse_store(s.using)?;
    let mut visit = |off: usize| {
        let Some(stored) = store.get(off).filter(|_| coll.is_alive(off) && (s.gate)(off as u32)) else { return };
        let sim = |&i: &usize| similarity(&q.examples[i].vector, stored);
        let score = match strategy {
            Strategy::Nearest(x) => x.score_by(sim),
            Strategy::BestScore(x) => x.score_by(sim),
            Strategy::SumScores(x) => x.score_by(sim),
            Strategy::Discover(x) => x.score_by(sim),
            Strategy::Context(x) => x.score_by(sim),
            Strategy::Feedback(x) => x.score_by(sim),
        };
        top.push(score, off as u32);
    };
    match within {
        Some(list) => list.iter().for_each(|&o| visit(o as usize)),
        None => store.iter().for_each(|(off, _)| visit(off)),
    }
    Ok(())
}
