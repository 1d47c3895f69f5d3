//! The golden corpus, replayed natively through `Database::request`.
//!
//! Every case in `tests/golden/` (or in `$SIMILE_GOLDEN_DIR`) must pass. Prints per-tag totals.

#[path = "support/golden.rs"]
mod golden;

use simile::Database;
use std::collections::BTreeMap;

#[test]
fn golden_corpus() {
    let dir = std::env::var("SIMILE_GOLDEN_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden").into());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("golden dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    files.sort();
    let mut tags: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut failures = Vec::new();
    for f in &files {
        let case: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let mut db = Database::new();
        let mut req = |m: &str, p: &str, b: &str| {
            let r = db.request(m, p, b);
            (r.status, r.envelope())
        };
        let outcome = golden::run_case(&case, &mut req);
        for t in case["tags"].as_array().into_iter().flatten().filter_map(|t| t.as_str()) {
            let e = tags.entry(t.to_string()).or_default();
            e.0 += outcome.is_ok() as u32;
            e.1 += 1;
        }
        if let Err(e) = outcome {
            failures.push(format!("{}: {e}", f.file_name().unwrap().to_string_lossy()));
        }
    }
    for (t, (ok, n)) in &tags {
        println!("{t:40} {ok}/{n}");
    }
    for f in &failures {
        println!("FAIL {f}");
    }
    println!("golden: {} passed, {} failed", files.len() - failures.len(), failures.len());
    assert!(failures.is_empty(), "{} golden cases failed", failures.len());
    assert!(!files.is_empty(), "no golden cases found in {dir}");
}
