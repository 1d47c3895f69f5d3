//! Collection and point CRUD through `Database::request`, checked against Qdrant's REST shapes.

use serde_json::{json, Value};
use simile::Database;

/// Sends a request; `Value::Null` means an empty body. Returns the status and parsed envelope.
fn call(db: &mut Database, method: &str, path: &str, body: Value) -> (u16, Value) {
    let text = if body.is_null() { String::new() } else { body.to_string() };
    let r = db.request(method, path, &text);
    let v = serde_json::from_str(&r.envelope()).unwrap_or_else(|e| panic!("{method} {path}: {e}: {}", r.envelope()));
    (r.status, v)
}

/// The `result` of a request that must succeed.
fn ok(db: &mut Database, method: &str, path: &str, body: Value) -> Value {
    let (status, v) = call(db, method, path, body);
    assert_eq!(status, 200, "{method} {path}: {v}");
    assert_eq!(v["status"], "ok");
    v["result"].clone()
}

/// Asserts a failure with `want` status and an error message; returns the message.
fn fails(db: &mut Database, method: &str, path: &str, body: Value, want: u16) -> String {
    let (status, v) = call(db, method, path, body);
    assert_eq!(status, want, "{method} {path}: {v}");
    assert!(v.get("result").is_none(), "{v}");
    v["status"]["error"].as_str().unwrap_or_else(|| panic!("no error message: {v}")).to_string()
}

const C: &str = "/collections/c";

/// Collection `c` (4-d Dot) with points 1..=5; point i has vector [i,0,0,0] and payload
/// `{"n": i, "even": i % 2 == 0, "nested": {"a": i}}`.
fn setup() -> Database {
    let mut db = Database::new();
    ok(&mut db, "PUT", C, json!({"vectors": {"size": 4, "distance": "Dot"}}));
    let points: Vec<Value> = (1..=5)
        .map(|i| json!({"id": i, "vector": [i as f32, 0.0, 0.0, 0.0], "payload": {"n": i, "even": i % 2 == 0, "nested": {"a": i}}}))
        .collect();
    ok(&mut db, "PUT", &format!("{C}/points?wait=true"), json!({ "points": points }));
    db
}

fn ids(records: &Value) -> Vec<Value> {
    records.as_array().expect("array").iter().map(|r| r["id"].clone()).collect()
}

fn payload_of(db: &mut Database, id: Value) -> Value {
    ok(db, "POST", &format!("{C}/points"), json!({ "ids": [id] }))[0]["payload"].clone()
}

#[test]
fn collection_lifecycle() {
    let mut db = Database::new();
    assert_eq!(ok(&mut db, "GET", "/collections", Value::Null), json!({"collections": []}));
    assert_eq!(
        ok(&mut db, "PUT", C, json!({"vectors": {"size": 4, "distance": "Cosine"}, "hnsw_config": {"m": 0}})),
        json!(true)
    );
    let msg = fails(&mut db, "PUT", C, json!({"vectors": {"size": 4, "distance": "Cosine"}}), 400);
    assert_eq!(msg, "Wrong input: Collection `c` already exists!");
    fails(&mut db, "PUT", "/collections/z", json!({"vectors": {"size": 0, "distance": "Cosine"}}), 422);
    fails(&mut db, "PUT", "/collections/z", json!({"vectors": "big"}), 400);
    fails(&mut db, "PUT", "/collections/z", json!({"vectors": {"size": 4, "distance": "Hamming"}}), 400);
    fails(
        &mut db,
        "PUT",
        "/collections/z",
        json!({"vectors": {"size": 4, "distance": "Dot", "multivector_config": {"comparator": "min_sim"}}}),
        400,
    );
    assert_eq!(ok(&mut db, "GET", "/collections", Value::Null), json!({"collections": [{"name": "c"}]}));
    assert_eq!(ok(&mut db, "GET", &format!("{C}/exists"), Value::Null), json!({"exists": true}));
    assert_eq!(ok(&mut db, "GET", "/collections/nope/exists", Value::Null), json!({"exists": false}));

    let info = ok(&mut db, "GET", C, Value::Null);
    assert_eq!(info["status"], "green");
    assert_eq!(info["points_count"], 0);
    assert_eq!(info["config"]["params"]["vectors"], json!({"size": 4, "distance": "Cosine"}));
    assert_eq!(info["payload_schema"], json!({}));
    assert!(info["memory_bytes"].is_u64());
    fails(&mut db, "GET", "/collections/nope", Value::Null, 404);

    assert_eq!(ok(&mut db, "PATCH", C, json!({"optimizers_config": {"indexing_threshold": 10}})), json!(true));
    fails(&mut db, "PATCH", C, json!({"vectors": {"": {"size": 8}}}), 400);
    fails(&mut db, "PATCH", C, json!({"vectors": {"other": {"on_disk": true}}}), 400);
    fails(&mut db, "PATCH", "/collections/nope", json!({}), 404);

    assert_eq!(ok(&mut db, "DELETE", C, Value::Null), json!(true));
    assert_eq!(ok(&mut db, "DELETE", C, Value::Null), json!(false));

    // Without `vectors` Qdrant creates a collection with no dense vectors.
    ok(&mut db, "PUT", "/collections/empty", json!({}));
    assert_eq!(ok(&mut db, "GET", "/collections/empty", Value::Null)["config"]["params"]["vectors"], json!({}));
}

