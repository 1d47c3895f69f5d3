//! A seeded linear congruential generator of floats in [-1, 1) (Knuth's MMIX constants), for
//! tests whose data must stay exactly what their thresholds were tuned on. Tests that only need
//! some seeded randomness use `rng.rs`.

pub struct Lcg(pub u64);

impl Lcg {
    /// The next float in [-1, 1): the top 24 bits of the state, scaled.
    pub fn next(&mut self) -> f32 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }
}
