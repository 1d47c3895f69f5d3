//! Relevance feedback with the naive strategy (lib/segment/src/vector_storage/query/
//! feedback_query.rs, v1.19.0): the target's similarity plus, for every pair of feedback
//! examples whose feedback scores differ, a weighted pull towards the better-scored one.
//!
//! ```text
//! score = a · sim(target) + Σ_pairs w · (sim(positive) − sim(negative))
//! w     = (score_pos − score_neg)^b · c          for every ordered pair with score_pos − score_neg > 0
//! ```
//!
//! `sim` is the internal similarity (bigger is better: Euclid −Σ(q−v)²), as everywhere else in
//! `query/`; the score is not post-processed.

use super::strategy::Query;

/// The naive strategy's trained coefficients (`NaiveFeedbackCoefficients`). `b ≥ 0` is checked
/// by the REST layer (schema.rs `NaiveFeedbackStrategyParams`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NaiveCoefficients {
    pub a: f32,
    pub b: f32,
    pub c: f32,
}

/// One ordered pair of feedback examples (indices into [`Feedback::items`]) with its
/// precomputed weight `confidence^b · c`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeedbackPair {
    pub positive: usize,
    pub negative: usize,
    pub weight: f32,
}

/// The scoring form of a naive relevance feedback query (`FeedbackQuery`).
#[derive(Debug, Clone)]
pub struct Feedback<V> {
    pub target: V,
    /// The coefficient of the target's similarity.
    pub a: f32,
    /// The feedback examples that are part of some pair (others cannot change a score).
    pub items: Vec<V>,
    pub pairs: Vec<FeedbackPair>,
}

/// Up to this many items, each item's similarity is computed once per candidate and reused by
/// every pair it is part of (the values, hence the sums, are the server's).
const CACHED_ITEMS: usize = 16;

impl<V: Clone> Feedback<V> {
    /// Builds the pairs as `extract_context_pairs` does (feedback_query.rs:111-140): every
    /// ordered pair `(i, j)`, `i ≠ j`, in lexicographic index order (`permutations(2)`), kept
    /// when `score_i − score_j > 0` (margin 0.0), weighted `(score_i − score_j)^b · c`. Fewer
    /// than two items make no pairs; equal scores make none either.
    pub fn naive(target: V, items: &[(V, f32)], k: NaiveCoefficients) -> Self {
        let mut kept: Vec<Option<usize>> = vec![None; items.len()];
        let mut used = Vec::new();
        let mut slot = |i: usize| *kept[i].get_or_insert_with(|| {
            used.push(items[i].0.clone());
            used.len() - 1
        });
        let mut pairs = Vec::new();
        for (i, (_, pos_score)) in items.iter().enumerate() {
            for (j, (_, neg_score)) in items.iter().enumerate() {
                let confidence = pos_score - neg_score;
                if i == j || confidence <= 0.0 {
                    continue;
                }
                let weight = confidence.powf(k.b) * k.c;
                pairs.push(FeedbackPair { positive: slot(i), negative: slot(j), weight });
            }
        }
        Feedback { target, a: k.a, items: used, pairs }
    }
}