#[test]
fn upsert_and_retrieve() {
    let mut db = setup();
    let r = ok(&mut db, "PUT", &format!("{C}/points"), json!({"points": [{"id": 9, "vector": [0, 0, 0, 9]}]}));
    assert_eq!(r["status"], "completed");
    assert!(r["operation_id"].is_u64());

    // Request order, unknown ids skipped, duplicates once; payload by default, no vector.
    let recs = ok(&mut db, "POST", &format!("{C}/points"), json!({"ids": [3, 100, 1, 3]}));
    assert_eq!(ids(&recs), vec![json!(3), json!(1)]);
    assert_eq!(recs[0]["payload"], json!({"n": 3, "even": false, "nested": {"a": 3}}));
    assert!(recs[0].get("vector").is_none());
    let recs =
        ok(&mut db, "POST", &format!("{C}/points"), json!({"ids": [9], "with_payload": false, "with_vector": true}));
    assert_eq!(recs, json!([{"id": 9, "vector": [0.0, 0.0, 0.0, 9.0]}]));

    let p = ok(&mut db, "GET", &format!("{C}/points/2"), Value::Null);
    assert_eq!(p["vector"], json!([2.0, 0.0, 0.0, 0.0]));
    assert_eq!(p["payload"]["n"], 2);
    fails(&mut db, "GET", &format!("{C}/points/77"), Value::Null, 404);
    fails(&mut db, "GET", &format!("{C}/points/not-an-id"), Value::Null, 400);

    // Columnar upsert, duplicate ids (last wins), payload cleared when not given.
    let batch = json!({"batch": {"ids": [1, 10, 10], "vectors": [[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]],
                                  "payloads": [null, {"k": "first"}, {"k": "last"}]}});
    ok(&mut db, "PUT", &format!("{C}/points"), batch);
    let recs = ok(&mut db, "POST", &format!("{C}/points"), json!({"ids": [1, 10], "with_vector": true}));
    assert_eq!(recs[0], json!({"id": 1, "payload": {}, "vector": [1.0, 1.0, 1.0, 1.0]}));
    assert_eq!(recs[1], json!({"id": 10, "payload": {"k": "last"}, "vector": [3.0, 3.0, 3.0, 3.0]}));
}

