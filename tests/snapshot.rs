//! Snapshots (`to_bytes` / `from_bytes`): round trips observed through `Database::request`, the
//! golden corpus replayed on reloaded databases, a committed v1 fixture, a seeded mutation test
//! and an ignored 100k × 384 load benchmark.
//!
//! * `SIMILE_SEED=<n>` replays a mutation run; `SIMILE_FUZZ_ITERS=<n>` sets its size (the long
//!   run: `SIMILE_FUZZ_ITERS=1000000 cargo test --release --test snapshot mutation`).
//! * `cargo test --test snapshot -- --ignored write_fixture` regenerates the fixture (deliberately).
//! * `cargo test --release --test snapshot -- --ignored bench_load --nocapture` prints timings.

#[allow(dead_code)]
#[path = "support/frames.rs"]
mod frames;
#[path = "support/golden.rs"]
mod golden;

use frames::{build, split};
use serde_json::{json, Value};
use simile::collection::{Collection, PointInsert, VectorParams, VectorsConfig};
use simile::snapshot::{xxh64, ByteSource};
use simile::{Database, Distance, PointId};
use std::mem::MaybeUninit;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::Instant;

// ---- allocation accounting (per thread, so parallel tests do not disturb each other) ----

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn note(grow: usize, shrink: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().wrapping_add(grow).wrapping_sub(shrink);
        live.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
        let _ = LARGEST.try_with(|l| l.set(l.get().max(grow)));
    });
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the counters
// are thread-local `Cell`s with const initialisers, so counting neither allocates nor blocks.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        note(l.size(), 0);
        // SAFETY: same contract as ours.
        unsafe { System.alloc(l) }
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        note(l.size(), 0);
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        note(0, l.size());
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        note(new, l.size());
        // SAFETY: same contract as ours.
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f`; returns its value, the peak extra live bytes, the largest single allocation and
/// the extra live bytes at the end (what the value holds, if `f` freed its temporaries).
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize, usize, usize) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(start));
    LARGEST.with(|l| l.set(0));
    let out = f();
    let end = LIVE.with(Cell::get).wrapping_sub(start);
    (out, PEAK.with(Cell::get) - start, LARGEST.with(Cell::get), end)
}

// ---- helpers ----

fn call(db: &mut Database, method: &str, path: &str, body: Value) -> (u16, String) {
    let r = db.request(method, path, &body.to_string());
    (r.status, r.envelope())
}

fn ok(db: &mut Database, method: &str, path: &str, body: Value) -> Value {
    let (status, text) = call(db, method, path, body);
    assert_eq!(status, 200, "{method} {path}: {text}");
    serde_json::from_str(&text).unwrap()
}

fn golden_case(name: &str) -> Value {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn golden_files() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") && !n.starts_with('_'))
        .collect();
    names.sort();
    names
}

/// The database a golden case starts from.
fn golden_db(case: &Value) -> Database {
    let mut db = Database::new();
    golden::load(case, &mut |m: &str, p: &str, b: &str| {
        let r = db.request(m, p, b);
        (r.status, r.envelope())
    })
    .unwrap();
    db
}

/// Runs `case`'s request against `db`, which already holds the case's collections.
fn answer_case(case: &Value, db: &mut Database) -> Result<(), String> {
    golden::run_case(case, &mut |m: &str, p: &str, b: &str| {
        if m == "PUT" {
            return (200, r#"{"result":true,"status":"ok","time":0.0}"#.to_string());
        }
        let r = db.request(m, p, b);
        (r.status, r.envelope())
    })
}

// ---- round trips ----

#[test]
fn golden_cases_pass_after_a_round_trip() {
    let mut failures = Vec::new();
    let files = golden_files();
    for name in &files {
        let case = golden_case(name);
        let bytes = golden_db(&case).to_bytes();
        let outcome = Database::from_bytes(&bytes).map_err(|e| e.to_string()).and_then(|mut db| {
            if db.to_bytes() != bytes {
                return Err("re-snapshot of the loaded database differs".into());
            }
            answer_case(&case, &mut db)
        });
        if let Err(e) = outcome {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(files.len() > 200, "golden corpus missing");
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}

/// Named vectors (some missing), UUIDs, payloads, deletions, updates, schema, aliases.
fn rich_db() -> Database {
    let mut db = Database::new();
    let named = json!({"vectors": {"a": {"size": 3, "distance": "Cosine"}, "b": {"size": 2, "distance": "Euclid"}}});
    ok(&mut db, "PUT", "/collections/multi", named);
    ok(&mut db, "PUT", "/collections/single", json!({"vectors": {"size": 4, "distance": "Dot"}}));
    ok(&mut db, "PUT", "/collections/empty", json!({"vectors": {"size": 2, "distance": "Manhattan"}}));
    let uuid = "550e8400-e29b-41d4-a716-446655440000";
    let points = json!([
        {"id": 1, "vector": {"a": [1, 2, 3], "b": [0.5, -1]}, "payload": {"city": "Oslo", "n": 1}},
        {"id": uuid, "vector": {"a": [0.1, 0.2, -0.3]}, "payload": {"city": "Bergen", "deep": {"x": [1, {"y": null}]}}},
        {"id": 3, "vector": {"b": [2, 2]}},
        {"id": 7, "vector": {"a": [3, 2, 1], "b": [1e-7, 3.5e20]}, "payload": {"ünï": "cödé ✓", "f": 0.1, "big": 18446744073709551615u64}},
        {"id": 9, "vector": {"a": [1, 1, 1]}, "payload": {"city": "gone"}},
    ]);
    ok(&mut db, "PUT", "/collections/multi/points", json!({ "points": points }));
    ok(&mut db, "POST", "/collections/multi/points/delete", json!({"points": [9]}));
    ok(&mut db, "POST", "/collections/multi/points/payload", json!({"payload": {"tag": "x"}, "points": [1]}));
    ok(&mut db, "POST", "/collections/multi/points/vectors/delete", json!({"points": [7], "vector": ["b"]}));
    ok(&mut db, "PUT", "/collections/multi/index", json!({"field_name": "city", "field_schema": "keyword"}));
    let singles: Vec<Value> =
        (0..40).map(|i| json!({"id": i * 3, "vector": [i, 1, -i, 0.25], "payload": if i % 4 == 0 { json!({}) } else { json!({"i": i}) }})).collect();
    ok(&mut db, "PUT", "/collections/single/points", json!({ "points": singles }));
    ok(&mut db, "POST", "/collections/single/points/delete", json!({"points": [0, 9, 30, 117]}));
    sparse_collection(&mut db);
    let actions = json!({"actions": [{"create_alias": {"collection_name": "multi", "alias_name": "m"}},
                                     {"create_alias": {"collection_name": "single", "alias_name": "s"}}]});
    ok(&mut db, "POST", "/collections/aliases", actions);
    db
}

/// Collection `sparse`: dense `d` and sparse `s` (IDF) and `t` (index options); points with
/// only some vectors, an empty sparse vector, the largest index, a deletion, an overwrite and a
/// sparse vector deleted.
fn sparse_collection(db: &mut Database) {
    let config = json!({"vectors": {"d": {"size": 2, "distance": "Dot"}},
                        "sparse_vectors": {"s": {"modifier": "idf"}, "t": {"index": {"on_disk": true, "full_scan_threshold": 100}}}});
    ok(db, "PUT", "/collections/sparse", config);
    let points = json!([
        {"id": 1, "vector": {"d": [1, 0], "s": {"indices": [5, 1], "values": [0.5, 2]}}},
        {"id": 2, "vector": {"s": {"indices": [1, 7], "values": [1, -1]}, "t": {"indices": [], "values": []}}},
        {"id": 3, "vector": {"t": {"indices": [4294967295u64, 0], "values": [3, 1e-3]}}, "payload": {"k": 3}},
        {"id": 4, "vector": {"s": {"indices": [1], "values": [9]}}},
        {"id": 5, "vector": {"s": {"indices": [2], "values": [1]}, "t": {"indices": [2], "values": [1]}}},
    ]);
    ok(db, "PUT", "/collections/sparse/points", json!({ "points": points }));
    ok(db, "POST", "/collections/sparse/points/delete", json!({"points": [4]}));
    ok(db, "PUT", "/collections/sparse/points", json!({"points": [{"id": 5, "vector": {"s": {"indices": [3, 2], "values": [4, 1]}}}]}));
    ok(db, "POST", "/collections/sparse/points/vectors/delete", json!({"points": [2], "vector": ["t"]}));
}

/// Everything a client can observe about `db` (minus `memory_bytes` and `vector_bytes`, which
/// report capacity: compaction on load changes them).
fn observe(db: &mut Database) -> Vec<Value> {
    let mut out = vec![ok(db, "GET", "/collections", json!({})), ok(db, "GET", "/aliases", json!({}))];
    let names: Vec<String> = out[0]["result"]["collections"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().into()).collect();
    for c in names {
        let mut info = ok(db, "GET", &format!("/collections/{c}"), json!({}));
        info["result"].as_object_mut().unwrap().remove("memory_bytes");
        info["result"].as_object_mut().unwrap().remove("vector_bytes");
        out.push(info);
        let all = json!({"limit": 1000, "with_payload": true, "with_vector": true});
        out.push(ok(db, "POST", &format!("/collections/{c}/points/scroll"), all));
    }
    let q = json!({"vector": {"name": "a", "vector": [1, 0, 0]}, "limit": 10, "with_payload": true, "with_vector": true});
    out.push(ok(db, "POST", "/collections/m/points/search", q));
    out.push(ok(db, "POST", "/collections/s/points/search", json!({"vector": [1, 0, 0, 0], "limit": 50})));
    let next = json!({"points": [{"id": 100, "vector": {"b": [1, 1]}}]});
    out.push(ok(db, "PUT", "/collections/multi/points", next));
    out
}

#[test]
fn round_trip_preserves_everything_observable() {
    let mut db = rich_db();
    let mut back = Database::from_bytes(&db.to_bytes()).unwrap();
    assert_eq!(observe(&mut back), observe(&mut db));
}

#[test]
fn collection_round_trip_and_kind_mismatch() {
    let db = rich_db();
    for name in ["multi", "single", "empty", "sparse"] {
        let c = db.collection(name).unwrap();
        let bytes = c.to_bytes();
        let back = Collection::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes, "{name}");
        assert_eq!(back.len(), c.len());
        let err = Database::from_bytes(&bytes).unwrap_err().to_string();
        assert!(err.contains("Invalid snapshot: this is a collection snapshot"), "{err}");
    }
    let err = Collection::from_bytes(&db.to_bytes()).unwrap_err().to_string();
    assert!(err.contains("Collection::from_bytes") || err.contains("Database::from_bytes"), "{err}");
    assert!(Database::from_bytes(b"").unwrap_err().to_string().contains("Invalid snapshot"));
}

// ---- semantic validation: well-framed snapshots (valid checksums) with broken content ----

type Edit = fn(&mut Vec<u8>, &mut Vec<(u32, Vec<u8>)>);

/// Index of the `nth` section of `kind` after the NAME section `coll` (or from the start).
fn find(secs: &[(u32, Vec<u8>)], coll: &str, kind: u32, nth: usize) -> usize {
    let start = secs.iter().position(|(k, b)| *k == 7 && b == coll.as_bytes()).map_or(0, |i| i + 1);
    (start..secs.len()).filter(|&i| secs[i].0 == kind).nth(nth).unwrap()
}

fn put_u64(body: &mut [u8], at: usize, v: u64) {
    body[at..at + 8].copy_from_slice(&v.to_le_bytes());
}

/// `single` has 36 points of 4 floats, all numeric ids; `multi` 4 points: 1, UUID, 3, 7.
const SEMANTIC_CASES: &[(&str, Edit, Option<&str>)] = &[
    ("duplicate id", |_, s| { let i = find(s, "single", 3, 0); let v = s[i].1[48..56].to_vec(); s[i].1[56..64].copy_from_slice(&v) }, Some("duplicate point id")),
    ("unknown id tag", |_, s| { let i = find(s, "single", 3, 0); s[i].1[8] = 7 }, Some("unknown id tag")),
    ("ids trailing bytes", |_, s| { let i = find(s, "single", 3, 0); s[i].1.extend([0; 8]) }, Some("trailing bytes")),
    ("version past op counter", |_, s| { let i = find(s, "single", 4, 0); put_u64(&mut s[i].1, 8, u64::MAX) }, Some("newer than the operation counter")),
    ("versions count", |_, s| { let i = find(s, "single", 4, 0); s[i].1.truncate(16) }, Some("versions: expected 36")),
    ("vector dim", |_, s| { let i = find(s, "single", 5, 0); s[i].1[4] = 5 }, Some("does not match the config")),
    ("vector name", |_, s| { let i = find(s, "multi", 5, 1); s[i].1[8] = b'c' }, Some("does not match the config")),
    ("presence spare bit", |_, s| { let i = find(s, "single", 5, 0); s[i].1[12] |= 0x80 }, Some("presence bits set past")),
    ("NaN component", |_, s| { let i = find(s, "single", 5, 0); s[i].1[16..20].copy_from_slice(&f32::NAN.to_le_bytes()) }, Some("NaN or infinite")),
    ("dirty absent row", |_, s| { let i = find(s, "multi", 5, 1); s[i].1[32..36].copy_from_slice(&1f32.to_le_bytes()) }, Some("row is not zero")),
    ("payload is an array", |_, s| { let i = find(s, "single", 6, 0); s[i].1 = [3, b'[', b'1', b']'].repeat(36) }, Some("payload: invalid type")),
    ("payload bad UTF-8", |_, s| { let i = find(s, "single", 6, 0); s[i].1 = [10, b'{', b'"', b'a', b'"', b':', b'"', 0xff, b'"', b'}', b' '].repeat(36) }, Some("payload")),
    ("payload count", |_, s| { let i = find(s, "single", 6, 0); s[i].1 = vec![0; 35] }, Some("payloads: 36 points")),
    ("size 0", |_, s| { let i = find(s, "single", 1, 0); s[i].1 = br#"{"size":0,"distance":"Dot"}"#.to_vec() }, Some("must be 1 or larger")),
    ("size 70000", |_, s| { let i = find(s, "single", 1, 0); s[i].1 = br#"{"size":70000,"distance":"Dot"}"#.to_vec() }, Some("65536")),
    ("config not JSON", |_, s| { let i = find(s, "single", 1, 0); s[i].1 = b"{size".to_vec() }, Some("collection config")),
    ("schema not an object", |_, s| { let i = find(s, "single", 2, 0); s[i].1 = b"[]".to_vec() }, Some("payload schema")),
    ("alias to missing collection", |_, s| { let i = find(s, "", 8, 0); s[i].1 = br#"{"x":"nope"}"#.to_vec() }, Some("missing collection")),
    ("alias named like a collection", |_, s| { let i = find(s, "", 8, 0); s[i].1 = br#"{"multi":"single"}"#.to_vec() }, Some("clashes")),
    ("bad collection name", |_, s| { let i = find(s, "", 7, 0); s[i].1 = b"em/pty".to_vec() }, Some("not a valid collection name")),
    ("collection name not UTF-8", |_, s| { let i = find(s, "", 7, 0); s[i].1 = vec![b'a', 0xff] }, Some("not UTF-8")),
    ("duplicate collection", |_, s| { let i = find(s, "", 7, 2); s[i].1 = b"multi".to_vec() }, Some("duplicated or out of order")),
    ("missing section", |_, s| { let i = find(s, "single", 4, 0); s.remove(i); }, Some("expected a section of kind 4")),
    ("unknown section kind", |_, s| s.insert(3, (99, vec![1, 2, 3])), Some("expected a section of kind")),
    ("trailing section", |_, s| s.push((6, vec![])), Some("unexpected section of kind 6")),
    ("sparse config not JSON", |_, s| { let i = find(s, "sparse", 9, 0); s[i].1 = [2, 0, 0, 0, 0, 0, 0, 0, b'{', b'x', 0, 0, 0, 0, 0, 0].to_vec() }, Some("sparse config")),
    ("sparse trailing bytes", |_, s| { let i = find(s, "sparse", 9, 0); s[i].1.extend([0; 8]) }, Some("trailing bytes after the sparse")),
    ("sparse unsorted indices", |_, s| { let i = find(s, "sparse", 9, 0); swap_u32_pair(&mut s[i].1, 1, 5) }, Some("indices not ascending")),
    ("sparse value not finite", |_, s| { let i = find(s, "sparse", 9, 0); replace_f32(&mut s[i].1, 0.5, f32::INFINITY) }, Some("not finite")),
    ("unknown major version", |h, _| h[8] = 2, Some("unsupported format version 2.")),
    ("unknown required flag", |h, _| h[12] = 1, Some("unknown required flags")),
    ("unknown file kind", |h, _| h[16] = 3, Some("unknown file kind 3")),
    ("wrong magic", |h, _| h[0] = b's', Some("wrong magic")),
    ("newer minor version", |h, _| h[10] = 7, None),
    ("ignorable flag", |h, _| h[14] = 1, None),
    ("ignorable sections anywhere", |_, s| { s.insert(5, (0x8000_0063, vec![9; 13])); s.push((0x8000_0001, vec![])) }, None),
];

/// Swaps the first adjacent u32 pair `a, b` (little-endian) in `body` to `b, a`.
fn swap_u32_pair(body: &mut [u8], a: u32, b: u32) {
    let pat: Vec<u8> = [a.to_le_bytes(), b.to_le_bytes()].concat();
    let at = body.windows(8).position(|w| w == pat).expect("pair present");
    body[at..at + 8].copy_from_slice(&[b.to_le_bytes(), a.to_le_bytes()].concat());
}

/// Replaces the first f32 `from` (little-endian) in `body` with `to`.
fn replace_f32(body: &mut [u8], from: f32, to: f32) {
    let at = body.windows(4).position(|w| w == from.to_le_bytes()).expect("value present");
    body[at..at + 4].copy_from_slice(&to.to_le_bytes());
}

#[test]
fn semantic_violations_are_rejected() {
    let original = rich_db().to_bytes();
    for (name, edit, want) in SEMANTIC_CASES {
        let (mut head, mut secs) = (original[..24].to_vec(), split(&original));
        edit(&mut head, &mut secs);
        let result = Database::from_bytes(&build(&head, &secs));
        match (result, want) {
            (Err(e), Some(want)) => assert!(e.to_string().contains(want), "{name}: {e}"),
            (Ok(db), None) => assert_eq!(db.to_bytes(), original, "{name}"),
            (Ok(_), Some(want)) => panic!("{name}: loaded, expected an error containing {want:?}"),
            (Err(e), None) => panic!("{name}: {e}"),
        }
    }
    let mut truncated = original.clone();
    truncated.pop();
    assert!(Database::from_bytes(&truncated).unwrap_err().to_string().contains("truncated or extended"));
}

// ---- the committed fixture: a snapshot written by format 1.0 must keep loading ----

const FIXTURE_CASE: &str = "035_search_nearest_vec_cosine.json";
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/golden-v1.snapshot");

#[test]
fn fixture_v1_loads_and_answers_its_case() {
    let bytes = std::fs::read(FIXTURE).expect("tests/fixtures/golden-v1.snapshot");
    assert_eq!(&bytes[..8], b"SIMILE\0\x01");
    let mut db = Database::from_bytes(&bytes).unwrap();
    answer_case(&golden_case(FIXTURE_CASE), &mut db).unwrap();
}

#[test]
#[ignore = "rewrites tests/fixtures/golden-v1.snapshot; run deliberately"]
fn write_fixture() {
    let bytes = golden_db(&golden_case(FIXTURE_CASE)).to_bytes();
    assert!(bytes.len() < 200_000);
    std::fs::write(FIXTURE, &bytes).unwrap();
    println!("wrote {} bytes to {FIXTURE}", bytes.len());
}

// ---- mutation test: corrupted snapshots load as errors, never panic, never over-allocate ----

/// splitmix64: a tiny seeded generator, so a failing run replays with `SIMILE_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn huge(&mut self) -> u64 {
        let picks = [u64::MAX, 1 << 63, 1 << 40, u32::MAX as u64, 0x7fff_ffff, 1 << 31, 0];
        if self.below(4) == 0 { self.next() } else { picks[self.below(picks.len())] }
    }
}


