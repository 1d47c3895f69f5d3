//! Named cases for each formula (identity similarity over plain numbers) and seeded property
//! tests of each strategy's order invariants.

use super::strategy::*;

/// With identity similarity an "example" is just its similarity to the candidate.
fn id(x: &f32) -> f32 {
    *x
}

fn pair(p: f32, n: f32) -> ContextPair<f32> {
    ContextPair { positive: p, negative: n }
}

#[test]
fn sigmoids() {
    assert_eq!(fast_sigmoid(0.0), 0.0);
    assert_eq!(fast_sigmoid(1.0), 0.5);
    assert_eq!(fast_sigmoid(-3.0), -0.75);
    assert_eq!(scaled_fast_sigmoid(0.0), 0.5);
    assert_eq!(scaled_fast_sigmoid(1.0), 0.75);
}

#[test]
fn best_score_branches() {
    let q = BestScore { positives: vec![0.8, 0.2], negatives: vec![0.5] };
    assert_eq!(q.score_by(id), scaled_fast_sigmoid(0.8));
    let tie = BestScore { positives: vec![0.5], negatives: vec![0.5] };
    assert_eq!(tie.score_by(id), -scaled_fast_sigmoid(0.5), "tie takes the negative branch");
    let neg_only = BestScore { positives: vec![], negatives: vec![-1.0] };
    assert_eq!(neg_only.score_by(id), -scaled_fast_sigmoid(-1.0));
}

#[test]
fn sum_scores_and_nearest() {
    let q = SumScores { positives: vec![1.0, 2.0], negatives: vec![0.5] };
    assert_eq!(q.score_by(id), 2.5);
    assert_eq!(SumScores { positives: vec![], negatives: vec![2.0] }.score_by(id), -2.0);
    assert_eq!(Nearest { vector: 0.3 }.score_by(id), 0.3);
}

#[test]
fn discover_rank_plus_target() {
    let q = Discover { target: 0.0, pairs: vec![pair(1.0, 0.0), pair(0.0, 1.0), pair(2.0, 1.0)] };
    assert_eq!(q.score_by(id), 1.0 + 0.5);
    let zero = Discover { target: 1.0, pairs: vec![pair(-0.0, 0.0)] };
    assert_eq!(zero.score_by(id), -1.0 + 0.75, "total_cmp: -0.0 < +0.0");
    let no_pairs = Discover { target: 1.0, pairs: vec![] };
    assert_eq!(no_pairs.score_by(id), 0.75);
}

#[test]
fn context_loss_with_margin() {
    let q = Context { pairs: vec![pair(1.0, 0.0)] };
    assert_eq!(q.score_by(id), 0.0);
    let equal = Context { pairs: vec![pair(0.5, 0.5)] };
    assert_eq!(equal.score_by(id), fast_sigmoid(-f32::EPSILON));
    let wrong_side = Context { pairs: vec![pair(0.0, 1.0), pair(0.0, 3.0)] };
    let expect = fast_sigmoid(-1.0 - f32::EPSILON) + fast_sigmoid(-3.0 - f32::EPSILON);
    assert_eq!(wrong_side.score_by(id), expect);
}