#[test]
fn upsert_errors_change_nothing() {
    let mut db = setup();
    let up = format!("{C}/points");
    let cases: &[(&str, Value, u16)] = &[
        ("wrong dimension", json!({"points": [{"id": 50, "vector": [1, 2, 3, 4]}, {"id": 51, "vector": [1, 2]}]}), 400),
        ("unknown vector name", json!({"points": [{"id": 50, "vector": {"image": [1, 2, 3, 4]}}]}), 400),
        ("negative id", json!({"points": [{"id": -1, "vector": [1, 2, 3, 4]}]}), 400),
        ("string integer id", json!({"points": [{"id": "7", "vector": [1, 2, 3, 4]}]}), 400),
        ("missing vector", json!({"points": [{"id": 50}]}), 400),
        ("neither points nor batch", json!({"ids": [1]}), 400),
        ("ids vs vectors", json!({"batch": {"ids": [50, 51], "vectors": [[1, 2, 3, 4]]}}), 422),
        ("ids vs payloads", json!({"batch": {"ids": [50], "vectors": [[1, 2, 3, 4]], "payloads": [{}, {}]}}), 422),
        ("unknown sparse name", json!({"points": [{"id": 50, "vector": {"s": {"indices": [1], "values": [1.0]}}}]}), 400),
    ];
    for (name, body, status) in cases {
        let (got, v) = call(&mut db, "PUT", &up, body.clone());
        assert_eq!(got, *status, "{name}: {v}");
    }
    assert_eq!(ok(&mut db, "POST", &format!("{C}/points/count"), json!({})), json!({"count": 5}));
    fails(&mut db, "PUT", "/collections/nope/points", json!({"points": []}), 404);
}

#[test]
fn named_vectors_collection() {
    let mut db = Database::new();
    let n = "/collections/n";
    ok(
        &mut db,
        "PUT",
        n,
        json!({"vectors": {"a": {"size": 2, "distance": "Dot"}, "b": {"size": 3, "distance": "Euclid"}}}),
    );
    let msg = fails(&mut db, "PUT", &format!("{n}/points"), json!({"points": [{"id": 1, "vector": [1, 2]}]}), 400);
    assert_eq!(msg, "Wrong input: Not existing vector name error: ");
    ok(
        &mut db,
        "PUT",
        &format!("{n}/points"),
        json!({"points": [{"id": 1, "vector": {"a": [1, 2], "b": [1, 2, 3]}}, {"id": 2, "vector": {"a": [3, 4]}}]}),
    );

    // Update one named vector, keep the other; check dimension, name and missing point.
    ok(&mut db, "PUT", &format!("{n}/points/vectors"), json!({"points": [{"id": 1, "vector": {"a": [9, 9]}}]}));
    let rec = ok(&mut db, "POST", &format!("{n}/points"), json!({"ids": [1], "with_vector": true}));
    assert_eq!(rec[0]["vector"], json!({"a": [9.0, 9.0], "b": [1.0, 2.0, 3.0]}));
    fails(&mut db, "PUT", &format!("{n}/points/vectors"), json!({"points": [{"id": 1, "vector": {"a": [1]}}]}), 400);
    fails(
        &mut db,
        "PUT",
        &format!("{n}/points/vectors"),
        json!({"points": [{"id": 1, "vector": {"zz": [1, 1]}}]}),
        400,
    );
    fails(
        &mut db,
        "PUT",
        &format!("{n}/points/vectors"),
        json!({"points": [{"id": 99, "vector": {"a": [1, 1]}}]}),
        404,
    );
    fails(&mut db, "PUT", &format!("{n}/points/vectors"), json!({"points": []}), 422);
    fails(&mut db, "PUT", &format!("{n}/points/vectors"), json!({"points": [{"id": 1, "vector": {}}]}), 422);

    // Delete a named vector: the point stays, `has_vector` sees the change.
    ok(&mut db, "POST", &format!("{n}/points/vectors/delete"), json!({"points": [1], "vector": ["b"]}));
    let rec = ok(&mut db, "POST", &format!("{n}/points"), json!({"ids": [1], "with_vector": ["b"]}));
    assert_eq!(rec[0]["vector"], json!({}));
    let count = ok(&mut db, "POST", &format!("{n}/points/count"), json!({"filter": {"must": [{"has_vector": "a"}]}}));
    assert_eq!(count, json!({"count": 2}));
    fails(&mut db, "POST", &format!("{n}/points/vectors/delete"), json!({"points": [1], "vector": ["zz"]}), 400);
    fails(&mut db, "POST", &format!("{n}/points/vectors/delete"), json!({"points": [42], "vector": ["a"]}), 404);
    ok(&mut db, "POST", &format!("{n}/points/vectors/delete"), json!({"filter": {}, "vector": ["a"]}));
    let count = ok(&mut db, "POST", &format!("{n}/points/count"), json!({"filter": {"must": [{"has_vector": "a"}]}}));
    assert_eq!(count, json!({"count": 0}));
}

