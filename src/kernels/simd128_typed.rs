//! wasm simd128 kernels for stored float16 and uint8 rows, same names as in `scalar` with the
//! ISA suffix.
//!
//! float16: eight f16 values are loaded at once, widened to two `f32x4` by bit arithmetic
//! (wasm has no f16 conversion instruction: sign-extend and shift into place, scale by 2^112 to
//! rebias — exact for normals and subnormals — and patch ∞/NaN), then folded like the f32
//! kernels with 4 independent accumulators. Results differ from `scalar` by summation order
//! only.
//!
//! uint8: sixteen bytes at a time, widened to `u16x8` halves; products and squares go through
//! `i32x4_dot_i16x8` (each lane sums two products < 2^17, no overflow), absolute differences
//! through saturating subtraction and pairwise widening adds. Lanes add with wrap-around in
//! 32 bits, so the total is exact whenever the true sum fits in u32 (always, up to 65,536 dims):
//! the results equal `scalar` bit for bit.

use super::half::f32_from_f16;
use core::arch::wasm32::*;

/// Loads 16 bytes at element `i` of `s` (4 f32, 8 u16 or 16 u8).
///
/// # Safety
/// `(i + 16 / size_of::<T>()) <= s.len()`.
#[inline(always)]
pub(super) unsafe fn load<T>(s: &[T], i: usize) -> v128 {
    debug_assert!((i + 16 / core::mem::size_of::<T>()) <= s.len());
    // SAFETY: the caller guarantees 16 bytes are in bounds; v128_load allows unaligned reads.
    unsafe { v128_load(s.as_ptr().add(i) as *const v128) }
}

/// Eight f16 (bits) widened to two f32x4, exactly as `f32_from_f16`. Each value is
/// sign-extended to 32 bits and shifted by 13: the sign lands on bit 31, copies of it on bits
/// 28–30 (cleared by the mask), exponent and mantissa on bits 13–27; scaling by 2^112 then
/// rebiases the exponent (exact, subnormals included). ∞/NaN lanes, found once for all eight,
/// get the f32 exponent field set instead.
#[inline(always)]
pub(super) fn widen8(h: v128) -> (v128, v128) {
    let special = u16x8_ge(v128_and(h, u16x8_splat(0x7fff)), u16x8_splat(0x7c00));
    let half = |x: v128, is_special: v128| {
        let bits = v128_and(i32x4_shl(x, 13), u32x4_splat(0x8fff_e000));
        let finite = f32x4_mul(bits, f32x4_splat(f32::from_bits(0x7780_0000)));
        v128_bitselect(v128_or(bits, u32x4_splat(0x7f80_0000)), finite, is_special)
    };
    (
        half(i32x4_extend_low_i16x8(h), i32x4_extend_low_i16x8(special)),
        half(i32x4_extend_high_i16x8(h), i32x4_extend_high_i16x8(special)),
    )
}

#[inline(always)]
fn hsum(v: v128) -> f32 {
    f32x4_extract_lane::<0>(v) + f32x4_extract_lane::<1>(v) + f32x4_extract_lane::<2>(v) + f32x4_extract_lane::<3>(v)
}

/// Folds `step(acc, a_chunk, widened_b_chunk)` over an f32 query and f16 row, `tail` for the
/// last < 8 elements.
#[inline(always)]
fn fold_f16(a: &[f32], b: &[u16], step: impl Fn(v128, v128, v128) -> v128, tail: impl Fn(f32, f32) -> f32) -> f32 {
    let n = a.len().min(b.len());
    let (mut s0, mut s1, mut s2, mut s3) = (f32x4_splat(0.0), f32x4_splat(0.0), f32x4_splat(0.0), f32x4_splat(0.0));
    let mut i = 0;
    // SAFETY (all loads below): every index is checked against `n`, which bounds both slices.
    while i + 16 <= n {
        unsafe {
            let ((w0, w1), (w2, w3)) = (widen8(load(b, i)), widen8(load(b, i + 8)));
            s0 = step(s0, load(a, i), w0);
            s1 = step(s1, load(a, i + 4), w1);
            s2 = step(s2, load(a, i + 8), w2);
            s3 = step(s3, load(a, i + 12), w3);
        }
        i += 16;
    }
    while i + 8 <= n {
        unsafe {
            let (w0, w1) = widen8(load(b, i));
            s0 = step(s0, load(a, i), w0);
            s1 = step(s1, load(a, i + 4), w1);
        }
        i += 8;
    }
    let mut sum = hsum(f32x4_add(f32x4_add(s0, s1), f32x4_add(s2, s3)));
    while i < n {
        sum += tail(a[i], f32_from_f16(b[i]));
        i += 1;
    }
    sum
}

/// Σ aᵢ·f32(bᵢ).
pub fn dot_f16_simd128(a: &[f32], b: &[u16]) -> f32 {
    fold_f16(a, b, |s, x, y| f32x4_add(s, f32x4_mul(x, y)), |x, y| x * y)
}

