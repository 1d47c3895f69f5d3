//! simd128 kernels against the scalar reference, run by wasm-bindgen-test in Node and in
//! headless Chromium (`scripts/test.sh` builds them with `-C target-feature=+simd128`).
//!
//! Integer-valued inputs small enough that every partial sum is exact must give bit-identical
//! results. Random inputs differ only by summation order: both results are within
//! `(n + 8) · ε/2 · Σ|termᵢ|` of the exact sum's rounding, so that is the tolerance (a few ULP
//! of the magnitude sum per addition, deterministic — no flaky margin). The seed is printed and
//! can be pinned at build time with `SIMILE_TEST_SEED=<u64>`.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

#[wasm_bindgen_test]
#[allow(clippy::assertions_on_constants)] // the constant is the point: which build is this?
fn simd128_is_compiled_in() {
    assert!(
        cfg!(target_feature = "simd128"),
        "built without simd128: set RUSTFLAGS=\"-C target-feature=+simd128\""
    );
}

#[cfg(target_feature = "simd128")]
mod simd {
    use simile::kernels::scalar::*;
    use simile::kernels::simd128::*;
    use simile::kernels::{dot_f32, l1_f32, l2sq_f32};
    use wasm_bindgen_test::*;

    type Kernel = fn(&[f32], &[f32]) -> f32;
    /// |term i| as a function of (aᵢ, bᵢ), for the error bound.
    type Term = fn(f32, f32) -> f32;

    /// (name, scalar reference, simd128, dispatching, |term|)
    const KERNELS: [(&str, Kernel, Kernel, Kernel, Term); 3] = [
        ("dot", dot_f32_scalar, dot_f32_simd128, dot_f32, |x, y| {
            (x * y).abs()
        }),
        (
            "l2sq",
            l2sq_f32_scalar,
            l2sq_f32_simd128,
            l2sq_f32,
            |x, y| (x - y) * (x - y),
        ),
        ("l1", l1_f32_scalar, l1_f32_simd128, l1_f32, |x, y| {
            (x - y).abs()
        }),
    ];

    /// Every tail length up to three 16-float blocks, then typical embedding sizes.
    fn lengths() -> impl Iterator<Item = usize> {
        (0..=50).chain([63, 64, 65, 100, 127, 128, 384, 768, 1000, 1536])
    }

    /// splitmix64: small, seedable, good enough for test data.
    struct Rng(u64);
    impl Rng {
        fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        /// Uniform in [-1, 1).
        fn unit(&mut self) -> f32 {
            ((self.next_u64() >> 40) as f32 / (1u64 << 23) as f32) - 1.0
        }
        /// An integer in [-8, 8].
        fn small_int(&mut self) -> f32 {
            (self.next_u64() % 17) as f32 - 8.0
        }
    }

    fn seed() -> u64 {
        let seed = option_env!("SIMILE_TEST_SEED")
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| js_sys::Date::now() as u64);
        console_log!("wasm_kernels seed: {seed} (pin with SIMILE_TEST_SEED={seed})");
        seed
    }

    #[wasm_bindgen_test]
    fn integer_inputs_are_bit_identical() {
        let seed = seed();
        let mut rng = Rng(seed);
        for n in lengths() {
            let a: Vec<f32> = (0..n).map(|_| rng.small_int()).collect();
            let b: Vec<f32> = (0..n).map(|_| rng.small_int()).collect();
            for (name, scalar, simd, dispatch, _) in KERNELS {
                let want = scalar(&a, &b);
                let got = simd(&a, &b);
                assert_eq!(
                    got.to_bits(),
                    want.to_bits(),
                    "{name} n={n} seed={seed}: {got} != {want}"
                );
                assert_eq!(
                    dispatch(&a, &b).to_bits(),
                    got.to_bits(),
                    "{name}: dispatch is not simd128"
                );
            }
        }
    }

    #[wasm_bindgen_test]
    fn random_inputs_agree_within_rounding() {
        let seed = seed();
        let mut rng = Rng(seed);
        let mut worst = 0.0f64;
        for round in 0..20 {
            for n in lengths() {
                let scale = [1.0f32, 1e-3, 1e3][round % 3];
                let a: Vec<f32> = (0..n).map(|_| rng.unit() * scale).collect();
                let b: Vec<f32> = (0..n).map(|_| rng.unit() * scale).collect();
                for (name, scalar, simd, _, term) in KERNELS {
                    let want = scalar(&a, &b);
                    let got = simd(&a, &b);
                    let magnitude: f64 =
                        a.iter().zip(&b).map(|(&x, &y)| f64::from(term(x, y))).sum();
                    let ulp = f64::from(f32::EPSILON) / 2.0 * magnitude;
                    let diff = f64::from(got - want).abs();
                    let tolerance = (n as f64 + 8.0) * ulp;
                    assert!(
                        diff <= tolerance,
                        "{name} n={n} seed={seed}: simd {got} vs scalar {want}, |Δ|={diff:e} > {tolerance:e}"
                    );
                    if ulp > 0.0 {
                        worst = worst.max(diff / ulp);
                    }
                }
            }
        }
        console_log!("largest |simd − scalar| seen: {worst:.1} half-ULPs of Σ|term|");
    }
}