/// Offsets worth cutting at: every section start, header field and body end (±1).
fn boundaries(b: &[u8]) -> Vec<usize> {
    let mut cuts = vec![0, 8, 12, 16, 24, 32, 39, 40];
    let mut pos = 40;
    for (_, body) in split(b) {
        cuts.extend([pos, pos + 4, pos + 8, pos + 16, pos + 24, pos + 24 + body.len()]);
        pos = (pos + 24 + body.len()).next_multiple_of(8);
    }
    cuts.iter().flat_map(|&c| [c.saturating_sub(1), c, c + 1]).filter(|&c| c < b.len()).collect()
}

/// A framing-level corruption (no checksum fixed up): the load must fail.
fn corrupt(b: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut m = b.to_vec();
    match rng.below(5) {
        0 => m[rng.below(b.len())] ^= 1 << rng.below(8),
        1 => m.truncate(rng.below(b.len())),
        2 => {
            let spots: Vec<usize> = std::iter::once(24).chain(boundaries(b).into_iter().filter(|c| c % 8 == 0 && c + 16 <= b.len()).map(|c| c + 8)).collect();
            let at = if rng.below(2) == 0 { spots[rng.below(spots.len())] } else { rng.below(b.len() - 8) };
            m[at..at + 8].copy_from_slice(&rng.huge().to_le_bytes());
        }
        3 => {
            let at = rng.below(b.len() + 1);
            let junk: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.next() as u8).collect();
            m.splice(at..at, junk);
        }
        _ => {
            let at = rng.below(b.len());
            m.drain(at..(at + 1 + rng.below(8)).min(b.len()));
        }
    }
    m
}

