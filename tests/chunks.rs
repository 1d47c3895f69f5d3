//! Chunked vector storage and the shared memory budget: searches over many small chunks answer
//! exactly as over one chunk (property test, seed printed), deleted rows' memory comes back,
//! and a memory pool's accounting returns to where it started after deletes and drops.

#[path = "support/rng.rs"]
mod rng;

use rng::Rng;
use serde_json::{json, Value};
use simile::database::MemoryPool;
use simile::{Database, Error};

fn call(db: &mut Database, method: &str, path: &str, body: &Value) -> (u16, String) {
    let r = db.request(method, path, &body.to_string());
    (r.status, r.envelope())
}

fn ok(db: &mut Database, method: &str, path: &str, body: Value) -> Value {
    let (status, text) = call(db, method, path, &body);
    assert_eq!(status, 200, "{method} {path}: {text}");
    serde_json::from_str::<Value>(&text).unwrap()["result"].clone()
}

fn vector(rng: &mut Rng, dim: usize, datatype: &str) -> Vec<f32> {
    let unit = |rng: &mut Rng| (rng.next() % 2001) as f32 / 1000.0 - 1.0;
    match datatype {
        "uint8" => (0..dim).map(|_| (rng.next() % 256) as f32).collect(),
        _ => (0..dim).map(|_| unit(rng)).collect(),
    }
}

/// A collection of `n` random points (some deleted again) with the given vector config.
fn random_db(rng: &mut Rng, n: u64, dim: usize, distance: &str, datatype: &str) -> Database {
    let mut db = Database::new();
    ok(&mut db, "PUT", "/collections/c", json!({"vectors": {"size": dim, "distance": distance, "datatype": datatype}}));
    let points: Vec<Value> = (0..n).map(|id| json!({"id": id, "vector": vector(rng, dim, datatype), "payload": {"k": id % 5}})).collect();
    ok(&mut db, "PUT", "/collections/c/points", json!({ "points": points }));
    let gone: Vec<u64> = (0..n).filter(|_| rng.next() % 7 == 0).collect();
    ok(&mut db, "POST", "/collections/c/points/delete", json!({ "points": gone }));
    db
}

/// Every kind of query the exact scan runs, with and without a filter.
fn queries(rng: &mut Rng, dim: usize, datatype: &str) -> Vec<Value> {
    let mut v = || vector(rng, dim, datatype);
    let filter = json!({"must_not": [{"key": "k", "match": {"value": 2}}]});
    vec![
        json!({"query": v(), "limit": 7, "with_payload": false}),
        json!({"query": v(), "limit": 5, "filter": filter}),
        json!({"query": {"recommend": {"positive": [v(), v()], "negative": [v()], "strategy": "best_score"}}, "limit": 6}),
        json!({"query": {"recommend": {"positive": [v()], "negative": [v()], "strategy": "sum_scores"}}, "limit": 6}),
        json!({"query": {"discover": {"target": v(), "context": [{"positive": v(), "negative": v()}]}}, "limit": 6}),
        json!({"query": {"context": [{"positive": v(), "negative": v()}]}, "limit": 6, "filter": filter}),
    ]
}

