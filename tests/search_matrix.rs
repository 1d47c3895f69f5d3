//! `POST /collections/{c}/points/search/matrix/pairs` and `/offsets`, checked against an
//! independent reference written here from the v1.19.0 server's rules
//! (lib/collection/src/collection/distance_matrix.rs, lib/api/src/rest/schema.rs:1293-1360):
//! * candidates: points passing the filter that have the vector (distance_matrix.rs:166-177);
//! * a random sample of `sample` of them (default 10), fewer than two → empty answer (:204-207);
//! * rows in point-id order (:210); each row: the `limit` (default 3) nearest sampled points
//!   to the row's point, itself excluded (:215-284) — whether or not the point is in its own
//!   `limit + 1` results, what remains is the best `limit` of the others;
//! * scores as a nearest search reports them: Cosine/Dot similarity, Euclid/Manhattan distance;
//! * `/pairs` lists `{a, b, score}` row by row (:97-116); `/offsets` the same entries as
//!   indices into `ids` (:62-95).
//!
//! The sample is random, so generated cases check properties. Replay with `SIMILE_SEED=<n>`.

#[path = "support/rng.rs"]
mod rng;

use rng::Rng;
use serde_json::{json, Value};
use simile::query::matrix::{search_matrix, MatrixRequest};
use simile::Database;
use std::collections::{BTreeMap, BTreeSet};

const DISTANCES: [&str; 4] = ["Cosine", "Dot", "Euclid", "Manhattan"];

fn post(db: &mut Database, path: &str, body: &Value) -> (u16, Value) {
    let r = db.request("POST", &format!("/collections/c/points/search/matrix/{path}"), &body.to_string());
    (r.status, serde_json::from_str(&r.envelope()).expect("JSON envelope"))
}

fn ok(db: &mut Database, path: &str, body: &Value) -> Value {
    let (status, v) = post(db, path, body);
    assert_eq!(status, 200, "{path} {body}: {v}");
    v["result"].clone()
}

/// The pair score per distance, as a nearest search reports it.
fn score(distance: &str, a: &[f64], b: &[f64]) -> f64 {
    let dot = |x: &[f64], y: &[f64]| x.iter().zip(y).map(|(p, q)| p * q).sum::<f64>();
    match distance {
        "Cosine" => {
            let (na, nb) = (dot(a, a).sqrt(), dot(b, b).sqrt());
            if na == 0.0 || nb == 0.0 { 0.0 } else { dot(a, b) / (na * nb) }
        }
        "Dot" => dot(a, b),
        "Euclid" => a.iter().zip(b).map(|(p, q)| (p - q) * (p - q)).sum::<f64>().sqrt(),
        _ => a.iter().zip(b).map(|(p, q)| (p - q).abs()).sum(),
    }
}

fn bigger_is_better(distance: &str) -> bool {
    matches!(distance, "Cosine" | "Dot")
}

/// A generated collection: vectors `v` (some points lack it) and payload `n`.
struct Case {
    distance: &'static str,
    vectors: BTreeMap<u64, Vec<f64>>,
    n: BTreeMap<u64, u64>,
}

fn setup(rng: &mut Rng) -> (Database, Case) {
    let distance = DISTANCES[(rng.next() % 4) as usize];
    let dim = 2 + (rng.next() % 5) as usize;
    let count = (rng.next() % 40) as usize;
    let mut db = Database::new();
    let config = json!({"vectors": {"v": {"size": dim, "distance": distance}, "w": {"size": 1, "distance": "Dot"}}});
    assert_eq!(db.request("PUT", "/collections/c", &config.to_string()).status, 200);
    let mut case = Case { distance, vectors: BTreeMap::new(), n: BTreeMap::new() };
    let mut points = Vec::new();
    for _ in 0..count {
        let id = 1 + rng.next() % 500;
        let n = rng.next() % 4;
        let v: Vec<f64> = (0..dim).map(|_| ((rng.next() % 20_000) as f64 - 10_000.0) / 10_000.0).collect();
        case.n.insert(id, n);
        if rng.next() % 8 == 0 {
            case.vectors.remove(&id);
            points.push(json!({"id": id, "vector": {"w": [1.0]}, "payload": {"n": n}}));
        } else {
            case.vectors.insert(id, v.clone());
            points.push(json!({"id": id, "vector": {"v": v}, "payload": {"n": n}}));
        }
    }
    let r = db.request("PUT", "/collections/c/points?wait=true", &json!({ "points": points }).to_string());
    assert_eq!(r.status, 200, "{}", r.envelope());
    (db, case)
}

/// Matrix rows as `(a, [(b, score)])` in response order.
type Rows = Vec<(u64, Vec<(u64, f64)>)>;

/// The rows of a `/pairs` answer.
fn rows_of_pairs(result: &Value) -> Rows {
    let mut rows: Rows = Vec::new();
    for p in result["pairs"].as_array().expect("pairs") {
        let (a, b, s) = (p["a"].as_u64().unwrap(), p["b"].as_u64().unwrap(), p["score"].as_f64().unwrap());
        match rows.last_mut() {
            Some((last, row)) if *last == a => row.push((b, s)),
            _ => rows.push((a, vec![(b, s)])),
        }
    }
    rows
}

