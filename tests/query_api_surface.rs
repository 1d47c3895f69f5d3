//! Every Query API variant of Qdrant v1.19's OpenAPI schema (tests/fixtures/openapi-query-1.19.json,
//! extracted from docs/redoc/master/openapi.json) gets an answer: a result, or a 501 naming the
//! feature — never a format error or a 404. The table below must cover the fixture: a variant
//! added to the schema fails this test until it has an example.

use serde_json::{json, Value};
use simile::Database;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/openapi-query-1.19.json")).expect("fixture JSON")
}

fn db() -> Database {
    let mut db = Database::new();
    let config = json!({
        "vectors": {"d": {"size": 2, "distance": "Dot"}, "m": {"size": 2, "distance": "Dot", "multivector_config": {"comparator": "max_sim"}}},
        "sparse_vectors": {"s": {}}
    });
    assert_eq!(db.request("PUT", "/collections/c", &config.to_string()).status, 200);
    let points: Vec<Value> = (1..=6)
        .map(|i| {
            let x = i as f32;
            json!({"id": i, "vector": {"d": [x, 1.0], "m": [[x, 0.0], [0.0, x]], "s": {"indices": [i, 9], "values": [1.0, x]}},
                   "payload": {"n": i, "g": if i % 2 == 0 { "even" } else { "odd" }}})
        })
        .collect();
    assert_eq!(db.request("PUT", "/collections/c/points", &json!({ "points": points }).to_string()).status, 200);
    assert_eq!(db.request("PUT", "/collections/c/index", r#"{"field_name": "n", "field_schema": "integer"}"#).status, 200);
    assert_eq!(db.request("PUT", "/collections/c/index", r#"{"field_name": "g", "field_schema": "keyword"}"#).status, 200);
    db
}

/// One `POST /points/query` body per variant of `Query` (by its key).
fn query_example(key: &str) -> Value {
    let prefetch = json!([{"query": [1.0, 0.0], "using": "d"}, {"query": {"indices": [9], "values": [1.0]}, "using": "s"}]);
    match key {
        "nearest" => json!({"query": {"nearest": [1.0, 0.5], "mmr": {"diversity": 0.5}}, "using": "d"}),
        "recommend" => json!({"query": {"recommend": {"positive": [1], "negative": [2], "strategy": "best_score"}}, "using": "d"}),
        "discover" => json!({"query": {"discover": {"target": [1.0, 0.0], "context": [{"positive": 1, "negative": 2}]}}, "using": "d"}),
        "context" => json!({"query": {"context": [{"positive": 1, "negative": 2}]}, "using": "d"}),
        "order_by" => json!({"query": {"order_by": {"key": "n", "direction": "desc"}}}),
        "fusion" => json!({"prefetch": prefetch, "query": {"fusion": "dbsf"}}),
        "rrf" => json!({"prefetch": prefetch, "query": {"rrf": {"k": 3}}}),
        "formula" => json!({"prefetch": prefetch, "query": {"formula": {"sum": ["$score", "n"]}, "defaults": {"n": 0}}}),
        "sample" => json!({"query": {"sample": "random"}}),
        "relevance_feedback" => json!({"query": {"relevance_feedback": {
            "target": [1.0, 0.0], "feedback": [{"example": 1, "score": 0.9}, {"example": 2, "score": 0.1}],
            "strategy": {"naive": {"a": 1.0, "b": 1.0, "c": 1.0}}}}, "using": "d"}),
        other => panic!("no example for the Query variant with key `{other}`: add one"),
    }
}

/// One nearest query per variant of `VectorInput`.
fn vector_example(variant: &str) -> Value {
    match variant {
        "DenseVector" => json!({"query": [1.0, 0.0], "using": "d"}),
        "SparseVector" => json!({"query": {"indices": [1, 9], "values": [1.0, 0.5]}, "using": "s"}),
        "MultiDenseVector" => json!({"query": [[1.0, 0.0], [0.0, 1.0]], "using": "m"}),
        "ExtendedPointId" => json!({"query": 3, "using": "d"}),
        "Document" => json!({"query": {"text": "odd even", "model": "qdrant/bm25"}, "using": "s"}),
        "Image" => json!({"query": {"image": "https://qdrant.tech/example.png", "model": "qdrant/clip-vit-b-32-vision"}, "using": "d"}),
        "InferenceObject" => json!({"query": {"object": {"x": 1}, "model": "my/model"}, "using": "d"}),
        other => panic!("no example for the VectorInput variant `{other}`: add one"),
    }
}

/// A minimal body for each Query API path.
fn path_example(path: &str) -> Value {
    match path.rsplit_once("/c/").map(|(_, tail)| tail) {
        Some("facet") => json!({"key": "g"}),
        Some("points/query") => json!({"query": [1.0, 0.0], "using": "d"}),
        Some("points/query/batch") => json!({"searches": [{"query": [1.0, 0.0], "using": "d"}]}),
        Some("points/query/groups") => json!({"query": [1.0, 0.0], "using": "d", "group_by": "g"}),
        Some("points/search/matrix/pairs") | Some("points/search/matrix/offsets") => json!({"sample": 4, "limit": 2, "using": "d"}),
        _ => panic!("no example for the path {path}: add one"),
    }
}

/// A result, or a 501 naming what is missing; anything else fails with the request.
fn answered(db: &mut Database, path: &str, body: &Value) -> u16 {
    let r = db.request("POST", path, &body.to_string());
    let text = r.envelope();
    match r.status {
        200 => {}
        501 => assert!(text.contains("is not supported by simile yet"), "{path} {body}: {text}"),
        _ => panic!("{path} {body}: status {} {text}", r.status),
    }
    r.status
}

#[test]
fn every_query_variant_is_answered_or_named_as_missing() {
    let mut db = db();
    let spec = fixture();
    let kinds = spec["Query"].as_object().expect("Query variants");
    assert_eq!(kinds.len(), 10, "the fixture lists v1.19's ten query kinds");
    for (variant, key) in kinds {
        let status = answered(&mut db, "/collections/c/points/query", &query_example(key.as_str().unwrap()));
        println!("Query {variant}: {status}");
    }
}

#[test]
fn every_vector_input_is_answered_or_named_as_missing() {
    let mut db = db();
    for variant in fixture()["VectorInput"].as_array().expect("VectorInput variants") {
        let variant = variant.as_str().unwrap();
        let status = answered(&mut db, "/collections/c/points/query", &vector_example(variant));
        let expected = if matches!(variant, "Image" | "InferenceObject") { 501 } else { 200 };
        assert_eq!(status, expected, "VectorInput {variant}");
    }
}

#[test]
fn every_query_api_path_exists() {
    let mut db = db();
    for path in fixture()["paths"].as_array().expect("paths") {
        let path = path.as_str().unwrap().replace("{collection_name}", "c");
        answered(&mut db, &path, &path_example(&path));
    }
}
