//! `order_by` in scroll and in the Query API, hand-computed against Qdrant v1.19.0's rules
//! (lib/segment/src/segment/read_view/order_by.rs, lib/collection/src/shards/local_shard/
//! scroll.rs, lib/collection/src/collection/point_ops.rs).

use serde_json::{json, Value};
use simile::Database;

fn call(db: &mut Database, method: &str, path: &str, body: Value) -> (u16, Value) {
    let r = db.request(method, path, &body.to_string());
    (r.status, serde_json::from_str(&r.envelope()).expect("JSON envelope"))
}

fn ok(db: &mut Database, method: &str, path: &str, body: Value) -> Value {
    let (status, v) = call(db, method, path, body);
    assert_eq!(status, 200, "{method} {path}: {v}");
    v["result"].clone()
}

fn fails(db: &mut Database, path: &str, body: Value, want: u16) -> String {
    let (status, v) = call(db, "POST", path, body);
    assert_eq!(status, want, "{path}: {v}");
    v["status"]["error"].as_str().expect("error message").to_string()
}

const C: &str = "/collections/c";

/// Points 1..=6, vector [i, 1]: `n` 30, 10, [20, 50, 20], (none), 10.0, 40.5;
/// `t` datetimes; integer index on `n`, float index on `f` (= n), datetime index on `t`.
fn setup() -> Database {
    let mut db = Database::new();
    ok(&mut db, "PUT", C, json!({"vectors": {"size": 2, "distance": "Dot"}}));
    let n = [json!(30), json!(10), json!([20, 50, 20]), Value::Null, json!(10.0), json!(40.5)];
    let points: Vec<Value> = (1..=6)
        .map(|i| {
            let mut payload = json!({"t": format!("2024-01-0{i}T00:00:00Z"), "g": i % 2});
            if !n[i - 1].is_null() {
                payload["n"] = n[i - 1].clone();
                payload["f"] = n[i - 1].clone();
            }
            json!({"id": i, "vector": [i as f32, 1.0], "payload": payload})
        })
        .collect();
    ok(&mut db, "PUT", &format!("{C}/points?wait=true"), json!({ "points": points }));
    for (field, schema) in [("n", "integer"), ("f", "float"), ("t", "datetime")] {
        ok(&mut db, "PUT", &format!("{C}/index"), json!({"field_name": field, "field_schema": schema}));
    }
    db
}

/// `(id, order_value)` of each point.
fn pairs(points: &Value) -> Vec<(u64, Value)> {
    points.as_array().unwrap().iter().map(|p| (p["id"].as_u64().unwrap(), p["order_value"].clone())).collect()
}

fn scroll(db: &mut Database, body: Value) -> Value {
    ok(db, "POST", &format!("{C}/points/scroll"), body)
}

#[test]
fn scroll_lists_every_value_ascending_ties_in_insertion_order() {
    let mut db = setup();
    let r = scroll(&mut db, json!({"order_by": "n", "with_payload": false}));
    // 10.0 is an integer to the integer index, 40.5 is skipped; point 4 has no value.
    let want = [(2, json!(10)), (5, json!(10)), (3, json!(20)), (1, json!(30)), (3, json!(50))];
    assert_eq!(pairs(&r["points"]), want.to_vec());
    assert_eq!(r["next_page_offset"], Value::Null);
    assert!(r["points"][0].get("payload").is_none());
}

#[test]
fn scroll_descending_with_start_from_and_limit() {
    let mut db = setup();
    let r = scroll(&mut db, json!({"order_by": {"key": "n", "direction": "desc", "start_from": 30}, "limit": 3}));
    assert_eq!(pairs(&r["points"]), vec![(1, json!(30)), (3, json!(20)), (5, json!(10))]);
    let r = scroll(&mut db, json!({"order_by": {"key": "f", "start_from": 20.5}}));
    assert_eq!(pairs(&r["points"]), vec![(1, json!(30.0)), (6, json!(40.5)), (3, json!(50.0))]);
}

#[test]
fn scroll_with_filter_and_datetime() {
    let mut db = setup();
    let filter = json!({"must": [{"key": "g", "match": {"value": 1}}]});
    let r = scroll(&mut db, json!({"order_by": {"key": "n", "direction": "desc"}, "filter": filter}));
    assert_eq!(pairs(&r["points"]), vec![(3, json!(50)), (1, json!(30)), (3, json!(20)), (5, json!(10))]);
    let r = scroll(&mut db, json!({"order_by": {"key": "t", "direction": "desc", "start_from": "2024-01-02T00:00:00Z"}}));
    // Datetimes are ordered, and reported, as microseconds since the epoch.
    assert_eq!(pairs(&r["points"]), vec![(2, json!(1_704_153_600_000_000i64)), (1, json!(1_704_067_200_000_000i64))]);
}

