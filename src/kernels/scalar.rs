//! Reference kernels: one sequential f32 accumulator (exact integer sums for bytes), the spec
//! the SIMD versions are tested against.

use super::half::f32_from_f16;

/// Σ aᵢ·bᵢ, summed left to right.
pub fn dot_f32_scalar(a: &[f32], b: &[f32]) -> f32 {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0.0, |acc, (x, y)| acc + x * y)
}

/// Σ (aᵢ − bᵢ)², summed left to right.
pub fn l2sq_f32_scalar(a: &[f32], b: &[f32]) -> f32 {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0.0, |acc, (x, y)| {
        let d = x - y;
        acc + d * d
    })
}

/// Σ |aᵢ − bᵢ|, summed left to right.
pub fn l1_f32_scalar(a: &[f32], b: &[f32]) -> f32 {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0.0, |acc, (x, y)| acc + (x - y).abs())
}

/// Whether every value is finite (neither ±∞ nor NaN).
pub fn all_finite_f32_scalar(v: &[f32]) -> bool {
    v.iter().all(|x| x.is_finite())
}

/// `vᵢ / d` in place.
pub fn div_f32_scalar(v: &mut [f32], d: f32) {
    v.iter_mut().for_each(|x| *x /= d);
}

/// Σ aᵢ·f32(bᵢ) over f16 rows `b` (bits): Qdrant's `dot_similarity_half` widens both sides to
/// f32 (metric_f16/simple_dot.rs); `a` is the query, already rounded to f16 values and widened
/// once, so the products are the same f32 products.
pub fn dot_f16_scalar(a: &[f32], b: &[u16]) -> f32 {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0.0, |acc, (x, &y)| acc + x * f32_from_f16(y))
}

/// Dense layer over f16 weights: `out[t·m + o] = bias[o] + Σᵢ x[t·n + i]·f32(w[o·n + i])` for
/// every row `t` of `x` (`n` floats each) and output `o < m = bias.len()`; `w` is `m × n`
/// row-major (a PyTorch `Linear` weight) and `n = w.len() / m`. Each sum runs left to right
/// from 0.0, the bias added last. Each weight row is widened once (exact), then four input
/// rows are summed side by side: four independent chains, each still in order, so the results
/// are those of one row at a time. Rows of `x` or `out` past the shorter of the two are left
/// alone.
pub fn matmul_f16_scalar(x: &[f32], w: &[u16], bias: &[f32], out: &mut [f32]) {
    let m = bias.len();
    let n = w.len().checked_div(m).unwrap_or(0);
    if n == 0 {
        return;
    }
    let tokens = (x.len() / n).min(out.len() / m);
    let mut row = vec![0.0f32; n];
    for (o, (wr, b)) in w.chunks_exact(n).zip(bias).enumerate() {
        row.iter_mut().zip(wr).for_each(|(r, &h)| *r = f32_from_f16(h));
        let mut t = 0;
        while t + 4 <= tokens {
            let x4 = |k: usize| x.get((t + k) * n..(t + k + 1) * n).unwrap_or(&[]);
            let sums = dot4_f32_scalar(&row, [x4(0), x4(1), x4(2), x4(3)]);
            for (k, sum) in sums.into_iter().enumerate() {
                if let Some(slot) = out.get_mut((t + k) * m + o) {
                    *slot = sum + b;
                }
            }
            t += 4;
        }
        for t in t..tokens {
            if let (Some(xr), Some(slot)) = (x.get(t * n..(t + 1) * n), out.get_mut(t * m + o)) {
                *slot = dot_f32_scalar(xr, &row) + b;
            }
        }
    }
}

/// `dot_f32_scalar(w, xₖ)` for four rows at once (four in-order chains, interleaved).
fn dot4_f32_scalar(w: &[f32], x: [&[f32]; 4]) -> [f32; 4] {
    let mut acc = [0.0f32; 4];
    let rows = w.iter().zip(x[0]).zip(x[1]).zip(x[2]).zip(x[3]);
    for ((((&wv, a), b), c), d) in rows {
        acc[0] += a * wv;
        acc[1] += b * wv;
        acc[2] += c * wv;
        acc[3] += d * wv;
    }
    acc
}

/// Σ (aᵢ − f32(bᵢ))² (metric_f16/simple_euclid.rs).
pub fn l2sq_f16_scalar(a: &[f32], b: &[u16]) -> f32 {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0.0, |acc, (x, &y)| {
        let d = x - f32_from_f16(y);
        acc + d * d
    })
}

/// Σ |aᵢ − f32(bᵢ)| (metric_f16/simple_manhattan.rs).
pub fn l1_f16_scalar(a: &[f32], b: &[u16]) -> f32 {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0.0, |acc, (x, &y)| acc + (x - f32_from_f16(y)).abs())
}