/// A corruption inside the framing with every checksum fixed up: exercises the decoders.
fn reseal_corrupt(b: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut secs = split(b);
    let mut head = b[..24].to_vec();
    let i = rng.below(secs.len());
    let body = &mut secs[i].1;
    match rng.below(7) {
        0 if !body.is_empty() => {
            let at = rng.below(body.len());
            body[at] ^= 1 << rng.below(8);
        }
        1 if body.len() >= 8 => {
            let at = rng.below(body.len() / 4) * 4;
            let v = rng.huge().to_le_bytes();
            let n = if rng.below(2) == 0 { 4 } else { 8 }.min(body.len() - at);
            body[at..at + n].copy_from_slice(&v[..n]);
        }
        2 => body.truncate(rng.below(body.len() + 1)),
        3 => {
            let at = rng.below(body.len() + 1);
            body.splice(at..at, (0..1 + rng.below(8)).map(|_| rng.next() as u8));
        }
        4 => {
            let s = secs.remove(i);
            if rng.below(2) == 0 {
                secs.insert(rng.below(secs.len() + 1), s.clone());
                secs.insert(rng.below(secs.len() + 1), s);
            }
        }
        5 => secs[i].0 = [1, 2, 3, 5, 6, 7, 8, 9, 0x8000_0001][rng.below(9)],
        _ => head[8 + rng.below(16)] ^= 1 << rng.below(8),
    }
    build(&head, &secs)
}