#[test]
fn uuid_ids_are_canonical() {
    let mut db = setup();
    let canon = "5c56c793-69f3-4fbf-87e6-c4bf54c28c26";
    let upper = canon.to_uppercase();
    let simple = canon.replace('-', "");
    ok(
        &mut db,
        "PUT",
        &format!("{C}/points"),
        json!({"points": [{"id": upper, "vector": [1, 2, 3, 4], "payload": {"u": 1}}]}),
    );
    let recs = ok(&mut db, "POST", &format!("{C}/points"), json!({"ids": [simple]}));
    assert_eq!(recs, json!([{"id": canon, "payload": {"u": 1}}]));
    let p = ok(&mut db, "GET", &format!("{C}/points/{upper}"), Value::Null);
    assert_eq!(p["id"], canon);
    // UUIDs scroll after every integer id.
    let page = ok(&mut db, "POST", &format!("{C}/points/scroll"), json!({"limit": 100, "with_payload": false}));
    assert_eq!(page["points"].as_array().unwrap().last().unwrap()["id"], canon);
    assert_eq!(page["points"][0]["id"], 1);
}

#[test]
fn scroll_pages_and_count() {
    let mut db = Database::new();
    ok(&mut db, "PUT", C, json!({"vectors": {"size": 1, "distance": "Euclid"}}));
    let points: Vec<Value> = (0..25).rev().map(|i| json!({"id": i * 2, "vector": [i], "payload": {"i": i}})).collect();
    ok(&mut db, "PUT", &format!("{C}/points"), json!({ "points": points }));

    let mut seen = Vec::new();
    let mut offset = Value::Null;
    loop {
        let page = ok(
            &mut db,
            "POST",
            &format!("{C}/points/scroll"),
            json!({"limit": 10, "offset": offset, "with_payload": false}),
        );
        seen.extend(ids(&page["points"]));
        offset = page["next_page_offset"].clone();
        if offset.is_null() {
            break;
        }
    }
    assert_eq!(seen, (0..25).map(|i| json!(i * 2)).collect::<Vec<_>>());

    // Offset is inclusive and may fall between ids; default limit 10; payload by default.
    let page = ok(&mut db, "POST", &format!("{C}/points/scroll"), json!({"offset": 5}));
    assert_eq!(ids(&page["points"])[0], json!(6));
    assert_eq!(page["points"].as_array().unwrap().len(), 10);
    assert_eq!(page["next_page_offset"], 26);
    assert_eq!(page["points"][0]["payload"], json!({"i": 3}));

    let filter = json!({"must": [{"key": "i", "range": {"gte": 20}}]});
    let page =
        ok(&mut db, "POST", &format!("{C}/points/scroll"), json!({"filter": filter, "limit": 3, "with_vector": true}));
    assert_eq!(ids(&page["points"]), vec![json!(40), json!(42), json!(44)]);
    assert_eq!(page["points"][0]["vector"], json!([20.0]));
    assert_eq!(page["next_page_offset"], 46);
    let page = ok(&mut db, "POST", &format!("{C}/points/scroll"), json!({"limit": u64::MAX}));
    assert_eq!(page["points"].as_array().unwrap().len(), 25);
    assert_eq!(page["next_page_offset"], Value::Null);

    assert_eq!(
        ok(&mut db, "POST", &format!("{C}/points/count"), json!({"filter": filter, "exact": true})),
        json!({"count": 5})
    );
    assert_eq!(ok(&mut db, "POST", &format!("{C}/points/count"), Value::Null), json!({"count": 25}));

    let scroll = format!("{C}/points/scroll");
    fails(&mut db, "POST", &scroll, json!({"limit": 0}), 422);
    fails(&mut db, "POST", &scroll, json!({"filter": {"must": 5}}), 400);
    fails(&mut db, "POST", &scroll, json!({"filter": {"bogus": []}}), 400);
    fails(
        &mut db,
        "POST",
        &scroll,
        json!({"filter": {"min_should": {"conditions": [{"has_id": [1]}], "min_count": 0}}}),
        422,
    );
    fails(&mut db, "POST", &scroll, json!({"order_by": "i"}), 400);
    fails(&mut db, "POST", "/collections/nope/points/scroll", json!({}), 404);
    fails(&mut db, "POST", &format!("{C}/points/count"), json!({"filter": {"must": {"key": "i"}}}), 422);
}

