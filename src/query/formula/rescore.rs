//! Rescoring prefetched points with a formula (Qdrant `SegmentReadView::do_rescore_with_formula`,
//! lib/segment/src/segment/read_view/formula_rescore.rs:29-104, and the shard's aggregation,
//! lib/collection/src/collection_manager/segments_searcher.rs:514-570, v1.19.0).

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
    let entries = listed_scores(coll, lists);
    let points = entries.chunk_by(|a, b| a.offset == b.offset);
    let mut top = TopK::new(limit.min(points.clone().count()));
    for scores in points {
        let offset = scores[0].offset;
        // The entries of one point are in list order, later positions last: the last entry
        // of list `i` is its score there.
        let score_in = |i: usize| scores.iter().rev().find(|e| e.list == i).map(|e| e.score);
        let score = formula.score_with(coll, offset, &score_in)?;
        if score_threshold.map_or(true, |t| score >= t) {
            top.push(score, offset);
        }
    }
    Ok(top.into_sorted())
}

/// One listed score: point `offset` scored `score` in prefetch `list`.
struct Listed {
    offset: u32,
    list: usize,
    score: f32,
}

/// Every live point's scores in every list, by offset, then list, then position in the list
/// (a sort of plain records: cheaper than a set and a map per list for a thousand points).
fn listed_scores(coll: &Collection, lists: &[Vec<Scored>]) -> Vec<Listed> {
    let mut entries: Vec<Listed> = lists
        .iter()
        .enumerate()
        .flat_map(|(list, points)| points.iter().map(move |s| Listed { offset: s.offset, list, score: s.score }))
        .filter(|e| coll.is_alive(e.offset as usize))
        .collect();
    // Stable: equal (offset, list) keep their order in the list.
    entries.sort_by_key(|e| (e.offset, e.list));
    entries
}
