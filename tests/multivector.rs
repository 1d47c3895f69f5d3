//! Multivectors (`multivector_config: {"comparator": "max_sim"}`) through `Database::request`:
//! config echo, upsert/retrieve, snapshots, and MaxSim scores computed by hand.
//!
//! Points (2-d rows): 1 = [[1,0],[0,1]], 2 = [[1,2]], 3 = [[-1,0],[0,-1]].

use serde_json::{json, Value};
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

const MAX_SIM: &str = r#"{"comparator": "max_sim"}"#;

/// Collection `c`: multivector "m" with `distance`, plain dense "d" (Dot, 2-d).
fn setup(distance: &str) -> Database {
    let mut db = Database::new();
    let multi: Value = serde_json::from_str(MAX_SIM).unwrap();
    let config = json!({"vectors": {
        "m": {"size": 2, "distance": distance, "multivector_config": multi},
        "d": {"size": 2, "distance": "Dot"}
    }});
    ok(&mut db, "PUT", "/collections/c", config);
    let points = json!({"points": [
        {"id": 1, "vector": {"m": [[1, 0], [0, 1]], "d": [1, 0]}, "payload": {"k": "a"}},
        {"id": 2, "vector": {"m": [[1, 2]], "d": [0, 1]}, "payload": {"k": "b"}},
        {"id": 3, "vector": {"m": [[-1, 0], [0, -1]], "d": [1, 1]}, "payload": {"k": "a"}}
    ]});
    ok(&mut db, "PUT", "/collections/c/points", points);
    db
}

/// `(id, score)` of a Query API answer.
fn query(db: &mut Database, body: Value) -> Vec<(u64, f32)> {
    let res = ok(db, "POST", "/collections/c/points/query", body);
    res["points"].as_array().unwrap().iter().map(|p| (p["id"].as_u64().unwrap(), p["score"].as_f64().unwrap() as f32)).collect()
}

fn assert_scores(got: &[(u64, f32)], want: &[(u64, f32)]) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for ((gi, gs), (wi, ws)) in got.iter().zip(want) {
        assert_eq!(gi, wi, "{got:?} vs {want:?}");
        assert!((gs - ws).abs() < 1e-5, "{got:?} vs {want:?}");
    }
}

fn nearest(db: &mut Database, q: Value) -> Vec<(u64, f32)> {
    query(db, json!({"query": q, "using": "m"}))
}

#[test]
fn max_sim_nearest_for_every_distance() {
    let q = json!([[1, 0], [0, 2]]);
    // Dot: p1 = 1 + 2, p2 = 1 + 4, p3 = 0 + 0.
    assert_scores(&nearest(&mut setup("Dot"), q.clone()), &[(2, 5.0), (1, 3.0), (3, 0.0)]);
    // Cosine (rows normalised on both sides): p1 = 1 + 1, p2 = 1/√5 + 2/√5.
    assert_scores(&nearest(&mut setup("Cosine"), q.clone()), &[(1, 2.0), (2, 1.341_640_8), (3, 0.0)]);
    // Euclid: sums of −L2² are −1, −5, −7; nearest reports sqrt(|sum|).
    assert_scores(&nearest(&mut setup("Euclid"), q.clone()), &[(1, 1.0), (2, 5f32.sqrt()), (3, 7f32.sqrt())]);
    // Manhattan: sums of −L1 are −1, −3, −5; nearest reports |sum|.
    assert_scores(&nearest(&mut setup("Manhattan"), q), &[(1, 1.0), (2, 3.0), (3, 5.0)]);
}

#[test]
fn a_dense_query_is_a_one_row_multivector() {
    let mut db = setup("Dot");
    assert_scores(&nearest(&mut db, json!([0, 1])), &[(2, 2.0), (1, 1.0), (3, 0.0)]);
}