impl<V> Query<V> for Feedback<V> {
    /// `a · sim(target)`, then each pair's `w · (sim(pos) − sim(neg))` added in pair order
    /// (feedback_query.rs:195-227), so the f32 rounding is the server's.
    fn score_by(&self, mut sim: impl FnMut(&V) -> f32) -> f32 {
        let mut score = self.a * sim(&self.target);
        if self.items.len() <= CACHED_ITEMS {
            let mut sims = [0.0f32; CACHED_ITEMS];
            for (s, item) in sims.iter_mut().zip(&self.items) {
                *s = sim(item);
            }
            for p in &self.pairs {
                score += p.weight * (sims[p.positive] - sims[p.negative]);
            }
            return score;
        }
        for p in &self.pairs {
            let delta = sim(&self.items[p.positive]) - sim(&self.items[p.negative]);
            score += p.weight * delta;
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(x: &f32) -> f32 {
        *x
    }

    const K: NaiveCoefficients = NaiveCoefficients { a: 2.0, b: 1.0, c: 0.5 };

    #[test]
    fn one_item_or_equal_scores_leave_only_the_target_term() {
        assert_eq!(Feedback::naive(0.25f32, &[(9.0, 1.0)], K).score_by(id), 0.5);
        let equal = Feedback::naive(0.25f32, &[(9.0, 0.3), (-9.0, 0.3)], K);
        assert!(equal.pairs.is_empty());
        assert_eq!(equal.score_by(id), 0.5);
    }

    #[test]
    fn pairs_are_ordered_permutations_with_positive_confidence() {
        // Scores 0.1, 0.9, 0.5: kept (1,0) (1,2) (2,0) in permutation order.
        let q = Feedback::naive(0.0f32, &[(10.0, 0.1), (20.0, 0.9), (30.0, 0.5)], K);
        let got: Vec<(f32, f32)> = q.pairs.iter().map(|p| (q.items[p.positive], q.items[p.negative])).collect();
        assert_eq!(got, vec![(20.0, 10.0), (20.0, 30.0), (30.0, 10.0)]);
        assert_eq!(q.pairs[0].weight, (0.9f32 - 0.1).powf(1.0) * 0.5);
    }

    #[test]
    fn items_in_no_pair_are_dropped() {
        let q = Feedback::naive(0.0f32, &[(1.0, 0.5), (2.0, 0.5), (3.0, 0.9)], K);
        assert_eq!(q.items, vec![3.0, 1.0, 2.0]);
        let none = Feedback::naive(0.0f32, &[(1.0, 0.5), (2.0, 0.5)], K);
        assert!(none.items.is_empty() && none.pairs.is_empty());
    }

    /// Beyond the cached item count the similarities are asked per pair: the same score.
    #[test]
    fn many_items_score_like_few() {
        let items: Vec<(f32, f32)> = (0..20).map(|i| (i as f32 * 0.37 - 3.0, (i * 7 % 11) as f32)).collect();
        let q = Feedback::naive(0.3f32, &items, K);
        assert!(q.items.len() > CACHED_ITEMS);
        let mut expect = K.a * 0.3;
        for (i, (pv, ps)) in items.iter().enumerate() {
            for (j, (nv, ns)) in items.iter().enumerate() {
                if i != j && ps - ns > 0.0 {
                    expect += (ps - ns).powf(K.b) * K.c * (pv - nv);
                }
            }
        }
        assert_eq!(q.score_by(id), expect);
    }

    #[test]
    fn the_formula_by_hand() {
        // a=1, b=2, c=3; items (sim 0.2, score 1), (sim 0.6, score 0): one pair, weight 1²·3 = 3.
        let k = NaiveCoefficients { a: 1.0, b: 2.0, c: 3.0 };
        let q = Feedback::naive(0.5f32, &[(0.2, 1.0), (0.6, 0.0)], k);
        assert_eq!(q.score_by(id), 0.5 + 3.0 * (0.2 - 0.6));
    }

    #[test]
    fn b_zero_weighs_every_kept_pair_by_c() {
        let k = NaiveCoefficients { a: 0.0, b: 0.0, c: 1.5 };
        let q = Feedback::naive(0.0f32, &[(1.0, 5.0), (0.0, 0.0), (2.0, 1.0)], k);
        assert!(q.pairs.iter().all(|p| p.weight == 1.5));
        assert_eq!(q.pairs.len(), 3);
    }

    #[test]
    fn extreme_scores_give_infinite_weights_not_a_panic() {
        let q = Feedback::naive(0.0f32, &[(1.0, f32::MAX), (0.0, -f32::MAX)], K);
        assert_eq!(q.pairs[0].weight, f32::INFINITY);
        assert_eq!(q.score_by(id), f32::INFINITY);
    }
}
