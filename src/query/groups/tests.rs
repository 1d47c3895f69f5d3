//! The ranked walk ([`fetch`]) against re-running the plan, on seeded collections: for every
//! restriction the driver can produce, both must return the same points with the same scores.

use super::driver::Restriction;
use super::fetch::Fetcher;
use super::{GroupKey, GroupSpec};
use crate::payload::JsonPath;
use crate::query::{Node, Plan, Scoring, ScoringQuery};
use crate::Database;
use serde_json::json;
use std::collections::HashSet;

fn xorshift(s: &mut u64) -> u64 {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    *s
}

/// Points whose field is missing, null or an empty array are in no group; the walk checks that
/// itself (the ranking does not), so they must be present here.
fn group_value(seed: &mut u64) -> Option<serde_json::Value> {
    Some(match xorshift(seed) % 8 {
        0 => json!(["a", 2]),
        1 => json!(2),
        2 => json!(2.5),
        3 => return None,
        4 if xorshift(seed) % 2 == 0 => json!(null),
        4 => json!([]),
        _ => json!(["a", "b", "c", "d"][(xorshift(seed) % 4) as usize]),
    })
}

/// With `indexed`, a keyword index on the field lets a run that the ranking cannot answer
/// re-run the plan on the index's candidates.
fn database(seed: &mut u64, distance: &str, indexed: bool) -> Database {
    let mut db = Database::new();
    let r = db.request("PUT", "/collections/c", &json!({"vectors": {"size": 3, "distance": distance}}).to_string());
    assert_eq!(r.status, 200);
    let points: Vec<_> = (1..=300u64)
        .map(|id| {
            // Coarse coordinates: many exact score ties, which the two paths must break alike.
            let v: Vec<f32> = (0..3).map(|_| (xorshift(seed) % 7) as f32 - 3.0).collect();
            let payload = group_value(seed).map_or(json!({}), |g| json!({ "g": g }));
            json!({"id": id, "vector": v, "payload": payload})
        })
        .collect();
    assert_eq!(db.request("PUT", "/collections/c/points", &json!({ "points": points }).to_string()).status, 200);
    if indexed {
        let r = db.request("PUT", "/collections/c/index", r#"{"field_name": "g", "field_schema": "keyword"}"#);
        assert_eq!(r.status, 200);
    }
    db
}

fn restriction<'a>(seed: &mut u64, placed: &'a mut HashSet<u32>) -> Restriction<'a> {
    let keys = [GroupKey::Str("a".into()), GroupKey::Str("b".into()), GroupKey::U64(2), GroupKey::Str("c".into())];
    let pick = |seed: &mut u64| keys.iter().filter(|_| xorshift(seed) % 2 == 0).cloned().collect::<Vec<_>>();
    let except = pick(seed);
    let only = (xorshift(seed) % 2 == 0).then(|| pick(seed));
    *placed = (0..xorshift(seed) % 40).map(|_| (xorshift(seed) % 300) as u32).collect();
    Restriction { except, only, placed }
}

#[test]
fn the_ranked_walk_returns_what_re_running_the_plan_returns() {
    let mut seed = 0x9E37_79B9_7F4A_7C15;
    println!("seed {seed:#x}");
    let rounds = ["Dot", "Euclid", "Cosine", "Manhattan"].into_iter().flat_map(|d| [(d, false), (d, true)]);
    for (round, (distance, indexed)) in rounds.enumerate() {
        let db = database(&mut seed, distance, indexed);
        let coll = db.collection("c").unwrap();
        for case in 0..40 {
            let q: Vec<f32> = (0..3).map(|_| (xorshift(&mut seed) % 5) as f32 - 2.0).collect();
            let mut q = q;
            coll.config().params("").unwrap().distance.preprocess(&mut q);
            let threshold = (case % 3 == 0).then_some(0.5);
            let leaf = Node::leaf(Scoring::Vector { using: String::new(), query: ScoringQuery::nearest(q) }, None, 1, threshold);
            let plan = Plan::new(leaf, 0, HashSet::new()).unwrap();
            let spec = GroupSpec { group_by: JsonPath::parse("g").unwrap(), group_size: 1 + case % 4, groups: 1 + case % 7 };
            let mut ranked = Fetcher::new(coll, &plan, &spec).unwrap();
            let mut replan = Fetcher::new(coll, &plan, &spec).unwrap().replanning();
            for _ in 0..6 {
                let mut placed = HashSet::new();
                let r = restriction(&mut seed, &mut placed);
                let (a, b) = (ranked.fetch(&r).unwrap(), replan.fetch(&r).unwrap());
                let key = |h: &super::Hit| (h.offset, h.score.to_bits());
                assert_eq!(a.iter().map(key).collect::<Vec<_>>(), b.iter().map(key).collect::<Vec<_>>(), "round {round} case {case} {r:?}");
            }
        }
    }
}