/// Spec §3.2/§4.1 worked example: Cosine 2-D points, positive 1, negative 2, target 3.
#[test]
fn worked_example_cosine() {
    let n = |v: [f32; 2]| {
        let l = (v[0] * v[0] + v[1] * v[1]).sqrt();
        [v[0] / l, v[1] / l]
    };
    let pts = [n([1.0, 0.0]), n([0.0, 1.0]), n([1.0, 1.0]), n([-1.0, 0.0]), n([2.0, -1.0])];
    let dot = |a: &[f32; 2], b: &[f32; 2]| a[0] * b[0] + a[1] * b[1];
    let best = BestScore { positives: vec![pts[0]], negatives: vec![pts[1]] };
    let score = |i: usize| best.score_by(|e| dot(e, &pts[i]));
    assert!((score(4) - 0.736068).abs() < 1e-6);
    assert!((score(3) + 0.5).abs() < 1e-6);
    assert!((score(2) + std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
    let disc = Discover { target: pts[2], pairs: vec![ContextPair { positive: pts[0], negative: pts[1] }] };
    assert!((disc.score_by(|e| dot(e, &pts[4])) - 1.620127).abs() < 1e-6);
    assert!((disc.score_by(|e| dot(e, &pts[3])) + std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
}

/// xorshift64*: a tiny seeded generator so failures can be replayed from the printed seed.
struct Rng(u64);
impl Rng {
    fn f(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        ((self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0
    }
    fn vec(&mut self, n: usize) -> Vec<f32> {
        (0..n).map(|_| self.f()).collect()
    }
}

fn seed() -> u64 {
    let s = std::env::var("SIMILE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5EED_1234);
    println!("property seed: {s} (replay with SIMILE_SEED={s})");
    s
}

/// best_score: every candidate on the positive side outranks every candidate on the negative
/// side, and within a side the order follows maxP (resp. −maxN).
#[test]
fn best_score_order_invariants() {
    let mut r = Rng(seed());
    for _ in 0..2000 {
        let q = BestScore { positives: r.vec(3), negatives: r.vec(2) };
        let (a, b) = (q.score_by(id), BestScore { positives: r.vec(3), negatives: r.vec(2) }.score_by(id));
        assert!(a > -1.0 && a < 1.0 && b > -1.0 && b < 1.0);
        let max = |v: &[f32]| v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let positive_side = max(&q.positives) > max(&q.negatives);
        assert_eq!(a > 0.0, positive_side);
    }
}

/// discover: a candidate with a higher context rank always outranks one with a lower rank.
#[test]
fn discover_rank_dominates_target() {
    let mut r = Rng(seed() ^ 1);
    for _ in 0..2000 {
        let pairs: Vec<_> = (0..3).map(|_| pair(r.f(), r.f())).collect();
        let q = Discover { target: r.f(), pairs };
        let s = q.score_by(id);
        let rank: i32 = q.pairs.iter().map(|p| (p.positive > p.negative) as i32 - (p.positive < p.negative) as i32).sum();
        assert_eq!(s.floor() as i32, rank, "score {s}");
    }
}

/// context: never positive, and 0 exactly when every pair is on its positive side by > ε.
#[test]
fn context_is_non_positive() {
    let mut r = Rng(seed() ^ 2);
    for _ in 0..2000 {
        let q = Context { pairs: (0..3).map(|_| pair(r.f(), r.f())).collect() };
        let s = q.score_by(id);
        let all_pos = q.pairs.iter().all(|p| p.positive - p.negative - f32::EPSILON >= 0.0);
        assert!(s <= 0.0);
        assert_eq!(s == 0.0, all_pos);
    }
}

/// `score_above(bar)` is `score_by` compared with the bar, for every strategy, whatever it
/// skips: the pruning never changes which candidates enter the top-k.
#[test]
fn score_above_agrees_with_score_by() {
    let mut r = Rng(seed() ^ 3);
    for _ in 0..20_000 {
        let bar = [r.f() * 0.6, 0.0, r.f() * 3.0, f32::NEG_INFINITY][(r.0 % 4) as usize];
        let best = BestScore { positives: r.vec((r.0 % 3) as usize + 1), negatives: r.vec((r.0 % 3) as usize) };
        let disc = Discover { target: r.f(), pairs: (0..(r.0 % 4)).map(|_| pair(r.f(), r.f())).collect() };
        let ctx = Context { pairs: (0..(r.0 % 4) + 1).map(|_| pair(r.f(), r.f())).collect() };
        let check = |name: &str, full: f32, pruned: Option<f32>| {
            assert_eq!(pruned, (full > bar).then_some(full), "{name}: bar {bar}, full {full}");
        };
        check("best_score", best.score_by(id), best.score_above(bar, id));
        check("discover", disc.score_by(id), disc.score_above(bar, id));
        check("context", ctx.score_by(id), ctx.score_above(bar, id));
    }
}
