//! The Query API's plan: nested prefetch, rescoring, RRF/DBSF fusion, filter propagation and the
//! planner's errors, with expectations computed by hand from the v1.19.0 server's rules.
//! (Qdrant's own engine checks the same features on generated cases in tests/congruence/.)

use serde_json::{json, Value};
use simile::Database;

fn call(db: &mut Database, path: &str, body: Value) -> (u16, Value) {
    let r = db.request("POST", path, &body.to_string());
    (r.status, serde_json::from_str(&r.envelope()).expect("JSON envelope"))
}

/// `(id, score)` of a successful `/points/query`.
fn query(db: &mut Database, body: Value) -> Vec<(u64, f32)> {
    let (status, v) = call(db, "/collections/c/points/query", body.clone());
    assert_eq!(status, 200, "{body}: {v}");
    let points = v["result"]["points"].as_array().expect("points").clone();
    points.iter().map(|p| (p["id"].as_u64().unwrap(), p["score"].as_f64().unwrap() as f32)).collect()
}

fn fails(db: &mut Database, body: Value, status: u16, text: &str) {
    let (got, v) = call(db, "/collections/c/points/query", body.clone());
    assert_eq!(got, status, "{body}: {v}");
    let msg = v["status"]["error"].as_str().unwrap_or_default();
    assert!(msg.contains(text), "{body}: {msg:?} lacks {text:?}");
}

/// Six points; named Dot vectors `a = [i, 0]` and `b = [7 − i, 0]`, so `a` ranks 6, 5, 4, …
/// and `b` ranks 1, 2, 3, … for the query `[1, 0]`. Payload `n = i`.
fn setup() -> Database {
    let mut db = Database::new();
    let config = json!({"vectors": {"a": {"size": 2, "distance": "Dot"}, "b": {"size": 2, "distance": "Dot"}}});
    assert_eq!(db.request("PUT", "/collections/c", &config.to_string()).status, 200);
    let points: Vec<Value> = (1..=6)
        .map(|i| json!({"id": i, "vector": {"a": [i, 0], "b": [7 - i, 0]}, "payload": {"n": i}}))
        .collect();
    let r = db.request("PUT", "/collections/c/points", &json!({ "points": points }).to_string());
    assert_eq!(r.status, 200, "{}", r.envelope());
    db
}

fn ids(hits: &[(u64, f32)]) -> Vec<u64> {
    hits.iter().map(|h| h.0).collect()
}

fn sorted(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v
}

fn both(limit: u64) -> Value {
    json!([{"query": [1, 0], "using": "a", "limit": limit}, {"query": [1, 0], "using": "b", "limit": limit}])
}

#[test]
fn rrf_fuses_ranks_with_default_k_2() {
    let mut db = setup();
    // a: 6 5 4 3, b: 1 2 3 4. 6 and 1 score 1/2; 3 and 4 score 1/4 + 1/5; 5 and 2 score 1/3.
    let hits = query(&mut db, json!({"prefetch": both(4), "query": {"fusion": "rrf"}}));
    assert_eq!(sorted(ids(&hits[..2])), vec![1, 6]);
    assert_eq!(sorted(ids(&hits[2..4])), vec![3, 4]);
    assert!((hits[0].1 - 0.5).abs() < 1e-6 && (hits[2].1 - 0.45).abs() < 1e-6, "{hits:?}");
    let weighted = query(&mut db, json!({"prefetch": both(4), "query": {"rrf": {"k": 1, "weights": [3.0, 1.0]}}}));
    // Weight 3 on a: 6 scores 1 / (1/3 + 0) = 3; 1 scores 1 / (1 + 0) = 1.
    assert_eq!(weighted[0].0, 6);
    assert!((weighted[0].1 - 3.0).abs() < 1e-6, "{weighted:?}");
}

