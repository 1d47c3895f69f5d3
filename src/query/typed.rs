//! Similarities against stored rows of each element type, as Qdrant's metrics compute them
//! (lib/segment/src/spaces/metric_f16/, metric_uint/, v1.19.0).
//!
//! A query side (the *probe*) is encoded once per search from a prepared f32 vector
//! (`collection/datatype.rs`), then each stored row is scored by one kernel chosen once per
//! search ([`Element::kernel`]):
//! - float16: both sides widened to f32, sums in f32 (`dot_similarity_half` etc.); the probe is
//!   kept widened (its values are f16 values), so only the row is widened per element.
//! - uint8: exact integer sums converted to f32 (`dot_similarity_bytes` etc.). Cosine is
//!   `dot / sqrt(f32(‖q‖²) · f32(‖v‖²))`, 0 when either norm is 0 (simple_cosine.rs:58-79);
//!   Euclid `−f32(Σd²)`, Manhattan `−f32(Σ|d|)`.
//!
//! Internal similarities are "bigger is better" as for f32, so strategies, thresholds and
//! post-processing (Euclid → `sqrt(|raw|)`) are unchanged.

use crate::collection::Row;
use crate::distance::Distance;
use crate::kernels;

/// A stored element type with its probe encoding and kernels.
pub(crate) trait Element: Copy + 'static {
    /// The query side, encoded for this element type.
    type Probe;
    /// Encodes a prepared f32 vector.
    fn probe(v: &[f32]) -> Self::Probe;
    /// The similarity for `distance` (bigger is better).
    fn kernel(distance: Distance) -> fn(&Self::Probe, &[Self]) -> f32;
    /// The elements of `row` if it holds this type.
    fn slice(row: Row<'_>) -> Option<&[Self]>;
}

impl Element for f32 {
    type Probe = Vec<f32>;
    fn probe(v: &[f32]) -> Vec<f32> {
        v.to_vec()
    }
    fn kernel(distance: Distance) -> fn(&Vec<f32>, &[f32]) -> f32 {
        match distance {
            Distance::Cosine | Distance::Dot => |q, r| kernels::dot_f32(q, r),
            Distance::Euclid => |q, r| -kernels::l2sq_f32(q, r),
            Distance::Manhattan => |q, r| -kernels::l1_f32(q, r),
        }
    }
    fn slice(row: Row<'_>) -> Option<&[f32]> {
        match row {
            Row::F32(v) => Some(v),
            _ => None,
        }
    }
}

/// float16, as bits.
impl Element for u16 {
    type Probe = Vec<f32>;
    fn probe(v: &[f32]) -> Vec<f32> {
        v.to_vec()
    }
    fn kernel(distance: Distance) -> fn(&Vec<f32>, &[u16]) -> f32 {
        match distance {
            Distance::Cosine | Distance::Dot => |q, r| kernels::dot_f16(q, r),
            Distance::Euclid => |q, r| -kernels::l2sq_f16(q, r),
            Distance::Manhattan => |q, r| -kernels::l1_f16(q, r),
        }
    }
    fn slice(row: Row<'_>) -> Option<&[u16]> {
        match row {
            Row::F16(v) => Some(v),
            _ => None,
        }
    }
}

/// A uint8 probe: the bytes and their squared norm (the query half of the byte cosine).
#[derive(Debug, Clone)]
pub(crate) struct BytesProbe {
    bytes: Vec<u8>,
    norm2: u32,
}

impl Element for u8 {
    type Probe = BytesProbe;
    fn probe(v: &[f32]) -> BytesProbe {
        let bytes: Vec<u8> = v.iter().map(|&x| x as u8).collect();
        let norm2 = kernels::dot_u8(&bytes, &bytes);
        BytesProbe { bytes, norm2 }
    }
    fn kernel(distance: Distance) -> fn(&BytesProbe, &[u8]) -> f32 {
        match distance {
            Distance::Cosine => |q, r| byte_cosine(q, r),
            Distance::Dot => |q, r| kernels::dot_u8(&q.bytes, r) as f32,
            Distance::Euclid => |q, r| -(kernels::l2sq_u8(&q.bytes, r) as f32),
            Distance::Manhattan => |q, r| -(kernels::l1_u8(&q.bytes, r) as f32),
        }
    }
    fn slice(row: Row<'_>) -> Option<&[u8]> {
        match row {
            Row::U8(v) => Some(v),
            _ => None,
        }
    }
}

/// `cosine_similarity_bytes` (metric_uint/simple_cosine.rs:58-79).
fn byte_cosine(q: &BytesProbe, row: &[u8]) -> f32 {
    let (dot, norm2) = kernels::dot_norm_u8(&q.bytes, row);
    if q.norm2 == 0 || norm2 == 0 {
        return 0.0;
    }
    dot as f32 / (q.norm2 as f32 * norm2 as f32).sqrt()
}

/// MaxSim of probe rows against the `dim`-long stored rows of one point
/// (query_scorer/mod.rs:77-97 `score_max_similarity`).
pub(crate) fn max_sim<T: Element>(kernel: fn(&T::Probe, &[T]) -> f32, dim: usize, q: &[T::Probe], p: &[T]) -> f32 {
    let mut sum = 0.0f32;
    for probe in q {
        let mut best = f32::NEG_INFINITY;
        for row in p.chunks_exact(dim.max(1)) {
            let sim = kernel(probe, row);
            if sim > best {
                best = sim;
            }
        }
        sum += best;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_scores_as_qdrant() {
        let q = <u8 as Element>::probe(&[1.0, 2.0, 3.0]);
        let v = [4u8, 5, 6];
        assert_eq!(<u8 as Element>::kernel(Distance::Dot)(&q, &v), 32.0);
        assert_eq!(<u8 as Element>::kernel(Distance::Euclid)(&q, &v), -27.0);
        assert_eq!(<u8 as Element>::kernel(Distance::Manhattan)(&q, &v), -9.0);
        let cos = <u8 as Element>::kernel(Distance::Cosine)(&q, &v);
        assert_eq!(cos, 32.0 / (14.0f32 * 77.0).sqrt());
        assert_eq!(<u8 as Element>::kernel(Distance::Cosine)(&<u8 as Element>::probe(&[0.0; 3]), &v), 0.0);
    }

    #[test]
    fn half_scores_widen_both_sides() {
        let h = crate::kernels::half::f16_from_f32;
        let row = [h(0.5), h(-2.0)];
        assert_eq!(<u16 as Element>::kernel(Distance::Dot)(&vec![2.0, 1.0], &row), -1.0);
        assert_eq!(<u16 as Element>::kernel(Distance::Euclid)(&vec![0.5, 0.0], &row), -4.0);
    }
}
