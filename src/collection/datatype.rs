//! Element types of dense vector storage: Qdrant's `datatype` (`float32`, `float16`, `uint8`;
//! lib/collection/src/operations/types.rs:1384-1460, lib/segment/src/data_types/primitive.rs).
//!
//! Inputs arrive as f32 and are *prepared* once: preprocessed for the distance, then rounded to
//! what the storage can hold, as Qdrant's `preprocess_dense_vector` + `slice_from_float_cow`
//! do (named_vectors.rs:350-368, primitive.rs):
//! - `float16`: Cosine normalises in f32 first; then round to nearest f16 (ties to even).
//! - `uint8`: no preprocessing at all, Cosine included (metric_uint/simple_cosine.rs: the
//!   byte cosine divides by both norms at scoring time); then Rust's `x as u8`: truncation
//!   toward zero, saturating to 0..=255 (so −3.7 → 0, 2.9 → 2, 300 → 255).
//!
//! Query vectors and examples go through the same preparation (metric_query_scorer.rs,
//! custom_query_scorer.rs `TMetric::preprocess` then `slice_from_float_cow`), so a prepared
//! vector holds exactly representable values and is stored without further loss. Stored
//! vectors read back (`with_vector`, id examples) widen exactly to f32 (`slice_to_float_cow`).

use crate::kernels::half::{f16_from_f32, f32_from_f16};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Qdrant's `Datatype`. `turbo4` parses (Qdrant accepts it) but simile refuses it (501).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Datatype {
    #[default]
    Float32,
    Uint8,
    Float16,
    Turbo4,
}

/// The largest finite f16 magnitude.
pub const F16_MAX: f32 = 65_504.0;

impl Datatype {
    /// Bytes per stored element.
    pub fn bytes(self) -> usize {
        match self {
            Datatype::Float32 | Datatype::Turbo4 => 4,
            Datatype::Float16 => 2,
            Datatype::Uint8 => 1,
        }
    }

    /// The JSON spelling (`"float16"`), for messages.
    pub fn name(self) -> &'static str {
        match self {
            Datatype::Float32 => "float32",
            Datatype::Uint8 => "uint8",
            Datatype::Float16 => "float16",
            Datatype::Turbo4 => "turbo4",
        }
    }

    /// Rounds already preprocessed values in place to what this type stores. Returns false
    /// when a value leaves the f16 range (it would be stored as ±∞; simile refuses instead).
    pub fn round(self, v: &mut [f32]) -> bool {
        match self {
            Datatype::Float32 | Datatype::Turbo4 => true,
            Datatype::Float16 => {
                v.iter_mut().for_each(|x| *x = f32_from_f16(f16_from_f32(*x)));
                v.iter().all(|x| x.abs() <= F16_MAX)
            }
            Datatype::Uint8 => {
                v.iter_mut().for_each(|x| *x = f32::from(*x as u8));
                true
            }
        }
    }
}

/// Cosine normalisation before f16 rounding, with Σv² summed in the order of Qdrant's x86
/// `cosine_preprocess` below 32 dimensions (spaces/simple.rs: sequential below 16;
/// simple_sse.rs:110-150 `cosine_preprocess_sse`: four 4-lane sums over 16-blocks, each reduced
/// as `(l0 + l2) + (l1 + l3)`, then the tail). Rounding to f16 can turn a 1-ULP difference in
/// the norm into a whole f16 step, so the order matters here; from 32 dimensions the server
/// sums with FMA (`cosine_preprocess_avx`), which simile does not reproduce bit for bit.
pub fn normalise_for_f16(v: &mut [f32]) {
    let norm2 = if v.len() < 32 { norm2_as_x86(v) } else { crate::kernels::dot_f32(v, v) };
    // `is_length_zero_or_normalized` (spaces/tools.rs:14-16), as `Distance::preprocess`.
    if norm2 < f32::EPSILON || (norm2 - 1.0).abs() <= 1e-6 {
        return;
    }
    let norm = norm2.sqrt();
    crate::kernels::div_f32(v, norm);
}