/// A source that hides its slice, so loading takes the copying path of the wasm bindings (a JS
/// `Uint8Array` read in place): small sections copied while parsed, rows straight into storage.
struct Copying<'a>(&'a [u8]);

impl ByteSource for Copying<'_> {
    fn size(&self) -> usize {
        self.0.len()
    }
    fn read<'d>(&self, at: usize, dst: &'d mut [MaybeUninit<u8>]) -> simile::Result<&'d mut [u8]> {
        (&self.0).read(at, dst)
    }
}

/// Loads `bytes` as the snapshot kind of `original`; on success, uses the result a little. The
/// copying source must come to the same outcome (the same error) as the slice.
fn load_and_use(bytes: &[u8], as_collection: bool) -> Result<(), String> {
    let copied = if as_collection {
        Collection::from_source(&Copying(bytes)).map(drop)
    } else {
        Database::from_source(&Copying(bytes)).map(drop)
    };
    let direct = load_direct(bytes, as_collection);
    match (&direct, copied.map_err(|e| e.to_string())) {
        (Ok(()), Ok(())) => {}
        (Err(a), Err(b)) if a == &b || a.contains("reload failed") => {}
        (a, b) => return Err(format!("source mismatch: slice {a:?}, copying source {b:?}")),
    }
    direct
}