#[test]
fn dbsf_normalises_each_prefetch() {
    let mut db = setup();
    let hits = query(&mut db, json!({"prefetch": both(2), "query": {"fusion": "dbsf"}, "limit": 2}));
    // Each list holds scores {6, 5}: mean 5.5, σ = √0.5; the top of each maps to
    // (6 − 5.5 + 3σ) / 6σ.
    let sigma = 0.5f32.sqrt();
    let top = (0.5 + 3.0 * sigma) / (6.0 * sigma);
    assert_eq!(sorted(ids(&hits)), vec![1, 6]);
    assert!(hits.iter().all(|h| (h.1 - top).abs() < 1e-5), "{hits:?}");
}

#[test]
fn rescoring_limits_offset_and_nesting() {
    let mut db = setup();
    let inner = json!({"query": [1, 0], "using": "a", "limit": 3});
    let hits = query(&mut db, json!({"prefetch": inner, "query": [-1, 0], "using": "a", "offset": 1}));
    assert_eq!(hits, vec![(5, -5.0), (6, -6.0)]);
    let nested = json!({"prefetch": {"prefetch": both(3), "query": {"fusion": "rrf"}, "limit": 4}, "query": [0, 1], "using": "b"});
    assert_eq!(sorted(ids(&query(&mut db, nested))), vec![1, 2, 5, 6]);
    let deep = (0..40).fold(json!({"query": [1, 0], "using": "a", "limit": 2}), |p, _| {
        json!({"prefetch": p, "query": [1, 0], "using": "a", "limit": 2})
    });
    assert_eq!(ids(&query(&mut db, deep)), vec![6, 5]);
}

#[test]
fn the_top_level_filter_reaches_every_leaf_merged_clause_by_clause() {
    let mut db = setup();
    let gte3 = json!({"must": [{"key": "n", "range": {"gte": 3}}]});
    let hits = query(&mut db, json!({"prefetch": {"query": [1, 0], "using": "b", "limit": 2}, "query": [1, 0], "using": "a", "filter": gte3}));
    assert_eq!(ids(&hits), vec![4, 3]);
    // `should` clauses concatenate (Filter::merge_owned): n = 1 or n = 2, not n = 1 and n = 2.
    let one = json!({"should": [{"key": "n", "match": {"value": 1}}]});
    let two = json!({"should": [{"key": "n", "match": {"value": 2}}]});
    let prefetch = json!({"query": [1, 0], "using": "b", "filter": two});
    let hits = query(&mut db, json!({"prefetch": prefetch, "query": {"fusion": "rrf"}, "filter": one}));
    assert_eq!(ids(&hits), vec![1, 2]);
}

#[test]
fn id_examples_anywhere_in_the_tree_are_excluded() {
    let mut db = setup();
    let prefetch = json!({"query": {"recommend": {"positive": [6], "strategy": "best_score"}}, "using": "a", "limit": 3});
    let hits = query(&mut db, json!({"prefetch": [prefetch, {"query": [1, 0], "using": "a"}], "query": {"fusion": "rrf"}}));
    assert!(!ids(&hits).contains(&6), "{hits:?}");
}

