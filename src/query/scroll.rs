//! Points in id order that pass a filter: scroll, count, point selectors by filter, and the
//! Query API's leaf without a query.

use crate::collection::Collection;
use crate::filter::Filter;
use crate::point_id::PointOffset;

/// Live offsets passing `filter` (all when `None`), in id order.
pub fn matching<'a>(coll: &'a Collection, filter: Option<&'a Filter>) -> impl Iterator<Item = PointOffset> + 'a {
    coll.offsets_by_id().map(|(_, off)| off).filter(move |off| matches(coll, filter, *off))
}

/// Checks `filter` against one point.
pub fn matches(coll: &Collection, filter: Option<&Filter>, offset: PointOffset) -> bool {
    filter.map_or(true, |f| f.check(&coll.point(offset)))
}

/// Up to `limit` of `candidates`, drawn uniformly at random without replacement (partial
/// Fisher–Yates), in drawing order: `{"sample": "random"}` (local_shard/scroll.rs
/// `scroll_randomly`). The seed changes on every call; nothing here is reproducible, as on the
/// server.
pub fn sample(candidates: Vec<PointOffset>, limit: usize) -> Vec<PointOffset> {
    sample_seeded(candidates, limit, next_seed())
}

/// [`sample`] with a given seed: the same seed and candidates give the same draw.
pub fn sample_seeded(mut candidates: Vec<PointOffset>, limit: usize, seed: u64) -> Vec<PointOffset> {
    // xorshift has a fixed point at 0.
    let mut state = seed | 1;
    let take = limit.min(candidates.len());
    for i in 0..take {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = i + (state % (candidates.len() - i) as u64) as usize;
        candidates.swap(i, j);
    }
    candidates.truncate(take);
    candidates
}

/// A fresh xorshift seed: a process-wide counter mixed by splitmix64 (wasm has no entropy source
/// without JavaScript, and sampling needs variety, not secrecy).
pub fn next_seed() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);
    let mut z = COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) | 1
}

#[cfg(test)]
mod tests {
    use super::sample;

    #[test]
    fn samples_are_distinct_members_and_vary() {
        let all: Vec<u32> = (0..100).collect();
        let a = sample(all.clone(), 10);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!((a.len(), sorted.len()), (10, 10));
        assert_eq!(sample(all.clone(), 1000).len(), 100);
        assert!((0..5).any(|_| sample(all.clone(), 10) != a), "the seed must change between calls");
    }
}
