//! Sparse vectors: collection config, upsert/retrieve/update/delete through `Database::request`,
//! memory accounting, and the scoring primitives checked against brute force.

use serde_json::{json, Value};
use simile::collection::Collection;
use simile::index::sparse::{self, SparseVector};
use simile::query::topk::TopK;
use simile::{Database, PointId};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

fn call(db: &mut Database, method: &str, path: &str, body: Value) -> (u16, Value) {
    let r = db.request(method, path, &body.to_string());
    (r.status, serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{method} {path}: {e}: {}", r.body)))
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

const C: &str = "/collections/c";

fn setup() -> Database {
    let mut db = Database::new();
    let config = json!({"vectors": {"d": {"size": 2, "distance": "Dot"}},
                        "sparse_vectors": {"s": {"modifier": "idf", "index": {"full_scan_threshold": 10}}, "t": {}}});
    ok(&mut db, "PUT", C, config);
    db
}

#[test]
fn config_is_validated_and_echoed() {
    let mut db = setup();
    let info = ok(&mut db, "GET", C, Value::Null);
    let want = json!({"s": {"modifier": "idf", "index": {"full_scan_threshold": 10}}, "t": {}});
    assert_eq!(info["config"]["params"]["sparse_vectors"], want);
    // Sparse only, no dense vectors at all.
    ok(&mut db, "PUT", "/collections/only", json!({"sparse_vectors": {"x": {"modifier": "none"}}}));
    let cases = [
        (json!({"vectors": {"a": {"size": 2, "distance": "Dot"}}, "sparse_vectors": {"a": {}}}), 400, "Dense and sparse vector names must be unique - duplicate found with 'a'"),
        (json!({"sparse_vectors": {"": {}}}), 400, "Sparse vector name cannot be empty"),
        (json!({"sparse_vectors": {"a/b": {}}}), 400, "Invalid sparse vector name `a/b`: vector name cannot contain \"/\" char"),
        (json!({"sparse_vectors": {"a": {"modifier": "bm25"}}}), 400, "sparse_vectors"),
        (json!({"sparse_vectors": {"a": {"index": {"datatype": "uint8"}}}}), 501, "Sparse vector datatype `uint8`"),
    ];
    for (body, status, msg) in cases {
        let got = fails(&mut db, "PUT", "/collections/bad", body, status);
        assert!(got.contains(msg), "{got}");
    }
    ok(&mut db, "PATCH", C, json!({"sparse_vectors": {"t": {"modifier": "idf", "index": {"on_disk": true}}, "s": {"index": {"on_disk": false}}}}));
    let info = ok(&mut db, "GET", C, Value::Null);
    let want = json!({"s": {"modifier": "idf", "index": {"full_scan_threshold": 10, "on_disk": false}}, "t": {"modifier": "idf", "index": {"on_disk": true}}});
    assert_eq!(info["config"]["params"]["sparse_vectors"], want);
    let msg = fails(&mut db, "PATCH", C, json!({"sparse_vectors": {"zz": {}}}), 400);
    assert_eq!(msg, "Wrong input: Not existing vector name error: zz");
}

#[test]
fn upsert_retrieve_update_delete() {
    let mut db = setup();
    let points = json!([
        {"id": 1, "vector": {"d": [1, 2], "s": {"indices": [9, 2, 5], "values": [0.9, 0.2, 0.5]}}, "payload": {"a": 1}},
        {"id": 2, "vector": {"t": {"indices": [], "values": []}}},
    ]);
    ok(&mut db, "PUT", &format!("{C}/points"), json!({ "points": points }));
    let got = ok(&mut db, "POST", &format!("{C}/points"), json!({"ids": [1, 2], "with_vector": true}));
    assert_eq!(got[0]["vector"], json!({"d": [1.0, 2.0], "s": {"indices": [2, 5, 9], "values": [0.2, 0.5, 0.9]}}));
    assert_eq!(got[1]["vector"], json!({"t": {"indices": [], "values": []}}));
    let only_s = ok(&mut db, "POST", &format!("{C}/points"), json!({"ids": [1], "with_vector": ["s"]}));
    assert_eq!(only_s[0]["vector"], json!({"s": {"indices": [2, 5, 9], "values": [0.2, 0.5, 0.9]}}));
    // Batch form, update, vector delete.
    let batch = json!({"batch": {"ids": [3, 4], "vectors": {"s": [{"indices": [1], "values": [1]}, {"indices": [2], "values": [2]}]}}});
    ok(&mut db, "PUT", &format!("{C}/points"), batch);
    ok(&mut db, "PUT", &format!("{C}/points/vectors"), json!({"points": [{"id": 2, "vector": {"s": {"indices": [7, 3], "values": [7, 3]}}}]}));
    ok(&mut db, "POST", &format!("{C}/points/vectors/delete"), json!({"points": [1], "vector": ["s"]}));
    let got = ok(&mut db, "POST", &format!("{C}/points"), json!({"ids": [1, 2, 3], "with_vector": true}));
    assert_eq!(got[0]["vector"], json!({"d": [1.0, 2.0]}));
    assert_eq!(got[1]["vector"], json!({"s": {"indices": [3, 7], "values": [3.0, 7.0]}, "t": {"indices": [], "values": []}}));
    assert_eq!(got[2]["vector"], json!({"s": {"indices": [1], "values": [1.0]}}));
    let coll = db.collection("c").unwrap();
    let store = coll.sparse_store("s").unwrap();
    assert_eq!((store.df(1), store.df(2), store.df(3), store.df(9)), (1, 1, 1, 0));
    assert_eq!(store.indexed(), 3);
    let has = ok(&mut db, "POST", &format!("{C}/points/count"), json!({"filter": {"must": [{"has_vector": "t"}]}}));
    assert_eq!(has["count"], 1);
}

#[test]
fn errors_change_nothing() {
    let mut db = setup();
    ok(&mut db, "PUT", &format!("{C}/points"), json!({"points": [{"id": 1, "vector": {"s": {"indices": [1], "values": [1]}}}]}));
    let before = db.collection("c").unwrap().to_bytes();
    let up = format!("{C}/points");
    let sv = |i: Value, v: Value| json!({"points": [{"id": 9, "vector": {"s": {"indices": [0], "values": [1]}}}, {"id": 1, "vector": {"s": {"indices": i, "values": v}}}]});
    let cases = [
        (sv(json!([1, 2]), json!([1])), 422, "Validation error in JSON body: points[1].vector.?.values: Validation error: must be the same length as indices [{}]"),
        (sv(json!([1, 1]), json!([1, 2])), 422, "points[1].vector.?.indices: Validation error: must be unique [{}]"),
        (sv(json!([-1]), json!([1])), 400, "Format error"),
        (sv(json!([4294967296u64]), json!([1])), 400, "Format error"),
        (json!({"points": [{"id": 1, "vector": {"d": {"indices": [1], "values": [1]}}}]}), 400, "Wrong input: Conversion between sparse and regular vectors failed"),
        (json!({"points": [{"id": 1, "vector": {"s": [1, 2]}}]}), 400, "Wrong input: Conversion between sparse and regular vectors failed"),
        (json!({"points": [{"id": 1, "vector": {"x": {"indices": [1], "values": [1]}}}]}), 400, "Not existing vector name error: x"),
        (json!({"batch": {"ids": [5], "vectors": {"s": [{"indices": [1, 1], "values": [1, 1]}]}}}), 422, "batch.vectors.?.indices: Validation error: must be unique [{}]"),
    ];
    for (body, status, msg) in cases {
        let got = fails(&mut db, "PUT", &up, body, status);
        assert!(got.contains(msg), "{got}");
    }
    let upd = json!({"points": [{"id": 1, "vector": {"s": {"indices": [2, 2], "values": [1, 1]}}}]});
    assert!(fails(&mut db, "PUT", &format!("{C}/points/vectors"), upd, 422).contains("points[0].vector.?.indices"));
    let upd = json!({"points": [{"id": 1, "vector": {"s": {"indices": [], "values": []}}}]});
    assert!(fails(&mut db, "PUT", &format!("{C}/points/vectors"), upd, 422).contains("must specify vectors to update for point"));
    assert_eq!(db.collection("c").unwrap().to_bytes(), before);
}

#[test]
fn memory_is_accounted_and_budgeted() {
    let mut db = setup();
    let empty = db.collection("c").unwrap().memory_bytes();
    let points: Vec<Value> = (0..100).map(|i| json!({"id": i, "vector": {"s": {"indices": (0..50).collect::<Vec<u32>>(), "values": vec![1.0; 50]}}})).collect();
    ok(&mut db, "PUT", &format!("{C}/points"), json!({ "points": points }));
    let full = db.collection("c").unwrap().memory_bytes();
    assert!(full - empty >= 5000 * sparse::BYTES_PER_NONZERO, "{empty} → {full}");
    db.set_memory_budget(full + 1000);
    let big: Vec<Value> = (0..10).map(|i| json!({"id": 1000 + i, "vector": {"s": {"indices": (0..500).collect::<Vec<u32>>(), "values": vec![1.0; 500]}}})).collect();
    fails(&mut db, "PUT", &format!("{C}/points"), json!({ "points": big }), 507);
    ok(&mut db, "POST", &format!("{C}/points/delete"), json!({"points": (0..100).collect::<Vec<u32>>()}));
    assert!(db.collection("c").unwrap().sparse_store("s").unwrap().nonzeros() == 0);
}

fn random_vector(rng: &mut Rng, dims: u64) -> SparseVector {
    let n = rng.next() % 6;
    let mut v = SparseVector::default();
    for _ in 0..n {
        let i = (rng.next() % dims) as u32;
        if !v.indices.contains(&i) {
            v.indices.push(i);
            v.values.push((rng.next() % 2001) as f32 / 1000.0 - 1.0);
        }
    }
    v
}

/// Brute force: every live point's dot with the query, over shared indices; zero sums dropped
/// as the index search drops them.
fn brute(coll: &Collection, name: &str, q: &sparse::SparseQuery, k: usize) -> Vec<(u32, f32)> {
    let mut top = TopK::new(k);
    for (_, off) in coll.offsets_by_id() {
        let v = coll.point(off).sparse_vector(name);
        if let Some(s) = v.and_then(|v| q.vector.score(v)).filter(|s| *s != 0.0) {
            top.push(s, off);
        }
    }
    top.into_sorted().into_iter().map(|s| (s.offset, s.score)).collect()
}

#[test]
fn index_search_equals_brute_force() {
    let mut rng = Rng::from_env("sparse index search", 0x5eed_5a25e);
    let mut db = setup();
    let mut found = 0;
    for round in 0..30 {
        let ids: Vec<u64> = (0..40).map(|_| rng.next() % 200).collect();
        let points: Vec<Value> = ids.iter().map(|&id| json!({"id": id, "vector": {"s": random_vector(&mut rng, 30)}})).collect();
        ok(&mut db, "PUT", &format!("{C}/points"), json!({ "points": points }));
        let gone: Vec<u64> = (0..10).map(|_| rng.next() % 200).collect();
        ok(&mut db, "POST", &format!("{C}/points/delete"), json!({ "points": gone }));
        let strip: Vec<u64> = (0..5).map(|_| rng.next() % 200).collect();
        let sel = json!({"points": strip, "vector": ["s"]});
        let _ = db.request("POST", &format!("{C}/points/vectors/delete"), &sel.to_string());
        if round % 7 == 6 {
            db.collection_mut("c").unwrap().optimize();
        }
        let coll = db.collection("c").unwrap();
        for _ in 0..5 {
            let q = sparse::prepare_query(coll, "s", random_vector(&mut rng, 34)).unwrap();
            let k = 1 + (rng.next() % 20) as usize;
            let mut top = TopK::new(k);
            sparse::search(coll, "s", &q, |_| true, &mut top).unwrap();
            let got: Vec<(u32, f32)> = top.into_sorted().into_iter().map(|s| (s.offset, s.score)).collect();
            assert_eq!(got, brute(coll, "s", &q, k), "round {round}");
            found += got.len();
        }
        check_df(coll);
    }
    assert!(found > 100, "queries found too little: {found}");
}

/// Document frequencies and N agree with a count over live points.
fn check_df(coll: &Collection) {
    let store = coll.sparse_store("s").unwrap();
    let live: Vec<&SparseVector> = coll.offsets_by_id().filter_map(|(_, o)| coll.point(o).sparse_vector("s")).collect();
    assert_eq!(store.indexed(), live.iter().filter(|v| !v.is_empty()).count());
    for dim in 0..34 {
        assert_eq!(store.df(dim), live.iter().filter(|v| v.indices.contains(&dim)).count(), "df({dim})");
    }
}

#[test]
fn idf_follows_qdrant() {
    let mut db = setup();
    let pts = json!([{"id": 1, "vector": {"s": {"indices": [1, 2], "values": [1, 1]}}},
                     {"id": 2, "vector": {"s": {"indices": [1], "values": [1]}}},
                     {"id": 3, "vector": {"s": {"indices": [], "values": []}}}]);
    ok(&mut db, "PUT", &format!("{C}/points"), json!({ "points": pts }));
    let coll = db.collection("c").unwrap();
    let q = sparse::prepare_query(coll, "s", SparseVector { indices: vec![3, 2, 1], values: vec![1.0, 1.0, 1.0] }).unwrap();
    // N = 2 (the empty vector is not indexed); df(1) = 2, df(2) = 1, df(3) = 0.
    let idf = |n: f32, df: f32| ((n - df + 0.5) / (df + 0.5) + 1.0f32).ln();
    assert_eq!(q.vector.indices, vec![1, 2, 3]);
    assert_eq!(q.vector.values, vec![idf(2.0, 2.0), idf(2.0, 1.0), idf(2.0, 0.0)]);
    let off = coll.offset_of(&PointId::Num(1)).unwrap();
    assert_eq!(sparse::score(coll, "s", off, &q), Some(idf(2.0, 2.0) + idf(2.0, 1.0)));
    let off3 = coll.offset_of(&PointId::Num(3)).unwrap();
    assert_eq!(sparse::score(coll, "s", off3, &q), None);
    let e = sparse::prepare_query(coll, "d", SparseVector::default()).unwrap_err();
    assert_eq!(e.to_string(), "Wrong input: Conversion between sparse and regular vectors failed");
    let e = sparse::prepare_query(coll, "s", SparseVector { indices: vec![1, 1], values: vec![1.0, 1.0] }).unwrap_err();
    assert_eq!(e.status(), 422);
}

#[test]
fn unnamed_dense_next_to_sparse() {
    let mut db = Database::new();
    let u = "/collections/u";
    ok(&mut db, "PUT", u, json!({"vectors": {"size": 2, "distance": "Dot"}, "sparse_vectors": {"s": {}}}));
    let pts = json!([{"id": 1, "vector": {"": [1, 2], "s": {"indices": [3], "values": [1]}}},
                     {"id": 2, "vector": [3, 4]},
                     {"id": 3, "vector": {"s": {"indices": [1], "values": [2]}}}]);
    ok(&mut db, "PUT", &format!("{u}/points"), json!({ "points": pts }));
    let got = ok(&mut db, "POST", &format!("{u}/points"), json!({"ids": [1, 2, 3], "with_vector": true}));
    // An array only when the unnamed vector is all there is to return.
    assert_eq!(got[0]["vector"], json!({"": [1.0, 2.0], "s": {"indices": [3], "values": [1.0]}}));
    assert_eq!(got[1]["vector"], json!([3.0, 4.0]));
    assert_eq!(got[2]["vector"], json!({"s": {"indices": [1], "values": [2.0]}}));
    // Overwriting through the bulk row path drops the sparse vector too.
    db.collection_mut("u").unwrap().upsert_rows(&[PointId::Num(1)], &[5.0, 6.0], None).unwrap();
    let got = ok(&mut db, "POST", &format!("{u}/points"), json!({"ids": [1], "with_vector": true}));
    assert_eq!(got[0]["vector"], json!([5.0, 6.0]));
    assert_eq!(db.collection("u").unwrap().sparse_store("s").unwrap().df(3), 0);
}

/// `cargo test --release --test sparse -- --ignored --nocapture bench_`: load and search times.
#[test]
#[ignore]
fn bench_search_100k() {
    use simile::collection::{PointInsert, VectorsConfig};
    use std::collections::BTreeMap;
    let mut rng = Rng::from_env("sparse bench", 7);
    let config = Some(BTreeMap::from([("s".to_string(), serde_json::from_value(json!({"modifier": "idf"})).unwrap())]));
    let mut coll = Collection::with_sparse(VectorsConfig::Named(BTreeMap::new()), config).unwrap();
    let vector = |rng: &mut Rng, n: usize| {
        let mut idx: Vec<u32> = (0..n).map(|_| (rng.next() % 30_000) as u32).collect();
        idx.sort_unstable();
        idx.dedup();
        let values = idx.iter().map(|_| (rng.next() % 1000) as f32 / 1000.0).collect();
        SparseVector { indices: idx, values }
    };
    let t = std::time::Instant::now();
    for chunk in 0..10 {
        let points = (0..10_000u64)
            .map(|i| (PointInsert { id: PointId::Num(chunk * 10_000 + i), vectors: vec![], payload: Default::default() }, vec![("s".to_string(), vector(&mut rng, 30))]))
            .collect();
        let t1 = std::time::Instant::now();
        coll.upsert_mixed(points).unwrap();
        println!("chunk {chunk}: {:?}", t1.elapsed());
    }
    let store = coll.sparse_store("s").unwrap();
    println!("load 100k×~30: {:?}; {} nonzeros, {} bytes ({:.1} per nonzero)", t.elapsed(), store.nonzeros(), store.bytes(), store.bytes() as f64 / store.nonzeros() as f64);
    let t = std::time::Instant::now();
    for _ in 0..100 {
        let q = sparse::prepare_query(&coll, "s", vector(&mut rng, 10)).unwrap();
        let mut top = TopK::new(10);
        sparse::search(&coll, "s", &q, |_| true, &mut top).unwrap();
    }
    println!("search (10 terms, top 10): {:?} per query", t.elapsed() / 100);
}