/// Σ (aᵢ − f32(bᵢ))².
pub fn l2sq_f16_simd128(a: &[f32], b: &[u16]) -> f32 {
    fold_f16(
        a,
        b,
        |s, x, y| {
            let d = f32x4_sub(x, y);
            f32x4_add(s, f32x4_mul(d, d))
        },
        |x, y| (x - y) * (x - y),
    )
}

/// Σ |aᵢ − f32(bᵢ)|.
pub fn l1_f16_simd128(a: &[f32], b: &[u16]) -> f32 {
    fold_f16(a, b, |s, x, y| f32x4_add(s, f32x4_abs(f32x4_sub(x, y))), |x, y| (x - y).abs())
}

/// Wrapping u32 sum of the four lanes.
#[inline(always)]
fn hsum_u32(v: v128) -> u32 {
    (u32x4_extract_lane::<0>(v))
        .wrapping_add(u32x4_extract_lane::<1>(v))
        .wrapping_add(u32x4_extract_lane::<2>(v))
        .wrapping_add(u32x4_extract_lane::<3>(v))
}

/// Folds `step(acc, a16, b16)` over 16-byte chunks into u32 lanes; `tail` adds the last < 16.
#[inline(always)]
fn fold_u8(a: &[u8], b: &[u8], step: impl Fn(v128, v128, v128) -> v128, tail: impl Fn(u8, u8) -> u32) -> u32 {
    let n = a.len().min(b.len());
    let (mut s0, mut s1) = (u32x4_splat(0), u32x4_splat(0));
    let mut i = 0;
    while i + 32 <= n {
        // SAFETY: i + 32 <= n bounds both slices.
        unsafe {
            s0 = step(s0, load(a, i), load(b, i));
            s1 = step(s1, load(a, i + 16), load(b, i + 16));
        }
        i += 32;
    }
    while i + 16 <= n {
        // SAFETY: i + 16 <= n.
        unsafe { s0 = step(s0, load(a, i), load(b, i)) };
        i += 16;
    }
    let mut sum = hsum_u32(i32x4_add(s0, s1));
    while i < n {
        sum = sum.wrapping_add(tail(a[i], b[i]));
        i += 1;
    }
    sum
}

/// Σ over both u16 halves of `f(low_a, low_b) + f(high_a, high_b)` where `f` yields i32 lanes.
#[inline(always)]
fn halves(x: v128, y: v128, f: impl Fn(v128, v128) -> v128) -> v128 {
    let lo = f(u16x8_extend_low_u8x16(x), u16x8_extend_low_u8x16(y));
    let hi = f(u16x8_extend_high_u8x16(x), u16x8_extend_high_u8x16(y));
    i32x4_add(lo, hi)
}

/// Σ aᵢ·bᵢ, exact.
pub fn dot_u8_simd128(a: &[u8], b: &[u8]) -> u32 {
    fold_u8(a, b, |s, x, y| i32x4_add(s, halves(x, y, |p, q| i32x4_dot_i16x8(p, q))), |x, y| u32::from(x) * u32::from(y))
}

/// Σ (aᵢ − bᵢ)², exact.
pub fn l2sq_u8_simd128(a: &[u8], b: &[u8]) -> u32 {
    let sq = |x: v128, y: v128| {
        let d = i16x8_sub(x, y);
        i32x4_dot_i16x8(d, d)
    };
    fold_u8(a, b, |s, x, y| i32x4_add(s, halves(x, y, sq)), |x, y| u32::from(x.abs_diff(y)).pow(2))
}

/// Σ |aᵢ − bᵢ|, exact.
pub fn l1_u8_simd128(a: &[u8], b: &[u8]) -> u32 {
    let step = |s: v128, x: v128, y: v128| {
        let abs = v128_or(u8x16_sub_sat(x, y), u8x16_sub_sat(y, x));
        i32x4_add(s, u32x4_extadd_pairwise_u16x8(u16x8_extadd_pairwise_u8x16(abs)))
    };
    fold_u8(a, b, step, |x, y| u32::from(x.abs_diff(y)))
}

/// (Σ aᵢ·bᵢ, Σ bᵢ²), exact.
pub fn dot_norm_u8_simd128(a: &[u8], b: &[u8]) -> (u32, u32) {
    let n = a.len().min(b.len());
    let (mut dot, mut norm) = (u32x4_splat(0), u32x4_splat(0));
    let mut i = 0;
    while i + 16 <= n {
        // SAFETY: i + 16 <= n bounds both slices.
        let (x, y) = unsafe { (load(a, i), load(b, i)) };
        dot = i32x4_add(dot, halves(x, y, |p, q| i32x4_dot_i16x8(p, q)));
        norm = i32x4_add(norm, halves(y, y, |p, q| i32x4_dot_i16x8(p, q)));
        i += 16;
    }
    let (mut d, mut m) = (hsum_u32(dot), hsum_u32(norm));
    while i < n {
        let y = u32::from(b[i]);
        d = d.wrapping_add(u32::from(a[i]) * y);
        m = m.wrapping_add(y * y);
        i += 1;
    }
    (d, m)
}