#[test]
fn payload_edits() {
    let mut db = setup();
    let path = |s: &str| format!("{C}/points/payload{s}");

    ok(&mut db, "POST", &path(""), json!({"payload": {"x": 1, "n": null}, "points": [1]}));
    assert_eq!(payload_of(&mut db, json!(1)), json!({"even": false, "nested": {"a": 1}, "x": 1}));

    ok(&mut db, "POST", &path(""), json!({"payload": {"b": 2}, "points": [1], "key": "nested.deeper"}));
    assert_eq!(payload_of(&mut db, json!(1))["nested"], json!({"a": 1, "deeper": {"b": 2}}));

    ok(&mut db, "PUT", &path(""), json!({"payload": {"only": true}, "points": [1]}));
    assert_eq!(payload_of(&mut db, json!(1)), json!({"only": true}));

    ok(&mut db, "POST", &path("/delete"), json!({"keys": ["nested.a", "even"], "points": [2]}));
    assert_eq!(payload_of(&mut db, json!(2)), json!({"n": 2, "nested": {}}));

    ok(&mut db, "POST", &path("/clear"), json!({"points": [3]}));
    assert_eq!(payload_of(&mut db, json!(3)), json!({}));

    // By filter: every even point.
    let even = json!({"must": [{"key": "even", "match": {"value": true}}]});
    ok(&mut db, "POST", &path(""), json!({"payload": {"tag": "e"}, "filter": even}));
    let count = ok(
        &mut db,
        "POST",
        &format!("{C}/points/count"),
        json!({"filter": {"must": [{"key": "tag", "match": {"value": "e"}}]}}),
    );
    assert_eq!(count, json!({"count": 1}), "point 2 lost `even`, so only 4 is left");
    ok(&mut db, "POST", &path("/clear"), json!({"filter": {"must": [{"has_id": [4, 5]}]}}));
    assert_eq!(payload_of(&mut db, json!(5)), json!({}));

    // A missing id is a 404 and nothing changes; no selector is a 400; bad key path a 400.
    let msg = fails(&mut db, "POST", &path(""), json!({"payload": {"z": 1}, "points": [1, 404]}), 404);
    assert_eq!(msg, "Not found: No point with id 404 found");
    assert_eq!(payload_of(&mut db, json!(1)), json!({"only": true}));
    fails(&mut db, "PUT", &path(""), json!({"payload": {"z": 1}, "points": [404]}), 404);
    fails(&mut db, "POST", &path("/delete"), json!({"keys": ["z"], "points": [404]}), 404);
    fails(&mut db, "POST", &path("/clear"), json!({"points": [404]}), 404);
    fails(&mut db, "POST", &path(""), json!({"payload": {"z": 1}}), 400);
    fails(&mut db, "POST", &path(""), json!({"payload": {"z": 1}, "points": [1], "key": "a..b"}), 400);
    fails(&mut db, "POST", &path(""), json!({"payload": [1], "points": [1]}), 400);
    fails(&mut db, "POST", &path(""), json!({"payload": {"z": 1}, "filter": {"must": {"key": "z"}}}), 422);
}

