//! MaxSim against Qdrant's engine: seeded random multivector collections for every distance,
//! queried by simile's Query API and by the Edge build of Qdrant (`qdrant-edge-py`, set up by
//! `scripts/oracle-env.sh`, driven by `tests/congruence/multi_oracle.py`) with nearest,
//! recommend (best_score, sum_scores), discover and context queries. Rankings must agree and
//! scores be within 1e-4 (relative for large ones); ids are compared wherever scores differ.

#[path = "support/oracle.rs"]
mod oracle;
#[path = "support/rng.rs"]
mod rng;

use rng::Rng;
use serde_json::{json, Value};
use simile::Database;

const SIZE: usize = 3;

fn oracle(python: &str, cases: &[Value]) -> Vec<Value> {
    let text = oracle::run(python, "tests/congruence/multi_oracle.py", &json!({ "cases": cases }));
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A multivector of 1..=max rows, components k/100 in [−1, 1].
fn rows(rng: &mut Rng, max: u64) -> Value {
    let n = 1 + rng.next() % max;
    let row = |rng: &mut Rng| (0..SIZE).map(|_| (rng.next() % 201) as f64 / 100.0 - 1.0).collect::<Vec<f64>>();
    json!((0..n).map(|_| row(rng)).collect::<Vec<_>>())
}

fn many(rng: &mut Rng, lo: u64, hi: u64) -> Vec<Value> {
    (0..lo + rng.next() % (hi - lo + 1)).map(|_| rows(rng, 3)).collect()
}

/// `threshold`: a score that cuts nearest results somewhere in the middle for the distance.
fn queries(rng: &mut Rng, threshold: f64) -> Vec<Value> {
    let mut out = Vec::new();
    for _ in 0..4 {
        out.push(json!({"kind": "nearest", "query": rows(rng, 3)}));
        out.push(json!({"kind": "best_score", "positive": many(rng, 1, 2), "negative": many(rng, 0, 2)}));
        out.push(json!({"kind": "sum_scores", "positive": many(rng, 1, 2), "negative": many(rng, 1, 2)}));
        let pairs = |rng: &mut Rng| (0..1 + rng.next() % 2).map(|_| json!([rows(rng, 2), rows(rng, 2)])).collect::<Vec<_>>();
        out.push(json!({"kind": "discover", "target": rows(rng, 3), "pairs": pairs(rng)}));
        out.push(json!({"kind": "context", "pairs": pairs(rng)}));
        out.push(json!({"kind": "mmr", "query": rows(rng, 3), "lambda": 0.5, "candidates": 15}));
        let prefetch = json!({"query": rows(rng, 2), "limit": 12});
        out.push(json!({"kind": "best_score", "positive": many(rng, 1, 2), "negative": many(rng, 0, 2), "prefetch": prefetch}));
        out.push(json!({"kind": "nearest", "query": rows(rng, 3), "threshold": threshold, "prefetch": prefetch}));
        out.push(json!({"kind": "sum_scores", "positive": many(rng, 1, 1), "negative": [], "threshold": 0.0}));
    }
    out
}

/// The same query as a Query API body.
fn body(q: &Value) -> Value {
    let query = match q["kind"].as_str().unwrap() {
        "nearest" => q["query"].clone(),
        k @ ("best_score" | "sum_scores") => {
            json!({"recommend": {"positive": q["positive"], "negative": q["negative"], "strategy": k}})
        }
        "discover" => json!({"discover": {"target": q["target"], "context": pairs(&q["pairs"])}}),
        "mmr" => json!({"nearest": q["query"], "mmr": {"diversity": 1.0 - q["lambda"].as_f64().unwrap(), "candidates_limit": q["candidates"]}}),
        _ => json!({"context": pairs(&q["pairs"])}),
    };
    let mut body = json!({"query": query, "using": "m", "limit": 10});
    if let Some(t) = q.get("threshold") {
        body["score_threshold"] = t.clone();
    }
    if let Some(p) = q.get("prefetch") {
        body["prefetch"] = json!({"query": p["query"], "using": "m", "limit": p["limit"]});
    }
    body
}

fn pairs(p: &Value) -> Value {
    json!(p.as_array().unwrap().iter().map(|p| json!({"positive": p[0], "negative": p[1]})).collect::<Vec<_>>())
}

/// Our answer to `q` with `limit`.
fn ours(db: &mut Database, q: &Value, limit: usize) -> Vec<(u64, f64)> {
    let mut body = body(q);
    body["limit"] = json!(limit);
    let r = db.request("POST", "/collections/c/points/query", &body.to_string());
    assert_eq!(r.status, 200, "{}", r.envelope());
    let v: Value = serde_json::from_str(&r.envelope()).unwrap();
    v["result"]["points"].as_array().unwrap().iter().map(|p| (p["id"].as_u64().unwrap(), p["score"].as_f64().unwrap())).collect()
}

/// Whether `q`'s prefetch cuts through exactly equal scores: which of the tied points Qdrant
/// keeps is arbitrary (the oracle's choice changes between runs), and every later stage
/// depends on it, so such a query says nothing about MaxSim.
fn prefetch_cut_tied(db: &mut Database, q: &Value) -> bool {
    let Some(p) = q.get("prefetch") else { return false };
    let limit = p["limit"].as_u64().unwrap() as usize;
    let body = json!({"query": p["query"], "using": "m", "limit": limit + 1});
    let r = db.request("POST", "/collections/c/points/query", &body.to_string());
    assert_eq!(r.status, 200, "{}", r.envelope());
    let v: Value = serde_json::from_str(&r.envelope()).unwrap();
    let scores: Vec<f64> = v["result"]["points"].as_array().unwrap().iter().map(|p| p["score"].as_f64().unwrap()).collect();
    scores.len() > limit && scores[limit - 1] == scores[limit]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-4 * a.abs().max(1.0)
}

/// Compares one answer; returns how many hits it had.
fn compare(ours: &[(u64, f64)], all: &[(u64, f64)], theirs: &Value, what: &str) -> usize {
    let theirs: Vec<(u64, f64)> =
        theirs.as_array().unwrap_or_else(|| panic!("{what}: {theirs}")).iter().map(|h| (h[0].as_u64().unwrap(), h[1].as_f64().unwrap())).collect();
    assert_eq!(ours.len(), theirs.len(), "{what}: {ours:?} vs {theirs:?}");
    for (i, (o, t)) in ours.iter().zip(&theirs).enumerate() {
        assert!(close(o.1, t.1), "{what} #{i}: {ours:?} vs {theirs:?}");
        let tied = |j: usize| theirs.get(j).is_some_and(|n| close(n.1, t.1));
        // Scores equal up to float rounding may swap places, also with a point just past the
        // limit: then our full ranking must hold their point at the same score.
        let swapped = o.0 != t.0 && all.iter().any(|a| a.0 == t.0 && close(a.1, t.1));
        if !tied(i + 1) && (i == 0 || !tied(i - 1)) && !swapped {
            assert_eq!(o.0, t.0, "{what} #{i}: {ours:?} vs {theirs:?}");
        }
    }
    ours.len()
}

#[test]
fn max_sim_queries_match_qdrant() {
    let python = oracle::python();
    let mut rng = Rng::from_env("multi_oracle", 0x5EED_0017);
    let mut cases = Vec::new();
    let mut dbs = Vec::new();
    for (distance, threshold) in [("Cosine", 1.0), ("Dot", 0.5), ("Euclid", 2.0), ("Manhattan", 3.0)] {
        let points: Vec<Value> = (1..=40).map(|id| json!({"id": id, "rows": rows(&mut rng, 4)})).collect();
        let mut db = Database::new();
        let config = json!({"vectors": {"m": {"size": SIZE, "distance": distance, "multivector_config": {"comparator": "max_sim"}}}});
        assert_eq!(db.request("PUT", "/collections/c", &config.to_string()).status, 200);
        let upsert: Vec<Value> = points.iter().map(|p| json!({"id": p["id"], "vector": {"m": p["rows"]}})).collect();
        let r = db.request("PUT", "/collections/c/points", &json!({"points": upsert}).to_string());
        assert_eq!(r.status, 200, "{}", r.envelope());
        cases.push(json!({"distance": distance, "size": SIZE, "points": points, "queries": queries(&mut rng, threshold)}));
        dbs.push(db);
    }
    let mut answers = oracle(&python, &cases).into_iter();
    let (mut hits, mut cut) = (0, 0);
    for (case, db) in cases.iter().zip(&mut dbs) {
        for q in case["queries"].as_array().unwrap() {
            let theirs = answers.next().expect("an oracle answer");
            let what = format!("{} {} prefetch={}", case["distance"], q["kind"], q.get("prefetch").is_some());
            if prefetch_cut_tied(db, q) {
                continue;
            }
            let n = compare(&ours(db, q, 10), &ours(db, q, 40), &theirs, &what);
            hits += n;
            cut += usize::from(q.get("threshold").is_some() && n < 10);
        }
    }
    // The comparison is not vacuous: most answers are full, and thresholds do cut.
    assert!(hits > 1000 && cut > 4, "{hits} hits, {cut} answers cut by a threshold");
}
