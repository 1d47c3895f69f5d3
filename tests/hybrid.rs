//! Sparse vectors, BM25 text and hybrid fusion through the REST router, with expectations
//! computed by hand (tests/congruence/ checks the same features against Qdrant's engine).

use serde_json::{json, Value};
use simile::Database;

fn call(db: &mut Database, method: &str, path: &str, body: Value) -> (u16, Value) {
    let r = db.request(method, path, &body.to_string());
    (r.status, serde_json::from_str(&r.envelope()).expect("JSON envelope"))
}

fn ok(db: &mut Database, method: &str, path: &str, body: Value) -> Value {
    let (status, v) = call(db, method, path, body.clone());
    assert_eq!(status, 200, "{path} {body}: {v}");
    v["result"].clone()
}

fn ids(points: &Value) -> Vec<u64> {
    points.as_array().expect("points").iter().map(|p| p["id"].as_u64().expect("id")).collect()
}

const DOCS: [&str; 4] = [
    "A fast text editor for programmers",
    "Image viewer and photo organiser",
    "Terminal text editor with syntax highlighting",
    "Photo editor for raster images",
];

fn bm25(text: &str) -> Value {
    json!({"text": text, "model": "qdrant/bm25"})
}

/// Dense `dense` (2-d Dot, point i = [i, 1]) and sparse `text` (BM25 with IDF).
fn setup() -> Database {
    let mut db = Database::new();
    let config = json!({"vectors": {"dense": {"size": 2, "distance": "Dot"}}, "sparse_vectors": {"text": {"modifier": "idf"}}});
    ok(&mut db, "PUT", "/collections/c", config);
    let points: Vec<Value> = (0..4)
        .map(|i| json!({"id": i + 1, "vector": {"dense": [i + 1, 1], "text": bm25(DOCS[i])}, "payload": {"doc": DOCS[i]}}))
        .collect();
    ok(&mut db, "PUT", "/collections/c/points", json!({ "points": points }));
    db
}

#[test]
fn bm25_documents_and_queries_find_their_terms() {
    let mut db = setup();
    let found = ok(&mut db, "POST", "/collections/c/points/query", json!({"query": bm25("text editor"), "using": "text"}));
    assert_eq!({ let mut v = ids(&found["points"]); v.sort(); v }, vec![1, 3, 4]);
    let photo = ok(&mut db, "POST", "/collections/c/points/query", json!({"query": bm25("photos"), "using": "text"}));
    assert_eq!({ let mut v = ids(&photo["points"]); v.sort(); v }, vec![2, 4], "stemmed: photos → photo");
    let stored = ok(&mut db, "POST", "/collections/c/points", json!({"ids": [1], "with_vector": ["text"]}));
    let indices = stored[0]["vector"]["text"]["indices"].as_array().expect("sparse vector").len();
    assert_eq!(indices, 4, "a, for: stopwords; fast, text, editor, programmers remain");
}

#[test]
fn idf_weights_rare_terms_higher() {
    let mut db = Database::new();
    ok(&mut db, "PUT", "/collections/s", json!({"sparse_vectors": {"v": {"modifier": "idf"}}}));
    let points = json!([
        {"id": 1, "vector": {"v": {"indices": [1, 2], "values": [1.0, 1.0]}}},
        {"id": 2, "vector": {"v": {"indices": [1], "values": [1.0]}}},
        {"id": 3, "vector": {"v": {"indices": [3], "values": [2.0]}}}
    ]);
    ok(&mut db, "PUT", "/collections/s/points", json!({ "points": points }));
    let hits = ok(&mut db, "POST", "/collections/s/points/query", json!({"query": {"indices": [2, 1], "values": [1.0, 1.0]}, "using": "v"}));
    // N = 3; df(1) = 2, df(2) = 1. idf = ln((N − df + 0.5)/(df + 0.5) + 1).
    let idf = |df: f32| ((3.0 - df + 0.5) / (df + 0.5) + 1.0f32).ln();
    let points = hits["points"].as_array().expect("points");
    assert_eq!(ids(&hits["points"]), vec![1, 2], "point 3 shares no index");
    assert!((points[0]["score"].as_f64().unwrap() as f32 - (idf(1.0) + idf(2.0))).abs() < 1e-5);
    assert!((points[1]["score"].as_f64().unwrap() as f32 - idf(2.0)).abs() < 1e-5);
    let legacy = ok(&mut db, "POST", "/collections/s/points/search", json!({"vector": {"name": "v", "vector": {"indices": [3], "values": [1.0]}}, "limit": 3}));
    assert_eq!(ids(&legacy), vec![3]);
    let reco = ok(&mut db, "POST", "/collections/s/points/query", json!({"query": {"recommend": {"positive": [2], "strategy": "best_score"}}, "using": "v"}));
    assert_eq!(ids(&reco["points"])[0], 1, "the example itself is excluded; 1 shares index 1");
}