#[test]
fn delete_points() {
    let mut db = setup();
    let del = format!("{C}/points/delete");
    ok(&mut db, "POST", &del, json!({"points": [1, 2, 999]}));
    ok(&mut db, "POST", &del, json!({"filter": {"must": [{"key": "n", "match": {"value": 5}}]}}));
    let page = ok(&mut db, "POST", &format!("{C}/points/scroll"), json!({"with_payload": false}));
    assert_eq!(ids(&page["points"]), vec![json!(3), json!(4)]);
    fails(&mut db, "POST", &del, json!({}), 400);
    fails(&mut db, "GET", &format!("{C}/points/1"), Value::Null, 404);

    // Deleting most of a large collection compacts it; ids, payloads and vectors survive.
    let points: Vec<Value> =
        (100..300).map(|i| json!({"id": i, "vector": [i, 0, 0, 0], "payload": {"i": i}})).collect();
    ok(&mut db, "PUT", &format!("{C}/points"), json!({ "points": points }));
    ok(&mut db, "POST", &del, json!({"filter": {"must": [{"key": "i", "range": {"lt": 290}}]}}));
    assert_eq!(ok(&mut db, "POST", &format!("{C}/points/count"), json!({})), json!({"count": 12}));
    let p = ok(&mut db, "GET", &format!("{C}/points/295"), Value::Null);
    assert_eq!(p, json!({"id": 295, "payload": {"i": 295}, "vector": [295.0, 0.0, 0.0, 0.0]}));
}

#[test]
fn batch_updates() {
    let mut db = setup();
    let batch = format!("{C}/points/batch");
    let ops = json!({"operations": [
        {"upsert": {"points": [{"id": 20, "vector": [1, 1, 1, 1]}]}},
        {"set_payload": {"payload": {"s": 1}, "points": [20]}},
        {"overwrite_payload": {"payload": {"o": 1}, "points": [1]}},
        {"delete_payload": {"keys": ["n"], "points": [2]}},
        {"clear_payload": {"points": [3]}},
        {"delete": {"points": [4]}},
        {"update_vectors": {"points": [{"id": 5, "vector": [5, 5, 5, 5]}]}},
        {"delete_vectors": {"points": [20], "vector": [""]}}
    ]});
    let results = ok(&mut db, "POST", &batch, ops);
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 8);
    assert!(results.iter().all(|r| r["status"] == "completed"));
    let opids: Vec<u64> = results.iter().map(|r| r["operation_id"].as_u64().unwrap()).collect();
    assert!(opids.windows(2).all(|w| w[0] < w[1]), "{opids:?}");
    let recs = ok(&mut db, "POST", &format!("{C}/points"), json!({"ids": [1, 2, 3, 4, 5, 20], "with_vector": true}));
    assert_eq!(ids(&recs), vec![json!(1), json!(2), json!(3), json!(5), json!(20)]);
    assert_eq!(recs[0]["payload"], json!({"o": 1}));
    assert_eq!(recs[1]["payload"], json!({"even": true, "nested": {"a": 2}}));
    assert_eq!(recs[2]["payload"], json!({}));
    assert_eq!(recs[3]["vector"], json!([5.0, 5.0, 5.0, 5.0]));
    assert_eq!(recs[4], json!({"id": 20, "payload": {"s": 1}}));

    // Validation covers the whole batch before anything runs.
    let bad = json!({"operations": [{"delete": {"points": [1]}}, {"delete": {"filter": {"must": {"key": "x"}}}}]});
    fails(&mut db, "POST", &batch, bad, 422);
    assert_eq!(ok(&mut db, "POST", &format!("{C}/points/count"), json!({})), json!({"count": 5}));
    // A failing operation stops the batch; earlier ones stay applied (as in Qdrant).
    let failing =
        json!({"operations": [{"delete": {"points": [1]}}, {"set_payload": {"payload": {}, "points": [404]}}]});
    fails(&mut db, "POST", &batch, failing, 404);
    assert_eq!(ok(&mut db, "POST", &format!("{C}/points/count"), json!({})), json!({"count": 4}));
    fails(&mut db, "POST", &batch, json!({"operations": [{"explode": {}}]}), 400);
    assert_eq!(ok(&mut db, "POST", &batch, json!({"operations": []})), json!([]));
}