fn load_direct(bytes: &[u8], as_collection: bool) -> Result<(), String> {
    if as_collection {
        let c = Collection::from_bytes(bytes).map_err(|e| e.to_string())?;
        Collection::from_bytes(&c.to_bytes()).map(drop).map_err(|e| format!("reload failed: {e}"))
    } else {
        let mut db = Database::from_bytes(bytes).map_err(|e| e.to_string())?;
        for c in db.collection_names() {
            let body = r#"{"limit": 10000, "with_payload": true, "with_vector": true}"#;
            db.request("POST", &format!("/collections/{c}/points/scroll"), body);
        }
        Database::from_bytes(&db.to_bytes()).map(drop).map_err(|e| format!("reload failed: {e}"))
    }
}

#[derive(Default)]
struct Tally {
    rejected: usize,
    accepted: usize,
    failures: Vec<String>,
}

/// One variant: no panic, no allocation beyond 8× the input (+4 KiB), an error unless `may_load`.
fn try_variant(m: &[u8], as_collection: bool, may_load: bool, what: &str, t: &mut Tally) {
    let (outcome, _, largest, _) = measured(|| std::panic::catch_unwind(|| load_and_use(m, as_collection)));
    let limit = 8 * m.len() + 4096;
    match outcome {
        Err(_) => t.failures.push(format!("{what}: PANIC")),
        Ok(Ok(())) if !may_load => t.failures.push(format!("{what}: corrupt input loaded")),
        Ok(Ok(())) => t.accepted += 1,
        Ok(Err(e)) if e.contains("reload failed") || e.contains("source mismatch") => t.failures.push(format!("{what}: {e}")),
        Ok(Err(e)) if !e.contains("Invalid snapshot: ") => t.failures.push(format!("{what}: unexpected error {e}")),
        Ok(Err(_)) => t.rejected += 1,
    }
    if largest > limit {
        t.failures.push(format!("{what}: allocated {largest} bytes at once for {} input bytes", m.len()));
    }
}

