//! Binary quantization (Qdrant lib/quantization/src/encoded_vectors_binary.rs, v1.19.0).
//!
//! Bit `i` of a row's code is byte `i / 8`, bit `i % 8` (Qdrant packs into little-endian
//! words, the same bit order). Encodings of a `d`-long vector:
//! - `one_bit`: bit i = vᵢ > 0.
//! - `two_bits`: z = (vᵢ − meanᵢ)/sdᵢ; z ≤ −⅔ → (0,0), −⅔ < z < ⅔ → (1,0), z ≥ ⅔ → (1,1); the
//!   first bit at i, the second at d + i (`encode_two_bits_value`; sd < ε → (vᵢ > 0, 0)).
//! - `one_and_half_bits`: the same first bit; the second bits of dimensions 2j and 2j+1 are
//!   OR-ed into bit d + j.
//!
//! Per-dimension mean and sample standard deviation come from every stored vector (Welford in
//! f64, `vector_stats.rs`). The score is `d − 2·h`, h the Hamming distance of the codes, for
//! every distance (`calculate_metric`: Dot/Cosine not inverted and L1/L2 inverted give the same
//! expression). With `scalar4bits` / `scalar8bits` query encoding the query is quantized to
//! `b` bits per (extended) dimension over `[−max|q|, max|q|]` and
//! `h = Σ_k 2^k·popcount(code ⊕ plane_k) / (2^b − 1)` (`xor_popcnt_scalar`).

use super::config::{BinaryEncoding, QueryEncoding};
use crate::kernels::codes::xor_popcount;
use serde::{Deserialize, Serialize};

/// Mean and sample standard deviation of one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DimStats {
    pub mean: f32,
    pub sd: f32,
}

/// Welford accumulation over rows (`VectorStatsBuilder`).
#[derive(Debug, Default)]
pub struct StatsBuilder {
    means: Vec<f64>,
    m2: Vec<f64>,
    count: u64,
}

impl StatsBuilder {
    pub fn new(dim: usize) -> Self {
        StatsBuilder { means: vec![0.0; dim], m2: vec![0.0; dim], count: 0 }
    }

    pub fn add(&mut self, v: &[f32]) {
        self.count += 1;
        let n = self.count as f64;
        for ((&x, mean), m2) in v.iter().zip(&mut self.means).zip(&mut self.m2) {
            let x = f64::from(x);
            let delta = x - *mean;
            *mean += delta / n;
            *m2 += delta * (x - *mean);
        }
    }

    pub fn build(self) -> Vec<DimStats> {
        let count = self.count;
        let sd = |m2: f64| if count > 1 { (m2 / (count - 1) as f64).sqrt() as f32 } else { 0.0 };
        self.means.iter().zip(&self.m2).map(|(&m, &m2)| DimStats { mean: m as f32, sd: sd(m2) }).collect()
    }
}

/// Binary codes of one named vector.
#[derive(Debug, Clone, PartialEq)]
pub struct BinaryCodes {
    pub dim: usize,
    pub encoding: BinaryEncoding,
    pub query_encoding: QueryEncoding,
    /// Present for two-bit and 1.5-bit storage and for scalar query encodings.
    pub stats: Option<Vec<DimStats>>,
    pub codes: Vec<u8>,
}

/// An encoded query: bits like a row, or `b` bit planes of its scalar quantization.
#[derive(Debug, Clone)]
pub enum BinaryQuery {
    Bits(Vec<u8>),
    Planes { planes: Vec<u8>, bits: u32 },
}

/// Extended length in bits of a `dim`-long vector (`get_quantized_vector_size_from_params`).
pub fn extended_bits(dim: usize, encoding: BinaryEncoding) -> usize {
    match encoding {
        BinaryEncoding::OneBit => dim,
        BinaryEncoding::TwoBits => dim * 2,
        BinaryEncoding::OneAndHalfBits => (dim * 3).div_ceil(2),
    }
}

/// Whether training needs per-dimension statistics.
pub fn needs_stats(encoding: BinaryEncoding, query: QueryEncoding) -> bool {
    encoding != BinaryEncoding::OneBit || matches!(query, QueryEncoding::Scalar4Bits | QueryEncoding::Scalar8Bits)
}

