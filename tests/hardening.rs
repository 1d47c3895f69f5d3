//! Regression cases found by fuzzing the REST router (tests/fuzz/, fuzz/fuzz_targets/router.rs):
//! each request must answer with a typed error (or succeed), never panic, and leave the
//! database usable and its snapshot loadable.

use simile::Database;

/// A database with one 4-dim collection `c` of the given distance holding points 0..n.
fn db_with(distance: &str, n: u64) -> Database {
    let mut db = Database::new();
    let r = db.request("PUT", "/collections/c", &format!(r#"{{"vectors":{{"size":4,"distance":"{distance}"}}}}"#));
    assert_eq!(r.status, 200, "{}", r.envelope());
    let points: Vec<String> =
        (0..n).map(|i| format!(r#"{{"id":{i},"vector":[{i},1,0.5,-2],"payload":{{"i":{i}}}}}"#)).collect();
    let r = db.request("PUT", "/collections/c/points", &format!(r#"{{"points":[{}]}}"#, points.join(",")));
    assert_eq!(r.status, 200, "{}", r.envelope());
    db
}

/// Status and Qdrant's error message (empty on success).
fn call(db: &mut Database, method: &str, path: &str, body: &str) -> (u16, String) {
    let r = db.request(method, path, body);
    let v: serde_json::Value = serde_json::from_str(&r.envelope()).expect("the body is JSON");
    let msg = v["status"]["error"].as_str().unwrap_or("").to_string();
    (r.status, msg)
}

/// The database still answers, and its snapshot loads back.
fn still_whole(db: &mut Database) {
    let r = db.request("POST", "/collections/c/points/scroll", r#"{"limit":1000,"with_vector":true}"#);
    assert_eq!(r.status, 200, "{}", r.envelope());
    let again = Database::from_bytes(&db.to_bytes()).expect("the snapshot loads back");
    assert_eq!(again.collection_names(), db.collection_names());
}

#[test]
fn vector_size_above_qdrants_maximum_is_a_validation_error() {
    let mut db = Database::new();
    let (status, msg) = call(&mut db, "PUT", "/collections/big", r#"{"vectors":{"size":65537,"distance":"Dot"}}"#);
    assert_eq!(status, 422, "{msg}");
    assert!(msg.contains("must be from 1 to 65536"), "{msg}");
    let huge = r#"{"vectors":{"x":{"size":4611686018427387904,"distance":"Dot"}}}"#;
    assert_eq!(call(&mut db, "PUT", "/collections/big", huge).0, 422);
    assert_eq!(call(&mut db, "PUT", "/collections/big", r#"{"vectors":{"size":65536,"distance":"Dot"}}"#).0, 200);
    assert_eq!(call(&mut db, "PUT", "/collections/big/points", r#"{"points":[{"id":1,"vector":{}}]}"#).0, 200);
}

#[test]
fn set_payload_cannot_nest_deeper_than_a_snapshot_can_load() {
    let mut db = db_with("Dot", 3);
    let key = vec!["k"; 200].join(".");
    let body = format!(r#"{{"payload":{{"v":1}},"points":[1],"key":"{key}"}}"#);
    let (status, msg) = call(&mut db, "POST", "/collections/c/points/payload", &body);
    assert_eq!(status, 400, "{msg}");
    still_whole(&mut db);
    // A very long key must not overflow the stack either.
    let key = vec!["k"; 100_000].join(".");
    let body = format!(r#"{{"payload":{{"v":1}},"points":[1],"key":"{key}"}}"#);
    assert_eq!(call(&mut db, "POST", "/collections/c/points/payload", &body).0, 400);
    still_whole(&mut db);
}

#[test]
fn average_recommend_whose_positives_all_lack_the_vector_names_the_cause() {
    let mut db = db_with("Dot", 4);
    let r = db.request("POST", "/collections/c/points/vectors/delete", r#"{"points":[1],"vector":[""]}"#);
    assert_eq!(r.status, 200, "{}", r.envelope());
    // The legacy API drops the example lacking the vector; no positive is left.
    let body = r#"{"positive":[1],"negative":[[1,2,3,4]],"limit":3}"#;
    let (status, msg) = call(&mut db, "POST", "/collections/c/points/recommend", body);
    assert_eq!(status, 400, "{msg}");
    assert!(msg.contains("Positive vectors should not be empty with `average` strategy"), "{msg}");
    let (status, _) = call(&mut db, "POST", "/collections/c/points/recommend", r#"{"positive":[1, 2],"limit":3}"#);
    assert_eq!(status, 200);
}
