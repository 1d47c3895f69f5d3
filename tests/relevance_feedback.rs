//! Query API `relevance_feedback` (naive strategy): scores computed by hand from the v1.19.0
//! server's formula (lib/segment/src/vector_storage/query/feedback_query.rs) and its REST
//! validation (lib/api/src/rest/schema.rs:892-926, validate.rs:289-299). Qdrant's own engine
//! checks generated cases in tests/congruence/ (feature `feedback`).

use serde_json::{json, Value};
use simile::Database;

fn call(db: &mut Database, body: Value) -> (u16, Value) {
    let r = db.request("POST", "/collections/c/points/query", &body.to_string());
    (r.status, serde_json::from_str(&r.envelope()).expect("JSON envelope"))
}

fn query(db: &mut Database, body: Value) -> Vec<(u64, f32)> {
    let (status, v) = call(db, body.clone());
    assert_eq!(status, 200, "{body}: {v}");
    let points = v["result"]["points"].as_array().expect("points").clone();
    points.iter().map(|p| (p["id"].as_u64().unwrap(), p["score"].as_f64().unwrap() as f32)).collect()
}

fn fails(db: &mut Database, body: Value, status: u16, text: &str) {
    let (got, v) = call(db, body.clone());
    assert_eq!(got, status, "{body}: {v}");
    let msg = v["status"]["error"].as_str().unwrap_or_default();
    assert!(msg.contains(text), "{body}: {msg:?} lacks {text:?}");
}

/// Points 1..4 at `[1,0] [0,1] [1,1] [-1,0]` in a Dot vector `d` and a Euclid vector `e`, and a
/// sparse vector `s` with the same coordinates as indices 0 and 1.
fn setup() -> Database {
    let mut db = Database::new();
    let config = json!({"vectors": {"d": {"size": 2, "distance": "Dot"}, "e": {"size": 2, "distance": "Euclid"}},
                        "sparse_vectors": {"s": {}}});
    assert_eq!(db.request("PUT", "/collections/c", &config.to_string()).status, 200);
    let coords = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.0]];
    let points: Vec<Value> = coords
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let sparse = json!({"indices": [0, 1], "values": c});
            json!({"id": i + 1, "vector": {"d": c, "e": c, "s": sparse}})
        })
        .collect();
    let r = db.request("PUT", "/collections/c/points?wait=true", &json!({ "points": points }).to_string());
    assert_eq!(r.status, 200, "{}", r.envelope());
    db
}

fn feedback(target: Value, items: Value, a: f32, b: f32, c: f32) -> Value {
    json!({"relevance_feedback": {"target": target, "feedback": items, "strategy": {"naive": {"a": a, "b": b, "c": c}}}})
}

/// target `[1,0]`, examples `[0,1]` (score 1) and `[-1,0]` (score 0.5): one pair, weight
/// `0.5^1 · 1`, so `score(v) = v·t + 0.5·(v·e₁ − v·e₂) = 1.5·x + 0.5·y`.
#[test]
fn dense_naive_formula() {
    let mut db = setup();
    let q = feedback(json!([1, 0]), json!([{"example": [0, 1], "score": 1.0}, {"example": [-1, 0], "score": 0.5}]), 1.0, 1.0, 1.0);
    let hits = query(&mut db, json!({"query": q, "using": "d"}));
    assert_eq!(hits, vec![(3, 2.0), (1, 1.5), (2, 0.5), (4, -1.5)]);
}

#[test]
fn id_examples_resolve_and_are_excluded() {
    let mut db = setup();
    let q = feedback(json!([1, 0]), json!([{"example": 2, "score": 1.0}, {"example": [-1, 0], "score": 0.5}]), 1.0, 1.0, 1.0);
    let hits = query(&mut db, json!({"query": q, "using": "d"}));
    assert_eq!(hits, vec![(3, 2.0), (1, 1.5), (4, -1.5)]);
}

