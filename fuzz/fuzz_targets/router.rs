//! Sends arbitrary requests through the REST router of one database holding a few collections
//! (Cosine / Dot / Euclid / Manhattan, named vectors, payloads). Every response must be one of
//! the statuses the router may answer with and carry Qdrant's JSON envelope; nothing may panic.
//!
//! Input: up to 16 requests separated by the byte 0xFF (never valid inside UTF-8). The first
//! byte of each picks the method and route, the rest is the body (invalid UTF-8 is replaced).
//! Seed with `node fuzz/seed_router.mjs`; a dictionary of Qdrant keys is in `fuzz/router.dict`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use simile::Database;

const COLLECTIONS: [&str; 5] = ["cos", "dot", "euc", "man", "named"];

/// (method, path after `/collections/{c}`), picked by the first byte of a request.
const ROUTES: [(&str, &str); 26] = [
    ("POST", "/points/search"),
    ("POST", "/points/search/batch"),
    ("POST", "/points/recommend"),
    ("POST", "/points/recommend/batch"),
    ("POST", "/points/discover"),
    ("POST", "/points/discover/batch"),
    ("POST", "/points/query"),
    ("POST", "/points/query/batch"),
    ("POST", "/points/scroll"),
    ("POST", "/points/count"),
    ("POST", "/points"),
    ("PUT", "/points"),
    ("POST", "/points/delete"),
    ("POST", "/points/payload"),
    ("PUT", "/points/payload"),
    ("POST", "/points/payload/delete"),
    ("POST", "/points/payload/clear"),
    ("PUT", "/points/vectors"),
    ("POST", "/points/vectors/delete"),
    ("POST", "/points/batch"),
    ("GET", "/points/1"),
    ("PUT", "/index"),
    ("PATCH", ""),
    ("GET", ""),
    ("PUT", "/../x"),
    ("POST", "/points/query/groups"),
];

fn setup() -> Database {
    let mut db = Database::new();
    db.set_memory_budget(64 << 20);
    for (name, dist) in [("cos", "Cosine"), ("dot", "Dot"), ("euc", "Euclid"), ("man", "Manhattan")] {
        let body = format!(r#"{{"vectors":{{"size":4,"distance":"{dist}"}}}}"#);
        db.request("PUT", &format!("/collections/{name}"), &body);
    }
    db.request(
        "PUT",
        "/collections/named",
        r#"{"vectors":{"a":{"size":3,"distance":"Cosine"},"b":{"size":2,"distance":"Euclid"}}}"#,
    );
    for name in &COLLECTIONS[..4] {
        let points: Vec<String> = (0..12u32)
            .map(|i| {
                let f = i as f32;
                format!(
                    r#"{{"id":{i},"vector":[{f},{},{},-1.5],"payload":{{"i":{i},"s":"k{}","t":["a","b{i}"],"g":{{"lon":{},"lat":{}}},"d":"2024-01-{:02}T00:00:00Z","n":[{{"x":{i}}}]}}}}"#,
                    1.0 - f,
                    f * 0.5,
                    i % 3,
                    f * 10.0 - 60.0,
                    f * 5.0 - 30.0,
                    i + 1
                )
            })
            .collect();
        db.request("PUT", &format!("/collections/{name}/points"), &format!(r#"{{"points":[{}]}}"#, points.join(",")));
    }
    db.request(
        "PUT",
        "/collections/named/points",
        r#"{"points":[{"id":1,"vector":{"a":[1,0,0],"b":[1,2]}},{"id":"5c56c793-69f3-4fbf-87e6-c4bf54c28c26","vector":{"a":[0,1,0]},"payload":{"x":null}},{"id":3,"vector":{"b":[0,0]}}]}"#,
    );
    db
}

fn check(status: u16, body: &str) {
    assert!(matches!(status, 200 | 400 | 404 | 409 | 422 | 501 | 507), "status {status}: {body}");
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("invalid JSON ({e}): {body}"));
    if status == 200 {
        assert_eq!(v["status"], "ok", "{body}");
        assert!(v.get("result").is_some(), "{body}");
    } else {
        let msg = v["status"]["error"].as_str().unwrap_or_else(|| panic!("no error message: {body}"));
        assert!(!msg.is_empty() && !msg.contains("panicked"), "{body}");
    }
}

fuzz_target!(|data: &[u8]| {
    let mut db = setup();
    for chunk in data.split(|&b| b == 0xFF).take(16) {
        let Some((&sel, body)) = chunk.split_first() else { continue };
        let coll = COLLECTIONS[(sel as usize / ROUTES.len()) % COLLECTIONS.len()];
        let (method, rest) = ROUTES[sel as usize % ROUTES.len()];
        let body = String::from_utf8_lossy(body);
        let r = db.request(method, &format!("/collections/{coll}{rest}"), &body);
        check(r.status, &r.envelope());
    }
    // The database still answers after whatever happened.
    for coll in COLLECTIONS {
        let r = db.request("POST", &format!("/collections/{coll}/points/scroll"), r#"{"limit":100,"with_vector":true}"#);
        check(r.status, &r.envelope());
    }
    simile::Database::from_bytes(&db.to_bytes()).expect("a live database round-trips through a snapshot");
});
