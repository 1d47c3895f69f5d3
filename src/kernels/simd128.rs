//! wasm simd128 kernels: 4 independent `f32x4` accumulators (16 floats per step), a 4-float
//! step for the remainder, then a scalar tail. Same results as `scalar` up to summation order.

use core::arch::wasm32::*;

/// Loads 4 floats at `i` from `s`.
///
/// # Safety
/// `i + 4 <= s.len()`.
#[inline(always)]
unsafe fn load(s: &[f32], i: usize) -> v128 {
    debug_assert!(i + 4 <= s.len());
    // SAFETY: the caller guarantees 4 floats are in bounds; v128_load allows unaligned reads.
    unsafe { v128_load(s.as_ptr().add(i) as *const v128) }
}

#[inline(always)]
fn hsum(v: v128) -> f32 {
    f32x4_extract_lane::<0>(v)
        + f32x4_extract_lane::<1>(v)
        + f32x4_extract_lane::<2>(v)
        + f32x4_extract_lane::<3>(v)
}

/// Folds `step(acc, a_chunk, b_chunk)` over both slices, with `tail` for the last < 4 floats.
#[inline(always)]
fn fold4(a: &[f32], b: &[f32], step: impl Fn(v128, v128, v128) -> v128, tail: impl Fn(f32, f32) -> f32) -> f32 {
    let n = a.len().min(b.len());
    let (mut s0, mut s1, mut s2, mut s3) = (f32x4_splat(0.0), f32x4_splat(0.0), f32x4_splat(0.0), f32x4_splat(0.0));
    let mut i = 0;
    // SAFETY (all loads below): every index is checked against `n`, which bounds both slices.
    while i + 16 <= n {
        unsafe {
            s0 = step(s0, load(a, i), load(b, i));
            s1 = step(s1, load(a, i + 4), load(b, i + 4));
            s2 = step(s2, load(a, i + 8), load(b, i + 8));
            s3 = step(s3, load(a, i + 12), load(b, i + 12));
        }
        i += 16;
    }
    while i + 4 <= n {
        // SAFETY: i + 4 <= n.
        unsafe { s0 = step(s0, load(a, i), load(b, i)) };
        i += 4;
    }
    let mut sum = hsum(f32x4_add(f32x4_add(s0, s1), f32x4_add(s2, s3)));
    while i < n {
        sum += tail(a[i], b[i]);
        i += 1;
    }
    sum
}

/// Σ aᵢ·bᵢ.
pub fn dot_f32_simd128(a: &[f32], b: &[f32]) -> f32 {
    fold4(a, b, |s, x, y| f32x4_add(s, f32x4_mul(x, y)), |x, y| x * y)
}

/// Σ (aᵢ − bᵢ)².
pub fn l2sq_f32_simd128(a: &[f32], b: &[f32]) -> f32 {
    fold4(
        a,
        b,
        |s, x, y| {
            let d = f32x4_sub(x, y);
            f32x4_add(s, f32x4_mul(d, d))
        },
        |x, y| (x - y) * (x - y),
    )
}

/// Σ |aᵢ − bᵢ|.
pub fn l1_f32_simd128(a: &[f32], b: &[f32]) -> f32 {
    fold4(a, b, |s, x, y| f32x4_add(s, f32x4_abs(f32x4_sub(x, y))), |x, y| (x - y).abs())
}