/// float16 and uint8 kernels against their scalar references (same seed rules as above).
#[cfg(target_feature = "simd128")]
mod typed {
    use simile::kernels::half::{f16_from_f32, f32_from_f16};
    use simile::kernels::scalar::*;
    use simile::kernels::simd128_typed::*;
    use simile::kernels::{dot_f16, dot_norm_u8, dot_u8, l1_f16, l1_u8, l2sq_f16, l2sq_u8};
    use wasm_bindgen_test::*;

    type HalfKernel = fn(&[f32], &[u16]) -> f32;
    type ByteKernel = fn(&[u8], &[u8]) -> u32;

    const HALF: [(&str, HalfKernel, HalfKernel, HalfKernel); 3] = [
        ("dot_f16", dot_f16_scalar, dot_f16_simd128, dot_f16),
        ("l2sq_f16", l2sq_f16_scalar, l2sq_f16_simd128, l2sq_f16),
        ("l1_f16", l1_f16_scalar, l1_f16_simd128, l1_f16),
    ];
    const BYTE: [(&str, ByteKernel, ByteKernel, ByteKernel); 3] = [
        ("dot_u8", dot_u8_scalar, dot_u8_simd128, dot_u8),
        ("l2sq_u8", l2sq_u8_scalar, l2sq_u8_simd128, l2sq_u8),
        ("l1_u8", l1_u8_scalar, l1_u8_simd128, l1_u8),
    ];

    fn lengths() -> impl Iterator<Item = usize> {
        (0..=50).chain([63, 64, 65, 100, 127, 128, 384, 768, 1000, 1536])
    }

    struct Rng(u64);
    impl Rng {
        fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn unit(&mut self) -> f32 {
            ((self.next_u64() >> 40) as f32 / (1u64 << 23) as f32) - 1.0
        }
    }

    fn seed() -> u64 {
        let seed = option_env!("SIMILE_TEST_SEED")
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| js_sys::Date::now() as u64);
        console_log!("wasm_kernels typed seed: {seed} (pin with SIMILE_TEST_SEED={seed})");
        seed
    }

    #[wasm_bindgen_test]
    fn f16_widening_is_exact_for_every_value() {
        let mut probe = [0.0f32; 16];
        probe[0] = 1.0;
        for h in 0..=u16::MAX {
            let want = f32_from_f16(h);
            if !want.is_finite() {
                continue;
            }
            // 1·x + Σ 0·x: every partial sum is exactly x.
            let got = dot_f16_simd128(&probe, &[h; 16]);
            assert_eq!(got.to_bits(), (want + 0.0).to_bits(), "f16 bits {h:#06x}");
        }
        // ∞ and NaN widen to ∞ and NaN, as in the scalar path.
        assert_eq!(l1_f16_simd128(&[0.0; 8], &[0x7c00; 8]), f32::INFINITY);
        assert!(l1_f16_simd128(&[0.0; 8], &[0x7e00; 8]).is_nan());
    }

    #[wasm_bindgen_test]
    fn f16_kernels_agree_with_scalar() {
        let seed = seed();
        let mut rng = Rng(seed);
        for round in 0..10 {
            for n in lengths() {
                let scale = [1.0f32, 1e-3, 1e3][round % 3];
                let a: Vec<f32> = (0..n).map(|_| f32_from_f16(f16_from_f32(rng.unit() * scale))).collect();
                let b: Vec<u16> = (0..n).map(|_| f16_from_f32(rng.unit() * scale)).collect();
                let ints: Vec<u16> = (0..n).map(|_| f16_from_f32((rng.next_u64() % 17) as f32 - 8.0)).collect();
                let small: Vec<f32> = (0..n).map(|_| (rng.next_u64() % 17) as f32 - 8.0).collect();
                for (name, scalar, simd, dispatch) in HALF {
                    // Integer values: every partial sum exact, bit-identical.
                    assert_eq!(simd(&small, &ints).to_bits(), scalar(&small, &ints).to_bits(), "{name} n={n} seed={seed}");
                    assert_eq!(dispatch(&small, &ints).to_bits(), simd(&small, &ints).to_bits(), "{name}: dispatch");
                    let (want, got) = (scalar(&a, &b), simd(&a, &b));
                    let magnitude: f64 = a.iter().zip(&b).map(|(&x, &y)| f64::from((x * f32_from_f16(y)).abs() + (x - f32_from_f16(y)).abs().powi(2) + (x - f32_from_f16(y)).abs())).sum();
                    let tolerance = (n as f64 + 8.0) * f64::from(f32::EPSILON) / 2.0 * magnitude;
                    assert!(f64::from(got - want).abs() <= tolerance, "{name} n={n} seed={seed}: {got} vs {want}");
                }
            }
        }
    }

    #[wasm_bindgen_test]
    fn u8_kernels_equal_scalar() {
        let seed = seed();
        let mut rng = Rng(seed);
        for _ in 0..10 {
            for n in lengths() {
                let a: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
                let b: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
                for (name, scalar, simd, dispatch) in BYTE {
                    assert_eq!(simd(&a, &b), scalar(&a, &b), "{name} n={n} seed={seed}");
                    assert_eq!(dispatch(&a, &b), scalar(&a, &b), "{name}: dispatch");
                }
                assert_eq!(dot_norm_u8_simd128(&a, &b), dot_norm_u8_scalar(&a, &b), "dot_norm_u8 n={n} seed={seed}");
                assert_eq!(dot_norm_u8(&a, &b), dot_norm_u8_scalar(&a, &b));
            }
        }
        // The extremes: 65,536 dims of 255 (sums just under 2^32) and of 0.
        let (full, zero) = (vec![255u8; 65_536], vec![0u8; 65_536]);
        assert_eq!(dot_u8_simd128(&full, &full), 65_025 * 65_536);
        assert_eq!(l2sq_u8_simd128(&full, &zero), 65_025 * 65_536);
        assert_eq!(l1_u8_simd128(&zero, &full), 255 * 65_536);
        assert_eq!(dot_norm_u8_simd128(&zero, &full), (0, 65_025 * 65_536));
    }
}