/// b = 2, c = 4: weight `0.5² · 4 = 1`; a = 0 drops the target: `score = (v·e₁ − v·e₂) = x + y`.
#[test]
fn coefficients_a_b_c() {
    let mut db = setup();
    let q = feedback(json!([5, 5]), json!([{"example": [0, 1], "score": 1.0}, {"example": [-1, 0], "score": 0.5}]), 0.0, 2.0, 4.0);
    let hits = query(&mut db, json!({"query": q, "using": "d"}));
    assert_eq!((hits[0].0, hits[3].0), (3, 4));
    let scores: Vec<f32> = hits.iter().map(|h| h.1).collect();
    assert_eq!(scores, vec![2.0, 1.0, 1.0, -1.0]);
}

/// Euclid scores are the internal similarity `−Σ(q−v)²`, not distances: only nearest queries
/// are post-processed. One feedback item makes no pair: `score = 2 · −|v − t|²`.
#[test]
fn euclid_scores_are_not_postprocessed() {
    let mut db = setup();
    let q = feedback(json!([1, 0]), json!([{"example": [9, 9], "score": 1.0}]), 2.0, 1.0, 1.0);
    let hits = query(&mut db, json!({"query": q, "using": "e"}));
    assert_eq!(hits, vec![(1, 0.0), (3, -2.0), (2, -4.0), (4, -8.0)]);
}

#[test]
fn sparse_vectors() {
    let mut db = setup();
    let sv = |x: f32, y: f32| json!({"indices": [0, 1], "values": [x, y]});
    let q = feedback(sv(1.0, 0.0), json!([{"example": sv(0.0, 1.0), "score": 1.0}, {"example": sv(-1.0, 0.0), "score": 0.5}]), 1.0, 1.0, 1.0);
    let hits = query(&mut db, json!({"query": q, "using": "s"}));
    assert_eq!(hits, vec![(3, 2.0), (1, 1.5), (2, 0.5), (4, -1.5)]);
}

#[test]
fn rescores_a_prefetch_and_serves_as_one() {
    let mut db = setup();
    let q = feedback(json!([1, 0]), json!([{"example": [0, 1], "score": 1.0}, {"example": [-1, 0], "score": 0.5}]), 1.0, 1.0, 1.0);
    // The prefetch keeps the two nearest to [0, 1] by Dot: 2 and 3 (score 1 each).
    let hits = query(&mut db, json!({"prefetch": {"query": [0, 1], "using": "d", "limit": 2}, "query": q, "using": "d"}));
    assert_eq!(hits, vec![(3, 2.0), (2, 0.5)]);
    let hits = query(&mut db, json!({"prefetch": {"query": q, "using": "d", "limit": 2}, "query": [0, 1], "using": "d"}));
    assert_eq!(hits, vec![(3, 1.0), (1, 0.0)]);
}

#[test]
fn validation_and_format_errors() {
    let mut db = setup();
    let items = json!([{"example": [0, 1], "score": 1.0}]);
    fails(&mut db, json!({"query": feedback(json!([1, 0]), json!([]), 1.0, 1.0, 1.0), "using": "d"}), 422, "feedback elements must be non-empty");
    fails(&mut db, json!({"query": feedback(json!([1, 0]), items.clone(), 1.0, -0.5, 1.0), "using": "d"}), 422, "value -0.5 invalid, must be 0.0 or larger");
    let no_c = json!({"relevance_feedback": {"target": [1, 0], "feedback": items, "strategy": {"naive": {"a": 1, "b": 1}}}});
    fails(&mut db, json!({"query": no_c, "using": "d"}), 400, "did not match any variant");
    let no_strategy = json!({"relevance_feedback": {"target": [1, 0], "feedback": items}});
    fails(&mut db, json!({"query": no_strategy, "using": "d"}), 400, "missing field `strategy`");
    fails(&mut db, json!({"query": feedback(json!(99), items.clone(), 1.0, 1.0, 1.0), "using": "d"}), 404, "No point with id 99 found");
    fails(&mut db, json!({"query": feedback(json!([1, 0, 0]), items, 1.0, 1.0, 1.0), "using": "d"}), 400, "expected dim: 2, got 3");
}