#[test]
fn conditional_upsert() {
    let mut db = setup();
    let up = format!("{C}/points");
    let body = json!({"points": [{"id": 1, "vector": [7, 7, 7, 7]}, {"id": 2, "vector": [7, 7, 7, 7]}, {"id": 30, "vector": [7, 7, 7, 7]}],
                      "update_filter": {"must": [{"key": "even", "match": {"value": true}}]}});
    ok(&mut db, "PUT", &up, body);
    let recs = ok(&mut db, "POST", &up, json!({"ids": [1, 2, 30], "with_vector": true, "with_payload": false}));
    assert_eq!(recs[0]["vector"], json!([1.0, 0.0, 0.0, 0.0]), "odd point 1 kept");
    assert_eq!(recs[1]["vector"], json!([7.0, 7.0, 7.0, 7.0]));
    assert_eq!(recs[2]["id"], 30);
    ok(
        &mut db,
        "PUT",
        &up,
        json!({"points": [{"id": 3, "vector": [8, 8, 8, 8]}, {"id": 31, "vector": [8, 8, 8, 8]}], "update_mode": "insert_only"}),
    );
    ok(
        &mut db,
        "PUT",
        &up,
        json!({"points": [{"id": 4, "vector": [9, 9, 9, 9]}, {"id": 32, "vector": [9, 9, 9, 9]}], "update_mode": "update_only"}),
    );
    let recs = ok(&mut db, "POST", &up, json!({"ids": [3, 31, 4, 32], "with_vector": true, "with_payload": false}));
    assert_eq!(ids(&recs), vec![json!(3), json!(31), json!(4)]);
    assert_eq!(recs[0]["vector"], json!([3.0, 0.0, 0.0, 0.0]));
    assert_eq!(recs[2]["vector"], json!([9.0, 9.0, 9.0, 9.0]));
}

#[test]
fn aliases() {
    let mut db = setup();
    let change = "/collections/aliases";
    ok(&mut db, "PUT", "/collections/other", json!({"vectors": {"size": 2, "distance": "Dot"}}));
    ok(&mut db, "POST", change, json!({"actions": [{"create_alias": {"collection_name": "c", "alias_name": "a"}}]}));
    assert_eq!(
        ok(&mut db, "GET", "/aliases", Value::Null),
        json!({"aliases": [{"alias_name": "a", "collection_name": "c"}]})
    );

    // Reads, writes and info through the alias.
    ok(&mut db, "PUT", "/collections/a/points", json!({"points": [{"id": 77, "vector": [0, 0, 0, 1]}]}));
    assert_eq!(ok(&mut db, "POST", "/collections/a/points/count", json!({})), json!({"count": 6}));
    assert_eq!(ok(&mut db, "GET", "/collections/a", Value::Null)["points_count"], 6);
    assert_eq!(ok(&mut db, "GET", "/collections/a/exists", Value::Null), json!({"exists": true}));
    assert_eq!(ok(&mut db, "GET", "/collections/c/aliases", Value::Null)["aliases"].as_array().unwrap().len(), 1);
    assert_eq!(ok(&mut db, "GET", "/collections/other/aliases", Value::Null), json!({"aliases": []}));
    fails(&mut db, "GET", "/collections/nope/aliases", Value::Null, 404);

    // All or nothing: the rename is undone when the next action fails.
    let actions = json!({"actions": [{"rename_alias": {"old_alias_name": "a", "new_alias_name": "b"}},
                                     {"create_alias": {"collection_name": "nope", "alias_name": "x"}}]});
    fails(&mut db, "POST", change, actions, 404);
    assert_eq!(ok(&mut db, "GET", "/aliases", Value::Null)["aliases"][0]["alias_name"], "a");
    fails(
        &mut db,
        "POST",
        change,
        json!({"actions": [{"create_alias": {"collection_name": "c", "alias_name": "other"}}]}),
        400,
    );
    fails(
        &mut db,
        "POST",
        change,
        json!({"actions": [{"rename_alias": {"old_alias_name": "zz", "new_alias_name": "b"}}]}),
        404,
    );
    fails(&mut db, "PUT", "/collections/a", json!({"vectors": {"size": 2, "distance": "Dot"}}), 400);

    ok(
        &mut db,
        "POST",
        change,
        json!({"actions": [{"rename_alias": {"old_alias_name": "a", "new_alias_name": "b"}},
                                                   {"create_alias": {"collection_name": "other", "alias_name": "o"}},
                                                   {"delete_alias": {"alias_name": "never-existed"}}]}),
    );
    let all = ok(&mut db, "GET", "/aliases", Value::Null);
    assert_eq!(
        all,
        json!({"aliases": [{"alias_name": "b", "collection_name": "c"}, {"alias_name": "o", "collection_name": "other"}]})
    );

    // Deleting through an alias deletes nothing; deleting the collection drops its aliases.
    assert_eq!(ok(&mut db, "DELETE", "/collections/b", Value::Null), json!(false));
    assert_eq!(ok(&mut db, "DELETE", "/collections/c", Value::Null), json!(true));
    assert_eq!(
        ok(&mut db, "GET", "/aliases", Value::Null),
        json!({"aliases": [{"alias_name": "o", "collection_name": "other"}]})
    );
    fails(&mut db, "POST", "/collections/b/points/count", json!({}), 404);
}

