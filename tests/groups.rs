//! Grouped results (`search/groups`, `recommend/groups`, `query/groups`), hand-computed from
//! the rules of lib/shard/src/grouping/ (v1.19.0): the REST shapes, defaults, validation,
//! arrays putting a point in several groups, keys that cannot group, `with_lookup`, and how
//! follow-up requests fill groups that the first request left short.

use serde_json::{json, Value};
use simile::Database;

fn db_with(points: Value) -> Database {
    let mut db = Database::new();
    let r = db.request("PUT", "/collections/c", r#"{"vectors": {"size": 2, "distance": "Dot"}}"#);
    assert_eq!(r.status, 200);
    let r = db.request("PUT", "/collections/c/points", &json!({ "points": points }).to_string());
    assert_eq!(r.status, 200, "{}", r.envelope());
    db
}

fn call(db: &mut Database, path: &str, body: Value) -> (u16, Value) {
    let r = db.request("POST", path, &body.to_string());
    (r.status, serde_json::from_str(&r.envelope()).expect("envelope"))
}

fn ok(db: &mut Database, path: &str, body: Value) -> Value {
    let (status, v) = call(db, path, body.clone());
    assert_eq!(status, 200, "{body} → {v}");
    v["result"].clone()
}

/// `[(group id, [hit ids])]` of a groups result.
fn shape(result: &Value) -> Vec<(Value, Vec<u64>)> {
    result["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| (g["id"].clone(), g["hits"].as_array().unwrap().iter().map(|h| h["id"].as_u64().unwrap()).collect()))
        .collect()
}

/// Point `id` scores `id` against the query `[1, 0]` (Dot).
fn scored_points(groups: &[Value]) -> Value {
    Value::Array(groups.iter().enumerate().map(|(i, g)| json!({"id": i + 1, "vector": [i as f32 + 1.0, 0.0], "payload": {"g": g}})).collect())
}

#[test]
fn groups_are_ranked_by_their_best_hit_and_cut_to_group_size() {
    let mut db = db_with(scored_points(&[json!("a"), json!("b"), json!("a"), json!(["a", "b"]), json!(7), json!("c")]));
    let body = json!({"vector": [1.0, 0.0], "group_by": "g", "group_size": 2, "limit": 3});
    let got = shape(&ok(&mut db, "/collections/c/points/search/groups", body));
    assert_eq!(got, vec![(json!("c"), vec![6]), (json!(7), vec![5]), (json!("a"), vec![4, 3])]);
    let q = ok(&mut db, "/collections/c/points/query/groups", json!({"query": [1.0, 0.0], "group_by": "g", "limit": 4}));
    assert_eq!(shape(&q)[3], (json!("b"), vec![4, 2]));
}

#[test]
fn keys_that_cannot_group_drop_the_whole_point() {
    // Point 4 has a float next to a string: it joins no group (`BadKeyType`).
    let mut db = db_with(scored_points(&[json!("a"), json!(1.5), json!(true), json!(["a", 2.5]), json!(null)]));
    let q = ok(&mut db, "/collections/c/points/query/groups", json!({"query": [1.0, 0.0], "group_by": "g"}));
    assert_eq!(shape(&q), vec![(json!("a"), vec![1])]);
}

#[test]
fn follow_up_requests_fill_short_groups() {
    // The first request fetches limit × group_size = 4 points (10, 9, 8, 7): "x" fills, "y" gets
    // one hit. The second excludes "x" and the placed points, and fills "y" with 5.
    let g: Vec<Value> = (1..=10).map(|i| json!(if i % 4 == 1 { "y" } else { "x" })).collect();
    let mut db = db_with(scored_points(&g));
    let q = ok(&mut db, "/collections/c/points/query/groups", json!({"query": [1.0, 0.0], "group_by": "g", "group_size": 2, "limit": 2}));
    assert_eq!(shape(&q), vec![(json!("x"), vec![10, 8]), (json!("y"), vec![9, 5])]);
}

#[test]
fn hits_carry_payload_and_vectors_as_asked_and_lookups_attach_records() {
    let mut db = db_with(scored_points(&[json!(1), json!(2), json!("00000000-0000-0000-0000-000000000001")]));
    let r = db.request("PUT", "/collections/l", r#"{"vectors": {"size": 1, "distance": "Dot"}}"#);
    assert_eq!(r.status, 200);
    let lookups = json!({"points": [{"id": 1, "vector": [1.0], "payload": {"name": "one"}}, {"id": "00000000-0000-0000-0000-000000000001", "vector": [2.0], "payload": {"name": "uuid"}}]});
    assert_eq!(db.request("PUT", "/collections/l/points", &lookups.to_string()).status, 200);
    let body = json!({"query": [1.0, 0.0], "group_by": "g", "with_payload": ["g"], "with_vector": true, "with_lookup": "l"});
    let q = ok(&mut db, "/collections/c/points/query/groups", body);
    let groups = q["groups"].as_array().unwrap();
    assert_eq!(groups[0]["hits"][0]["payload"], json!({"g": "00000000-0000-0000-0000-000000000001"}));
    assert_eq!(groups[0]["hits"][0]["vector"], json!([3.0, 0.0]));
    assert_eq!(groups[0]["lookup"], json!({"id": "00000000-0000-0000-0000-000000000001", "payload": {"name": "uuid"}}));
    assert!(groups[1].get("lookup").is_none(), "no point 2 in l");
    assert_eq!(groups[2]["lookup"], json!({"id": 1, "payload": {"name": "one"}}));
    let body = json!({"query": [1.0, 0.0], "group_by": "g", "with_lookup": {"collection": "l", "with_payload": false, "with_vectors": true}});
    let q = ok(&mut db, "/collections/c/points/query/groups", body);
    assert_eq!(q["groups"][2]["lookup"], json!({"id": 1, "vector": [1.0]}));
    let (status, v) = call(&mut db, "/collections/c/points/query/groups", json!({"group_by": "g", "with_lookup": "nope"}));
    assert_eq!((status, v["status"]["error"].clone()), (404, json!("Not found: Collection nope")));
}

#[test]
fn sizes_are_validated_per_endpoint() {
    let mut db = db_with(scored_points(&[json!("a")]));
    let (s, v) = call(&mut db, "/collections/c/points/search/groups", json!({"vector": [1.0, 0.0], "group_by": "g", "group_size": 0, "limit": 1}));
    assert_eq!(s, 422, "{v}");
    assert!(v["status"]["error"].as_str().unwrap().contains("group_size: value 0 invalid, must be 1 or larger"));
    let (s, _) = call(&mut db, "/collections/c/points/search/groups", json!({"vector": [1.0, 0.0], "group_by": "g", "limit": 1}));
    assert_eq!(s, 400, "group_size is required by search/groups");
    let (s, _) = call(&mut db, "/collections/c/points/query/groups", json!({"group_by": "g", "limit": 0}));
    assert_eq!(s, 422);
    // recommend/groups does not validate its sizes: 0 asks for nothing.
    let r = ok(&mut db, "/collections/c/points/recommend/groups", json!({"positive": [1], "group_by": "g", "group_size": 0, "limit": 5}));
    assert_eq!(r, json!({"groups": []}));
}

#[test]
fn recommend_groups_excludes_its_examples() {
    let mut db = db_with(scored_points(&[json!("a"), json!("a"), json!("b"), json!("b")]));
    let r = ok(&mut db, "/collections/c/points/recommend/groups", json!({"positive": [4], "group_by": "g", "group_size": 2, "limit": 2}));
    assert_eq!(shape(&r), vec![(json!("b"), vec![3]), (json!("a"), vec![2, 1])]);
}