/// Real snapshots to corrupt: a few golden databases (UUIDs, named vectors, two collections),
/// the rich database (aliases, schema, missing vectors) and one collection snapshot.
fn mutation_bases() -> Vec<(String, Vec<u8>, bool)> {
    let mut out: Vec<(String, Vec<u8>, bool)> = ["035_search_nearest_vec_cosine.json", "079_recommend_sum_euclid.json", "139_query_sum_euclid.json"]
        .iter()
        .map(|n| (n.to_string(), golden_db(&golden_case(n)).to_bytes(), false))
        .collect();
    let rich = rich_db();
    out.push(("rich".into(), rich.to_bytes(), false));
    out.push(("rich/multi".into(), rich.collection("multi").unwrap().to_bytes(), true));
    out.push(("rich/sparse".into(), rich.collection("sparse").unwrap().to_bytes(), true));
    out.push(("graph".into(), graph_collection(), true));
    out
}

/// A collection of uint8 vectors with its HNSW graph: the sections read in pieces (rows into
/// their chunks, the graph's arrays into the graph).
fn graph_collection() -> Vec<u8> {
    let mut db = Database::new();
    let config = json!({"vectors": {"size": 16, "distance": "Euclid", "datatype": "uint8"}, "hnsw_config": {"m": 4, "full_scan_threshold": 10}});
    ok(&mut db, "PUT", "/collections/g", config);
    let points: Vec<Value> = (0..120).map(|i| json!({"id": i, "vector": (0..16).map(|j| (i * 31 + j * 17) % 256).collect::<Vec<_>>()})).collect();
    ok(&mut db, "PUT", "/collections/g/points", json!({ "points": points }));
    db.optimize("g", &mut |_, _| {}).expect("graph");
    assert_eq!(ok(&mut db, "GET", "/collections/g", Value::Null)["result"]["indexed_vectors_count"], 120);
    db.collection("g").unwrap().to_bytes()
}

