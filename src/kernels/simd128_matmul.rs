//! wasm simd128 dense layer over f16 weights (`matmul_f16_scalar` is the spec).
//!
//! Each weight row is widened to f32 once per call (`widen8`, exact) into a scratch row, then
//! dotted with four input rows at a time: one `f32x4` accumulator per input row, so a widened
//! row chunk loaded once feeds four products. The widening costs `m·n` conversions against
//! `t·m·n` multiply-adds, so it fades for sentences longer than a few tokens. Results differ
//! from `scalar` by summation order only (four lanes, then the tail).

use super::simd128_typed::{load, widen8};
use core::arch::wasm32::*;

#[inline(always)]
fn hsum(v: v128) -> f32 {
    f32x4_extract_lane::<0>(v) + f32x4_extract_lane::<1>(v) + f32x4_extract_lane::<2>(v) + f32x4_extract_lane::<3>(v)
}

/// `dst[i] = f32(src[i])` for `i < min(len)`.
fn widen_row(src: &[u16], dst: &mut [f32]) {
    let n = src.len().min(dst.len());
    let mut i = 0;
    while i + 8 <= n {
        // SAFETY: i + 8 <= n bounds both slices (8 u16 loaded, 2 × 4 f32 stored).
        unsafe {
            let (lo, hi) = widen8(load(src, i));
            v128_store(dst.as_mut_ptr().add(i) as *mut v128, lo);
            v128_store(dst.as_mut_ptr().add(i + 4) as *mut v128, hi);
        }
        i += 8;
    }
    for (d, &s) in dst[i..n].iter_mut().zip(&src[i..n]) {
        *d = super::half::f32_from_f16(s);
    }
}

/// Σ w[i]·x_k[i] for four rows `x_k` of length `w.len()`.
fn dot4(w: &[f32], x: [&[f32]; 4]) -> [f32; 4] {
    let n = x.iter().fold(w.len(), |n, r| n.min(r.len()));
    let mut acc = [f32x4_splat(0.0); 4];
    let mut i = 0;
    while i + 4 <= n {
        // SAFETY: i + 4 <= n bounds `w` and every row.
        unsafe {
            let wv = load(w, i);
            for (a, r) in acc.iter_mut().zip(&x) {
                *a = f32x4_add(*a, f32x4_mul(wv, load(r, i)));
            }
        }
        i += 4;
    }
    let mut out = acc.map(hsum);
    for (o, r) in out.iter_mut().zip(&x) {
        *o += w[i..n].iter().zip(&r[i..n]).map(|(a, b)| a * b).sum::<f32>();
    }
    out
}

/// The simd128 `matmul_f16`: `out[t·m + o] = bias[o] + Σᵢ x[t·n + i]·f32(w[o·n + i])`.
pub fn matmul_f16_simd128(x: &[f32], w: &[u16], bias: &[f32], out: &mut [f32]) {
    let m = bias.len();
    let n = w.len().checked_div(m).unwrap_or(0);
    if n == 0 {
        return;
    }
    let tokens = (x.len() / n).min(out.len() / m);
    let mut row = vec![0.0f32; n];
    for (o, (wr, &b)) in w.chunks_exact(n).zip(bias).enumerate() {
        widen_row(wr, &mut row);
        let mut t = 0;
        while t + 4 <= tokens {
            let xr = |k: usize| &x[(t + k) * n..(t + k + 1) * n];
            let sums = dot4(&row, [xr(0), xr(1), xr(2), xr(3)]);
            for (k, s) in sums.into_iter().enumerate() {
                out[(t + k) * m + o] = s + b;
            }
            t += 4;
        }
        for t in t..tokens {
            out[t * m + o] = super::simd128::dot_f32_simd128(&row, &x[t * n..(t + 1) * n]) + b;
        }
    }
}