fn norm2_as_x86(v: &[f32]) -> f32 {
    let blocks = v.len() - v.len() % 16;
    let mut lanes = [[0.0f32; 4]; 4];
    for block in v[..blocks].chunks_exact(16) {
        for (k, quad) in block.chunks_exact(4).enumerate() {
            quad.iter().zip(&mut lanes[k]).for_each(|(x, acc)| *acc += x * x);
        }
    }
    let hsum = |l: [f32; 4]| (l[0] + l[2]) + (l[1] + l[3]);
    let mut sum = if blocks == 0 { 0.0 } else { hsum(lanes[0]) + hsum(lanes[1]) + hsum(lanes[2]) + hsum(lanes[3]) };
    v[blocks..].iter().for_each(|x| sum += x * x);
    sum
}

/// Stored rows of one element type, concatenated.
#[derive(Debug, Clone, PartialEq)]
pub enum Rows {
    F32(Vec<f32>),
    /// f16 values as their bits.
    F16(Vec<u16>),
    U8(Vec<u8>),
}

/// A borrowed run of stored elements (one row, or many).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Row<'a> {
    F32(&'a [f32]),
    F16(&'a [u16]),
    U8(&'a [u8]),
}

impl Rows {
    pub fn new(datatype: Datatype) -> Rows {
        match datatype {
            Datatype::Float16 => Rows::F16(Vec::new()),
            Datatype::Uint8 => Rows::U8(Vec::new()),
            Datatype::Float32 | Datatype::Turbo4 => Rows::F32(Vec::new()),
        }
    }

    /// Prepared values encoded (exactly: they are representable, see the module docs).
    pub fn encode(datatype: Datatype, v: &[f32]) -> Rows {
        let mut rows = Rows::new(datatype);
        rows.extend(v);
        rows
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Rows::F32(v) => v.len(),
            Rows::F16(v) => v.len(),
            Rows::U8(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of capacity held.
    pub fn bytes(&self) -> usize {
        match self {
            Rows::F32(v) => v.capacity() * 4,
            Rows::F16(v) => v.capacity() * 2,
            Rows::U8(v) => v.capacity(),
        }
    }

    /// Capacity in elements.
    pub fn capacity(&self) -> usize {
        match self {
            Rows::F32(v) => v.capacity(),
            Rows::F16(v) => v.capacity(),
            Rows::U8(v) => v.capacity(),
        }
    }

    /// Elements `range`, if in bounds.
    #[inline(always)]
    pub fn get(&self, range: std::ops::Range<usize>) -> Option<Row<'_>> {
        Some(match self {
            Rows::F32(v) => Row::F32(v.get(range)?),
            Rows::F16(v) => Row::F16(v.get(range)?),
            Rows::U8(v) => Row::U8(v.get(range)?),
        })
    }

    /// Everything, as one run.
    pub fn all(&self) -> Row<'_> {
        match self {
            Rows::F32(v) => Row::F32(v),
            Rows::F16(v) => Row::F16(v),
            Rows::U8(v) => Row::U8(v),
        }
    }

    /// Appends prepared values.
    pub fn extend(&mut self, v: &[f32]) {
        match self {
            Rows::F32(d) => d.extend_from_slice(v),
            Rows::F16(d) => d.extend(v.iter().map(|&x| f16_from_f32(x))),
            Rows::U8(d) => d.extend(v.iter().map(|&x| x as u8)),
        }
    }

    /// Overwrites elements from `at` with prepared values (the caller checks the bounds).
    pub fn write(&mut self, at: usize, v: &[f32]) {
        let end = at + v.len();
        match self {
            Rows::F32(d) => d[at..end].copy_from_slice(v),
            Rows::F16(d) => d[at..end].iter_mut().zip(v).for_each(|(o, &x)| *o = f16_from_f32(x)),
            Rows::U8(d) => d[at..end].iter_mut().zip(v).for_each(|(o, &x)| *o = x as u8),
        }
    }

    /// Grows to `len` elements with zeros (never shrinks).
    pub fn grow_to(&mut self, len: usize) {
        match self {
            Rows::F32(d) => d.resize(len.max(d.len()), 0.0),
            Rows::F16(d) => d.resize(len.max(d.len()), 0),
            Rows::U8(d) => d.resize(len.max(d.len()), 0),
        }
    }

    pub fn try_reserve_exact(&mut self, extra: usize) -> Result<(), std::collections::TryReserveError> {
        match self {
            Rows::F32(d) => d.try_reserve_exact(extra),
            Rows::F16(d) => d.try_reserve_exact(extra),
            Rows::U8(d) => d.try_reserve_exact(extra),
        }
    }

    /// Keeps the first `len` elements and gives back capacity beyond `cap` elements.
    pub fn truncate_shrink(&mut self, len: usize, cap: usize) {
        match self {
            Rows::F32(d) => (d.truncate(len), d.shrink_to(cap)),
            Rows::F16(d) => (d.truncate(len), d.shrink_to(cap)),
            Rows::U8(d) => (d.truncate(len), d.shrink_to(cap)),
        };
    }
}

impl<'a> Row<'a> {
    pub fn len(&self) -> usize {
        match self {
            Row::F32(v) => v.len(),
            Row::F16(v) => v.len(),
            Row::U8(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values widened to f32 (exact; borrowed for f32 storage).
    pub fn to_f32(self) -> Cow<'a, [f32]> {
        match self {
            Row::F32(v) => Cow::Borrowed(v),
            Row::F16(v) => Cow::Owned(v.iter().map(|&h| f32_from_f16(h)).collect()),
            Row::U8(v) => Cow::Owned(v.iter().map(|&b| f32::from(b)).collect()),
        }
    }

    /// The elements as little-endian bytes appended to `o` (snapshots).
    pub fn put_le(self, o: &mut Vec<u8>) {
        match self {
            Row::F32(v) => v.iter().for_each(|x| o.extend_from_slice(&x.to_le_bytes())),
            Row::F16(v) => v.iter().for_each(|x| o.extend_from_slice(&x.to_le_bytes())),
            Row::U8(v) => o.extend_from_slice(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_follows_qdrant_casts() {
        let mut b = [-3.7, 0.0, 2.9, 254.5, 255.0, 300.0];
        assert!(Datatype::Uint8.round(&mut b));
        assert_eq!(b, [0.0, 0.0, 2.0, 254.0, 255.0, 255.0]);
        let mut h = [0.1, 1.0 + 2f32.powi(-11), 65504.0];
        assert!(Datatype::Float16.round(&mut h));
        assert_eq!(h, [f32_from_f16(0x2e66), 1.0, 65504.0]);
        assert!(!Datatype::Float16.round(&mut [70_000.0]));
    }

    #[test]
    fn f16_cosine_norm_follows_the_server_summation_order() {
        let v: Vec<f32> = (0..20).map(|i| 0.1 + i as f32 * 0.37).collect();
        let sq = |i: usize| v[i] * v[i];
        let lanes = |k: usize| (sq(4 * k) + sq(4 * k + 2)) + (sq(4 * k + 1) + sq(4 * k + 3));
        let sse = (16..20).fold(lanes(0) + lanes(1) + lanes(2) + lanes(3), |acc, i| acc + sq(i));
        assert_eq!(norm2_as_x86(&v).to_bits(), sse.to_bits());
        let sequential = v[..10].iter().fold(0.0f32, |acc, x| acc + x * x);
        assert_eq!(norm2_as_x86(&v[..10]).to_bits(), sequential.to_bits());
    }

    #[test]
    fn rows_encode_prepared_values_exactly() {
        let v = [0.0, 1.5, -2.0, 255.0];
        for dt in [Datatype::Float32, Datatype::Float16] {
            assert_eq!(Rows::encode(dt, &v).all().to_f32().as_ref(), &v);
        }
        let mut rows = Rows::encode(Datatype::Uint8, &[1.0, 2.0, 3.0]);
        rows.write(1, &[200.0]);
        assert_eq!(rows.get(0..3), Some(Row::U8(&[1, 200, 3])));
        assert_eq!(rows.bytes(), rows.capacity());
    }
}
