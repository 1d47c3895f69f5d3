//! The REST surface of a [`Database`] for the integration tests: one request with a JSON body,
//! answered as (status, parsed envelope); `ok` also requires status 200 and returns `result`.

use serde_json::Value;
use simile::Database;

/// Sends `body` (nothing when it is `Value::Null`); returns the status and the parsed envelope.
pub fn call(db: &mut Database, method: &str, path: &str, body: Value) -> (u16, Value) {
    let text = if body.is_null() { String::new() } else { body.to_string() };
    let r = db.request(method, path, &text);
    (r.status, serde_json::from_str(&r.envelope()).expect("json envelope"))
}

/// Sends `body`, requires status 200 and returns the envelope's `result`.
pub fn ok(db: &mut Database, method: &str, path: &str, body: Value) -> Value {
    let (status, v) = call(db, method, path, body);
    assert_eq!(status, 200, "{method} {path}: {v}");
    v["result"].clone()
}
