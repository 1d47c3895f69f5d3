//! Queries as folds over similarities (Qdrant's `Query::score_by`).
//!
//! A strategy answers one question: given `sim(example)` — the similarity of the candidate to
//! one of the query's example vectors, bigger is better — what is the candidate's score? It
//! never sees storage, metrics or SIMD, so the unit tests below use integer "vectors" and an
//! identity similarity. `average_vector` is not here: it is rewritten into [`Nearest`] before
//! scoring, as Qdrant does (`recommendations.rs`).

/// `fast_sigmoid(x) = x / (1 + |x|)`, range (−1, 1) (lib/common/common/src/math.rs:7-12).
#[inline(always)]
pub fn fast_sigmoid(x: f32) -> f32 {
    x / (1.0 + x.abs())
}

/// `scaled_fast_sigmoid(x) = 0.5 · (fast_sigmoid(x) + 1)`, range (0, 1) (math.rs:14-18).
#[inline(always)]
pub fn scaled_fast_sigmoid(x: f32) -> f32 {
    0.5 * (fast_sigmoid(x) + 1.0)
}

/// A scoring strategy over example vectors of type `V`.
pub trait Query<V> {
    /// The candidate's score, given its similarity to any example.
    fn score_by(&self, sim: impl FnMut(&V) -> f32) -> f32;

    /// `Some(score)` when the score is greater than `threshold` (the top-k's entry bar), else
    /// `None`. Strategies override this to stop asking for similarities once the outcome is
    /// settled; the answer always equals `score_by`'s, compared with `threshold`.
    fn score_above(&self, threshold: f32, sim: impl FnMut(&V) -> f32) -> Option<f32> {
        let s = self.score_by(sim);
        (s > threshold).then_some(s)
    }
}

/// Plain nearest: the similarity to one vector.
#[derive(Debug, Clone)]
pub struct Nearest<V> {
    pub vector: V,
}

impl<V> Query<V> for Nearest<V> {
    #[inline(always)]
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

fn max_sim<V>(xs: &[V], sim: &mut impl FnMut(&V) -> f32) -> f32 {
    let mut max = f32::NEG_INFINITY;
    for x in xs {
        max = max.max(sim(x));
    }
    max
}

impl<V> BestScore<V> {
    fn decide(max_p: f32, max_n: f32) -> f32 {
        if max_p > max_n {
            scaled_fast_sigmoid(max_p)
        } else {
            -scaled_fast_sigmoid(max_n)
        }
    }
}

impl<V> Query<V> for BestScore<V> {
    fn score_by(&self, mut sim: impl FnMut(&V) -> f32) -> f32 {
        let max_p = max_sim(&self.positives, &mut sim);
        Self::decide(max_p, max_sim(&self.negatives, &mut sim))
    }

    /// With a non-negative bar, a candidate whose best positive gives `sigmoid(maxP) ≤ bar`
    /// cannot pass whatever the negatives say (the other branch is negative), so the
    /// negatives are not scored.
    fn score_above(&self, threshold: f32, mut sim: impl FnMut(&V) -> f32) -> Option<f32> {
        let max_p = max_sim(&self.positives, &mut sim);
        if !self.positives.is_empty() && threshold >= 0.0 && scaled_fast_sigmoid(max_p) <= threshold {
            return None;
        }
        let s = Self::decide(max_p, max_sim(&self.negatives, &mut sim));
        (s > threshold).then_some(s)
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

fn pair_rank<V>(p: &ContextPair<V>, sim: &mut impl FnMut(&V) -> f32) -> i32 {
    match sim(&p.positive).total_cmp(&sim(&p.negative)) {
        std::cmp::Ordering::Greater => 1,
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
    }
}

impl<V> Query<V> for Discover<V> {
    fn score_by(&self, mut sim: impl FnMut(&V) -> f32) -> f32 {
        let rank: i32 = self.pairs.iter().map(|p| pair_rank(p, &mut sim)).sum();
        rank as f32 + scaled_fast_sigmoid(sim(&self.target))
    }

    /// The target term first, then pairs while `rank + pairs left + target term` can still
    /// beat the bar (that bound only shrinks as pairs are scored).
    fn score_above(&self, threshold: f32, mut sim: impl FnMut(&V) -> f32) -> Option<f32> {
        let target = scaled_fast_sigmoid(sim(&self.target));
        let mut rank = 0i32;
        for (done, p) in self.pairs.iter().enumerate() {
            let left = (self.pairs.len() - done) as i32;
            if (rank + left) as f32 + target <= threshold {
                return None;
            }
            rank += pair_rank(p, &mut sim);
        }
        let s = rank as f32 + target;
        (s > threshold).then_some(s)
    }
}

/// Context search (context_query.rs:53-62): `Σ fast_sigmoid(min(sim(pos) − sim(neg) − ε, 0))`
/// with `ε = f32::EPSILON`, the margin. Points clearly on the positive side of every pair score
/// exactly 0.0; equal similarity gives ≈ −1.19e-7.
#[derive(Debug, Clone)]
pub struct Context<V> {
    pub pairs: Vec<ContextPair<V>>,
}

fn pair_loss<V>(p: &ContextPair<V>, sim: &mut impl FnMut(&V) -> f32) -> f32 {
    let diff = sim(&p.positive) - sim(&p.negative) - f32::EPSILON;
    fast_sigmoid(diff.min(0.0))
}

impl<V> Query<V> for Context<V> {
    fn score_by(&self, mut sim: impl FnMut(&V) -> f32) -> f32 {
        let mut sum = 0.0f32;
        for p in &self.pairs {
            sum += pair_loss(p, &mut sim);
        }
        sum
    }

    /// Every loss is ≤ 0 and float addition is monotone, so once the running sum is at or
    /// below the bar the final sum is too: the remaining pairs are not scored.
    fn score_above(&self, threshold: f32, mut sim: impl FnMut(&V) -> f32) -> Option<f32> {
        let mut sum = 0.0f32;
        for p in &self.pairs {
            if sum <= threshold {
                return None;
            }
            sum += pair_loss(p, &mut sim);
        }
        (sum > threshold).then_some(sum)
    }
}
