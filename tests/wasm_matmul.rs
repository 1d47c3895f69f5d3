//! The simd128 f16 matmul (MiniLM's dense layers) against its scalar reference, under
//! wasm-bindgen-test like `wasm_kernels.rs`: bit-identical on small integers (every partial sum
//! exact), within the summation-order bound `(n + 8)·ε/2·Σ|xᵢ·wᵢ|` per output on random input.
//! Shapes cover 0–3 leftover input rows of the 4-row blocks and every tail length of a row.
//! The seed is printed and can be pinned with `SIMILE_TEST_SEED=<u64>` at build time.

#![cfg(all(target_arch = "wasm32", target_feature = "simd128"))]

use simile::kernels::half::{f16_from_f32, f32_from_f16};
use simile::kernels::matmul_f16;
use simile::kernels::scalar::matmul_f16_scalar;
use simile::kernels::simd128_matmul::matmul_f16_simd128;
use wasm_bindgen_test::*;

/// splitmix64.
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
    fn small_int(&mut self) -> f32 {
        (self.next_u64() % 17) as f32 - 8.0
    }
}

fn seed() -> u64 {
    let seed = option_env!("SIMILE_TEST_SEED").and_then(|s| s.parse().ok()).unwrap_or_else(|| js_sys::Date::now() as u64);
    console_log!("wasm_matmul seed: {seed} (pin with SIMILE_TEST_SEED={seed})");
    seed
}

/// (input rows, outputs, inputs per row)
const SHAPES: [(usize, usize, usize); 9] =
    [(1, 1, 1), (3, 2, 7), (4, 3, 8), (5, 4, 9), (6, 5, 15), (7, 6, 16), (8, 3, 17), (13, 7, 384), (9, 5, 1536)];

fn run(kernel: fn(&[f32], &[u16], &[f32], &mut [f32]), x: &[f32], w: &[u16], b: &[f32], rows: usize) -> Vec<f32> {
    let mut out = vec![f32::NAN; rows * b.len()];
    kernel(x, w, b, &mut out);
    out
}

#[wasm_bindgen_test]
fn integer_inputs_are_bit_identical() {
    let seed = seed();
    let mut rng = Rng(seed);
    for (rows, m, n) in SHAPES {
        let x: Vec<f32> = (0..rows * n).map(|_| rng.small_int()).collect();
        let w: Vec<u16> = (0..m * n).map(|_| f16_from_f32(rng.small_int())).collect();
        let b: Vec<f32> = (0..m).map(|_| rng.small_int()).collect();
        let want = run(matmul_f16_scalar, &x, &w, &b, rows);
        let bits = |v: Vec<f32>| v.into_iter().map(f32::to_bits).collect::<Vec<_>>();
        assert_eq!(bits(run(matmul_f16_simd128, &x, &w, &b, rows)), bits(want.clone()), "{rows}×{m}×{n} seed={seed}");
        assert_eq!(bits(run(matmul_f16, &x, &w, &b, rows)), bits(want), "dispatch {rows}×{m}×{n}");
    }
}

#[wasm_bindgen_test]
fn random_inputs_agree_within_rounding() {
    let seed = seed();
    let mut rng = Rng(seed);
    for (rows, m, n) in SHAPES {
        let x: Vec<f32> = (0..rows * n).map(|_| rng.unit()).collect();
        let w: Vec<u16> = (0..m * n).map(|_| f16_from_f32(rng.unit() * 0.1)).collect();
        let b: Vec<f32> = (0..m).map(|_| rng.unit()).collect();
        let (want, got) = (run(matmul_f16_scalar, &x, &w, &b, rows), run(matmul_f16_simd128, &x, &w, &b, rows));
        for t in 0..rows {
            for o in 0..m {
                let xr = &x[t * n..(t + 1) * n];
                let wr = &w[o * n..(o + 1) * n];
                let magnitude: f64 = xr.iter().zip(wr).map(|(&a, &h)| f64::from((a * f32_from_f16(h)).abs())).sum::<f64>() + f64::from(b[o].abs());
                let tolerance = (n as f64 + 8.0) * f64::from(f32::EPSILON) / 2.0 * magnitude;
                let (g, e) = (got[t * m + o], want[t * m + o]);
                assert!(f64::from(g - e).abs() <= tolerance, "{rows}×{m}×{n} [{t},{o}] seed={seed}: {g} vs {e}");
            }
        }
    }
}