#[test]
fn scroll_order_by_errors() {
    let mut db = setup();
    let path = format!("{C}/points/scroll");
    let msg = fails(&mut db, &path, json!({"order_by": "g"}), 400);
    assert!(msg.starts_with("Wrong input: No range index for `order_by` key: `g`."), "{msg}");
    let msg = fails(&mut db, &path, json!({"order_by": "n", "offset": 1}), 400);
    assert!(msg.contains("Cannot use an `offset` when using `order_by`"), "{msg}");
    fails(&mut db, &path, json!({"order_by": {"key": "n", "direction": "up"}}), 400);
    fails(&mut db, &path, json!({"order_by": 5}), 400);
}

#[test]
fn query_order_by_leaf_scores_one_with_order_values() {
    let mut db = setup();
    let r = ok(&mut db, "POST", &format!("{C}/points/query"), json!({"query": {"order_by": {"key": "n", "direction": "desc"}}, "limit": 3}));
    let points = &r["points"];
    assert_eq!(pairs(points), vec![(3, json!(50)), (1, json!(30)), (3, json!(20))]);
    assert!(points.as_array().unwrap().iter().all(|p| p["score"] == json!(1.0)));
}

#[test]
fn query_order_by_rescores_prefetched_points() {
    let mut db = setup();
    // Nearest to [1, 0] by Dot: ids 6, 5, 4 first; ordered by n ascending: 5 (10), then 6 is not
    // an integer and 4 has no value.
    let body = json!({"prefetch": {"query": [1.0, 0.0], "limit": 3}, "query": {"order_by": "n"}});
    let r = ok(&mut db, "POST", &format!("{C}/points/query"), body);
    assert_eq!(pairs(&r["points"]), vec![(5, json!(10))]);
    let body = json!({"prefetch": {"query": [1.0, 0.0], "limit": 4}, "query": {"order_by": "f"}, "offset": 1});
    let r = ok(&mut db, "POST", &format!("{C}/points/query"), body);
    assert_eq!(pairs(&r["points"]), vec![(3, json!(20.0)), (6, json!(40.5)), (3, json!(50.0))]);
}

#[test]
fn query_order_by_errors() {
    let mut db = setup();
    let path = format!("{C}/points/query");
    let msg = fails(&mut db, &path, json!({"query": {"order_by": "n"}, "score_threshold": 0.5}), 400);
    assert_eq!(msg, "Bad request: Can't use score_threshold with an order_by query.");
    let msg = fails(&mut db, &path, json!({"query": {"order_by": "nope"}}), 400);
    assert!(msg.contains("No range index for `order_by` key: `nope`"), "{msg}");
}

#[test]
fn integer_index_without_range_does_not_order() {
    let mut db = setup();
    let schema = json!({"type": "integer", "lookup": true, "range": false});
    ok(&mut db, "PUT", &format!("{C}/index"), json!({"field_name": "n", "field_schema": schema}));
    let msg = fails(&mut db, &format!("{C}/points/scroll"), json!({"order_by": "n"}), 400);
    assert!(msg.contains("No range index for `order_by` key: `n`"), "{msg}");
}

#[test]
fn rescoring_few_ids_counts_repeated_values_toward_the_limit() {
    // Two prefetched ids of six points: Qdrant reads them through the filter (should_pre_filter),
    // with each stored value, and drops the repeat only after the limit (scroll.rs `.dedup()`).
    let mut db = Database::new();
    ok(&mut db, "PUT", C, json!({"vectors": {"size": 2, "distance": "Dot"}}));
    let points: Vec<Value> = (1..=6)
        .map(|i| {
            let n = match i {
                5 => json!(6),
                6 => json!([5, 5, 7]),
                _ => json!(i),
            };
            json!({"id": i, "vector": [i as f32, 1.0], "payload": {"n": n}})
        })
        .collect();
    ok(&mut db, "PUT", &format!("{C}/points?wait=true"), json!({ "points": points }));
    ok(&mut db, "PUT", &format!("{C}/index"), json!({"field_name": "n", "field_schema": "integer"}));
    let body = json!({"prefetch": {"query": [1.0, 0.0], "limit": 2}, "query": {"order_by": "n"}, "limit": 2});
    let r = ok(&mut db, "POST", &format!("{C}/points/query"), body);
    assert_eq!(pairs(&r["points"]), vec![(6, json!(5))]);
    // A scroll streams the index, where a repeated value is one entry.
    let r = scroll(&mut db, json!({"order_by": "n", "limit": 3}));
    assert_eq!(pairs(&r["points"]), vec![(1, json!(1)), (2, json!(2)), (3, json!(3))]);
    let r = scroll(&mut db, json!({"order_by": {"key": "n", "start_from": 5}, "limit": 3}));
    assert_eq!(pairs(&r["points"]), vec![(6, json!(5)), (5, json!(6)), (6, json!(7))]);
}