#[test]
fn payload_indexes() {
    let mut db = setup();
    let r = ok(&mut db, "PUT", &format!("{C}/index"), json!({"field_name": "even", "field_schema": "bool"}));
    assert_eq!(r["status"], "completed");
    ok(
        &mut db,
        "PUT",
        &format!("{C}/index"),
        json!({"field_name": "nested.a", "field_schema": {"type": "integer", "range": true}}),
    );
    ok(&mut db, "PUT", &format!("{C}/index"), json!({"field_name": "n"}));
    let schema = ok(&mut db, "GET", C, Value::Null)["payload_schema"].clone();
    assert_eq!(schema["even"], json!({"data_type": "bool", "points": 5}));
    assert_eq!(
        schema["nested.a"],
        json!({"data_type": "integer", "params": {"type": "integer", "range": true}, "points": 5})
    );
    assert_eq!(schema["n"]["data_type"], "integer");

    fails(&mut db, "PUT", &format!("{C}/index"), json!({"field_name": "x", "field_schema": "vector"}), 400);
    fails(&mut db, "PUT", &format!("{C}/index"), json!({"field_name": "missing"}), 400);
    fails(&mut db, "PUT", "/collections/nope/index", json!({"field_name": "x", "field_schema": "keyword"}), 404);
    ok(&mut db, "DELETE", &format!("{C}/index/even"), Value::Null);
    let schema = ok(&mut db, "GET", C, Value::Null)["payload_schema"].clone();
    assert!(schema.get("even").is_none());
}

#[test]
fn unknown_routes_and_bodies() {
    let mut db = setup();
    // As in Qdrant, `GET …/points/scroll` reads "scroll" as a point id: 400.
    fails(&mut db, "GET", "/collections/c/points/scroll", Value::Null, 400);
    for (method, path) in [
        ("GET", "/collections/c/points/1/x"),
        ("POST", "/collections/c/points/nope"),
        ("GET", "/collections/c/nope"),
        ("PATCH", "/collections/c/points"),
    ] {
        fails(&mut db, method, path, json!({}), 404);
    }
    let r = db.request("PUT", "/collections/c/points", "{not json");
    assert_eq!(r.status, 400);
    assert!(r.envelope().contains("Format error in JSON body"), "{}", r.envelope());
}
