//! Rescoring prefetched points with a formula (Qdrant `SegmentReadView::do_rescore_with_formula`,
//! lib/segment/src/segment/read_view/formula_rescore.rs:29-104, and the shard's aggregation,
//! lib/collection/src/collection_manager/segments_searcher.rs:514-570, v1.19.0).

use std::collections::{BTreeSet, HashMap};

use super::Formula;
use crate::collection::Collection;
use crate::error::Result;
use crate::query::topk::{Scored, TopK};

/// The union of the `lists`' points, rescored with `formula`, best first:
///
/// * each list gives its points' `$score[i]` (a point listed twice: the later score);
///   points no longer alive are dropped (Qdrant resolves ids to live points first);
/// * every point of the union is scored; any point's error fails the whole rescoring (Qdrant
///   stops at the first error it meets, in hash order; here: in ascending offset order);
/// * points scoring below `score_threshold` are dropped (`score >= threshold` stays);
/// * the `limit` best remain, by score descending. Qdrant orders equal scores arbitrarily;
///   here they go by ascending offset.
pub fn rescore(
    coll: &Collection,
    formula: &Formula,
    lists: &[Vec<Scored>],
    limit: usize,
    score_threshold: Option<f32>,
) -> Result<Vec<Scored>> {
    let mut union = BTreeSet::new();
    let maps: Vec<HashMap<u32, f32>> = lists
        .iter()
        .map(|list| {
            let live = list.iter().filter(|s| coll.is_alive(s.offset as usize));
            live.map(|s| {
                union.insert(s.offset);
                (s.offset, s.score)
            })
            .collect()
        })
        .collect();
    let mut top = TopK::new(limit.min(union.len()));
    for offset in union {
        let score = formula.score_with(coll, offset, &|i| maps.get(i)?.get(&offset).copied())?;
        if score_threshold.map_or(true, |t| score >= t) {
            top.push(score, offset);
        }
    }
    Ok(top.into_sorted())
}