#[test]
fn planner_errors_use_qdrants_wording() {
    let mut db = setup();
    fails(&mut db, json!({"query": {"fusion": "rrf"}}), 400, "cannot apply Fusion without prefetches");
    fails(&mut db, json!({"prefetch": both(2)}), 400, "A query is needed to merge the prefetches");
    fails(&mut db, json!({"score_threshold": 1.0}), 400, "A query is needed to use the score_threshold");
    let weights = json!({"prefetch": both(2), "query": {"rrf": {"weights": [1.0]}}});
    fails(&mut db, weights, 400, "Number of weights in RRF should match number of pre-fetches: got 1, expected 2");
    fails(&mut db, json!({"prefetch": both(2), "query": {"fusion": "rrf"}, "using": "a"}), 400, "cannot be combined with the 'using' field");
    fails(&mut db, json!({"prefetch": both(2), "query": {"rrf": {"k": 0}}}), 422, "k: value 0 invalid");
    fails(&mut db, json!({"prefetch": {"query": [1, 0], "using": "a", "limit": 0}, "query": {"fusion": "rrf"}}), 422, "limit");
    fails(&mut db, json!({"query": {"order_by": "n"}}), 400, "No range index for `order_by` key: `n`");
    fails(&mut db, json!({"query": {"nearest_neighbours": [1, 0]}}), 400, "expected a vector, a point id or an object");
    fails(&mut db, json!({"query": {"fusion": "max"}}), 400, "query.fusion");
    let nest = |depth: usize| {
        let leaf = r#"{"query": [1, 0], "using": "a"}"#.to_string();
        let text = (0..depth).fold(leaf, |p, _| format!(r#"{{"prefetch": {p}, "query": [1, 0], "using": "a"}}"#));
        serde_json::from_str::<Value>(&text).ok().unwrap_or(Value::Null)
    };
    fails(&mut db, nest(100), 400, "prefetches depth 100 exceeds max depth 64");
    // Far deeper than any stack allows to recurse: a parse error, never a crash.
    let text = (0..20_000).fold(String::from("[1, 0]"), |p, _| format!(r#"{{"prefetch": {{"query": {p}}}, "query": [1, 0]}}"#));
    let r = db.request("POST", "/collections/c/points/query", &text);
    assert_eq!(r.status, 400, "{}", &r.envelope()[..200.min(r.envelope().len())]);
}

#[test]
fn mmr_trades_relevance_for_diversity() {
    let mut db = setup();
    // Candidates 6, 5, 4 (relevance 6, 5, 4; Dot similarity i·j). λ = 0.5: after 6, point 4
    // scores 0.5·4 − 0.5·24 = −10 and beats 5 (0.5·5 − 0.5·30 = −12.5). Scores stay nearest's.
    let mmr = |diversity: f32, offset: u64| {
        json!({"query": {"nearest": [1, 0], "mmr": {"diversity": diversity, "candidates_limit": 3}}, "using": "a", "limit": 3, "offset": offset})
    };
    assert_eq!(query(&mut db, mmr(0.5, 0)), vec![(6, 6.0), (4, 4.0), (5, 5.0)]);
    assert_eq!(ids(&query(&mut db, mmr(0.0, 0))), vec![6, 5, 4]);
    // The server selects `limit` points, then skips the offset from them.
    assert_eq!(ids(&query(&mut db, mmr(0.5, 1))), vec![4, 5]);
    fails(&mut db, json!({"query": {"nearest": [1, 0], "mmr": {"diversity": 1.5}}, "using": "a"}), 422, "diversity");
}

#[test]
fn random_samples_are_distinct_filtered_and_ignore_the_offset() {
    let mut db = setup();
    let hits = query(&mut db, json!({"query": {"sample": "random"}, "limit": 3, "offset": 5}));
    let mut got = ids(&hits);
    got.sort_unstable();
    got.dedup();
    assert_eq!(got.len(), 3, "{hits:?}");
    assert!(hits.iter().all(|h| h.1 == 1.0 && (1..=6).contains(&h.0)));
    let filtered = query(&mut db, json!({"query": {"sample": "random"}, "filter": {"must": [{"key": "n", "range": {"gte": 5}}]}}));
    assert_eq!(sorted(ids(&filtered)), vec![5, 6]);
    let rescored = query(&mut db, json!({"prefetch": both(1), "query": {"sample": "random"}}));
    assert_eq!(sorted(ids(&rescored)), vec![1, 6]);
    fails(&mut db, json!({"query": {"sample": "shuffle"}}), 400, "expected `random`");
}

#[test]
fn formula_rescores_prefetched_points() {
    let mut db = setup();
    let formula = json!({"formula": {"sum": ["$score", {"mult": [-2.0, "n"]}]}});
    // $score = i (a = [i, 0]) and n = i, so the formula gives −i: the order flips.
    let body = json!({"prefetch": {"query": [1, 0], "using": "a", "limit": 3}, "query": formula, "limit": 2});
    assert_eq!(query(&mut db, body), vec![(4, -4.0), (5, -5.0)]);
    fails(&mut db, json!({"query": formula}), 400, "cannot apply Formula without prefetches");
    let missing = json!({"prefetch": {"query": [1, 0], "using": "a"}, "query": {"formula": {"mult": ["$score", "absent"]}}});
    fails(&mut db, missing, 400, "absent");
}
