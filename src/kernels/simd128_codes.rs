//! wasm simd128 kernel over bit codes: 16 bytes per step, `i8x16_popcnt` of the XOR, byte
//! counts widened pairwise to u16 lanes (each step adds ≤ 16 per lane, so the u16 lanes are
//! folded into a u32 total every 2048 steps, long before they could wrap), then a scalar tail.
//! The result equals `codes::xor_popcount_scalar` bit for bit.

use core::arch::wasm32::*;

/// Σ popcount(aᵢ ⊕ bᵢ) over the common length.
pub fn xor_popcount_simd128(a: &[u8], b: &[u8]) -> u32 {
    let n = a.len().min(b.len());
    let mut total = 0u32;
    let mut lanes = u16x8_splat(0);
    let (mut i, mut steps) = (0, 0u32);
    while i + 16 <= n {
        // SAFETY: `i + 16 <= n` bounds both slices; v128_load allows unaligned reads.
        let (x, y) = unsafe { (v128_load(a.as_ptr().add(i) as *const v128), v128_load(b.as_ptr().add(i) as *const v128)) };
        lanes = i16x8_add(lanes, u16x8_extadd_pairwise_u8x16(i8x16_popcnt(v128_xor(x, y))));
        i += 16;
        steps += 1;
        if steps == 2048 {
            total += fold(lanes);
            lanes = u16x8_splat(0);
            steps = 0;
        }
    }
    total + fold(lanes) + super::codes::xor_popcount_scalar(&a[i..n], &b[i..n])
}

/// The sum of eight u16 lanes.
#[inline(always)]
fn fold(v: v128) -> u32 {
    let w = u32x4_extadd_pairwise_u16x8(v);
    u32x4_extract_lane::<0>(w) + u32x4_extract_lane::<1>(w) + u32x4_extract_lane::<2>(w) + u32x4_extract_lane::<3>(w)
}
