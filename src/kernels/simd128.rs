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

/// Whether every value is finite: lanes with |x| < ∞ (false for ±∞ and NaN) are and-ed
/// together, 16 values per step, checked once per 1,024 values so a bad value stops early.
pub fn all_finite_f32_simd128(v: &[f32]) -> bool {
    let inf = f32x4_splat(f32::INFINITY);
    let finite = |x: v128| f32x4_lt(f32x4_abs(x), inf);
    v.chunks(1024).all(|c| {
        let (mut ok0, mut ok1) = (i32x4_splat(-1), i32x4_splat(-1));
        let mut i = 0;
        // SAFETY (all loads below): every index is checked against `c.len()`.
        while i + 16 <= c.len() {
            unsafe {
                ok0 = v128_and(ok0, v128_and(finite(load(c, i)), finite(load(c, i + 4))));
                ok1 = v128_and(ok1, v128_and(finite(load(c, i + 8)), finite(load(c, i + 12))));
            }
            i += 16;
        }
        while i + 4 <= c.len() {
            ok0 = v128_and(ok0, finite(unsafe { load(c, i) }));
            i += 4;
        }
        i32x4_all_true(v128_and(ok0, ok1)) && c[i..].iter().all(|x| x.is_finite())
    })
}

/// `vᵢ / d` in place, a true division per value (the scalar reference's results, bit for bit).
pub fn div_f32_simd128(v: &mut [f32], d: f32) {
    let dv = f32x4_splat(d);
    let mut chunks = v.chunks_exact_mut(4);
    for c in &mut chunks {
        let p = c.as_mut_ptr() as *mut v128;
        // SAFETY: `c` holds exactly 4 floats; v128 loads and stores may be unaligned.
        unsafe { v128_store(p, f32x4_div(v128_load(p), dv)) };
    }
    chunks.into_remainder().iter_mut().for_each(|x| *x /= d);
}
