//! Reference kernels: one sequential f32 accumulator, the spec the SIMD versions are tested against.

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
}
