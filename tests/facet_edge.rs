//! Facet counts (`POST /collections/{c}/facet`) against Qdrant's engine: seeded random payloads
//! (keyword, integer, uuid and bool fields, arrays with repeats, mistyped values, nested keys)
//! and random requests (key, limit, filter, exact), answered by simile and by qdrant-edge-py
//! (tests/congruence/facet_oracle.py). Hits must be equal, in order; an error on one side must
//! be the same error on the other. Plus hand-computed cases for the REST shape and errors.
//!
//! Known difference: the engine answers `limit: 0` with no hits, where the REST layer of the
//! v1.19.0 server rejects it first (`lib/shard/src/facet.rs`, `#[validate(range(min = 1))]`);
//! simile follows the server, so the random cases never use 0.
//!
//! Replay a run with `SIMILE_SEED=<n>`.

#[path = "support/oracle.rs"]
mod oracle;
#[path = "support/rng.rs"]
mod rng;

use rng::Rng;
use serde_json::{json, Value};
use simile::Database;

const KEYWORDS: [&str; 5] = ["red", "green", "blue", "Blue", "red "];
const UUIDS: [&str; 4] = [
    "550e8400-e29b-41d4-a716-446655440000",
    "550E8400-E29B-41D4-A716-446655440000",
    "{6ba7b810-9dad-11d1-80b4-00c04fd430c8}",
    "00000000000000000000000000000001",
];

/// Indexed fields (the others are left without an index or with a non-facet one).
fn indexes() -> Value {
    json!([["k", "keyword"], ["n", "integer"], ["u", "uuid"], ["b", "bool"], ["o.k", "keyword"],
           ["arr[].n", "integer"], ["f", "float"], ["m", {"type": "integer", "lookup": false}]])
}

fn below(rng: &mut Rng, n: u64) -> u64 {
    rng.next() % n
}

/// One scalar of `kind`, sometimes of the wrong type.
fn scalar(rng: &mut Rng, kind: &str) -> Value {
    if below(rng, 10) == 0 {
        return [json!(null), json!("7"), json!(3), json!(true), json!({"x": 1})][below(rng, 5) as usize].clone();
    }
    match kind {
        "k" => json!(KEYWORDS[below(rng, 5) as usize]),
        "n" => [json!(below(rng, 4) as i64 - 1), json!(2.0), json!(2.5), json!(-1.0)][below(rng, 4) as usize].clone(),
        "u" => json!(UUIDS[below(rng, 4) as usize]),
        _ => json!(below(rng, 2) == 0),
    }
}

/// A value at a field: absent (None), a scalar, or an array (with repeats, nested arrays).
fn field(rng: &mut Rng, kind: &str) -> Option<Value> {
    match below(rng, 6) {
        0 => None,
        1 | 2 => {
            let mut items: Vec<Value> = (0..below(rng, 4)).map(|_| scalar(rng, kind)).collect();
            if below(rng, 4) == 0 {
                items.push(json!([scalar(rng, kind)]));
            }
            Some(Value::Array(items))
        }
        _ => Some(scalar(rng, kind)),
    }
}

fn payload(rng: &mut Rng) -> Value {
    let mut p = serde_json::Map::new();
    for (name, kind) in [("k", "k"), ("n", "n"), ("u", "u"), ("b", "b"), ("f", "n"), ("m", "n"), ("plain", "k"), ("x", "n")] {
        if let Some(v) = field(rng, kind) {
            p.insert(name.into(), v);
        }
    }
    if let Some(v) = field(rng, "k") {
        p.insert("o".into(), json!({ "k": v }));
    }
    let arr: Vec<Value> = (0..below(rng, 3)).map(|_| json!({"n": scalar(rng, "n")})).collect();
    p.insert("arr".into(), Value::Array(arr));
    Value::Object(p)
}

