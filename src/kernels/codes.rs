//! Kernels over quantization codes (`collection/quantized/`): the bit-code distance
//! `popcount(a ⊕ b)` of binary quantization (Qdrant lib/quantization/src/encoded_vectors_binary.rs
//! `xor_popcnt`). Int8 codes are scored with the uint8 kernels (`dot_u8`, `l2sq_u8`, `l1_u8`).
//!
//! `xor_popcount_scalar` is the reference; `xor_popcount_simd128` (in `simd128_codes.rs`) is
//! the wasm fast path; `xor_popcount` dispatches at compile time, like every kernel here.
//! Integer results: the SIMD version equals the reference bit for bit.

/// Σ popcount(aᵢ ⊕ bᵢ) over the common length, one byte at a time (the reference).
pub fn xor_popcount_scalar(a: &[u8], b: &[u8]) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum()
}

/// Σ popcount(aᵢ ⊕ bᵢ) with 64-bit words where possible: the non-SIMD fast path, same result
/// as [`xor_popcount_scalar`].
pub fn xor_popcount_words(a: &[u8], b: &[u8]) -> u32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let (wa, wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail = xor_popcount_scalar(wa.remainder(), wb.remainder());
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
    wa.zip(wb).map(|(x, y)| (word(x) ^ word(y)).count_ones()).sum::<u32>() + tail
}

/// Σ popcount(aᵢ ⊕ bᵢ): the Hamming distance of two bit codes.
#[inline(always)]
pub fn xor_popcount(a: &[u8], b: &[u8]) -> u32 {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        super::simd128_codes::xor_popcount_simd128(a, b)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        xor_popcount_words(a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_path_equals_the_reference_on_every_length() {
        let seed = 0x9E37_79B9_7F4A_7C15u64;
        println!("seed {seed}");
        let mut s = seed;
        let mut byte = || {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (s >> 56) as u8
        };
        for len in 0..70 {
            let a: Vec<u8> = (0..len).map(|_| byte()).collect();
            let b: Vec<u8> = (0..len).map(|_| byte()).collect();
            assert_eq!(xor_popcount_words(&a, &b), xor_popcount_scalar(&a, &b), "len {len}");
            assert_eq!(xor_popcount(&a, &a), 0);
        }
        assert_eq!(xor_popcount_scalar(&[0xFF, 0x0F], &[0x00, 0x00]), 12);
    }
}
