//! Replays golden cases (tests/golden/README.md) against any `request(method, path, body)`
//! function and compares with the corpus rules: scores within tolerance, tie groups as sets,
//! exact ids, payloads and vectors, errors by status and message substring.

use serde_json::{json, Value};
use std::collections::BTreeSet;

pub type Request<'a> = dyn FnMut(&str, &str, &str) -> (u16, String) + 'a;

/// REST method and path of a corpus endpoint.
pub fn route(endpoint: &str, collection: &str) -> (&'static str, String) {
    let tail = match endpoint {
        "search" => "search",
        "recommend" => "recommend",
        "recommend_batch" => "recommend/batch",
        "discover" => "discover",
        "discover_batch" => "discover/batch",
        "query" => "query",
        "query_batch" => "query/batch",
        other => panic!("unknown endpoint {other}"),
    };
    ("POST", format!("/collections/{collection}/points/{tail}"))
}

/// Creates the case's collections and upserts their points.
pub fn load(case: &Value, request: &mut Request<'_>) -> Result<(), String> {
    for (name, c) in case["collections"].as_object().ok_or("no collections")? {
        let (st, body) = request("PUT", &format!("/collections/{name}"), &json!({"vectors": c["vectors"]}).to_string());
        if st != 200 {
            return Err(format!("create {name}: {st} {body}"));
        }
        let points = c["points"].as_array().ok_or("no points")?;
        for chunk in points.chunks(500) {
            let body = json!({ "points": chunk }).to_string();
            let (st, out) = request("PUT", &format!("/collections/{name}/points?wait=true"), &body);
            if st != 200 {
                return Err(format!("upsert into {name}: {st} {out}"));
            }
        }
    }
    Ok(())
}

/// Runs one case on a fresh database (created by the caller) and checks the outcome.
pub fn run_case(case: &Value, request: &mut Request<'_>) -> Result<(), String> {
    load(case, request)?;
    let req = &case["request"];
    let endpoint = req["endpoint"].as_str().ok_or("no endpoint")?;
    let (method, path) = route(endpoint, req["collection"].as_str().ok_or("no collection")?);
    let (status, body) = request(method, &path, &req["body"].to_string());
    let actual: Value = serde_json::from_str(&body).map_err(|e| format!("response is not JSON: {e}"))?;
    check(case, endpoint, status, &actual)
}

fn check(case: &Value, endpoint: &str, status: u16, actual: &Value) -> Result<(), String> {
    if let Some(xe) = case.get("expected_error") {
        let msg = actual["status"]["error"].as_str().ok_or_else(|| format!("expected an error, got {status}"))?;
        if u64::from(status) != xe["status"].as_u64().unwrap_or(0) {
            return Err(format!("expected status {}, got {status} ({msg})", xe["status"]));
        }
        let want = xe["contains"].as_str().unwrap_or("").to_lowercase();
        if !msg.to_lowercase().contains(&want) {
            return Err(format!("error {msg:?} does not contain {want:?}"));
        }
        return Ok(());
    }
    if status != 200 {
        return Err(format!("unexpected error {status}: {actual}"));
    }
    let tol = Tol::of(case);
    let (e, a) = (&case["expected"], &actual["result"]);
    match endpoint {
        "search" | "recommend" | "discover" => points(e, a, &tol, "result"),
        "query" => points(&e["points"], &a["points"], &tol, "result.points"),
        _ => {
            let (e, a) = (e.as_array().ok_or("expected list")?, a.as_array().ok_or("result is not a list")?);
            if e.len() != a.len() {
                return Err(format!("batch: expected {} results, got {}", e.len(), a.len()));
            }
            for (i, (e, a)) in e.iter().zip(a).enumerate() {
                let (e, a) = if endpoint == "query_batch" { (&e["points"], &a["points"]) } else { (e, a) };
                points(e, a, &tol, &format!("result[{i}]"))?;
            }
            Ok(())
        }
    }
}

struct Tol {
    abs: f64,
    rel: f64,
    vec: f64,
}

impl Tol {
    fn of(case: &Value) -> Tol {
        let t = &case["tolerance"];
        Tol {
            abs: t["score_abs"].as_f64().unwrap_or(1e-4),
            rel: t["score_rel"].as_f64().unwrap_or(1e-4),
            vec: t["vector_abs"].as_f64().unwrap_or(1e-4),
        }
    }
    fn close(&self, e: f64, a: f64) -> bool {
        (e - a).abs() <= self.abs.max(self.rel * e.abs())
    }
    fn tied(&self, a: f64, b: f64) -> bool {
        (a - b).abs() <= 2.0 * self.abs.max(self.rel * a.abs().max(b.abs()))
    }
}

fn norm_id(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_lowercase(),
        other => other.to_string(),
    }
}

fn points(e: &Value, a: &Value, tol: &Tol, at: &str) -> Result<(), String> {
    let e = e.as_array().ok_or_else(|| format!("{at}: expected list missing"))?;
    let a = a.as_array().ok_or_else(|| format!("{at}: actual is not a list"))?;
    if e.len() != a.len() {
        return Err(format!("{at}: expected {} points, got {}", e.len(), a.len()));
    }
    let mut start = 0;
    for i in 1..=e.len() {
        if i < e.len() && tol.tied(e[i - 1]["score"].as_f64().unwrap_or(0.0), e[i]["score"].as_f64().unwrap_or(0.0)) {
            continue;
        }
        group(&e[start..i], &a[start..i], tol, &format!("{at} ranks {start}..{}", i - 1))?;
        start = i;
    }
    Ok(())
}

fn group(e: &[Value], a: &[Value], tol: &Tol, at: &str) -> Result<(), String> {
    let ids = |xs: &[Value]| xs.iter().map(|p| norm_id(&p["id"])).collect::<BTreeSet<_>>();
    if ids(e) != ids(a) {
        return Err(format!("{at}: ids {:?} expected, got {:?}", ids(e), ids(a)));
    }
    for ep in e {
        let ap = a.iter().find(|p| norm_id(&p["id"]) == norm_id(&ep["id"])).ok_or("id vanished")?;
        let (es, as_) = (ep["score"].as_f64().unwrap_or(f64::NAN), ap["score"].as_f64().unwrap_or(f64::NAN));
        if !tol.close(es, as_) {
            return Err(format!("{at} id {}: score {es} expected, got {as_}", ep["id"]));
        }
        optional(ep, ap, "payload", json_equal)?;
        optional(ep, ap, "vector", |e, a| vec_equal(e, a, tol.vec))?;
    }
    Ok(())
}

fn optional(ep: &Value, ap: &Value, key: &str, eq: impl Fn(&Value, &Value) -> bool) -> Result<(), String> {
    let a = ap.get(key).filter(|v| !v.is_null());
    match (ep.get(key), a) {
        (Some(e), Some(a)) if eq(e, a) => Ok(()),
        (None, None) => Ok(()),
        (e, a) => Err(format!("id {} {key}: expected {:?}, got {:?}", ep["id"], e, a)),
    }
}

fn json_equal(e: &Value, a: &Value) -> bool {
    match (e, a) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
            x == y || (x - y).abs() <= 1e-12 * x.abs().max(y.abs())
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| json_equal(v, w)),
        _ => e == a,
    }
}

fn vec_equal(e: &Value, a: &Value, tol: f64) -> bool {
    match (e, a) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| vec_equal(v, w, tol)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len()
            && x.iter().zip(y).all(|(v, w)| match (v.as_f64(), w.as_f64()) {
                (Some(v), Some(w)) => (v - w).abs() <= tol,
                _ => false,
            }),
        _ => false,
    }
}