/// The bit-code kernel of binary quantization: simd128 equals the scalar reference exactly,
/// including lengths past the 2,048-step fold of its u16 lanes.
#[cfg(target_feature = "simd128")]
mod codes {
    use simile::kernels::codes::{xor_popcount, xor_popcount_scalar, xor_popcount_words};
    use simile::kernels::simd128_codes::xor_popcount_simd128;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn xor_popcount_equals_scalar() {
        let seed = option_env!("SIMILE_TEST_SEED").and_then(|s| s.parse().ok()).unwrap_or_else(|| js_sys::Date::now() as u64);
        console_log!("wasm_kernels codes seed: {seed} (pin with SIMILE_TEST_SEED={seed})");
        let mut s = seed;
        let mut byte = || {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (s >> 56) as u8
        };
        for n in (0..=70).chain([127, 128, 129, 384, 1000, 32_768, 32_800, 70_000]) {
            let a: Vec<u8> = (0..n).map(|_| byte()).collect();
            let b: Vec<u8> = (0..n).map(|_| byte()).collect();
            let want = xor_popcount_scalar(&a, &b);
            assert_eq!(xor_popcount_simd128(&a, &b), want, "n={n} seed={seed}");
            assert_eq!(xor_popcount_words(&a, &b), want, "words n={n}");
            assert_eq!(xor_popcount(&a, &b), want, "dispatch n={n}");
        }
        let (ones, zeros) = (vec![0xFFu8; 70_000], vec![0u8; 70_000]);
        assert_eq!(xor_popcount_simd128(&ones, &zeros), 560_000, "all lanes saturated past the fold");
    }
}

/// The element-wise kernels (finite check and in-place division) equal the scalar reference bit
/// for bit, at every tail length, with a non-finite value at every position of a short row.
#[cfg(target_feature = "simd128")]
mod elementwise {
    use simile::kernels::scalar::{all_finite_f32_scalar, div_f32_scalar};
    use simile::kernels::simd128::{all_finite_f32_simd128, div_f32_simd128};
    use simile::kernels::{all_finite_f32, div_f32};
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn elementwise_kernels_equal_scalar() {
        let seed = option_env!("SIMILE_TEST_SEED").and_then(|s| s.parse().ok()).unwrap_or_else(|| js_sys::Date::now() as u64);
        console_log!("wasm_kernels elementwise seed: {seed} (pin with SIMILE_TEST_SEED={seed})");
        let mut s = seed;
        let mut unit = || {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
        };
        for n in (0..=40).chain([384, 1023, 1024, 1025, 3000]) {
            let row: Vec<f32> = (0..n).map(|_| unit()).collect();
            assert!(all_finite_f32_simd128(&row) && all_finite_f32(&row), "n={n}");
            let d = 0.5 + unit().abs();
            let (mut want, mut got, mut via) = (row.clone(), row.clone(), row.clone());
            div_f32_scalar(&mut want, d);
            div_f32_simd128(&mut got, d);
            div_f32(&mut via, d);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&got), bits(&want), "div n={n} seed={seed}");
            assert_eq!(bits(&via), bits(&want), "div dispatch n={n}");
        }
        for n in 1..=40 {
            for at in 0..n {
                for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
                    let mut row = vec![1.0f32; n];
                    row[at] = bad;
                    assert!(!all_finite_f32_simd128(&row), "n={n} at={at} {bad}");
                    assert_eq!(all_finite_f32_simd128(&row), all_finite_f32_scalar(&row));
                }
            }
        }
        let mut far = vec![0.25f32; 3000];
        far[2999] = f32::NAN;
        assert!(!all_finite_f32(&far), "a NaN in the last chunk's tail");
    }
}