/// Σ aᵢ·bᵢ over bytes, exact. Qdrant sums in i32 (metric_uint/simple_dot.rs); the sum of
/// 65,536 products of at most 255² fits in u32, so a wrapping u32 sum is the exact value.
pub fn dot_u8_scalar(a: &[u8], b: &[u8]) -> u32 {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0u32, |acc, (&x, &y)| acc.wrapping_add(u32::from(x) * u32::from(y)))
}

/// Σ (aᵢ − bᵢ)² over bytes, exact (metric_uint/simple_euclid.rs).
pub fn l2sq_u8_scalar(a: &[u8], b: &[u8]) -> u32 {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0u32, |acc, (&x, &y)| {
        let d = u32::from(x.abs_diff(y));
        acc.wrapping_add(d * d)
    })
}

/// Σ |aᵢ − bᵢ| over bytes, exact (metric_uint/simple_manhattan.rs).
pub fn l1_u8_scalar(a: &[u8], b: &[u8]) -> u32 {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0u32, |acc, (&x, &y)| acc.wrapping_add(u32::from(x.abs_diff(y))))
}

/// (Σ aᵢ·bᵢ, Σ bᵢ²) over bytes in one pass, exact: the parts of the byte cosine
/// (metric_uint/simple_cosine.rs) that depend on the stored row `b`.
pub fn dot_norm_u8_scalar(a: &[u8], b: &[u8]) -> (u32, u32) {
    debug_assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold((0u32, 0u32), |(dot, norm), (&x, &y)| {
        let y = u32::from(y);
        (dot.wrapping_add(u32::from(x) * y), norm.wrapping_add(y * y))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_cases() {
        let a = [1.0, 2.0, 3.0];
        let b = [4.0, -5.0, 6.0];
        assert_eq!(dot_f32_scalar(&a, &b), 4.0 - 10.0 + 18.0);
        assert_eq!(l2sq_f32_scalar(&a, &b), 9.0 + 49.0 + 9.0);
        assert_eq!(l1_f32_scalar(&a, &b), 3.0 + 7.0 + 3.0);
        assert_eq!(dot_f32_scalar(&[], &[]), 0.0);
    }

    #[test]
    fn typed_named_cases() {
        let h = |x: f32| super::super::half::f16_from_f32(x);
        let a = [1.0, 2.0, 3.0];
        let b = [h(4.0), h(-5.0), h(6.0)];
        assert_eq!(dot_f16_scalar(&a, &b), 12.0);
        assert_eq!(l2sq_f16_scalar(&a, &b), 67.0);
        assert_eq!(l1_f16_scalar(&a, &b), 13.0);
        let (x, y) = ([1u8, 255, 0], [3u8, 255, 7]);
        assert_eq!(dot_u8_scalar(&x, &y), 3 + 65025);
        assert_eq!(l2sq_u8_scalar(&x, &y), 4 + 49);
        assert_eq!(l1_u8_scalar(&x, &y), 2 + 7);
        assert_eq!(dot_norm_u8_scalar(&x, &y), (65028, 9 + 65025 + 49));
        // The largest possible sums (65,536 dims of 255) are exact.
        let full = vec![255u8; 65_536];
        assert_eq!(dot_u8_scalar(&full, &full), 65_025 * 65_536);
        assert_eq!(l2sq_u8_scalar(&full, &vec![0u8; 65_536]), 65_025 * 65_536);
    }

    /// The blocked reference equals the naive one bit for bit (both sum each output in order).
    #[test]
    fn matmul_f16_scalar_equals_the_naive_sum() {
        let h = |x: f32| super::super::half::f16_from_f32(x);
        for (rows, m, n) in [(1, 1, 1), (3, 2, 5), (4, 3, 7), (9, 5, 33)] {
            let x: Vec<f32> = (0..rows * n).map(|i| ((i * 7919) % 23) as f32 / 7.0 - 1.5).collect();
            let w: Vec<u16> = (0..m * n).map(|i| h(((i * 104_729) % 19) as f32 / 5.0 - 1.8)).collect();
            let b: Vec<f32> = (0..m).map(|o| o as f32 * 0.25 - 0.5).collect();
            let mut out = vec![f32::NAN; rows * m];
            matmul_f16_scalar(&x, &w, &b, &mut out);
            for t in 0..rows {
                for o in 0..m {
                    let naive = (0..n).fold(0.0f32, |acc, i| acc + x[t * n + i] * super::super::half::f32_from_f16(w[o * n + i])) + b[o];
                    assert_eq!(out[t * m + o].to_bits(), naive.to_bits(), "{rows}×{m}×{n} [{t},{o}]");
                }
            }
        }
    }
}