#[test]
fn filter_threshold_limit_offset_and_rescoring() {
    let mut db = setup("Dot");
    let q = json!([[1, 0], [0, 2]]);
    let got = query(&mut db, json!({"query": q, "using": "m", "score_threshold": 2.5}));
    assert_scores(&got, &[(2, 5.0), (1, 3.0)]);
    let filter = json!({"must": [{"key": "k", "match": {"value": "a"}}]});
    assert_scores(&query(&mut db, json!({"query": q, "using": "m", "filter": filter})), &[(1, 3.0), (3, 0.0)]);
    assert_scores(&query(&mut db, json!({"query": q, "using": "m", "limit": 1, "offset": 1})), &[(1, 3.0)]);
    // Prefetch the two best by the dense vector (3: 1+1, 1: 1), rescore them by MaxSim.
    let body = json!({"prefetch": {"query": [1, 1], "using": "d", "limit": 2}, "query": q, "using": "m"});
    assert_scores(&query(&mut db, body), &[(1, 3.0), (3, 0.0)]);
    // And the other way round: a MaxSim prefetch rescored by the dense vector.
    let body = json!({"prefetch": {"query": q, "using": "m", "limit": 2}, "query": [1, 1], "using": "d"});
    assert_scores(&query(&mut db, body), &[(1, 1.0), (2, 1.0)]);
}

#[test]
fn recommend_discover_and_context_fold_max_sims() {
    let mut db = setup("Dot");
    let (pos, neg) = (json!([[2, 1]]), json!([[0, -1]]));
    // MaxSim to the positive: 2, 4, −1; to the negative: 0, −2, 1.
    let best = json!({"recommend": {"positive": [pos], "negative": [neg], "strategy": "best_score"}});
    assert_scores(&query(&mut db, json!({"query": best, "using": "m"})), &[(2, 0.9), (1, 0.833_333_3), (3, -0.75)]);
    let sum = json!({"recommend": {"positive": [pos], "negative": [neg], "strategy": "sum_scores"}});
    assert_scores(&query(&mut db, json!({"query": sum, "using": "m"})), &[(2, 6.0), (1, 2.0), (3, -2.0)]);
    // average_vector concatenates the rows, negatives negated: [[2,1],[0,1]].
    let avg = json!({"recommend": {"positive": [pos], "negative": [neg]}});
    assert_scores(&query(&mut db, json!({"query": avg, "using": "m"})), &[(2, 6.0), (1, 3.0), (3, -1.0)]);
    // Discover: target [[1,1]] gives 1, 3, −1; the pair ranks +1, +1, −1.
    let pair = json!({"positive": [[0, 1]], "negative": [[0, -1]]});
    let disc = json!({"discover": {"target": [[1, 1]], "context": [pair]}});
    assert_scores(&query(&mut db, json!({"query": disc, "using": "m"})), &[(2, 1.875), (1, 1.75), (3, -0.75)]);
    let ctx = json!({"context": [pair]});
    assert_scores(&query(&mut db, json!({"query": ctx, "using": "m"})), &[(1, 0.0), (2, 0.0), (3, -0.5)]);
    // An id example uses the point's stored multivector and excludes the point.
    let by_id = json!({"recommend": {"positive": [2], "strategy": "best_score"}});
    assert_scores(&query(&mut db, json!({"query": by_id, "using": "m"})), &[(1, 0.833_333_3), (3, 0.25)]);
}

