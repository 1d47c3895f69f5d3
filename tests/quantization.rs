//! Quantization through the REST surface: `quantization_config` echo, PATCH and validation;
//! searches before and after codes exist; `exact`, `ignore`, `rescore`, `oversampling`; writes
//! after training; snapshots with codes (round trip, corrupt codes refused). Seeds printed.

#[path = "support/frames.rs"]
mod frames;
#[path = "support/lcg.rs"]
mod lcg;
#[path = "support/rest.rs"]
mod rest;

use frames::{build, split};
use lcg::Lcg;
use rest::{call, ok};
use serde_json::{json, Value};
use simile::Database;

const C: &str = "/collections/c";

/// `n` points around 20 centres plus a mix of 8 directions (embedding-like).
fn clustered(seed: u64, n: usize, dim: usize) -> Vec<Vec<f32>> {
    let mut rng = Lcg(seed);
    let mut draw = |count: usize| -> Vec<Vec<f32>> { (0..count).map(|_| (0..dim).map(|_| rng.next()).collect()).collect() };
    let (centres, directions) = (draw(20), draw(8));
    let mut rng = Lcg(seed ^ 0x5EED);
    (0..n)
        .map(|i| {
            let mut v = centres[i % 20].clone();
            for d in &directions {
                let w = 0.5 * rng.next();
                v.iter_mut().zip(d).for_each(|(x, y)| *x += w * y);
            }
            v.iter_mut().for_each(|x| *x += 0.1 * rng.next());
            v
        })
        .collect()
}

fn uniform(seed: u64, n: usize, dim: usize) -> Vec<Vec<f32>> {
    let mut rng = Lcg(seed);
    (0..n).map(|_| (0..dim).map(|_| rng.next()).collect()).collect()
}

fn collection(db: &mut Database, distance: &str, quant: Value, points: &[Vec<f32>]) {
    let body = json!({"vectors": {"size": points[0].len(), "distance": distance}, "quantization_config": quant});
    ok(db, "PUT", C, body);
    let pts: Vec<Value> = points.iter().enumerate().map(|(i, v)| json!({"id": i, "vector": v})).collect();
    ok(db, "PUT", &format!("{C}/points?wait=true"), json!({ "points": pts }));
}

fn search(db: &mut Database, q: &[f32], params: Value) -> Vec<(u64, f64)> {
    let r = ok(db, "POST", &format!("{C}/points/search"), json!({"vector": q, "limit": 10, "params": params}));
    r.as_array().unwrap().iter().map(|h| (h["id"].as_u64().unwrap(), h["score"].as_f64().unwrap())).collect()
}

fn ids(hits: &[(u64, f64)]) -> Vec<u64> {
    hits.iter().map(|h| h.0).collect()
}

fn recall(got: &[(u64, f64)], exact: &[(u64, f64)]) -> f64 {
    got.iter().filter(|h| exact.iter().any(|e| e.0 == h.0)).count() as f64 / exact.len() as f64
}

