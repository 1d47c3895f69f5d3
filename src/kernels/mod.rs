//! Distance kernels over slices of equal length: f32 rows, float16 rows (bits, scored against
//! an f32 query) and uint8 rows (exact integer sums).
//!
//! `scalar` is the reference (the spec of every kernel); `simd128` is the wasm fast path with the
//! same names plus an ISA suffix. The dispatching `dot_f32` / `l2sq_f32` / `l1_f32` pick at
//! compile time: wasm cannot detect features at run time, so the JS loader chooses between a
//! simd128 and a scalar artifact built from this same source.
//!
//! Precision policy: f32 accumulators; the SIMD versions use 4 independent 4-lane accumulators,
//! so results differ from the sequential scalar sum by rounding only (a few ULP of the sum of
//! magnitudes) and are bit-identical on integer-valued inputs small enough to be exact.

pub mod codes;
pub mod half;
pub mod scalar;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd128;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd128_codes;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd128_matmul;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd128_typed;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod active {
    pub(super) use super::simd128::{
        all_finite_f32_simd128 as all_finite, div_f32_simd128 as div, dot_f32_simd128 as dot, l1_f32_simd128 as l1, l2sq_f32_simd128 as l2sq,
    };
    pub(super) use super::simd128_typed::{
        dot_f16_simd128 as dot_f16, dot_norm_u8_simd128 as dot_norm_u8, dot_u8_simd128 as dot_u8,
        l1_f16_simd128 as l1_f16, l1_u8_simd128 as l1_u8, l2sq_f16_simd128 as l2sq_f16,
        l2sq_u8_simd128 as l2sq_u8,
    };
    pub(super) use super::simd128_matmul::matmul_f16_simd128 as matmul_f16;
}
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod active {
    pub(super) use super::scalar::{
        all_finite_f32_scalar as all_finite, div_f32_scalar as div, dot_f16_scalar as dot_f16, dot_f32_scalar as dot, dot_norm_u8_scalar as dot_norm_u8,
        dot_u8_scalar as dot_u8, l1_f16_scalar as l1_f16, l1_f32_scalar as l1, l1_u8_scalar as l1_u8,
        l2sq_f16_scalar as l2sq_f16, l2sq_f32_scalar as l2sq, l2sq_u8_scalar as l2sq_u8,
        matmul_f16_scalar as matmul_f16,
    };
}

/// Whether every value of `v` is finite. Element-wise loops are kernels too: the crate is
/// optimised for size, which turns LLVM's loop vectoriser off (see Cargo.toml).
#[inline(always)]
pub fn all_finite_f32(v: &[f32]) -> bool {
    active::all_finite(v)
}

/// `vᵢ / d` for every value, in place (true division: Cosine normalisation's exact results).
#[inline(always)]
pub fn div_f32(v: &mut [f32], d: f32) {
    active::div(v, d)
}

/// Σ aᵢ·bᵢ. Callers guarantee `a.len() == b.len()`.
#[inline(always)]
pub fn dot_f32(a: &[f32], b: &[f32]) -> f32 {
    active::dot(a, b)
}

/// Σ (aᵢ − bᵢ)². Callers guarantee `a.len() == b.len()`.
#[inline(always)]
pub fn l2sq_f32(a: &[f32], b: &[f32]) -> f32 {
    active::l2sq(a, b)
}

/// Σ |aᵢ − bᵢ|. Callers guarantee `a.len() == b.len()`.
#[inline(always)]
pub fn l1_f32(a: &[f32], b: &[f32]) -> f32 {
    active::l1(a, b)
}

/// Σ aᵢ·f32(bᵢ) for an f32 query `a` and an f16 row `b` (bits). Callers guarantee equal lengths.
#[inline(always)]
pub fn dot_f16(a: &[f32], b: &[u16]) -> f32 {
    active::dot_f16(a, b)
}

/// Σ (aᵢ − f32(bᵢ))² for an f16 row `b`.
#[inline(always)]
pub fn l2sq_f16(a: &[f32], b: &[u16]) -> f32 {
    active::l2sq_f16(a, b)
}

/// Σ |aᵢ − f32(bᵢ)| for an f16 row `b`.
#[inline(always)]
pub fn l1_f16(a: &[f32], b: &[u16]) -> f32 {
    active::l1_f16(a, b)
}

/// Σ aᵢ·bᵢ over bytes, exact.
#[inline(always)]
pub fn dot_u8(a: &[u8], b: &[u8]) -> u32 {
    active::dot_u8(a, b)
}

/// Σ (aᵢ − bᵢ)² over bytes, exact.
#[inline(always)]
pub fn l2sq_u8(a: &[u8], b: &[u8]) -> u32 {
    active::l2sq_u8(a, b)
}

/// Σ |aᵢ − bᵢ| over bytes, exact.
#[inline(always)]
pub fn l1_u8(a: &[u8], b: &[u8]) -> u32 {
    active::l1_u8(a, b)
}

/// (Σ aᵢ·bᵢ, Σ bᵢ²) over bytes, exact: the row-dependent parts of the byte cosine.
#[inline(always)]
pub fn dot_norm_u8(a: &[u8], b: &[u8]) -> (u32, u32) {
    active::dot_norm_u8(a, b)
}

/// Dense layer `out[t·m + o] = bias[o] + Σᵢ x[t·n + i]·f32(w[o·n + i])` over an `m × n` f16
/// weight matrix `w` (`m = bias.len()`) and the rows of `x` (see `scalar::matmul_f16_scalar`).
#[inline(always)]
pub fn matmul_f16(x: &[f32], w: &[u16], bias: &[f32], out: &mut [f32]) {
    active::matmul_f16(x, w, bias, out)
}

/// True when this build uses the simd128 kernels.
pub const SIMD128: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));
