//! Bounded top-k by score (bigger is better) with a running threshold.
//!
//! Like Qdrant's `FixedLengthPriorityQueue` (lib/common/common/src/fixed_length_priority_queue.rs):
//! once full, a newcomer must beat the current minimum strictly; an equal score is dropped.
//! Capacity is fixed up front, so pushing never allocates.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// A scored candidate: `(score, offset)`, ordered by score then offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub score: f32,
    pub offset: u32,
}

impl Eq for Scored {}

impl Ord for Scored {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score.total_cmp(&other.score).then_with(|| other.offset.cmp(&self.offset))
    }
}

impl PartialOrd for Scored {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Keeps the `k` best candidates seen so far.
#[derive(Debug)]
pub struct TopK {
    k: usize,
    heap: BinaryHeap<Reverse<Scored>>,
}

impl TopK {
    /// `k` is clamped by the caller to the number of candidates, so this never over-allocates.
    pub fn new(k: usize) -> Self {
        TopK { k, heap: BinaryHeap::with_capacity(k) }
    }

    /// The score a candidate must beat to enter, once full.
    #[inline]
    pub fn threshold(&self) -> f32 {
        if self.heap.len() < self.k {
            f32::NEG_INFINITY
        } else {
            self.heap.peek().map_or(f32::NEG_INFINITY, |r| r.0.score)
        }
    }

    #[inline]
    pub fn push(&mut self, score: f32, offset: u32) {
        if self.k == 0 || score.is_nan() {
            return;
        }
        if self.heap.len() < self.k {
            self.heap.push(Reverse(Scored { score, offset }));
        } else if score > self.threshold() {
            if let Some(mut min) = self.heap.peek_mut() {
                *min = Reverse(Scored { score, offset });
            }
        }
    }

    /// The kept candidates, best first (ties by ascending offset).
    pub fn into_sorted(self) -> Vec<Scored> {
        let mut v: Vec<Scored> = self.heap.into_iter().map(|r| r.0).collect();
        v.sort_unstable_by(|a, b| b.cmp(a));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_best_k_in_order() {
        let mut t = TopK::new(3);
        for (i, s) in [0.1, 0.9, 0.5, 0.3, 0.95, -1.0].iter().enumerate() {
            t.push(*s, i as u32);
        }
        let got: Vec<u32> = t.into_sorted().iter().map(|s| s.offset).collect();
        assert_eq!(got, vec![4, 1, 2]);
    }

    #[test]
    fn equal_newcomer_is_dropped_when_full() {
        let mut t = TopK::new(1);
        t.push(0.5, 7);
        t.push(0.5, 8);
        assert_eq!(t.into_sorted()[0].offset, 7);
    }

    #[test]
    fn zero_capacity_and_nan() {
        let mut t = TopK::new(0);
        t.push(1.0, 0);
        assert!(t.into_sorted().is_empty());
        let mut t = TopK::new(2);
        t.push(f32::NAN, 0);
        assert!(t.into_sorted().is_empty());
    }
}
