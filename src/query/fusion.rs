//! Fusing the ranked lists of several prefetches into one: reciprocal rank fusion
//! (lib/segment/src/common/reciprocal_rank_fusion.rs) and distribution-based score fusion
//! (lib/segment/src/common/score_fusion.rs), v1.19.0. Each input list is best first; the
//! output is sorted by fused score, descending (ties in no particular order, as Qdrant).

use super::topk::Scored;
use crate::error::{Error, Result};
use std::collections::HashMap;

/// The `k` of `{"fusion": "rrf"}` and of `{"rrf": {}}` without `k` (`DEFAULT_RRF_K`).
pub const DEFAULT_RRF_K: usize = 2;

/// How prefetch results are fused.
#[derive(Debug, Clone, PartialEq)]
pub enum Fusion {
    /// Reciprocal rank fusion; `weights`, when given, one per prefetch.
    Rrf { k: usize, weights: Option<Vec<f32>> },
    /// Distribution-based score fusion.
    Dbsf,
}

/// Fuses `lists`, best first.
pub fn fuse(lists: Vec<Vec<Scored>>, fusion: &Fusion) -> Result<Vec<Scored>> {
    match fusion {
        Fusion::Rrf { k, weights } => rrf(lists, *k, weights.as_deref()),
        Fusion::Dbsf => Ok(dbsf(lists)),
    }
}

/// `1 / ((position + 1) / weight + k − 1)`; with weight 1 the textbook `1 / (position + k)`.
/// A weight ≤ 0 contributes nothing (`position_score`).
fn position_score(position: usize, k: usize, weight: f32) -> f32 {
    if weight <= 0.0 {
        return 0.0;
    }
    1.0 / ((position + 1) as f32 / weight + k as f32 - 1.0)
}

/// Reciprocal rank fusion: only positions matter; a point's contributions are summed in list
/// order. Weights that do not match the prefetches are Qdrant's validation error (400).
fn rrf(lists: Vec<Vec<Scored>>, k: usize, weights: Option<&[f32]>) -> Result<Vec<Scored>> {
    if let Some(w) = weights {
        if w.len() != lists.len() {
            return Err(Error::wrong_input(format!(
                "Number of weights in RRF should match number of pre-fetches: got {}, expected {}",
                w.len(),
                lists.len()
            )));
        }
    }
    let mut fused = Accumulator::default();
    for (i, list) in lists.iter().enumerate() {
        let weight = weights.map_or(1.0, |w| w[i]);
        for (pos, hit) in list.iter().enumerate() {
            fused.add(hit.offset, position_score(pos, k, weight));
        }
    }
    Ok(fused.sorted())
}

/// Distribution-based score fusion: each list's scores are mapped by `(s − (μ − 3σ)) / 6σ`
/// (sample variance, Welford's method); a one-point list scores 0.5, a list of equal scores
/// 0.5 each; the normalised scores are summed per point.
fn dbsf(lists: Vec<Vec<Scored>>) -> Vec<Scored> {
    let mut fused = Accumulator::default();
    for list in &lists {
        for (offset, score) in distribution_normalised(list) {
            fused.add(offset, score);
        }
    }
    fused.sorted()
}

fn distribution_normalised(list: &[Scored]) -> Vec<(u32, f32)> {
    if list.len() < 2 {
        return list.iter().map(|h| (h.offset, 0.5)).collect();
    }
    let (mut mean, mut aggregate) = (0.0f32, 0.0f32);
    for (h, n) in list.iter().zip(1usize..) {
        let old_delta = h.score - mean;
        mean += old_delta / n as f32;
        aggregate += old_delta * (h.score - mean);
    }
    let std_dev = (aggregate / (list.len() as f32 - 1.0)).sqrt();
    let (min, max) = (mean - 3.0 * std_dev, mean + 3.0 * std_dev);
    let normalise = |s: f32| if min == max { 0.5 } else { (s - min) / (max - min) };
    list.iter().map(|h| (h.offset, normalise(h.score))).collect()
}

/// Fused scores by point, in first-seen order.
#[derive(Debug, Default)]
struct Accumulator {
    index: HashMap<u32, usize>,
    scores: Vec<Scored>,
}

impl Accumulator {
    fn add(&mut self, offset: u32, score: f32) {
        match self.index.get(&offset) {
            Some(&i) => self.scores[i].score += score,
            None => {
                self.index.insert(offset, self.scores.len());
                self.scores.push(Scored { score, offset });
            }
        }
    }

    fn sorted(mut self) -> Vec<Scored> {
        self.scores.sort_by(|a, b| b.score.total_cmp(&a.score));
        self.scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(offsets: &[u32]) -> Vec<Scored> {
        offsets.iter().enumerate().map(|(i, &offset)| Scored { score: 10.0 - i as f32, offset }).collect()
    }

    #[test]
    fn rrf_sums_reciprocal_positions() {
        let fused = fuse(vec![list(&[1, 2]), list(&[2, 3])], &Fusion::Rrf { k: 2, weights: None }).unwrap();
        // 2: 1/3 + 1/2; 1: 1/2; 3: 1/3.
        assert_eq!(fused.iter().map(|s| s.offset).collect::<Vec<_>>(), vec![2, 1, 3]);
        assert!((fused[0].score - (1.0 / 3.0 + 0.5)).abs() < 1e-7);
    }

    #[test]
    fn rrf_weights_must_match_and_zero_weight_contributes_nothing() {
        let bad = fuse(vec![list(&[1])], &Fusion::Rrf { k: 2, weights: Some(vec![1.0, 2.0]) });
        assert!(bad.unwrap_err().to_string().contains("got 2, expected 1"));
        let fused = fuse(vec![list(&[1]), list(&[2])], &Fusion::Rrf { k: 2, weights: Some(vec![0.0, 3.0]) }).unwrap();
        assert_eq!((fused[0].offset, fused[1].score), (2, 0.0));
        assert!((fused[0].score - 1.0 / (1.0 / 3.0 + 1.0)).abs() < 1e-7);
    }

    #[test]
    fn dbsf_normalises_each_list() {
        let one = vec![Scored { score: 7.0, offset: 9 }];
        assert_eq!(fuse(vec![one], &Fusion::Dbsf).unwrap()[0].score, 0.5);
        let same = vec![Scored { score: 1.0, offset: 1 }, Scored { score: 1.0, offset: 2 }];
        assert!(fuse(vec![same], &Fusion::Dbsf).unwrap().iter().all(|s| s.score == 0.5));
        // Two points: mean 1, sample σ = √2, range [1 − 3√2, 1 + 3√2].
        let two = vec![Scored { score: 2.0, offset: 1 }, Scored { score: 0.0, offset: 2 }];
        let fused = fuse(vec![two], &Fusion::Dbsf).unwrap();
        let expect = (2.0 - (1.0 - 3.0 * 2f32.sqrt())) / (6.0 * 2f32.sqrt());
        assert!((fused[0].score - expect).abs() < 1e-6);
    }
}