/// The sampled ids and the rows of an `/offsets` answer.
fn rows_of_offsets(result: &Value) -> (Vec<u64>, Rows) {
    let ids: Vec<u64> = result["ids"].as_array().expect("ids").iter().map(|i| i.as_u64().unwrap()).collect();
    let col = |k: &str| result[k].as_array().expect(k).iter().map(|x| x.as_f64().unwrap()).collect::<Vec<f64>>();
    let (r, c, s) = (col("offsets_row"), col("offsets_col"), col("scores"));
    assert!(r.len() == c.len() && c.len() == s.len(), "{result}");
    assert!(r.windows(2).all(|w| w[0] <= w[1]), "rows in order: {result}");
    let mut rows: Rows = ids.iter().map(|&id| (id, Vec::new())).collect();
    for k in 0..r.len() {
        rows[r[k] as usize].1.push((ids[c[k] as usize], s[k]));
    }
    (ids, rows)
}

/// Checks a matrix (`sample` = the sampled ids) against the reference.
fn check(case: &Case, candidates: &BTreeSet<u64>, sample: &[u64], rows: &[(u64, Vec<(u64, f64)>)], want: (usize, usize), seed_note: &str) {
    let (sample_size, limit) = want;
    let expect_len = if candidates.len() < 2 { 0 } else { sample_size.min(candidates.len()) };
    assert_eq!(sample.len(), expect_len, "{seed_note}: sample size");
    assert!(sample.windows(2).all(|w| w[0] < w[1]), "{seed_note}: ids ascending, distinct");
    assert!(sample.iter().all(|id| candidates.contains(id)), "{seed_note}: sample ⊆ candidates");
    let in_sample: BTreeSet<u64> = sample.iter().copied().collect();
    for (a, row) in rows {
        let va = &case.vectors[a];
        let mut others: Vec<f64> = in_sample.iter().filter(|b| *b != a).map(|b| score(case.distance, va, &case.vectors[b])).collect();
        others.sort_by(|x, y| if bigger_is_better(case.distance) { y.total_cmp(x) } else { x.total_cmp(y) });
        others.truncate(limit);
        assert_eq!(row.len(), others.len(), "{seed_note}: row {a} length");
        for (k, (b, s)) in row.iter().enumerate() {
            assert_ne!(a, b, "{seed_note}: self pair");
            assert!(in_sample.contains(b), "{seed_note}: neighbour outside the sample");
            let exact = score(case.distance, va, &case.vectors[b]);
            let tol = 1e-4 * exact.abs().max(1.0);
            assert!((s - exact).abs() <= tol, "{seed_note}: score({a},{b}) = {s}, want {exact}");
            assert!((s - others[k]).abs() <= tol, "{seed_note}: row {a} rank {k}: {s}, true top has {}", others[k]);
        }
    }
}

#[test]
fn generated_matrices_match_the_reference() {
    let mut rng = Rng::from_env("search_matrix", 0x3A7_12C5);
    for case_no in 0..60 {
        let (mut db, case) = setup(&mut rng);
        for req_no in 0..4 {
            let note = format!("case {case_no} request {req_no}");
            let mut body = json!({"using": "v"});
            let filter_n = rng.next() % 6;
            if filter_n < 4 {
                body["filter"] = json!({"must": [{"key": "n", "match": {"value": filter_n}}]});
            }
            let want_sample = if rng.next() % 4 == 0 { 10 } else { 2 + (rng.next() % 14) as usize };
            let want_limit = if rng.next() % 4 == 0 { 3 } else { 1 + (rng.next() % 6) as usize };
            if want_sample != 10 { body["sample"] = json!(want_sample); }
            if want_limit != 3 { body["limit"] = json!(want_limit); }
            let candidates: BTreeSet<u64> = case.vectors.keys().filter(|id| filter_n >= 4 || case.n[id] == filter_n).copied().collect();
            let pairs = rows_of_pairs(&ok(&mut db, "pairs", &body));
            let (ids, rows) = rows_of_offsets(&ok(&mut db, "offsets", &body));
            let pair_sample: Vec<u64> = pairs.iter().map(|r| r.0).collect();
            check(&case, &candidates, &pair_sample, &pairs, (want_sample, want_limit), &format!("{note} pairs"));
            check(&case, &candidates, &ids, &rows, (want_sample, want_limit), &format!("{note} offsets"));
            if want_sample >= candidates.len() {
                // The sample is every candidate: both forms hold the same matrix, bit for bit.
                assert_eq!(pairs, rows, "{note}: pairs and offsets disagree");
            }
        }
    }
}