#[test]
fn hybrid_fuses_keywords_and_embeddings() {
    let mut db = setup();
    let body = json!({
        "prefetch": [
            {"query": bm25("photo editor"), "using": "text", "limit": 3},
            {"query": [1, 0], "using": "dense", "limit": 3}
        ],
        "query": {"fusion": "rrf"},
        "limit": 2
    });
    // BM25: 4 (photo + editor) first; dense: 4, 3, 2. Point 4 leads both lists.
    let fused = ok(&mut db, "POST", "/collections/c/points/query", body);
    assert_eq!(ids(&fused["points"])[0], 4);
    let dbsf = json!({"prefetch": [{"query": bm25("editor"), "using": "text"}, {"query": [1, 0], "using": "dense"}], "query": {"fusion": "dbsf"}});
    assert_eq!(ok(&mut db, "POST", "/collections/c/points/query", dbsf)["points"].as_array().map(Vec::len), Some(4));
}

#[test]
fn sparse_misuse_is_a_clear_error_and_changes_nothing() {
    let mut db = setup();
    let before = db.memory_bytes();
    let q = |db: &mut Database, body: Value| call(db, "POST", "/collections/c/points/query", body);
    let (status, v) = q(&mut db, json!({"query": bm25("editor"), "using": "dense"}));
    assert_eq!((status, v["status"]["error"].as_str().unwrap_or_default()), (400, "Wrong input: Conversion between sparse and regular vectors failed"));
    let (status, v) = q(&mut db, json!({"query": {"text": "editor", "model": "acme/encoder"}, "using": "text"}));
    assert_eq!(status, 501, "{v}");
    // MiniLM: dense, so a 400 in the sparse vector's place; in the dense one, before
    // `loadModel` (no test of this binary loads it), a 400 saying to load it.
    let minilm = json!({"text": "editor", "model": "sentence-transformers/all-MiniLM-L6-v2"});
    let (status, v) = q(&mut db, json!({"query": minilm, "using": "text"}));
    assert_eq!((status, v["status"]["error"].as_str().unwrap_or_default()), (400, "Wrong input: Conversion between sparse and regular vectors failed"));
    let (status, v) = q(&mut db, json!({"query": minilm, "using": "dense"}));
    let message = v["status"]["error"].as_str().unwrap_or_default();
    assert_eq!(status, 400, "{v}");
    assert!(message.contains("the model is not loaded (call loadModel"), "{message}");
    let (status, _) = q(&mut db, json!({"query": {"indices": [1, 2], "values": [1.0]}, "using": "text"}));
    assert_eq!(status, 422);
    let (status, _) = q(&mut db, json!({"query": {"indices": [-1], "values": [1.0]}, "using": "text"}));
    assert_eq!(status, 400);
    let bad_doc = json!({"points": [{"id": 9, "vector": {"text": {"text": "x", "model": "qdrant/bm25", "options": {"k": -1}}}}]});
    let (status, _) = call(&mut db, "PUT", "/collections/c/points", bad_doc);
    assert_eq!(status, 400);
    let dense_doc = json!({"points": [{"id": 9, "vector": {"dense": bm25("x")}}]});
    assert_eq!(call(&mut db, "PUT", "/collections/c/points", dense_doc).0, 400);
    assert_eq!(db.memory_bytes(), before);
}