#[test]
fn configs_are_echoed_patched_and_disabled() {
    let mut db = Database::new();
    let body = json!({
        "vectors": {"a": {"size": 4, "distance": "Dot"},
                    "b": {"size": 4, "distance": "Dot", "quantization_config": {"binary": {"encoding": "two_bits"}}}},
        "quantization_config": {"scalar": {"type": "int8", "quantile": 0.99, "always_ram": true}}
    });
    ok(&mut db, "PUT", C, body);
    let info = ok(&mut db, "GET", C, Value::Null);
    assert_eq!(info["config"]["quantization_config"], json!({"scalar": {"type": "int8", "quantile": 0.99, "always_ram": true}}));
    assert_eq!(info["config"]["params"]["vectors"]["b"]["quantization_config"], json!({"binary": {"encoding": "two_bits"}}));
    assert!(info["config"]["params"]["vectors"]["a"].get("quantization_config").is_none());
    ok(&mut db, "PATCH", C, json!({"vectors": {"b": {"quantization_config": "Disabled"}}, "quantization_config": {"product": {"compression": "x16"}}}));
    let info = ok(&mut db, "GET", C, Value::Null);
    assert_eq!(info["config"]["quantization_config"], json!({"product": {"compression": "x16"}}));
    assert!(info["config"]["params"]["vectors"]["b"].get("quantization_config").is_none());
    ok(&mut db, "PATCH", C, json!({"quantization_config": "Disabled"}));
    assert_eq!(ok(&mut db, "GET", C, Value::Null)["config"]["quantization_config"], Value::Null);
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let mut db = Database::new();
    let bad_quantile = json!({"vectors": {"size": 4, "distance": "Dot"}, "quantization_config": {"scalar": {"type": "int8", "quantile": 0.3}}});
    let (status, v) = call(&mut db, "PUT", C, bad_quantile);
    assert_eq!(status, 422, "{v}");
    assert!(v["status"]["error"].as_str().unwrap().contains("quantization_config.scalar.quantile: value 0.3 invalid, must be from 0.5 to 1.0"), "{v}");
    let bad_encoding = json!({"vectors": {"size": 4, "distance": "Dot"}, "quantization_config": {"binary": {"encoding": "three_bits"}}});
    assert_eq!(call(&mut db, "PUT", C, bad_encoding).0, 400);
    let multi = json!({"vectors": {"size": 4, "distance": "Dot", "multivector_config": {"comparator": "max_sim"}},
                       "quantization_config": {"scalar": {"type": "int8"}}});
    assert_eq!(call(&mut db, "PUT", C, multi).0, 501);
    assert_eq!(call(&mut db, "GET", C, Value::Null).0, 404, "no collection was created");
    collection(&mut db, "Dot", Value::Null, &[vec![1.0, 0.0, 0.0, 0.0]]);
    let (status, _) = call(&mut db, "PATCH", C, json!({"quantization_config": {"scalar": {"type": "int8", "quantile": 1.5}}}));
    assert_eq!(status, 422);
    assert_eq!(call(&mut db, "PATCH", C, json!({"vectors": {"nope": {"quantization_config": "Disabled"}}})).0, 400);
    assert_eq!(ok(&mut db, "GET", C, Value::Null)["config"]["quantization_config"], Value::Null);
    let params = json!({"quantization": {"oversampling": 0.5}});
    let (status, v) = call(&mut db, "POST", &format!("{C}/points/search"), json!({"vector": [1, 0, 0, 0], "limit": 1, "params": params}));
    assert_eq!(status, 422, "{v}");
    assert!(v["status"]["error"].as_str().unwrap().contains("params.quantization.oversampling: value 0.5 invalid, must be 1.0 or larger"), "{v}");
}

/// One method over clustered data: before codes the search is exact; after `optimize()` it
/// reads codes, rescoring gives exact scores, `exact` and `ignore` give the exact answer.
fn check_method(distance: &str, quant: Value, min_recall_raw: f64, min_recall: f64) {
    let seed = 0xC0DE_u64 ^ distance.len() as u64;
    println!("seed {seed} {distance} {quant}");
    // Binary codes keep signs: clustered data whose members share a centre's signs cannot be
    // told apart by them, so binary methods are checked on isotropic data, 128 wide.
    let binary = quant.get("binary").is_some();
    let gen = |seed: u64, n: usize| if binary { uniform(seed, n, 128) } else { clustered(seed, n, 48) };
    let points = gen(seed, 1500);
    let mut db = Database::new();
    collection(&mut db, distance, quant.clone(), &points);
    let queries: Vec<Vec<f32>> = gen(seed ^ 7, 20);
    let exact: Vec<_> = queries.iter().map(|q| search(&mut db, q, json!({"exact": true}))).collect();
    let before: Vec<_> = queries.iter().map(|q| search(&mut db, q, json!({"quantization": {"rescore": false}}))).collect();
    assert_eq!(before, exact, "no codes yet: exact scan");
    db.optimize("c", &mut |_, _| {}).unwrap();
    let (mut raw_recall, mut rescored_recall) = (0.0, 0.0);
    for (q, ex) in queries.iter().zip(&exact) {
        assert_eq!(&search(&mut db, q, json!({"exact": true})), ex);
        assert_eq!(&search(&mut db, q, json!({"quantization": {"ignore": true}})), ex);
        let raw = search(&mut db, q, json!({"quantization": {"rescore": false}}));
        raw_recall += recall(&raw, ex) / queries.len() as f64;
        let rescored = search(&mut db, q, json!({"quantization": {"rescore": true, "oversampling": 4.0}}));
        rescored_recall += recall(&rescored, ex) / queries.len() as f64;
        for (id, score) in &rescored {
            if let Some(e) = ex.iter().find(|e| e.0 == *id) {
                assert!((score - e.1).abs() <= 1e-4 * e.1.abs().max(1.0), "rescored scores are exact: {score} vs {}", e.1);
            }
        }
        let scores: Vec<f64> = rescored.iter().map(|h| h.1).collect();
        let sorted = scores.windows(2).all(|w| if matches!(distance, "Euclid" | "Manhattan") { w[0] <= w[1] } else { w[0] >= w[1] });
        assert!(sorted, "{scores:?}");
    }
    println!("{distance} {quant}: recall raw {raw_recall:.3}, rescored ×4 {rescored_recall:.3}");
    assert!(raw_recall >= min_recall_raw, "raw recall {raw_recall}");
    assert!(rescored_recall >= min_recall, "rescored recall {rescored_recall}");
}

