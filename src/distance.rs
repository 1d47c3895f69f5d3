//! Distances: how vectors are preprocessed at insert, the internal similarity (bigger is
//! better), and the score reported by plain nearest search.
//!
//! Qdrant: `lib/segment/src/spaces/simple.rs` (similarities, preprocessing), `types.rs`
//! (`Distance::postprocess_score`, `distance_order`, `check_threshold`).

use crate::kernels::{dot_f32, l1_f32, l2sq_f32};
use serde::{Deserialize, Serialize};

/// A collection's metric, spelled as in Qdrant's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Distance {
    Cosine,
    #[serde(rename = "Euclid")]
    Euclid,
    Dot,
    Manhattan,
}

impl Distance {
    /// Preprocesses a vector in place before it is stored or used as a query.
    ///
    /// Only Cosine changes anything: `v / ‖v‖`, except that a (near-)zero vector (`Σv² <
    /// f32::EPSILON`) and an already-unit vector (`|Σv² − 1| ≤ 1e-6`) are kept as they are
    /// (spaces/simple.rs:228-235, spaces/tools.rs:14-16).
    pub fn preprocess(self, v: &mut [f32]) {
        if self != Distance::Cosine {
            return;
        }
        let norm2 = dot_f32(v, v);
        if norm2 < f32::EPSILON || (norm2 - 1.0).abs() <= 1e-6 {
            return;
        }
        let norm = norm2.sqrt();
        crate::kernels::div_f32(v, norm);
    }

    /// Internal similarity, bigger is better: Cosine/Dot `q·v`, Euclid `−Σ(q−v)²`,
    /// Manhattan `−Σ|q−v|` (spaces/simple.rs:214-239).
    #[inline(always)]
    pub fn similarity(self, q: &[f32], v: &[f32]) -> f32 {
        match self {
            Distance::Cosine | Distance::Dot => dot_f32(q, v),
            Distance::Euclid => -l2sq_f32(q, v),
            Distance::Manhattan => -l1_f32(q, v),
        }
    }

    /// Whether the similarity is a plain dot product (Cosine after normalisation, Dot): linear
    /// in the query vector, which lets `sum_scores` collapse its examples into one vector.
    pub fn is_inner_product(self) -> bool {
        matches!(self, Distance::Cosine | Distance::Dot)
    }

    /// The score plain nearest search reports: Euclid → L2 distance `sqrt(|raw|)`,
    /// Manhattan → L1 `|raw|`, Cosine/Dot unchanged (types.rs:324-332). Never applied to
    /// recommend best_score/sum_scores, discover or context scores.
    pub fn postprocess(self, raw: f32) -> f32 {
        match self {
            Distance::Cosine | Distance::Dot => raw,
            Distance::Euclid => raw.abs().sqrt(),
            Distance::Manhattan => raw.abs(),
        }
    }

    /// Whether a reported score passes `score_threshold` (types.rs:364-369): Cosine/Dot keep
    /// `score > t`, Euclid/Manhattan keep `score < t`, both strict. Qdrant applies this
    /// direction to every query type, custom scores included (SEMANTICS.md: "threshold quirk").
    pub fn passes_threshold(self, score: f32, threshold: f32) -> bool {
        match self {
            Distance::Cosine | Distance::Dot => score > threshold,
            Distance::Euclid | Distance::Manhattan => score < threshold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_normalises_except_zero_and_unit() {
        let mut v = [3.0, 4.0];
        Distance::Cosine.preprocess(&mut v);
        assert_eq!(v, [0.6, 0.8]);
        let mut z = [0.0, 0.0];
        Distance::Cosine.preprocess(&mut z);
        assert_eq!(z, [0.0, 0.0]);
        let mut d = [3.0, 4.0];
        Distance::Dot.preprocess(&mut d);
        assert_eq!(d, [3.0, 4.0]);
    }

    #[test]
    fn reported_scores() {
        let q = [0.0, 0.0];
        let v = [3.0, 4.0];
        let e = Distance::Euclid.similarity(&q, &v);
        assert_eq!(e, -25.0);
        assert_eq!(Distance::Euclid.postprocess(e), 5.0);
        let m = Distance::Manhattan.similarity(&q, &v);
        assert_eq!(Distance::Manhattan.postprocess(m), 7.0);
        assert!(Distance::Euclid.passes_threshold(4.9, 5.0));
        assert!(!Distance::Dot.passes_threshold(5.0, 5.0));
    }
}
