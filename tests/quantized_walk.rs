//! The HNSW walk scored with quantization codes: with a beam at least the point count, the
//! graph's answer is the quantized scan's (same ids, same code scores without rescoring, same
//! rescored scores with it), for every distance, scalar and binary codes, nearest, recommend
//! and a filtered walk. Seeds printed.

use serde_json::{json, Value};
use simile::Database;

fn ok(db: &mut Database, method: &str, path: &str, body: Value) -> Value {
    let r = db.request(method, path, &body.to_string());
    let v: Value = serde_json::from_str(&r.envelope()).expect("json envelope");
    assert_eq!(r.status, 200, "{method} {path}: {v}");
    v["result"].clone()
}

/// Floats in [-1, 1) from a seeded linear congruential generator, rows around 12 centres.
fn points(seed: u64, n: usize, dim: usize) -> Vec<Vec<f32>> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    };
    let centres: Vec<Vec<f32>> = (0..12).map(|_| (0..dim).map(|_| next()).collect()).collect();
    (0..n).map(|i| centres[i % 12].iter().map(|c| c + 0.4 * next()).collect()).collect()
}

/// Collection `name` over `rows` with `quant` codes and a graph of `m` links (0: none, so
/// every search scans the codes), codes and graph built.
fn collection(db: &mut Database, name: &str, distance: &str, quant: &Value, m: usize, rows: &[Vec<f32>]) {
    let body = json!({"vectors": {"size": rows[0].len(), "distance": distance}, "quantization_config": quant,
                      "hnsw_config": {"m": m, "full_scan_threshold": 10}});
    ok(db, "PUT", &format!("/collections/{name}"), body);
    let pts: Vec<Value> = rows.iter().enumerate().map(|(i, v)| json!({"id": i, "vector": v, "payload": {"g": i % 3}})).collect();
    ok(db, "PUT", &format!("/collections/{name}/points?wait=true"), json!({ "points": pts }));
    db.optimize(name, &mut |_, _| {}).expect("optimize");
}

fn answer(db: &mut Database, name: &str, body: &Value) -> Vec<(u64, f64)> {
    let r = ok(db, "POST", &format!("/collections/{name}/points/query"), body.clone());
    let hits = r["points"].as_array().expect("points");
    hits.iter().map(|h| (h["id"].as_u64().expect("id"), h["score"].as_f64().expect("score"))).collect()
}

#[test]
fn with_a_beam_past_the_point_count_the_quantized_walk_is_the_quantized_scan() {
    let (n, dim) = (300, 16);
    let scalar = json!({"scalar": {"type": "int8", "quantile": 0.99, "always_ram": true}});
    let binary = json!({"binary": {"always_ram": true}});
    for seed in [3u64, 17, 2024] {
        for distance in ["Cosine", "Dot", "Euclid", "Manhattan"] {
            for quant in [&scalar, &binary] {
                println!("seed {seed} {distance} {quant}");
                let rows = points(seed, n + 5, dim);
                let mut db = Database::new();
                collection(&mut db, "graph", distance, quant, 16, &rows[..n]);
                collection(&mut db, "scan", distance, quant, 0, &rows[..n]);
                for (qi, q) in rows[n..].iter().enumerate() {
                    let recommend = json!({"recommend": {"positive": [qi, qi + 40, qi + 90], "negative": [qi + 7], "strategy": "best_score"}});
                    let filter = json!({"must": [{"key": "g", "match": {"value": qi % 3}}]});
                    for rescore in [false, true] {
                        let params = json!({"hnsw_ef": n, "quantization": {"rescore": rescore, "oversampling": 2.0}});
                        for body in [
                            json!({"query": q, "limit": 10, "params": params}),
                            json!({"query": recommend, "limit": 10, "params": params}),
                            json!({"query": q, "limit": 10, "params": params, "filter": filter}),
                        ] {
                            let (walked, scanned) = (answer(&mut db, "graph", &body), answer(&mut db, "scan", &body));
                            assert_eq!(walked, scanned, "seed {seed} {distance} {quant} {body}");
                            assert_eq!(walked.len(), 10);
                        }
                    }
                }
            }
        }
    }
}