/// Conditions on unindexed fields, or on indexed ones where the index answers as the payload
/// does (keyword and bool match, `is_empty`, `has_id`). An integer index drops fractional
/// values from `range`, and a uuid index matches UUIDs by value, not by text: those are
/// filter semantics, not facet ones, and are left out here.
fn filter(rng: &mut Rng) -> Value {
    match below(rng, 5) {
        0 => json!({"must": [{"key": "k", "match": {"value": KEYWORDS[below(rng, 3) as usize]}}]}),
        1 => json!({"must": [{"key": "x", "range": {"gte": 0}}]}),
        2 => json!({"should": [{"key": "b", "match": {"value": true}}, {"has_id": [1, 2, 3, 4, 5]}]}),
        3 => json!({"must_not": [{"key": "plain", "match": {"value": KEYWORDS[below(rng, 3) as usize]}}]}),
        _ => json!({"must": [{"is_empty": {"key": "k"}}]}),
    }
}

fn case(rng: &mut Rng) -> Value {
    let keys = ["k", "n", "u", "b", "o.k", "arr[].n", "f", "m", "plain", "missing"];
    let mut c = json!({"key": keys[below(rng, keys.len() as u64) as usize]});
    if below(rng, 2) == 0 {
        c["limit"] = json!(1 + below(rng, 6));
    }
    if below(rng, 2) == 0 {
        c["filter"] = filter(rng);
    }
    if below(rng, 2) == 0 {
        c["exact"] = json!(below(rng, 2) == 0);
    }
    c
}

/// simile's answer in the oracle's form: `{"hits": [[value, count]]}` or `{"error": message}`.
fn ours(db: &mut Database, c: &Value) -> Value {
    let r = db.request("POST", "/collections/c/facet", &c.to_string());
    let v: Value = serde_json::from_str(&r.envelope()).expect("envelope");
    if r.status != 200 {
        let msg = v["status"]["error"].as_str().expect("message");
        return json!({"error": msg.strip_prefix("Wrong input: ").unwrap_or(msg), "status": r.status});
    }
    let hits: Vec<Value> = v["result"]["hits"].as_array().expect("hits").iter().map(|h| json!([h["value"], h["count"]])).collect();
    json!({ "hits": hits })
}

fn setup(points: &[Value]) -> Database {
    let mut db = Database::new();
    assert_eq!(db.request("PUT", "/collections/c", r#"{"vectors": {"size": 1, "distance": "Dot"}}"#).status, 200);
    let upsert: Vec<Value> = points.iter().map(|p| json!({"id": p["id"], "vector": [1.0], "payload": p["payload"]})).collect();
    let r = db.request("PUT", "/collections/c/points", &json!({ "points": upsert }).to_string());
    assert_eq!(r.status, 200, "{}", r.envelope());
    for ix in indexes().as_array().unwrap() {
        let body = json!({"field_name": ix[0], "field_schema": ix[1]});
        assert_eq!(db.request("PUT", "/collections/c/index", &body.to_string()).status, 200);
    }
    db
}

#[test]
fn facet_counts_match_qdrant() {
    let python = oracle::python();
    let mut rng = Rng::from_env("facet_edge", 0x5EED_FACE);
    let (mut hits, mut errors) = (0, 0);
    for round in 0..4 {
        let points: Vec<Value> = (1..=60).map(|id| json!({"id": id, "payload": payload(&mut rng)})).collect();
        let cases: Vec<Value> = (0..60).map(|_| case(&mut rng)).collect();
        let mut db = setup(&points);
        let request = json!({"points": points, "indexes": indexes(), "cases": cases});
        let text = oracle::run(&python, "tests/congruence/facet_oracle.py", &request);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), cases.len());
        for (c, line) in cases.iter().zip(lines) {
            let theirs: Value = serde_json::from_str(line).expect("oracle JSON");
            let mut mine = ours(&mut db, c);
            if let Some(status) = mine.as_object_mut().and_then(|m| m.remove("status")) {
                assert_eq!(status, 400, "round {round} {c}");
                errors += 1;
            } else {
                hits += mine["hits"].as_array().map_or(0, Vec::len);
            }
            assert_eq!(mine, theirs, "round {round} case {c}");
        }
    }
    assert!(hits > 300 && errors > 10, "{hits} hits, {errors} errors: too few to mean much");
}

