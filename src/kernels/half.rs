//! IEEE 754 binary16 ("float16") ⇄ f32, bit for bit as the `half` crate Qdrant uses
//! (`f16::from_f32`: round to nearest, ties to even; overflow to ±∞; NaN stays NaN).
//!
//! Values travel as their bits (`u16`): simile has no f16 type. f16 → f32 is exact; f32 →
//! f16 → f32 rounds to the nearest f16 value.

/// The f16 bits nearest to `x` (round to nearest, ties to even).
pub fn f16_from_f32(x: f32) -> u16 {
    let bits = x.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let abs = bits & 0x7fff_ffff;
    if abs >= 0x7f80_0000 {
        // ∞ stays ∞; NaN keeps its top payload bits and stays a (quiet) NaN.
        let nan = if abs > 0x7f80_0000 { 0x0200 | ((abs >> 13) & 0x03ff) as u16 } else { 0 };
        return sign | 0x7c00 | nan;
    }
    if abs >= 0x477f_f000 {
        // ≥ 65520 = halfway between the largest f16 (65504) and 2^16: rounds to ∞.
        return sign | 0x7c00;
    }
    if abs >= 0x3880_0000 {
        // A normal f16 (≥ 2^-14): rebias the exponent (127 − 15 = 112) and round the 13
        // dropped mantissa bits to nearest even; a carry correctly bumps the exponent.
        let rounded = abs + 0x0fff + ((abs >> 13) & 1);
        return sign | ((rounded - 0x3800_0000) >> 13) as u16;
    }
    // Subnormal f16 (or zero): the value in units of 2^-24, rounded to nearest even. The
    // product is exact (a power-of-two scaling of a value far from overflow).
    sign | (f32::from_bits(abs) * 16_777_216.0).round_ties_even() as u16
}

/// The f32 value of the f16 bits `h` (exact).
#[inline(always)]
pub fn f32_from_f16(h: u16) -> f32 {
    let sign = u32::from(h & 0x8000) << 16;
    let em = u32::from(h & 0x7fff);
    if em >= 0x7c00 {
        return f32::from_bits(sign | 0x7f80_0000 | ((em & 0x03ff) << 13));
    }
    // Shift exponent and mantissa into f32 position, then scale by 2^112 to rebias: exact for
    // normals and subnormals alike (the simd128 widening uses the same identity).
    let magnitude = f32::from_bits(em << 13) * f32::from_bits(0x7780_0000);
    f32::from_bits(sign | magnitude.to_bits())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_values() {
        let cases: [(f32, u16); 12] = [
            (0.0, 0x0000),
            (-0.0, 0x8000),
            (1.0, 0x3c00),
            (-2.0, 0xc000),
            (65504.0, 0x7bff),
            (65519.0, 0x7bff),
            (65520.0, 0x7c00),
            (f32::INFINITY, 0x7c00),
            (6.103_515_6e-5, 0x0400),  // smallest normal, 2^-14
            (5.960_464_5e-8, 0x0001),  // smallest subnormal, 2^-24
            (2.980_232_2e-8, 0x0000),  // 2^-25: tie between 0 and 2^-24 → even (0)
            (0.1, 0x2e66),
        ];
        for (x, h) in cases {
            assert_eq!(f16_from_f32(x), h, "{x}");
        }
        assert!(f32_from_f16(f16_from_f32(f32::NAN)).is_nan());
        // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1.0).
        assert_eq!(f16_from_f32(1.0 + 2f32.powi(-11)), 0x3c00);
        assert_eq!(f16_from_f32(1.0 + 3.0 * 2f32.powi(-11)), 0x3c02);
    }

    #[test]
    fn every_f16_round_trips_and_rounding_is_nearest() {
        for h in 0..=u16::MAX {
            let x = f32_from_f16(h);
            if x.is_nan() {
                continue;
            }
            assert_eq!(f16_from_f32(x), h, "{h:#06x}");
            // The midpoint to the next f16 up (in magnitude) rounds to the even one of the two.
            let next = h.wrapping_add(1);
            if h & 0x7fff < 0x7c00 && next & 0x7fff <= 0x7c00 && (h ^ next) & 0x8000 == 0 {
                let mid = (f64::from(x) + f64::from(f32_from_f16(next))) / 2.0;
                let even = if h & 1 == 0 { h } else { next };
                assert_eq!(f16_from_f32(mid as f32), even, "midpoint after {h:#06x}");
            }
        }
    }
}
