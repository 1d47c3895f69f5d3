//! Distance kernels over `f32` slices of equal length.
//!
//! `scalar` is the reference (the spec of every kernel); `simd128` is the wasm fast path with the
//! same names plus an ISA suffix. The dispatching `dot_f32` / `l2sq_f32` / `l1_f32` pick at
//! compile time: wasm cannot detect features at run time, so the JS loader chooses between a
//! simd128 and a scalar artifact built from this same source.
//!
//! Precision policy: f32 accumulators; the SIMD versions use 4 independent 4-lane accumulators,
//! so results differ from the sequential scalar sum by rounding only (a few ULP of the sum of
//! magnitudes) and are bit-identical on integer-valued inputs small enough to be exact.

pub mod scalar;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd128;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod active {
    pub(super) use super::simd128::{
        dot_f32_simd128 as dot, l1_f32_simd128 as l1, l2sq_f32_simd128 as l2sq,
    };
}
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod active {
    pub(super) use super::scalar::{
        dot_f32_scalar as dot, l1_f32_scalar as l1, l2sq_f32_scalar as l2sq,
    };
}

/// Σ aᵢ·bᵢ. Callers guarantee `a.len() == b.len()`.
#[inline]
pub fn dot_f32(a: &[f32], b: &[f32]) -> f32 {
    active::dot(a, b)
}

/// Σ (aᵢ − bᵢ)². Callers guarantee `a.len() == b.len()`.
#[inline]
pub fn l2sq_f32(a: &[f32], b: &[f32]) -> f32 {
    active::l2sq(a, b)
}

/// Σ |aᵢ − bᵢ|. Callers guarantee `a.len() == b.len()`.
#[inline]
pub fn l1_f32(a: &[f32], b: &[f32]) -> f32 {
    active::l1(a, b)
}

/// True when this build uses the simd128 kernels.
pub const SIMD128: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));