#[test]
fn scalar_codes_search_close_to_exact() {
    for d in ["Cosine", "Dot", "Euclid", "Manhattan"] {
        check_method(d, json!({"scalar": {"type": "int8"}}), 0.85, 0.97);
        check_method(d, json!({"scalar": {"type": "int8", "quantile": 0.99}}), 0.85, 0.97);
    }
}

#[test]
fn binary_codes_search_close_to_exact_after_rescoring() {
    for enc in ["one_bit", "one_and_half_bits", "two_bits"] {
        for qe in ["default", "scalar4bits", "scalar8bits"] {
            check_method("Cosine", json!({"binary": {"encoding": enc, "query_encoding": qe}}), 0.15, 0.4);
        }
    }
}

#[test]
fn writes_after_training_are_encoded() {
    let points = clustered(11, 600, 32);
    let mut db = Database::new();
    collection(&mut db, "Cosine", json!({"binary": {}}), &points);
    db.optimize("c", &mut |_, _| {}).unwrap();
    let fresh: Vec<f32> = (0..32).map(|i| if i % 3 == 0 { -1.0 } else { 0.7 }).collect();
    ok(&mut db, "PUT", &format!("{C}/points?wait=true"), json!({"points": [{"id": 5000, "vector": fresh}]}));
    let hits = search(&mut db, &fresh, json!({"quantization": {"rescore": false}}));
    assert_eq!(hits[0].0, 5000, "an appended row has codes");
    ok(&mut db, "PUT", &format!("{C}/points?wait=true"), json!({"points": [{"id": 3, "vector": fresh}]}));
    let hits = search(&mut db, &fresh, json!({"quantization": {"rescore": false}}));
    assert_eq!(ids(&hits[..2]).iter().copied().collect::<std::collections::BTreeSet<_>>(), [3, 5000].into(), "a rewritten row too");
    ok(&mut db, "POST", &format!("{C}/points/delete?wait=true"), json!({"points": [5000]}));
    assert!(!ids(&search(&mut db, &fresh, json!({}))).contains(&5000));
}

#[test]
fn a_one_dimensional_vector_can_be_quantized() {
    let mut db = Database::new();
    let points: Vec<Vec<f32>> = (0..50).map(|i| vec![i as f32 - 25.0]).collect();
    collection(&mut db, "Euclid", json!({"scalar": {"type": "int8"}}), &points);
    db.optimize("c", &mut |_, _| {}).unwrap();
    assert_eq!(search(&mut db, &[3.2], json!({"quantization": {"rescore": true}}))[0].0, 28);
}

#[test]
fn snapshots_keep_config_and_codes() {
    let points = clustered(21, 400, 24);
    let mut db = Database::new();
    collection(&mut db, "Dot", json!({"scalar": {"type": "int8", "quantile": 0.95}}), &points);
    ok(&mut db, "POST", &format!("{C}/points/delete?wait=true"), json!({"points": [0, 7, 8]}));
    db.optimize("c", &mut |_, _| {}).unwrap();
    let q = &points[5];
    let raw = search(&mut db, q, json!({"quantization": {"rescore": false}}));
    assert_ne!(raw, search(&mut db, q, json!({"exact": true})), "code scores differ from exact ones");
    let bytes = db.to_bytes();
    let mut back = Database::from_bytes(&bytes).unwrap();
    assert_eq!(ok(&mut back, "GET", C, Value::Null)["config"], ok(&mut db, "GET", C, Value::Null)["config"]);
    assert_eq!(search(&mut back, q, json!({"quantization": {"rescore": false}})), raw, "codes survive the round trip");
    assert_eq!(back.to_bytes(), bytes);
    // A code byte past 127 with every checksum fixed up: refused, never a trap.
    let mut secs = split(&bytes);
    let quant = secs.iter_mut().find(|s| s.0 == 13).expect("QUANT section");
    let meta_len = u32::from_le_bytes(quant.1[..4].try_into().unwrap()) as usize;
    let first_code = (4 + meta_len).next_multiple_of(8);
    quant.1[first_code] = 200;
    let err = Database::from_bytes(&build(&bytes, &secs)).unwrap_err().to_string();
    assert!(err.contains("Invalid snapshot"), "{err}");
    quant_truncated(&bytes);
}

fn quant_truncated(bytes: &[u8]) {
    let mut secs = split(bytes);
    let quant = secs.iter_mut().find(|s| s.0 == 13).unwrap();
    let n = quant.1.len();
    quant.1.truncate(n - 9);
    assert!(Database::from_bytes(&build(bytes, &secs)).is_err());
}