fn answer(db: &mut Database, body: &Value) -> String {
    let (status, text) = call(db, "POST", "/collections/c/points/query", body);
    assert_eq!(status, 200, "{body}: {text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    v["result"].to_string()
}

#[test]
fn scans_over_many_chunks_equal_a_scan_over_one() {
    let mut rng = Rng::from_env("chunked scan", 0x5eed_c4a2);
    for round in 0..12 {
        let dim = 1 + (rng.next() % 9) as usize;
        let n = 1 + rng.next() % 60;
        let distance = ["Cosine", "Dot", "Euclid", "Manhattan"][(rng.next() % 4) as usize];
        let datatype = ["float32", "float16", "uint8"][(rng.next() % 3) as usize];
        let mut one = random_db(&mut rng, n, dim, distance, datatype);
        let chunk_rows = [1, 2, 3, 7][(rng.next() % 4) as usize];
        let mut many = one.clone();
        many.collection_mut("c").unwrap().rechunk(chunk_rows);
        for q in queries(&mut rng, dim, datatype) {
            let (a, b) = (answer(&mut one, &q), answer(&mut many, &q));
            assert_eq!(a, b, "round {round}: {n} points, dim {dim}, {distance} {datatype}, {chunk_rows} rows per chunk, {q}");
        }
    }
}

#[test]
fn graph_walks_over_many_chunks_equal_one() {
    let mut rng = Rng::from_env("chunked graph", 0x9a7f);
    let mut one = random_db(&mut rng, 300, 8, "Cosine", "float32");
    let mut many = one.clone();
    many.collection_mut("c").unwrap().rechunk(5);
    for db in [&mut one, &mut many] {
        db.optimize("c", &mut |_, _| {}).unwrap();
        assert!(db.collection("c").unwrap().hnsw_index("").is_some());
    }
    for _ in 0..10 {
        let q = json!({"query": vector(&mut rng, 8, "float32"), "limit": 5, "params": {"hnsw_ef": 16}});
        assert_eq!(answer(&mut one, &q), answer(&mut many, &q), "{q}");
    }
}

#[test]
fn upserts_grow_chunk_by_chunk_and_compaction_gives_memory_back() {
    let mut rng = Rng::from_env("delete and reuse", 11);
    let mut db = Database::new();
    ok(&mut db, "PUT", "/collections/c", json!({"vectors": {"size": 512, "distance": "Dot", "datatype": "uint8"}}));
    let empty = db.memory_bytes();
    let ids: Vec<simile::PointId> = (0..5000).map(simile::PointId::Num).collect();
    let rows: Vec<f32> = (0..5000 * 512).map(|_| (rng.next() % 256) as f32).collect();
    db.upsert_flat("c", &ids, &rows, None).unwrap();
    let full = db.memory_bytes();
    // 5000 rows of 512 bytes: 3 chunks of 2048 rows (1 MiB each), none larger.
    let chunks = db.collection("c").unwrap().store("").unwrap().chunked().clone();
    assert!(matches!(chunks, simile::collection::ChunkedRows::U8(ref c) if c.chunks().len() == 3 && c.chunk_rows() == 2048));
    ok(&mut db, "POST", "/collections/c/points/delete", json!({"points": (0..5000).collect::<Vec<u64>>()}));
    db.collection_mut("c").unwrap().optimize();
    assert_eq!(db.memory_bytes(), empty, "compaction gave every chunk back");
    db.upsert_flat("c", &ids, &rows, None).unwrap();
    assert_eq!(db.memory_bytes(), full, "the same points take the same memory again");
}

#[test]
fn databases_in_one_pool_share_its_budget_and_give_bytes_back() {
    let pool = MemoryPool::new(3 << 20);
    let fill = |db: &mut Database, first: u64| {
        let ids: Vec<simile::PointId> = (first..first + 1000).map(simile::PointId::Num).collect();
        db.upsert_flat("c", &ids, &vec![0.5; 1000 * 256], None)
    };
    let mut dbs: Vec<Database> = (0..4).map(|_| Database::in_pool(&pool, None)).collect();
    let start = pool.total_bytes();
    for db in &mut dbs {
        ok(db, "PUT", "/collections/c", json!({"vectors": {"size": 256, "distance": "Dot"}}));
    }
    // 1000 points of 256 floats ≈ 1.1 MiB: two databases fit the 3 MiB budget, not three.
    fill(&mut dbs[0], 0).unwrap();
    fill(&mut dbs[1], 0).unwrap();
    for db in &mut dbs[2..] {
        let err = fill(db, 0).unwrap_err();
        let Error::MemoryBudget { database, budget, used, .. } = &err else { panic!("{err}") };
        assert_eq!((database.as_str(), *budget), (db.name().as_str(), 3 << 20));
        assert_eq!(*used, pool.total_bytes());
        assert!(err.to_string().starts_with(&format!("Memory budget exceeded: database \"{}\" needs", db.name())), "{err}");
        assert!(err.to_string().contains(&format!("{} of the 3145728-byte budget are left", (3 << 20) - pool.total_bytes())), "{err}");
    }
    assert_eq!(dbs.iter().map(Database::name).collect::<Vec<_>>(), ["database 1", "database 2", "database 3", "database 4"]);
    assert_eq!(pool.total_bytes(), dbs.iter().map(Database::memory_bytes).sum::<usize>());
    // A clone is a second copy: it counts; dropping it gives its bytes back.
    let copy = dbs[0].clone();
    assert_eq!(pool.total_bytes(), dbs.iter().map(Database::memory_bytes).sum::<usize>() + copy.memory_bytes());
    drop(copy);
    // Deleting a collection and dropping a database give their bytes back.
    assert!(dbs[1].delete_collection("c"));
    fill(&mut dbs[2], 0).unwrap();
    dbs.remove(0);
    fill(&mut dbs[2], 0).unwrap();
    for db in &mut dbs {
        db.delete_collection("c");
    }
    assert_eq!(pool.total_bytes(), start);
    dbs.clear();
    assert_eq!((pool.total_bytes(), pool.members()), (0, 0));
}

#[test]
fn the_budget_is_the_pool_s() {
    let pool = MemoryPool::new(1 << 20);
    let mut a = Database::in_pool(&pool, Some("app"));
    let b = Database::in_pool(&pool, None);
    a.set_memory_budget(5 << 20);
    assert_eq!((a.memory_budget(), b.memory_budget(), pool.budget()), (5 << 20, 5 << 20, 5 << 20));
    assert_eq!(a.name(), "app");
    // A database restored elsewhere joins only if it fits what the others leave.
    let mut big = Database::new();
    ok(&mut big, "PUT", "/collections/c", json!({"vectors": {"size": 256, "distance": "Dot"}}));
    let ids: Vec<simile::PointId> = (0..6000).map(simile::PointId::Num).collect();
    big.upsert_flat("c", &ids, &vec![0.5; 6000 * 256], None).unwrap();
    let err = big.join_pool(&pool, Some("restored")).unwrap_err();
    assert!(err.to_string().starts_with("Memory budget exceeded: database \"restored\""), "{err}");
    pool.set_budget(64 << 20);
    big.join_pool(&pool, None).unwrap();
    assert_eq!(pool.total_bytes(), a.memory_bytes() + b.memory_bytes() + big.memory_bytes());
}
