//! The memory budget: writes that would exceed it are rejected before allocating, nothing
//! changes, and the database keeps working.

use simile::Database;

fn upsert(db: &mut Database, from: u64, n: u64) -> simile::Response {
    let points: Vec<_> = (from..from + n)
        .map(|i| serde_json::json!({"id": i, "vector": vec![i as f32; 64], "payload": {"i": i}}))
        .collect();
    db.request("PUT", "/collections/c/points", &serde_json::json!({ "points": points }).to_string())
}

#[test]
fn upserts_beyond_the_budget_are_rejected_and_nothing_changes() {
    let mut db = Database::new();
    db.set_memory_budget(200_000);
    let r = db.request("PUT", "/collections/c", r#"{"vectors":{"size":64,"distance":"Dot"}}"#);
    assert_eq!(r.status, 200);
    let mut loaded = 0;
    loop {
        let r = upsert(&mut db, loaded, 50);
        if r.status != 200 {
            assert_eq!(r.status, 507, "{}", r.envelope());
            assert!(r.envelope().contains("Memory budget exceeded"), "{}", r.envelope());
            break;
        }
        loaded += 50;
        assert!(loaded < 10_000, "budget never enforced");
    }
    assert!(loaded > 0);
    assert!(db.memory_bytes() <= 200_000, "used {}", db.memory_bytes());
    let count = db.request("POST", "/collections/c/points/count", "{}");
    assert!(count.envelope().contains(&format!("\"count\":{loaded}")), "{}", count.envelope());
    let search = db.request("POST", "/collections/c/points/search", r#"{"vector":[1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0],"limit":1}"#);
    assert_eq!(search.status, 200, "{}", search.envelope());
    // Deleting frees room for new points.
    let ids: Vec<u64> = (0..loaded).collect();
    let del = db.request("POST", "/collections/c/points/delete", &serde_json::json!({ "points": ids }).to_string());
    assert_eq!(del.status, 200);
    assert_eq!(upsert(&mut db, 0, 50).status, 200);
}