#[test]
fn config_is_echoed_and_vectors_come_back_as_rows() {
    let mut db = setup("Cosine");
    let info = ok(&mut db, "GET", "/collections/c", Value::Null);
    let m = &info["config"]["params"]["vectors"]["m"];
    assert_eq!(m, &json!({"size": 2, "distance": "Cosine", "multivector_config": {"comparator": "max_sim"}}));
    assert!(info["config"]["params"]["vectors"]["d"].get("multivector_config").is_none());
    let got = ok(&mut db, "POST", "/collections/c/points", json!({"ids": [2], "with_vector": true}));
    let rows = &got[0]["vector"]["m"];
    assert!((rows[0][0].as_f64().unwrap() - 0.447_213_6).abs() < 1e-6, "{rows}");
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let got = ok(&mut db, "POST", "/collections/c/points/scroll", json!({"with_vector": ["m"], "limit": 1}));
    assert_eq!(got["points"][0]["vector"]["m"], json!([[1.0, 0.0], [0.0, 1.0]]));
    assert!(info["memory_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn snapshot_round_trip_keeps_multivectors() {
    let mut db = setup("Euclid");
    let bytes = db.to_bytes();
    let mut back = Database::from_bytes(&bytes).unwrap();
    let q = json!([[1, 0], [0, 2]]);
    assert_eq!(nearest(&mut db, q.clone()), nearest(&mut back, q));
    let a = ok(&mut db, "POST", "/collections/c/points", json!({"ids": [1, 2, 3], "with_vector": true}));
    let b = ok(&mut back, "POST", "/collections/c/points", json!({"ids": [1, 2, 3], "with_vector": true}));
    assert_eq!(a, b);
    let mut broken = bytes.clone();
    let at = broken.len() - 40;
    broken[at] ^= 0x55;
    assert!(Database::from_bytes(&broken).is_err());
}

#[test]
fn updates_deletes_and_compaction_keep_multivectors_right() {
    let mut db = setup("Dot");
    ok(&mut db, "PUT", "/collections/c/points/vectors", json!({"points": [{"id": 3, "vector": {"m": [[5, 5], [0, 0]]}}]}));
    assert_scores(&nearest(&mut db, json!([[1, 0]])), &[(3, 5.0), (1, 1.0), (2, 1.0)]);
    ok(&mut db, "POST", "/collections/c/points/vectors/delete", json!({"points": [3], "vector": ["m"]}));
    ok(&mut db, "POST", "/collections/c/points/delete", json!({"points": [1]}));
    assert_scores(&nearest(&mut db, json!([[1, 0]])), &[(2, 1.0)]);
    let coll = db.collection("c").unwrap();
    let snapshot = coll.to_bytes();
    assert!(simile::collection::Collection::from_bytes(&snapshot).is_ok());
}

#[test]
fn wrong_shapes_are_refused_with_qdrants_words() {
    let mut db = setup("Dot");
    let up = |v: Value| json!({"points": [{"id": 9, "vector": v}]});
    let msg = fails(&mut db, "PUT", "/collections/c/points", up(json!({"m": [[1, 2, 3]]})), 400);
    assert!(msg.contains("Vector dimension error: expected dim: 2, got 3"), "{msg}");
    let msg = fails(&mut db, "PUT", "/collections/c/points", up(json!({"d": [[1, 2]]})), 400);
    assert_eq!(msg, "Wrong input: Wrong usage of multi vectors");
    fails(&mut db, "PUT", "/collections/c/points", up(json!({"m": [[1, 2], [3]]})), 422);
    fails(&mut db, "PUT", "/collections/c/points", up(json!({"m": [[]]})), 422);
    let msg = fails(&mut db, "PUT", "/collections/c/points", up(json!({"m": [1, 2, 3, 4]})), 400);
    assert!(msg.contains("expected dim: 2, got 4"), "{msg}");
    let msg = fails(&mut db, "POST", "/collections/c/points/query", json!({"query": [[1, 2, 3]], "using": "m"}), 400);
    assert!(msg.contains("expected dim: 2, got 3"), "{msg}");
    let msg = fails(&mut db, "POST", "/collections/c/points/query", json!({"query": [[1, 2]], "using": "d"}), 400);
    assert_eq!(msg, "Wrong input: Wrong usage of multi vectors");
    let bad = json!({"vectors": {"size": 2, "distance": "Dot", "multivector_config": {"comparator": "min_sim"}}});
    fails(&mut db, "PUT", "/collections/z", bad, 400);
    // An unnamed multivector collection takes a bare list of rows.
    let multi: Value = serde_json::from_str(MAX_SIM).unwrap();
    ok(&mut db, "PUT", "/collections/u", json!({"vectors": {"size": 2, "distance": "Dot", "multivector_config": multi}}));
    ok(&mut db, "PUT", "/collections/u/points", json!({"points": [{"id": 1, "vector": [[1, 0], [0, 1]]}]}));
    let res = ok(&mut db, "POST", "/collections/u/points/query", json!({"query": [[1, 1]], "with_vector": true}));
    assert_eq!(res["points"][0]["score"], json!(1.0));
    assert_eq!(res["points"][0]["vector"], json!([[1.0, 0.0], [0.0, 1.0]]));
}

#[test]
fn compaction_and_collection_snapshots_keep_multivectors() {
    use simile::collection::multi::{Comparator, MultiVectorConfig};
    use simile::collection::{Collection, PointInsert, VectorParams, VectorsConfig};
    let multi = Some(MultiVectorConfig { comparator: Comparator::MaxSim });
    let params = VectorParams { size: 2, distance: simile::Distance::Cosine, multivector_config: multi, datatype: None };
    let mut c = Collection::new(VectorsConfig::Single(params)).unwrap();
    let point = |id: u64, v: Vec<f32>| PointInsert { id: simile::PointId::Num(id), vectors: vec![(String::new(), v)], payload: Default::default() };
    c.upsert((0..100).map(|i| point(i, vec![3.0, 4.0, i as f32, 1.0])).collect()).unwrap();
    // Concatenated rows must be a non-empty multiple of the size.
    assert!(c.upsert(vec![point(7, vec![1.0, 2.0, 3.0])]).is_err());
    assert!(c.upsert(vec![point(7, vec![])]).is_err());
    let ids: Vec<simile::PointId> = (0..90).map(simile::PointId::Num).collect();
    c.delete(&ids);
    let before = c.memory_bytes();
    c.optimize();
    assert!(c.memory_bytes() < before);
    let off = c.offset_of(&simile::PointId::Num(95)).unwrap();
    let rows = c.point(off).vector("").unwrap().to_vec();
    assert!((rows[0] - 0.6).abs() < 1e-6 && (rows[1] - 0.8).abs() < 1e-6, "{rows:?}");
    let back = Collection::from_bytes(&c.to_bytes()).unwrap();
    assert_eq!(back.point(back.offset_of(&simile::PointId::Num(95)).unwrap()).vector("").as_deref(), Some(&rows[..]));
    assert_eq!(back.len(), 10);
}

#[test]
fn multivectors_count_against_the_memory_budget() {
    let mut db = setup("Dot");
    let before = ok(&mut db, "GET", "/collections/c", Value::Null)["vector_bytes"].as_u64().unwrap();
    let rows: Vec<Value> = (0..1000).map(|i| json!([i, 1])).collect();
    ok(&mut db, "PUT", "/collections/c/points", json!({"points": [{"id": 4, "vector": {"m": rows}}]}));
    let after = ok(&mut db, "GET", "/collections/c", Value::Null)["vector_bytes"].as_u64().unwrap();
    assert!(after >= before + 8000, "{before} → {after}");
    db.set_memory_budget(db.collection("c").unwrap().memory_bytes() + 4000);
    let msg = fails(&mut db, "PUT", "/collections/c/points", json!({"points": [{"id": 5, "vector": {"m": rows}}]}), 507);
    assert!(msg.contains("Memory budget exceeded"), "{msg}");
    assert_eq!(ok(&mut db, "POST", "/collections/c/points/count", json!({}))["count"], 4);
}

/// Multivectors next to sparse vectors and BM25 documents in one collection: every input shape
/// is read as its own kind, each vector is searched by its own path, and snapshots keep both.
#[test]
fn multivectors_live_beside_sparse_vectors_and_documents() {
    let mut db = Database::new();
    let multi: Value = serde_json::from_str(MAX_SIM).unwrap();
    let config = json!({
        "vectors": {"m": {"size": 2, "distance": "Dot", "multivector_config": multi}, "d": {"size": 2, "distance": "Dot"}},
        "sparse_vectors": {"s": {}, "t": {"modifier": "idf"}}
    });
    ok(&mut db, "PUT", "/collections/c", config);
    let doc = |text: &str| json!({"text": text, "model": "qdrant/bm25"});
    let points = json!({"points": [
        {"id": 1, "vector": {"m": [[1, 0], [0, 1]], "d": [1, 0], "s": {"indices": [0, 1], "values": [1.0, 1.0]}, "t": doc("red apple")}},
        {"id": 2, "vector": {"m": [[1, 2]], "d": [0, 1], "s": {"indices": [1], "values": [3.0]}, "t": doc("green pear")}},
        {"id": 3, "vector": {"m": [[-1, 0], [0, -1]], "d": [1, 1], "s": {"indices": [0], "values": [2.0]}, "t": doc("red cherry")}}
    ]});
    ok(&mut db, "PUT", "/collections/c/points", points);
    let batch = json!({"batch": {"ids": [4], "vectors": {
        "m": [[[0, 1], [0, 1]]], "s": [{"indices": [0, 1], "values": [0.5, 0.5]}], "t": [doc("pear")]
    }}});
    ok(&mut db, "PUT", "/collections/c/points", batch);

    // MaxSim with query [[1,0],[0,1]]: 1 → 1+1, 2 → 1+2, 3 → 0+0, 4 → 0+1.
    let multi_q = json!([[1, 0], [0, 1]]);
    assert_scores(&nearest(&mut db, multi_q.clone()), &[(2, 3.0), (1, 2.0), (4, 1.0), (3, 0.0)]);
    // Sparse dot: 1 → 1+2, 2 → 6, 3 → 2, 4 → 0.5+1.
    let sparse_q = json!({"indices": [0, 1], "values": [1.0, 2.0]});
    let sparse = query(&mut db, json!({"query": sparse_q, "using": "s"}));
    assert_scores(&sparse, &[(2, 6.0), (1, 3.0), (3, 2.0), (4, 1.5)]);
    let text = query(&mut db, json!({"query": doc("pear"), "using": "t"}));
    let mut found: Vec<u64> = text.iter().map(|(id, _)| *id).collect();
    found.sort_unstable();
    assert_eq!(found, vec![2, 4]);

    // MMR over a multivector: no diversity keeps the nearest order.
    let mmr = json!({"query": {"nearest": multi_q.clone(), "mmr": {"diversity": 0.0}}, "using": "m", "limit": 4});
    let by_mmr: Vec<u64> = query(&mut db, mmr).iter().map(|(id, _)| *id).collect();
    assert_eq!(by_mmr, vec![2, 1, 4, 3]);
    let diverse = json!({"query": {"nearest": multi_q.clone(), "mmr": {"diversity": 1.0}}, "using": "m", "limit": 2});
    assert_eq!(query(&mut db, diverse).len(), 2);

    // Hybrid: prefetches over the multivector and the sparse vector, fused.
    let hybrid = json!({"prefetch": [{"query": multi_q.clone(), "using": "m"}, {"query": sparse_q.clone(), "using": "s"}],
                        "query": {"fusion": "rrf"}, "limit": 4});
    assert_eq!(query(&mut db, hybrid)[0].0, 2);

    // Vectors come back in their own shapes.
    let got = ok(&mut db, "POST", "/collections/c/points", json!({"ids": [1], "with_vector": ["m", "s"]}));
    assert_eq!(got[0]["vector"]["m"], json!([[1.0, 0.0], [0.0, 1.0]]));
    assert_eq!(got[0]["vector"]["s"], json!({"indices": [0, 1], "values": [1.0, 1.0]}));

    // Snapshots keep both kinds (format ≥ 1.2: SPARSE is kind 9, MULTI kind 10).
    let bytes = db.to_bytes();
    assert!(u16::from_le_bytes([bytes[10], bytes[11]]) >= 2);
    let mut back = Database::from_bytes(&bytes).unwrap();
    assert_eq!(nearest(&mut db, multi_q.clone()), nearest(&mut back, multi_q));
    assert_eq!(query(&mut back, json!({"query": sparse_q, "using": "s"})), sparse);
    let all = json!({"ids": [1, 2, 3, 4], "with_vector": true});
    assert_eq!(ok(&mut db, "POST", "/collections/c/points", all.clone()), ok(&mut back, "POST", "/collections/c/points", all));
}
