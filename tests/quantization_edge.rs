//! Quantized search against Qdrant's engine: the same seeded points and queries are searched
//! by simile and by qdrant-edge-py (tests/congruence/quant_oracle.py, a plain scan over the
//! codes after the optimizer built them). For scalar int8 and every binary encoding, with
//! rescoring off, simile's recall@10 against its exact answer must be at least the engine's
//! recall against its exact answer − 0.01; with rescoring on (oversampling 3) the same for the
//! rescored answers, whose scores are the exact ones.
//!
//! Replay a run with `SIMILE_SEED=<n>`.

#[path = "support/oracle.rs"]
mod oracle;

use serde_json::{json, Value};
use simile::Database;

const DIM: usize = 64;
const POINTS: usize = 3000;
const QUERIES: usize = 25;
const LIMIT: usize = 10;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f32 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }
}

/// Points around 30 centres, a mix of 8 directions, and per-dimension noise: neighbourhoods
/// that codes can resolve (signs differ within a cluster).
fn data(seed: u64, n: usize) -> Vec<Vec<f32>> {
    let mut rng = Lcg(seed);
    let mut draw = |count: usize| -> Vec<Vec<f32>> { (0..count).map(|_| (0..DIM).map(|_| rng.next()).collect()).collect() };
    let (centres, directions) = (draw(30), draw(8));
    let mut rng = Lcg(seed ^ 0xDA7A);
    (0..n)
        .map(|i| {
            let mut v: Vec<f32> = centres[i % 30].iter().map(|c| 0.5 * c).collect();
            for d in &directions {
                let w = 0.4 * rng.next();
                v.iter_mut().zip(d).for_each(|(x, y)| *x += w * y);
            }
            v.iter_mut().for_each(|x| *x += 0.5 * rng.next());
            v
        })
        .collect()
}

fn seed() -> u64 {
    std::env::var("SIMILE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x0051_A7ED)
}

/// The parameter sets, in the oracle's order: exact, raw codes, rescored ×3.
fn params() -> Value {
    json!([{"exact": true}, {"rescore": false}, {"rescore": true, "oversampling": 3.0}])
}

fn simile_answers(distance: &str, quant: &Value, points: &[Vec<f32>], queries: &[Vec<f32>]) -> Vec<Vec<u64>> {
    let mut db = Database::new();
    let body = json!({"vectors": {"size": DIM, "distance": distance}, "quantization_config": quant});
    assert_eq!(db.request("PUT", "/collections/c", &body.to_string()).status, 200);
    let pts: Vec<Value> = points.iter().enumerate().map(|(i, v)| json!({"id": i, "vector": v})).collect();
    let r = db.request("PUT", "/collections/c/points?wait=true", &json!({ "points": pts }).to_string());
    assert_eq!(r.status, 200);
    db.optimize("c", &mut |_, _| {}).expect("optimize");
    let mut out = Vec::new();
    for p in params().as_array().unwrap() {
        let qp = json!({"exact": p["exact"], "quantization": {"rescore": p["rescore"], "oversampling": p["oversampling"]}});
        for q in queries {
            let body = json!({"vector": q, "limit": LIMIT, "params": qp});
            let r = db.request("POST", "/collections/c/points/search", &body.to_string());
            let v: Value = serde_json::from_str(&r.envelope()).unwrap();
            out.push(v["result"].as_array().expect("hits").iter().map(|h| h["id"].as_u64().unwrap()).collect());
        }
    }
    out
}

/// Mean recall@k of `got` against `exact`, query by query.
fn recall(got: &[Vec<u64>], exact: &[Vec<u64>]) -> f64 {
    let hit = |g: &Vec<u64>, e: &Vec<u64>| g.iter().filter(|id| e.contains(id)).count() as f64 / e.len().max(1) as f64;
    got.iter().zip(exact).map(|(g, e)| hit(g, e)).sum::<f64>() / got.len() as f64
}

fn config(quant: &Value) -> Value {
    // The oracle script wants every key present.
    match quant.get("scalar") {
        Some(s) => json!({"scalar": {"quantile": s.get("quantile")}}),
        None => json!({"binary": {"encoding": quant["binary"]["encoding"], "query_encoding": quant["binary"]["query_encoding"]}}),
    }
}

#[test]
fn recall_is_at_least_the_engines() {
    let seed = seed();
    println!("seed {seed} (SIMILE_SEED to replay)");
    let points = data(seed, POINTS);
    let queries = data(seed ^ 0x0000_9E11, QUERIES);
    let python = oracle::python();
    let methods = [
        ("Cosine", json!({"scalar": {"type": "int8"}})),
        ("Euclid", json!({"scalar": {"type": "int8", "quantile": 0.99}})),
        ("Cosine", json!({"binary": {"encoding": "one_bit", "query_encoding": "default"}})),
        ("Cosine", json!({"binary": {"encoding": "one_and_half_bits", "query_encoding": "default"}})),
        ("Cosine", json!({"binary": {"encoding": "two_bits", "query_encoding": "default"}})),
        ("Cosine", json!({"binary": {"encoding": "one_bit", "query_encoding": "scalar8bits"}})),
        ("Dot", json!({"binary": {"encoding": "two_bits", "query_encoding": "scalar4bits"}})),
    ];
    let mut failures = Vec::new();
    for (distance, quant) in methods {
        let request = json!({"distance": distance, "size": DIM, "points": points, "quantization": config(&quant),
                             "queries": queries, "limit": LIMIT, "params": params()});
        let text = oracle::run(&python, "tests/congruence/quant_oracle.py", &request);
        let edge: Vec<Vec<u64>> = text.lines().map(|l| serde_json::from_str(l).expect("oracle line")).collect();
        let ours = simile_answers(distance, &quant, &points, &queries);
        assert_eq!(edge.len(), ours.len());
        let (e, s) = (edge.chunks(QUERIES).collect::<Vec<_>>(), ours.chunks(QUERIES).collect::<Vec<_>>());
        let (edge_raw, ours_raw) = (recall(e[1], e[0]), recall(s[1], s[0]));
        let (edge_re, ours_re) = (recall(e[2], e[0]), recall(s[2], s[0]));
        println!("{distance} {quant}: raw recall simile {ours_raw:.3} engine {edge_raw:.3}; rescored ×3 simile {ours_re:.3} engine {edge_re:.3}");
        if ours_raw < edge_raw - 0.01 || ours_re < edge_re - 0.01 {
            failures.push(format!("{distance} {quant}"));
        }
    }
    assert!(failures.is_empty(), "recall below the engine's: {failures:?}");
}
