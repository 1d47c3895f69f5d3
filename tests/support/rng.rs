//! xorshift64: a tiny seeded generator for the property tests, so a failing run replays with
//! `SIMILE_SEED=<n>` (the seed is printed).

pub struct Rng(pub u64);

impl Rng {
    /// A generator seeded from `$SIMILE_SEED`, else `default`; prints the seed as `what`.
    pub fn from_env(what: &str, default: u64) -> Rng {
        let seed = std::env::var("SIMILE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(default);
        println!("{what} seed: {seed} (replay with SIMILE_SEED={seed})");
        Rng(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