fn set_bit(out: &mut [u8], i: usize) {
    if let Some(b) = out.get_mut(i / 8) {
        *b |= 1 << (i % 8);
    }
}

/// `encode_two_bits_value`: the two bits of one value.
fn two_bits(v: f32, stats: Option<&DimStats>) -> (bool, bool) {
    let Some(s) = stats else { return (v > 0.0, v > 0.0) };
    if s.sd < f32::EPSILON {
        return (v > 0.0, false);
    }
    const SIGMAS: f32 = 2.0 / 3.0;
    let z = (v - s.mean) / s.sd;
    (z > -SIGMAS, z >= SIGMAS)
}

impl BinaryCodes {
    pub fn new(dim: usize, encoding: BinaryEncoding, query_encoding: QueryEncoding, stats: Option<Vec<DimStats>>) -> Self {
        BinaryCodes { dim, encoding, query_encoding, stats, codes: Vec::new() }
    }

    /// Bytes per row.
    pub fn row_bytes(&self) -> usize {
        extended_bits(self.dim, self.encoding).max(1).div_ceil(8)
    }

    pub fn rows(&self) -> usize {
        self.codes.len() / self.row_bytes()
    }

    fn encode_into(&self, v: &[f32], out: &mut [u8]) {
        out.iter_mut().for_each(|b| *b = 0);
        let d = self.dim;
        for (i, &x) in v.iter().enumerate() {
            if self.encoding == BinaryEncoding::OneBit {
                if x > 0.0 {
                    set_bit(out, i);
                }
                continue;
            }
            let (b1, b2) = two_bits(x, self.stats.as_ref().and_then(|s| s.get(i)));
            if b1 {
                set_bit(out, i);
            }
            if b2 {
                set_bit(out, if self.encoding == BinaryEncoding::TwoBits { d + i } else { d + i / 2 });
            }
        }
    }

    /// Makes room for `rows` rows.
    pub fn grow(&mut self, rows: usize) {
        let need = rows * self.row_bytes();
        if self.codes.len() < need {
            self.codes.resize(need, 0);
        }
    }

    /// Encodes row `offset` (growing the codes; absent rows in between stay zero).
    pub fn set(&mut self, offset: usize, v: &[f32]) {
        self.grow(offset + 1);
        let rb = self.row_bytes();
        let mut row = vec![0u8; rb];
        self.encode_into(v, &mut row);
        self.codes[offset * rb..(offset + 1) * rb].copy_from_slice(&row);
    }

    pub fn query(&self, q: &[f32]) -> BinaryQuery {
        let bits = match self.query_encoding {
            QueryEncoding::Default | QueryEncoding::Binary => {
                let mut row = vec![0u8; self.row_bytes()];
                self.encode_into(q, &mut row);
                return BinaryQuery::Bits(row);
            }
            QueryEncoding::Scalar4Bits => 4,
            QueryEncoding::Scalar8Bits => 8,
        };
        BinaryQuery::Planes { planes: self.scalar_planes(&self.extended_query(q), bits), bits }
    }

    /// The query laid out like the extended code (`encode_scalar_query_vector`).
    fn extended_query(&self, q: &[f32]) -> Vec<f32> {
        match self.encoding {
            BinaryEncoding::OneBit => q.to_vec(),
            BinaryEncoding::TwoBits => q.iter().chain(q).copied().collect(),
            BinaryEncoding::OneAndHalfBits => {
                let pairs = q.chunks(2).map(|p| p.iter().copied().fold(f32::MIN, f32::max));
                q.iter().copied().chain(pairs).collect()
            }
        }
    }

    /// `b` bit planes of the query quantized over `[−max|q|, max|q|]`, each `row_bytes` long.
    fn scalar_planes(&self, q: &[f32], bits: u32) -> Vec<u8> {
        let rb = self.row_bytes();
        let mut planes = vec![0u8; rb * bits as usize];
        let max = q.iter().map(|x| x.abs()).fold(0.0f32, f32::max);
        let ranges = (1usize << bits) - 1;
        let delta = 2.0 * max / ranges as f32;
        for (i, &v) in q.iter().enumerate() {
            let steps = if delta > f32::EPSILON { (v + max) / delta } else { 0.0 };
            let level = (steps.round() as usize) % (ranges + 1);
            for k in 0..bits as usize {
                if level >> k & 1 == 1 {
                    set_bit(&mut planes[k * rb..(k + 1) * rb], i);
                }
            }
        }
        planes
    }

