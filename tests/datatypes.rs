//! `datatype: float16 | uint8` on dense vectors and multivectors through `Database::request`:
//! config echo and errors, storage conversion (Qdrant's casts), scores computed by hand with
//! Qdrant's formulas for each distance and query kind, memory, snapshots, PATCH rules.

use serde_json::{json, Value};
use simile::collection::Datatype;
use simile::Database;

fn call(db: &mut Database, method: &str, path: &str, body: Value) -> (u16, Value) {
    let text = if body.is_null() { String::new() } else { body.to_string() };
    let r = db.request(method, path, &text);
    let v = serde_json::from_str(&r.envelope()).unwrap_or_else(|e| panic!("{method} {path}: {e}: {}", r.envelope()));
    (r.status, v)
}

fn ok(db: &mut Database, method: &str, path: &str, body: Value) -> Value {
    let (status, v) = call(db, method, path, body);
    assert_eq!(status, 200, "{method} {path}: {v}");
    v["result"].clone()
}

fn fails(db: &mut Database, method: &str, path: &str, body: Value, want: u16) -> String {
    let (status, v) = call(db, method, path, body);
    assert_eq!(status, want, "{method} {path}: {v}");
    v["status"]["error"].as_str().unwrap_or_default().to_string()
}

fn collection(distance: &str, datatype: &str) -> Database {
    let mut db = Database::new();
    ok(&mut db, "PUT", "/collections/c", json!({"vectors": {"size": 3, "distance": distance, "datatype": datatype}}));
    let points = json!({"points": [
        {"id": 1, "vector": [1.0, 2.0, 3.0]},
        {"id": 2, "vector": [4.7, 0.2, 255.9]},
        {"id": 3, "vector": [10.0, 10.0, 0.0]},
        {"id": 4, "vector": [0.0, 0.0, 0.0]}
    ]});
    ok(&mut db, "PUT", "/collections/c/points?wait=true", points);
    db
}

fn query(db: &mut Database, body: Value) -> Vec<(u64, f32)> {
    let res = ok(db, "POST", "/collections/c/points/query", body);
    res["points"].as_array().unwrap().iter().map(|p| (p["id"].as_u64().unwrap(), p["score"].as_f64().unwrap() as f32)).collect()
}

fn stored(db: &mut Database, id: u64) -> Vec<f32> {
    let r = ok(db, "GET", &format!("/collections/c/points/{id}"), Value::Null);
    r["vector"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap() as f32).collect()
}

/// Qdrant's byte cosine (metric_uint/simple_cosine.rs), on integer-valued inputs.
fn byte_cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let (na, nb): (f32, f32) = (a.iter().map(|x| x * x).sum(), b.iter().map(|x| x * x).sum());
    if na == 0.0 || nb == 0.0 { 0.0 } else { dot / (na * nb).sqrt() }
}

#[test]
fn config_is_echoed_as_given() {
    let mut db = Database::new();
    let vectors = json!({
        "a": {"size": 2, "distance": "Dot", "datatype": "float16"},
        "b": {"size": 2, "distance": "Dot", "datatype": "uint8"},
        "c": {"size": 2, "distance": "Dot", "datatype": "float32"},
        "d": {"size": 2, "distance": "Dot"}
    });
    ok(&mut db, "PUT", "/collections/c", json!({"vectors": vectors}));
    let info = ok(&mut db, "GET", "/collections/c", Value::Null);
    assert_eq!(info["config"]["params"]["vectors"], vectors);
    let err = fails(&mut db, "PUT", "/collections/t", json!({"vectors": {"size": 2, "distance": "Dot", "datatype": "turbo4"}}), 501);
    assert!(err.contains("turbo4"), "{err}");
    fails(&mut db, "PUT", "/collections/x", json!({"vectors": {"size": 2, "distance": "Dot", "datatype": "int8"}}), 400);
    assert!(db.collection("t").is_err() && db.collection("x").is_err());
}

#[test]
fn uint8_casts_as_rust_does_and_skips_cosine_normalisation() {
    let mut db = collection("Cosine", "uint8");
    assert_eq!(stored(&mut db, 1), [1.0, 2.0, 3.0]);
    assert_eq!(stored(&mut db, 2), [4.0, 0.0, 255.0]);
    ok(&mut db, "PUT", "/collections/c/points", json!({"points": [{"id": 5, "vector": [-3.7, 2.9, 300.0]}]}));
    assert_eq!(stored(&mut db, 5), [0.0, 2.0, 255.0]);
    // The query is cast the same way: [2.5, 1, 1] → [2, 1, 1].
    let got = query(&mut db, json!({"query": [2.5, 1.0, 1.0], "limit": 5}));
    let q = [2.0, 1.0, 1.0];
    let want = [(3u64, byte_cosine(&q, &[10.0, 10.0, 0.0])), (1, byte_cosine(&q, &[1.0, 2.0, 3.0]))];
    assert_eq!(&got[..2], &want);
    assert_eq!(got.last(), Some(&(4, 0.0)), "a zero vector scores 0");
}

