//! Int8 scalar quantization (Qdrant lib/quantization/src/encoded_vectors_u8.rs and quantile.rs,
//! v1.19.0): every value becomes `c = round(clamp((v − offset) / α, 0, 127))`, one byte, so
//! `v ≈ α·c + offset`. The range `[offset, offset + 127·α]` is the min and max of all values,
//! or with `quantile` the central `quantile` share of a 5,000-vector sample.
//!
//! Scores (the query encoded the same way), bigger is better as everywhere in simile:
//! - Dot / Cosine: `α²·Σ qc·vc + α·o·Σqc + α·o·Σvc + d·o²` (= Σ (α·qc + o)(α·vc + o); the
//!   per-row `α·o·Σvc` is stored with the codes, as Qdrant stores its "vector offset").
//! - Euclid: `−α²·Σ (qc − vc)²`; Manhattan: `−α·Σ |qc − vc|` (Qdrant's inverted L2 / L1).
//!
//! Qdrant pads rows to 16 bytes for its SIMD loads; simile's kernels handle tails, so rows
//! are `dim` bytes and the padding's (tiny) share of the score does not exist here.

use crate::distance::Distance;
use crate::kernels::{dot_u8, l1_u8, l2sq_u8};
use serde::{Deserialize, Serialize};

/// Vectors sampled for the quantile (`quantile.rs` `SAMPLE_SIZE`).
pub const SAMPLE_SIZE: usize = 5_000;
/// Largest code (`encode_value` clamps to 0..=127).
pub const MAX_CODE: f32 = 127.0;

/// The trained range: `v ≈ alpha·c + offset`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScalarRange {
    pub alpha: f32,
    pub offset: f32,
}

impl ScalarRange {
    /// `alpha_offset_from_min_max`.
    pub fn from_min_max(min: f32, max: f32) -> Self {
        ScalarRange { alpha: (max - min) / MAX_CODE, offset: min }
    }

    /// `encode_value`: a NaN quotient (α = 0 and v = offset) becomes 0, as `as u8` does.
    #[inline(always)]
    pub fn encode(&self, v: f32) -> u8 {
        ((v - self.offset) / self.alpha).clamp(0.0, MAX_CODE).round() as u8
    }
}

/// Min and max over rows (`find_min_max_from_iter`; `(f32::MAX, f32::MIN)` when empty).
pub fn min_max<'a>(rows: impl Iterator<Item = &'a [f32]>) -> (f32, f32) {
    rows.flatten().fold((f32::MAX, f32::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)))
}

/// `find_quantile_interval` over an already drawn sample of `count` rows: the values left after
/// cutting `count·(1 − quantile)/2` from each end (Qdrant counts the cut in *vectors*, not
/// values; kept). `None`: fall back to min/max (fewer than 127 vectors, quantile ≥ 1, too few
/// values).
pub fn quantile_interval(sample: &mut [f32], count: usize, sampled: usize, quantile: f32) -> Option<(f32, f32)> {
    if count < 127 || quantile >= 1.0 || sample.len() < 4 {
        return None;
    }
    let len = sample.len();
    let cut = ((len - 1) / 2).min((sampled as f32 * (1.0 - quantile) / 2.0) as usize).max(1);
    let cmp = |a: &f32, b: &f32| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal);
    let (low, _, _) = sample.select_nth_unstable_by(len - cut, cmp);
    let (_, _, mid) = low.select_nth_unstable_by(cut, cmp);
    if mid.len() < 2 {
        return None;
    }
    Some(min_max(std::iter::once(&*mid)))
}

/// Int8 codes of one named vector: `dim` bytes per row and the row's score correction.
#[derive(Debug, Clone, PartialEq)]
pub struct ScalarCodes {
    pub dim: usize,
    pub distance: Distance,
    pub range: ScalarRange,
    pub codes: Vec<u8>,
    /// Per row: `α·o·Σvc` (Dot/Cosine), 0 otherwise.
    pub corrections: Vec<f32>,
}

/// An encoded query: its codes and `α·o·Σqc + d·o²` (Dot/Cosine).
#[derive(Debug, Clone)]
pub struct ScalarQuery {
    codes: Vec<u8>,
    shift: f32,
}

impl ScalarCodes {
    pub fn new(dim: usize, distance: Distance, range: ScalarRange) -> Self {
        ScalarCodes { dim, distance, range, codes: Vec::new(), corrections: Vec::new() }
    }