#[test]
fn mutation() {
    let seed = std::env::var("SIMILE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
    });
    let iters: usize = std::env::var("SIMILE_FUZZ_ITERS").ok().and_then(|s| s.parse().ok()).unwrap_or(6000);
    println!("mutation: SIMILE_SEED={seed} SIMILE_FUZZ_ITERS={iters}");
    let mut rng = Rng(seed);
    let (mut t, mut count) = (Tally::default(), 0);
    let bases = mutation_bases();
    for (name, b, as_collection) in &bases {
        for cut in boundaries(b) {
            try_variant(&b[..cut], *as_collection, false, &format!("{name} truncated at {cut}"), &mut t);
            count += 1;
        }
        for i in 0..iters / bases.len() {
            let (m, resealed) = if i % 4 == 3 { (reseal_corrupt(b, &mut rng), true) } else { (corrupt(b, &mut rng), false) };
            if m != *b {
                try_variant(&m, *as_collection, resealed, &format!("{name} variant {i} (resealed: {resealed})"), &mut t);
                count += 1;
            }
        }
    }
    println!("mutation: {count} variants, {} rejected, {} loaded after a checksum-fixed edit", t.rejected, t.accepted);
    t.failures.truncate(20);
    assert!(t.failures.is_empty(), "seed {seed}:\n{}", t.failures.join("\n"));
    assert!(count >= 5000.min(iters));
}