#[test]
fn uint8_scores_per_distance() {
    let q = [3.0f32, 1.0, 200.0];
    let rows: [(u64, [f32; 3]); 4] = [(1, [1.0, 2.0, 3.0]), (2, [4.0, 0.0, 255.0]), (3, [10.0, 10.0, 0.0]), (4, [0.0; 3])];
    for (distance, score) in [
        ("Dot", (|a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>()) as fn(&[f32], &[f32]) -> f32),
        ("Euclid", |a, b| a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum::<f32>().sqrt()),
        ("Manhattan", |a, b| a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f32>()),
    ] {
        let mut db = collection(distance, "uint8");
        let got = query(&mut db, json!({"query": q, "limit": 4}));
        let mut want: Vec<(u64, f32)> = rows.iter().map(|(id, r)| (*id, score(&q, r))).collect();
        want.sort_by(|a, b| if distance == "Dot" { b.1.total_cmp(&a.1) } else { a.1.total_cmp(&b.1) });
        assert_eq!(got, want, "{distance}");
    }
}

#[test]
fn float16_rounds_to_nearest_and_normalises_cosine_first() {
    let mut db = collection("Dot", "float16");
    let h = |x: f32| simile::kernels::half::f32_from_f16(simile::kernels::half::f16_from_f32(x));
    assert_eq!(stored(&mut db, 2), [h(4.7), h(0.2), 255.875]);
    let got = query(&mut db, json!({"query": [0.1, 0.3, 1.0], "limit": 1}));
    let want = h(0.1) * h(4.7) + h(0.3) * h(0.2) + 255.875;
    assert_eq!(got, [(2, want)]);
    let err = fails(&mut db, "PUT", "/collections/c/points", json!({"points": [{"id": 9, "vector": [70000.0, 0, 0]}]}), 400);
    assert!(err.contains("65504"), "{err}");

    let mut cos = collection("Cosine", "float16");
    let v = stored(&mut cos, 3);
    assert_eq!(v, [h(10.0 / 200f32.sqrt()), h(10.0 / 200f32.sqrt()), 0.0]);
}

#[test]
fn every_query_kind_runs_on_each_datatype() {
    for dt in ["float16", "uint8"] {
        for distance in ["Cosine", "Dot", "Euclid", "Manhattan"] {
            let mut db = collection(distance, dt);
            let bodies = [
                json!({"query": {"recommend": {"positive": [1], "negative": [3]}}}),
                json!({"query": {"recommend": {"positive": [1, [1, 1, 1]], "strategy": "best_score"}}}),
                json!({"query": {"recommend": {"positive": [1], "negative": [2], "strategy": "sum_scores"}}}),
                json!({"query": {"discover": {"target": 2, "context": [{"positive": 1, "negative": 3}]}}}),
                json!({"query": {"context": [{"positive": 1, "negative": 3}]}}),
                json!({"prefetch": {"query": [1, 2, 3], "limit": 3}, "query": {"nearest": 2}}),
                json!({"query": {"nearest": [1, 2, 3], "mmr": {"diversity": 0.5}}, "limit": 3}),
                json!({"query": {"relevance_feedback": {"target": [1, 2, 3],
                    "feedback": [{"example": 1, "score": 1.0}, {"example": [3, 2, 1], "score": 0.5}],
                    "strategy": {"naive": {"a": 1.0, "b": 1.0, "c": 1.0}}}}}),
            ];
            for body in bodies {
                let got = query(&mut db, body.clone());
                assert!(!got.is_empty() && got.iter().all(|(_, s)| s.is_finite()), "{dt} {distance} {body}: {got:?}");
            }
            let matrix = ok(&mut db, "POST", "/collections/c/points/search/matrix/pairs", json!({"sample": 4, "limit": 2}));
            assert!(!matrix["pairs"].as_array().unwrap().is_empty(), "{dt} {distance}: {matrix}");
        }
    }
}