    /// Writes the codes of `v` into `out`; returns its correction `α·o·Σc` (Dot/Cosine).
    fn encode_into(range: ScalarRange, distance: Distance, v: &[f32], out: &mut [u8]) -> f32 {
        out.iter_mut().zip(v).for_each(|(c, &x)| *c = range.encode(x));
        match distance {
            Distance::Cosine | Distance::Dot => {
                let sum: f32 = out.iter().map(|&c| f32::from(c)).sum();
                sum * range.alpha * range.offset
            }
            Distance::Euclid | Distance::Manhattan => 0.0,
        }
    }

    /// Encodes row `offset` (growing the codes; absent rows in between stay zero).
    pub fn set(&mut self, offset: usize, v: &[f32]) {
        self.grow(offset + 1);
        let start = offset * self.dim;
        let row = &mut self.codes[start..start + self.dim];
        self.corrections[offset] = Self::encode_into(self.range, self.distance, v, row);
    }

    /// Makes room for `rows` rows.
    pub fn grow(&mut self, rows: usize) {
        if self.corrections.len() < rows {
            self.codes.resize(rows * self.dim, 0);
            self.corrections.resize(rows, 0.0);
        }
    }

    pub fn rows(&self) -> usize {
        self.corrections.len()
    }

    pub fn query(&self, q: &[f32]) -> ScalarQuery {
        let mut codes = vec![0u8; self.dim];
        let correction = Self::encode_into(self.range, self.distance, q, &mut codes);
        let shift = match self.distance {
            Distance::Cosine | Distance::Dot => correction + self.dim as f32 * self.range.offset * self.range.offset,
            Distance::Euclid | Distance::Manhattan => 0.0,
        };
        ScalarQuery { codes, shift }
    }

    /// The approximate internal similarity of row `offset` to the query.
    #[inline(always)]
    pub fn score(&self, q: &ScalarQuery, offset: usize) -> f32 {
        let (Some(row), Some(&corr)) = (self.codes.get(offset * self.dim..(offset + 1) * self.dim), self.corrections.get(offset)) else {
            return f32::NEG_INFINITY;
        };
        let a = self.range.alpha;
        match self.distance {
            Distance::Cosine | Distance::Dot => a * a * dot_u8(&q.codes, row) as f32 + q.shift + corr,
            Distance::Euclid => -(a * a) * l2sq_u8(&q.codes, row) as f32,
            Distance::Manhattan => -a * l1_u8(&q.codes, row) as f32,
        }
    }

    pub fn bytes(&self) -> usize {
        self.codes.capacity() + self.corrections.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_stay_in_0_to_127_and_decode_within_half_a_step() {
        let r = ScalarRange::from_min_max(-1.0, 3.0);
        for i in 0..=400 {
            let v = -1.5 + i as f32 * 0.0125;
            let c = r.encode(v);
            assert!(c <= 127);
            let back = r.alpha * f32::from(c) + r.offset;
            if (-1.0..=3.0).contains(&v) {
                assert!((back - v).abs() <= r.alpha / 2.0 + 1e-6, "{v} → {c} → {back}");
            }
        }
        assert_eq!(ScalarRange::from_min_max(2.0, 2.0).encode(2.0), 0, "α = 0 is no panic");
    }

    #[test]
    fn scores_approximate_the_exact_similarity() {
        let rows = [[0.1f32, -0.5, 0.9, 0.3], [0.7, 0.2, -0.4, -0.8]];
        let (lo, hi) = min_max(rows.iter().map(|r| &r[..]));
        let q = [0.2f32, 0.4, -0.6, 0.1];
        for d in [Distance::Dot, Distance::Euclid, Distance::Manhattan] {
            let mut codes = ScalarCodes::new(4, d, ScalarRange::from_min_max(lo, hi));
            rows.iter().enumerate().for_each(|(i, r)| codes.set(i, r));
            let eq = codes.query(&q);
            for (i, r) in rows.iter().enumerate() {
                let exact = d.similarity(&q, r);
                assert!((codes.score(&eq, i) - exact).abs() < 0.05, "{d:?} row {i}: {} vs {exact}", codes.score(&eq, i));
            }
            assert_eq!(codes.score(&eq, 5), f32::NEG_INFINITY);
        }
    }

    #[test]
    fn the_quantile_cuts_both_tails() {
        let mut sample: Vec<f32> = (0..1000).map(|i| i as f32).collect();
        let (lo, hi) = quantile_interval(&mut sample, 1000, 1000, 0.9).unwrap();
        assert_eq!((lo, hi), (51.0, 949.0));
        assert_eq!(quantile_interval(&mut [1.0, 2.0, 3.0, 4.0], 100, 1, 0.9), None, "< 127 vectors");
    }
}