/// The result of a request that must succeed.
fn ok(db: &mut Database, body: Value) -> Value {
    let r = db.request("POST", "/collections/c/facet", &body.to_string());
    assert_eq!(r.status, 200, "{}", r.envelope());
    let v: Value = serde_json::from_str(&r.envelope()).unwrap();
    v["result"].clone()
}

fn hand_db() -> Database {
    let points = vec![
        json!({"id": 1, "payload": {"k": ["a", "a", "b"], "n": [1, 1.0, 2.5], "b": [true, false], "u": UUIDS[1]}}),
        json!({"id": 2, "payload": {"k": "b", "n": 2, "b": true}}),
        json!({"id": 3, "payload": {"k": "c", "n": "1", "u": UUIDS[2]}}),
        json!({"id": 4, "payload": {"k": ["c", "b"], "n": -3}}),
    ];
    setup(&points)
}

#[test]
fn counts_each_point_once_per_value_by_count_then_value() {
    let mut db = hand_db();
    let k = ok(&mut db, json!({"key": "k"}));
    assert_eq!(k, json!({"hits": [{"value": "b", "count": 3}, {"value": "c", "count": 2}, {"value": "a", "count": 1}]}));
    let n = ok(&mut db, json!({"key": "n", "exact": true}));
    assert_eq!(n, json!({"hits": [{"value": -3, "count": 1}, {"value": 1, "count": 1}, {"value": 2, "count": 1}]}));
    let all = ok(&mut db, json!({"key": "k", "limit": u64::MAX}));
    assert_eq!(all["hits"].as_array().map(Vec::len), Some(3));
    let b = ok(&mut db, json!({"key": "b", "limit": 1}));
    assert_eq!(b, json!({"hits": [{"value": true, "count": 2}]}));
    let u = ok(&mut db, json!({"key": "u"}));
    assert_eq!(u["hits"][0], json!({"value": "550e8400-e29b-41d4-a716-446655440000", "count": 1}));
    assert_eq!(u["hits"][1], json!({"value": "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "count": 1}));
    let filtered = ok(&mut db, json!({"key": "k", "filter": {"must": [{"key": "n", "range": {"gte": 1}}]}}));
    assert_eq!(filtered, json!({"hits": [{"value": "b", "count": 2}, {"value": "a", "count": 1}]}));
    let none = ok(&mut db, json!({"key": "k", "filter": {"must": [{"has_id": [99]}]}}));
    assert_eq!(none, json!({"hits": []}));
}

#[test]
fn facet_errors_match_the_server() {
    let mut db = hand_db();
    let fail = |db: &mut Database, body: &str, path: &str| {
        let r = db.request("POST", path, body);
        let v: Value = serde_json::from_str(&r.envelope()).unwrap();
        (r.status, v["status"]["error"].as_str().unwrap_or_default().to_string())
    };
    let (s, m) = fail(&mut db, r#"{"key": "f"}"#, "/collections/c/facet");
    assert_eq!((s, m.as_str()), (400, "Wrong input: No appropriate index for faceting: `f`. Please create one to facet on this field. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index to see which payload schemas support Match conditions"));
    let (s, m) = fail(&mut db, r#"{"key": "k", "limit": 0}"#, "/collections/c/facet");
    assert_eq!((s, m.as_str()), (422, "Validation error in JSON body: facet_request.limit: value 0 invalid, must be 1 or larger"));
    assert_eq!(fail(&mut db, r#"{"limit": 3}"#, "/collections/c/facet").0, 400);
    assert_eq!(fail(&mut db, r#"{"key": "k", "limit": -1}"#, "/collections/c/facet").0, 400);
    assert_eq!(fail(&mut db, "not json", "/collections/c/facet").0, 400);
    assert_eq!(fail(&mut db, r#"{"key": "k"}"#, "/collections/nope/facet"), (404, "Not found: Collection `nope` doesn't exist!".into()));
    assert_eq!(fail(&mut db, r#"{"key": "k"}"#, "/collections/c/points/facet").0, 404);
}