#[test]
fn seeded_samples_are_reproducible_and_vary_with_the_seed() {
    let mut db = Database::new();
    let config = json!({"vectors": {"size": 2, "distance": "Dot"}});
    assert_eq!(db.request("PUT", "/collections/c", &config.to_string()).status, 200);
    let points: Vec<Value> = (1..=30).map(|i| json!({"id": i, "vector": [i, 1]})).collect();
    assert_eq!(db.request("PUT", "/collections/c/points", &json!({ "points": points }).to_string()).status, 200);
    let coll = db.collection("c").unwrap();
    let req = MatrixRequest { using: "", filter: None, sample: 5, limit: 2 };
    let first = search_matrix(coll, &req, 42).unwrap();
    assert_eq!(first, search_matrix(coll, &req, 42).unwrap());
    assert!((1..20).any(|seed| search_matrix(coll, &req, seed).unwrap().sample != first.sample));
}

#[test]
fn sparse_and_multivector_rows() {
    let mut db = Database::new();
    let config = json!({"vectors": {"m": {"size": 2, "distance": "Dot", "multivector_config": {"comparator": "max_sim"}}},
                        "sparse_vectors": {"s": {}}});
    assert_eq!(db.request("PUT", "/collections/c", &config.to_string()).status, 200);
    // Sparse: 1 and 2 share index 0, 3 shares nothing. Multivector MaxSim with Dot.
    let points = json!([
        {"id": 1, "vector": {"s": {"indices": [0], "values": [2.0]}, "m": [[1, 0], [0, 1]]}},
        {"id": 2, "vector": {"s": {"indices": [0, 1], "values": [3.0, 1.0]}, "m": [[2, 0]]}},
        {"id": 3, "vector": {"s": {"indices": [5], "values": [1.0]}, "m": [[0, 3]]}},
    ]);
    assert_eq!(db.request("PUT", "/collections/c/points", &json!({ "points": points }).to_string()).status, 200);
    let sparse = ok(&mut db, "pairs", &json!({"using": "s", "limit": 2}));
    assert_eq!(sparse, json!({"pairs": [{"a": 1, "b": 2, "score": 6.0}, {"a": 2, "b": 1, "score": 6.0}]}));
    // MaxSim(1 → 2) = max(2) + max(0) = 2; (1 → 3) = 0 + 3 = 3; (2 → 1) = 2; (2 → 3) = 0;
    // (3 → 1) = 3; (3 → 2) = 0.
    let multi = ok(&mut db, "offsets", &json!({"using": "m", "limit": 1}));
    assert_eq!(multi, json!({"offsets_row": [0, 1, 2], "offsets_col": [2, 0, 0], "scores": [3.0, 2.0, 3.0], "ids": [1, 2, 3]}));
}

#[test]
fn small_samples_defaults_and_errors() {
    let mut db = Database::new();
    let config = json!({"vectors": {"size": 2, "distance": "Euclid"}});
    assert_eq!(db.request("PUT", "/collections/c", &config.to_string()).status, 200);
    let empty = json!({"offsets_row": [], "offsets_col": [], "scores": [], "ids": []});
    assert_eq!(ok(&mut db, "offsets", &json!({})), empty);
    assert_eq!(db.request("PUT", "/collections/c/points", &json!({"points": [{"id": 7, "vector": [0, 0]}]}).to_string()).status, 200);
    assert_eq!(ok(&mut db, "pairs", &json!({})), json!({"pairs": []}), "one point makes no matrix");
    let points: Vec<Value> = (1..=20).map(|i| json!({"id": i, "vector": [i, 0]})).collect();
    assert_eq!(db.request("PUT", "/collections/c/points", &json!({ "points": points }).to_string()).status, 200);
    let (ids, rows) = rows_of_offsets(&ok(&mut db, "offsets", &json!({})));
    assert_eq!((ids.len(), rows.iter().map(|r| r.1.len()).max()), (10, Some(3)), "defaults: sample 10, limit 3");
    let fails = |db: &mut Database, body: Value, status: u16, text: &str| {
        let (got, v) = post(db, "pairs", &body);
        assert_eq!(got, status, "{body}: {v}");
        let msg = v["status"]["error"].as_str().unwrap_or_default().to_string();
        assert!(msg.contains(text), "{body}: {msg:?} lacks {text:?}");
    };
    fails(&mut db, json!({"sample": 1}), 422, "search_request.sample: value 1 invalid, must be 2 or larger");
    fails(&mut db, json!({"limit": 0}), 422, "search_request.limit: value 0 invalid, must be 1 or larger");
    fails(&mut db, json!({"limit": 0, "sample": 0}), 422, "must be 1 or larger; search_request.sample");
    fails(&mut db, json!({"sample": -3}), 400, "Format error");
    fails(&mut db, json!({"using": "nope"}), 400, "Not existing vector name error: nope");
    assert_eq!(db.request("POST", "/collections/none/points/search/matrix/offsets", "{}").status, 404);
    // The body is validated before the collection is looked up.
    assert_eq!(db.request("POST", "/collections/none/points/search/matrix/offsets", r#"{"limit": 0}"#).status, 422);
}