    /// The approximate similarity `d − 2·h` of row `offset` to the query.
    #[inline(always)]
    pub fn score(&self, q: &BinaryQuery, offset: usize) -> f32 {
        let rb = self.row_bytes();
        let Some(row) = self.codes.get(offset * rb..(offset + 1) * rb) else { return f32::NEG_INFINITY };
        let h = match q {
            BinaryQuery::Bits(bits) => xor_popcount(row, bits) as f32,
            BinaryQuery::Planes { planes, bits } => {
                let weighted: u64 = planes.chunks_exact(rb).enumerate().map(|(k, p)| u64::from(xor_popcount(row, p)) << k).sum();
                weighted as f32 / ((1u32 << bits) - 1) as f32
            }
        };
        self.dim as f32 - 2.0 * h
    }

    pub fn bytes(&self) -> usize {
        self.codes.capacity() + self.stats.as_ref().map_or(0, |s| s.capacity() * 8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(encoding: BinaryEncoding, query: QueryEncoding, rows: &[Vec<f32>]) -> BinaryCodes {
        let mut sb = StatsBuilder::new(rows[0].len());
        rows.iter().for_each(|r| sb.add(r));
        let stats = needs_stats(encoding, query).then(|| sb.build());
        let mut c = BinaryCodes::new(rows[0].len(), encoding, query, stats);
        rows.iter().enumerate().for_each(|(i, r)| c.set(i, r));
        c
    }

    #[test]
    fn one_bit_codes_are_signs_and_scores_count_agreements() {
        let c = codes(BinaryEncoding::OneBit, QueryEncoding::Default, &[vec![0.5, -1.0, 2.0, 0.0, -3.0, 1.0, 1.0, 1.0, 1.0]]);
        assert_eq!(c.row_bytes(), 2);
        assert_eq!(&c.codes, &[0b1110_0101, 0b1]);
        let q = c.query(&[1.0, 1.0, 1.0, -1.0, -1.0, 1.0, 1.0, 1.0, -1.0]);
        assert_eq!(c.score(&q, 0), 9.0 - 2.0 * 2.0);
        assert_eq!(c.score(&q, 1), f32::NEG_INFINITY);
    }

    #[test]
    fn two_and_one_and_half_bits_place_the_second_bit() {
        let rows = vec![vec![-1.0, 0.0, 1.0], vec![1.0, 0.0, -1.0], vec![0.0, 0.0, 0.0]];
        let two = codes(BinaryEncoding::TwoBits, QueryEncoding::Default, &rows);
        // Row 0: z = (−1.22, ·, 1.22) → dim 0 (0,0), dim 1 sd 0 → (0 > 0, 0), dim 2 (1,1).
        assert_eq!(two.codes[0], 0b10_0100);
        let half = codes(BinaryEncoding::OneAndHalfBits, QueryEncoding::Default, &rows);
        assert_eq!(half.row_bytes(), 1);
        assert_eq!(half.codes[0], 0b01_0100, "dims 2,3 share bit 4");
    }

    #[test]
    fn scalar_query_planes_rank_like_the_query() {
        let rows: Vec<Vec<f32>> = (0..8).map(|i| (0..16).map(|j| ((i * 7 + j * 3) % 11) as f32 - 5.0).collect()).collect();
        for qe in [QueryEncoding::Scalar4Bits, QueryEncoding::Scalar8Bits] {
            let c = codes(BinaryEncoding::OneBit, qe, &rows);
            let q = c.query(&rows[3]);
            let best = (0..8).max_by(|&a, &b| c.score(&q, a).total_cmp(&c.score(&q, b))).unwrap();
            assert_eq!(best, 3, "{qe:?}");
            assert!(c.score(&q, 3) <= 16.0);
        }
    }
}