#[test]
fn memory_counts_element_bytes_and_patch_keeps_the_datatype() {
    let mut sizes = Vec::new();
    for dt in ["float32", "float16", "uint8"] {
        let mut db = Database::new();
        ok(&mut db, "PUT", "/collections/c", json!({"vectors": {"size": 256, "distance": "Dot", "datatype": dt}}));
        let points: Vec<Value> = (0..100).map(|i| json!({"id": i, "vector": vec![1.0; 256]})).collect();
        ok(&mut db, "PUT", "/collections/c/points", json!({"points": points}));
        sizes.push(db.collection("c").unwrap().vector_bytes());
        if dt != "uint8" {
            let err = fails(&mut db, "PATCH", "/collections/c", json!({"vectors": {"": {"datatype": "uint8"}}}), 400);
            assert!(err.contains("cannot be changed"), "{err}");
        }
        ok(&mut db, "PATCH", "/collections/c", json!({"vectors": {"": {"datatype": dt}}}));
    }
    // 100 rows of 256 elements plus one presence flag per row.
    assert_eq!(sizes, [100 * (256 * 4 + 1), 100 * (256 * 2 + 1), 100 * (256 + 1)]);
}

#[test]
fn snapshots_keep_datatype_and_bytes() {
    for dt in ["float16", "uint8"] {
        let mut db = Database::new();
        let config = json!({"vectors": {
            "d": {"size": 3, "distance": "Cosine", "datatype": dt},
            "m": {"size": 2, "distance": "Euclid", "datatype": dt, "multivector_config": {"comparator": "max_sim"}}
        }});
        ok(&mut db, "PUT", "/collections/c", config);
        let points = json!({"points": [
            {"id": 1, "vector": {"d": [1.5, 2, 3], "m": [[1, 2], [3.3, 4]]}},
            {"id": 2, "vector": {"d": [200, 0.25, 7]}}
        ]});
        ok(&mut db, "PUT", "/collections/c/points", points);
        let before = ok(&mut db, "POST", "/collections/c/points/scroll", json!({"with_vector": true}));
        let q = json!({"query": [[1, 1]], "using": "m", "with_vector": true});
        let scores = ok(&mut db, "POST", "/collections/c/points/query", q.clone());
        let mut loaded = Database::from_bytes(&db.to_bytes()).unwrap();
        assert_eq!(ok(&mut loaded, "POST", "/collections/c/points/scroll", json!({"with_vector": true})), before, "{dt}");
        assert_eq!(ok(&mut loaded, "POST", "/collections/c/points/query", q), scores, "{dt}");
        let params = loaded.collection("c").unwrap().config().params("d").unwrap().datatype();
        assert_eq!(params, if dt == "uint8" { Datatype::Uint8 } else { Datatype::Float16 });
    }
}

#[test]
fn multivector_uint8_max_sim() {
    let mut db = Database::new();
    let config = json!({"vectors": {"size": 2, "distance": "Dot", "datatype": "uint8", "multivector_config": {"comparator": "max_sim"}}});
    ok(&mut db, "PUT", "/collections/c", config);
    ok(&mut db, "PUT", "/collections/c/points", json!({"points": [{"id": 1, "vector": [[1, 2], [3.9, 0]]}]}));
    // Query rows cast to [2,1] and [0,5]: max(2·1+1·2, 2·3) + max(0+10, 0) = 6 + 10.
    assert_eq!(query(&mut db, json!({"query": [[2.2, 1], [-1, 5]]})), [(1, 16.0)]);
}

#[test]
fn bulk_rows_match_point_upserts() {
    for dt in [Datatype::Float16, Datatype::Uint8] {
        let params = simile::collection::VectorParams { size: 3, distance: simile::Distance::Cosine, multivector_config: None, datatype: Some(dt) };
        let config = simile::collection::VectorsConfig::Single(params);
        let mut bulk = simile::collection::Collection::new(config.clone()).unwrap();
        let mut single = simile::collection::Collection::new(config).unwrap();
        let rows = [1.0, 2.0, 3.0, 4.7, 0.2, 255.9];
        let ids = [simile::PointId::Num(1), simile::PointId::Num(2)];
        bulk.upsert_rows(&ids, &rows, None).unwrap();
        let points = ids.iter().zip(rows.chunks(3)).map(|(id, v)| simile::collection::PointInsert { id: *id, vectors: vec![(String::new(), v.to_vec())], payload: Default::default() }).collect();
        single.upsert(points).unwrap();
        for off in 0..2u32 {
            assert_eq!(bulk.point(off).stored(""), single.point(off).stored(""), "{dt:?}");
        }
        assert!(bulk.upsert_rows(&ids, &[0.0, f32::NAN, 0.0, 0.0, 0.0, 0.0], None).is_err());
        assert_eq!(bulk.point(0).stored(""), single.point(0).stored(""), "a failed upsert changes nothing");
    }
}