// ---- benchmark: loading 100k × 384 against a plain copy of the same bytes ----

/// Smallest wall time of `runs` calls, in milliseconds.
fn best_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
#[ignore = "benchmark: cargo test --release --test snapshot -- --ignored bench_load --nocapture"]
fn bench_load_100k_384() {
    let (n, dim) = (100_000usize, 384usize);
    let mut c = Collection::new(VectorsConfig::Single(VectorParams { size: dim, distance: Distance::Dot, multivector_config: None, datatype: None })).unwrap();
    let mut rng = Rng(42);
    for start in (0..n).step_by(10_000) {
        let row = |rng: &mut Rng| (0..dim).map(|_| (rng.next() >> 40) as f32 / 1e7 - 0.8).collect();
        let points = (start..start + 10_000)
            .map(|i| PointInsert { id: PointId::Num(i as u64), vectors: vec![(String::new(), row(&mut rng))], payload: Default::default() })
            .collect();
        c.upsert(points).unwrap();
    }
    let bytes = c.to_bytes();
    let write = best_ms(3, || c.to_bytes());
    drop(c);
    let rows_len = n * dim * 4;
    let (mut pos, mut rows_at) = (40, 0);
    for (kind, body) in split(&bytes) {
        if kind == 5 {
            rows_at = pos + 24 + body.len() - rows_len;
        }
        pos = (pos + 24 + body.len()).next_multiple_of(8);
    }
    let rows = &bytes[rows_at..rows_at + rows_len];
    let memcpy = best_ms(7, || rows.to_vec());
    let floats = best_ms(7, || rows.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect::<Vec<f32>>());
    let hash = best_ms(7, || xxh64(rows, 0));
    let load = best_ms(7, || Collection::from_bytes(&bytes).unwrap());
    let (coll, peak, _, held) = measured(|| Collection::from_bytes(&bytes).unwrap());
    println!("snapshot {} MB; vector bytes {} MB", bytes.len() >> 20, rows_len >> 20);
    println!("memcpy (Vec<u8>::to_vec) {memcpy:.1} ms; Vec<f32> from_le_bytes {floats:.1} ms; xxh64 alone {hash:.1} ms");
    println!("Collection::from_bytes {load:.1} ms = {:.2} × memcpy; to_bytes {write:.1} ms", load / memcpy);
    println!("peak {} MB while loading, collection holds {} MB: ratio {:.3}", peak >> 20, held >> 20, peak as f64 / held as f64);
    assert_eq!(coll.len(), n);
    assert!(peak as f64 <= 1.2 * held as f64);
}
