//! Seeded property test: every strategy, on every distance, through `Database::request`,
//! against a direct f64 reference of QDRANT_SEMANTICS.md's formulas (§1–§4). Checks scores
//! within 1e-4 and that the returned ids are the reference's top-k (tie-tolerant).
//! Replay a failure with SIMILE_SEED=<printed seed>.

use serde_json::{json, Value};
use simile::Database;

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// Test-data helpers on top of the shared generator.
trait Draw {
    fn f(&mut self) -> f64;
    fn vec(&mut self, d: usize) -> Vec<f64>;
}

impl Draw for Rng {
    fn f(&mut self) -> f64 {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    }
    fn vec(&mut self, d: usize) -> Vec<f64> {
        (0..d).map(|_| (self.f() * 100.0).round() / 100.0).collect()
    }
}

fn sim(dist: &str, a: &[f64], b: &[f64]) -> f64 {
    let pairs = a.iter().zip(b);
    match dist {
        "Euclid" => -pairs.map(|(x, y)| (x - y) * (x - y)).sum::<f64>(),
        "Manhattan" => -pairs.map(|(x, y)| (x - y).abs()).sum::<f64>(),
        _ => pairs.map(|(x, y)| x * y).sum(),
    }
}

fn normalise(dist: &str, v: &[f64]) -> Vec<f64> {
    let n = v.iter().map(|x| x * x).sum::<f64>().sqrt();
    if dist == "Cosine" && n > 0.0 { v.iter().map(|x| x / n).collect() } else { v.to_vec() }
}

fn fsig(x: f64) -> f64 {
    x / (1.0 + x.abs())
}
fn ssig(x: f64) -> f64 {
    0.5 * (fsig(x) + 1.0)
}

/// Whether a decision inside the score (which side of a pair or of best_score wins) is too
/// close to call: f32 and f64 may then decide differently, as the golden corpus notes too.
fn ambiguous(kind: &str, dist: &str, ex: &[Vec<f64>], v: &[f64]) -> bool {
    let s = |i: usize| sim(dist, &ex[i], v);
    let near = |a: f64, b: f64| (a - b).abs() < 1e-3;
    match kind {
        "best_score" => near(s(0).max(s(1)).max(s(2)), s(3).max(s(4))),
        "discover" => near(s(0), s(1)) || near(s(2), s(3)),
        _ => false,
    }
}

/// The reference score of `v` for a query over stored (normalised) example vectors.
fn reference(kind: &str, dist: &str, ex: &[Vec<f64>], v: &[f64]) -> f64 {
    let s = |i: usize| sim(dist, &ex[i], v);
    match kind {
        "best_score" => {
            let (p, n) = (s(0).max(s(1)).max(s(2)), s(3).max(s(4)));
            if p > n { ssig(p) } else { -ssig(n) }
        }
        "sum_scores" => s(0) + s(1) + s(2) - s(3) - s(4),
        "discover" => {
            let rank = |a: f64, b: f64| if a > b { 1.0 } else if a < b { -1.0 } else { 0.0 };
            rank(s(0), s(1)) + rank(s(2), s(3)) + ssig(s(4))
        }
        _ => (0..3).map(|k| fsig((s(2 * k) - s(2 * k + 1) - f32::EPSILON as f64).min(0.0))).sum(),
    }
}

fn body(kind: &str, ids: &[u64]) -> Value {
    let q = match kind {
        "best_score" | "sum_scores" => json!({"recommend": {"positive": &ids[..3], "negative": &ids[3..5], "strategy": kind}}),
        "discover" => json!({"discover": {"target": ids[4], "context": [{"positive": ids[0], "negative": ids[1]}, {"positive": ids[2], "negative": ids[3]}]}}),
        _ => json!({"context": [{"positive": ids[0], "negative": ids[1]}, {"positive": ids[2], "negative": ids[3]}, {"positive": ids[4], "negative": ids[5]}]}),
    };
    json!({"query": q, "limit": 10})
}

#[test]
fn strategies_match_the_reference_formulas() {
    let mut r = Rng::from_env("scoring property", 0xC0FFEE_u64);
    let seed = r.0;
    for round in 0..40 {
        let dist = ["Cosine", "Dot", "Euclid", "Manhattan"][round % 4];
        let (n, d) = (200, [3, 8, 17, 33][round % 4]);
        let pts: Vec<Vec<f64>> = (0..n).map(|_| r.vec(d)).collect();
        let mut db = Database::new();
        db.request("PUT", "/collections/c", &json!({"vectors": {"size": d, "distance": dist}}).to_string());
        let points: Vec<Value> = pts.iter().enumerate().map(|(i, v)| json!({"id": i, "vector": v})).collect();
        assert_eq!(db.request("PUT", "/collections/c/points", &json!({"points": points}).to_string()).status, 200);
        let stored: Vec<Vec<f64>> = pts.iter().map(|v| normalise(dist, v)).collect();
        for kind in ["best_score", "sum_scores", "discover", "context"] {
            let ids: Vec<u64> = (0..6).map(|_| r.next() % n as u64).collect();
            let resp = db.request("POST", "/collections/c/points/query", &body(kind, &ids).to_string());
            let out: Value = serde_json::from_str(&resp.envelope()).unwrap();
            let got = out["result"]["points"].as_array().unwrap_or_else(|| panic!("{}", resp.envelope()));
            let ex: Vec<Vec<f64>> = ids.iter().map(|&i| stored[i as usize].clone()).collect();
            let mut want: Vec<(f64, usize)> = (0..n)
                .filter(|i| !ids.contains(&(*i as u64)))
                .map(|i| (reference(kind, dist, &ex, &stored[i]), i))
                .collect();
            want.sort_by(|a, b| b.0.total_cmp(&a.0));
            let cut = want[got.len() - 1].0;
            for p in got {
                let (id, score) = (p["id"].as_u64().unwrap() as usize, p["score"].as_f64().unwrap());
                if ambiguous(kind, dist, &ex, &stored[id]) {
                    continue;
                }
                let exact = reference(kind, dist, &ex, &stored[id]);
                let tol = 1e-4_f64.max(1e-4 * exact.abs());
                assert!((score - exact).abs() <= tol, "seed {seed} round {round} {dist} {kind} id {id}: {score} vs {exact}");
                assert!(exact >= cut - 2.0 * tol, "seed {seed} round {round} {dist} {kind}: id {id} ({exact}) is not in the top-k (cut {cut})");
            }
        }
    }
}
