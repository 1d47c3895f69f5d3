//! Queries as folds over similarities (Qdrant's `Query::score_by`).
//!
//! A strategy answers one question: given `sim(example)` — the similarity of the candidate to
//! one of the query's example vectors, bigger is better — what is the candidate's score? It
//! never sees storage, metrics or SIMD, so the unit tests below use integer "vectors" and an
//! identity similarity. `average_vector` is not here: it is rewritten into [`Nearest`] before
//! scoring, as Qdrant does (`recommendations.rs`).

/// `fast_sigmoid(x) = x / (1 + |x|)`, range (−1, 1) (lib/common/common/src/math.rs:7-12).
#[inline]
pub fn fast_sigmoid(x: f32) -> f32 {
    x / (1.0 + x.abs())
}

/// `scaled_fast_sigmoid(x) = 0.5 · (fast_sigmoid(x) + 1)`, range (0, 1) (math.rs:14-18).
#[inline]
pub fn scaled_fast_sigmoid(x: f32) -> f32 {
    0.5 * (fast_sigmoid(x) + 1.0)
}

/// A scoring strategy over example vectors of type `V`.
pub trait Query<V> {
    /// The candidate's score, given its similarity to any example.
    fn score_by(&self, sim: impl FnMut(&V) -> f32) -> f32;
}

/// Plain nearest: the similarity to one vector.
#[derive(Debug, Clone)]
pub struct Nearest<V> {
    pub vector: V,
}

impl<V> Query<V> for Nearest<V> {
    #[inline]
    fn score_by(&self, mut sim: impl FnMut(&V) -> f32) -> f32 {
        sim(&self.vector)
    }
}

/// Recommend `best_score` (reco_query.rs:63-89).
///
/// `maxP = max sim(p)` (−∞ without positives), `maxN` likewise. If `maxP > maxN` (strict) the
/// score is `scaled_fast_sigmoid(maxP)` ∈ (0, 1); otherwise — ties included, and always when
/// there are no positives — `−scaled_fast_sigmoid(maxN)` ∈ (−1, 0). Any point closer to a
/// positive outranks every point closer to a negative.
#[derive(Debug, Clone)]
pub struct BestScore<V> {
    pub positives: Vec<V>,
    pub negatives: Vec<V>,
}

impl<V> Query<V> for BestScore<V> {
    fn score_by(&self, mut sim: impl FnMut(&V) -> f32) -> f32 {
        let mut max_p = f32::NEG_INFINITY;
        for p in &self.positives {
            max_p = max_p.max(sim(p));
        }
        let mut max_n = f32::NEG_INFINITY;
        for n in &self.negatives {
            max_n = max_n.max(sim(n));
        }
        if max_p > max_n {
            scaled_fast_sigmoid(max_p)
        } else {
            -scaled_fast_sigmoid(max_n)
        }
    }
}

/// Recommend `sum_scores` (reco_query.rs:115-132): `Σ sim(p) − Σ sim(n)`, no sigmoid.
#[derive(Debug, Clone)]
pub struct SumScores<V> {
    pub positives: Vec<V>,
    pub negatives: Vec<V>,
}

impl<V> Query<V> for SumScores<V> {
    fn score_by(&self, mut sim: impl FnMut(&V) -> f32) -> f32 {
        let pos: f32 = self.positives.iter().map(&mut sim).sum();
        let neg: f32 = self.negatives.iter().map(&mut sim).sum();
        pos - neg
    }
}

/// A (positive, negative) example pair of discover and context queries.
#[derive(Debug, Clone)]
pub struct ContextPair<V> {
    pub positive: V,
    pub negative: V,
}

/// Discover (discover_query.rs:16-73): `rank + scaled_fast_sigmoid(sim(target))`, where each
/// pair adds +1 if `sim(pos) > sim(neg)`, −1 if less, 0 if equal under `total_cmp` (so
/// −0.0 < +0.0). The integer part is the context rank, the fraction comes from the target.
#[derive(Debug, Clone)]
pub struct Discover<V> {
    pub target: V,
    pub pairs: Vec<ContextPair<V>>,
}

impl<V> Query<V> for Discover<V> {
    fn score_by(&self, mut sim: impl FnMut(&V) -> f32) -> f32 {
        let rank: i32 = self
            .pairs
            .iter()
            .map(|p| match sim(&p.positive).total_cmp(&sim(&p.negative)) {
                std::cmp::Ordering::Greater => 1,
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
            })
            .sum();
        rank as f32 + scaled_fast_sigmoid(sim(&self.target))
    }
}

/// Context search (context_query.rs:53-62): `Σ fast_sigmoid(min(sim(pos) − sim(neg) − ε, 0))`
/// with `ε = f32::EPSILON`, the margin. Points clearly on the positive side of every pair score
/// exactly 0.0; equal similarity gives ≈ −1.19e-7.
#[derive(Debug, Clone)]
pub struct Context<V> {
    pub pairs: Vec<ContextPair<V>>,
}

impl<V> Query<V> for Context<V> {
    fn score_by(&self, mut sim: impl FnMut(&V) -> f32) -> f32 {
        self.pairs
            .iter()
            .map(|p| {
                let diff = sim(&p.positive) - sim(&p.negative) - f32::EPSILON;
                fast_sigmoid(diff.min(0.0))
            })
            .sum()
    }
}
