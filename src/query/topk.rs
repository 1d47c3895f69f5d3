//! Bounded top-k by score (bigger is better) with a running threshold.
//!
//! Like Qdrant's `FixedLengthPriorityQueue` (lib/common/common/src/fixed_length_priority_queue.rs):
//! once full, a newcomer must beat the current minimum strictly; an equal score is dropped.
//! Capacity is fixed up front, so pushing never allocates.

use super::best_first::{select_greatest, sort_best_first};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A scored candidate: `(score, offset)`, ordered by score then offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub score: f32,
    pub offset: u32,
}

impl Eq for Scored {}

/// `f32::total_cmp`'s key: the bits as an i32 with the magnitude bits of negatives flipped, so
/// integer order is IEEE total order. Written out (and the comparisons below forced inline)
/// because the crate is optimised for size and a call per comparison slowed deep top-k cuts.
#[inline(always)]
pub(crate) fn total_key(x: f32) -> i32 {
    let bits = x.to_bits() as i32;
    bits ^ (((bits >> 31) as u32) >> 1) as i32
}

impl Ord for Scored {
    #[inline(always)]
    fn cmp(&self, other: &Self) -> Ordering {
        total_key(self.score).cmp(&total_key(other.score)).then(other.offset.cmp(&self.offset))
    }
}

impl PartialOrd for Scored {
    #[inline(always)]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
    #[inline(always)]
    fn lt(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Less
    }
    #[inline(always)]
    fn le(&self, other: &Self) -> bool {
        self.cmp(other) != Ordering::Greater
    }
    #[inline(always)]
    fn gt(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Greater
    }
    #[inline(always)]
    fn ge(&self, other: &Self) -> bool {
        self.cmp(other) != Ordering::Less
    }
}

/// A [`Scored`] in reverse order: a max-heap of these has the worst on top. `std::cmp::Reverse`
/// with its comparisons forced inline (see [`total_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Worst(pub Scored);

impl Ord for Worst {
    #[inline(always)]
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.cmp(&self.0)
    }
}

impl PartialOrd for Worst {
    #[inline(always)]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
    #[inline(always)]
    fn lt(&self, other: &Self) -> bool {
        other.0 < self.0
    }
    #[inline(always)]
    fn le(&self, other: &Self) -> bool {
        other.0 <= self.0
    }
    #[inline(always)]
    fn gt(&self, other: &Self) -> bool {
        other.0 > self.0
    }
    #[inline(always)]
    fn ge(&self, other: &Self) -> bool {
        other.0 >= self.0
    }
}

/// Keeps the `k` best candidates seen so far.
#[derive(Debug)]
pub struct TopK {
    k: usize,
    keep: Keep,
}

/// How the best are kept: a heap (any push order), or, for a deep top-k fed in ascending
/// offset order, a buffer cut back to the best `k` by selection whenever it holds `2k`.
#[derive(Debug)]
enum Keep {
    Heap(BinaryHeap<Worst>),
    Select { items: Vec<Scored>, bar: f32 },
}

/// From this `k` on, a scan keeps its best by selection: a thousand-deep heap (a prefetch of
/// 1,000, a grouped query's ranking) spends more on sifting than the buffer on cutting.
const SELECT_FROM: usize = 128;

impl TopK {
    /// `k` is clamped by the caller to the number of candidates, so this never over-allocates.
    pub fn new(k: usize) -> Self {
        TopK { k, keep: Keep::Heap(BinaryHeap::with_capacity(k)) }
    }

    /// A top-k whose candidates are pushed in ascending offset order (a scan). It keeps what
    /// [`TopK::new`] keeps: with ascending offsets, an equal score never displaces, so both
    /// hold the `k` greatest by [`Scored`]'s order.
    pub fn for_ascending_offsets(k: usize) -> Self {
        if k < SELECT_FROM {
            return TopK::new(k);
        }
        TopK { k, keep: Keep::Select { items: Vec::with_capacity(2 * k), bar: f32::NEG_INFINITY } }
    }

    /// The score a candidate must beat to enter, once full (for a selecting top-k, the bar of
    /// its last cut: pushes between cuts may still fall out at the next).
    #[inline(always)]
    pub fn threshold(&self) -> f32 {
        match &self.keep {
            Keep::Heap(heap) if heap.len() >= self.k => heap.peek().map_or(f32::NEG_INFINITY, |r| r.0.score),
            Keep::Heap(_) => f32::NEG_INFINITY,
            Keep::Select { bar, .. } => *bar,
        }
    }

    #[inline(always)]
    pub fn push(&mut self, score: f32, offset: u32) {
        if self.k == 0 || score.is_nan() {
            return;
        }
        let k = self.k;
        match &mut self.keep {
            Keep::Heap(heap) if heap.len() < k => heap.push(Worst(Scored { score, offset })),
            Keep::Heap(heap) => {
                if let Some(mut min) = heap.peek_mut().filter(|m| score > m.0.score) {
                    *min = Worst(Scored { score, offset });
                }
            }
            Keep::Select { items, bar } => {
                if items.len() < k || score > *bar {
                    items.push(Scored { score, offset });
                    if items.len() >= 2 * k {
                        *bar = cut(items, k);
                    }
                }
            }
        }
    }

    /// The kept candidates, best first (ties by ascending offset).
    pub fn into_sorted(self) -> Vec<Scored> {
        let mut v: Vec<Scored> = match self.keep {
            Keep::Heap(heap) => heap.into_iter().map(|r| r.0).collect(),
            Keep::Select { mut items, .. } => {
                cut(&mut items, self.k);
                items
            }
        };
        sort_best_first(&mut v);
        v
    }
}

/// Keeps the `k` greatest of `items` (the least of them last, the rest in no order); returns
/// the least kept score.
fn cut(items: &mut Vec<Scored>, k: usize) -> f32 {
    if items.len() > k && k > 0 {
        select_greatest(items, k);
        items.truncate(k);
    }
    items.last().map_or(f32::NEG_INFINITY, |s| s.score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_total_cmp_then_lower_offset() {
        let values = [f32::NEG_INFINITY, -1.5, -0.0, 0.0, 1e-40, 2.0, f32::INFINITY, f32::NAN, -f32::NAN];
        for &a in &values {
            for &b in &values {
                for (x, y) in [(1, 2), (2, 1), (3, 3)] {
                    let (p, q) = (Scored { score: a, offset: x }, Scored { score: b, offset: y });
                    assert_eq!(p.cmp(&q), a.total_cmp(&b).then(y.cmp(&x)), "{a} {b} {x} {y}");
                }
            }
        }
    }

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

    /// Seeded: scores from a few values (many ties), pushed in ascending offset order; the
    /// selecting top-k must keep exactly what the heap keeps, for every k.
    #[test]
    fn selecting_keeps_what_the_heap_keeps_on_ascending_offsets() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        println!("seed {seed:#x}");
        for round in 0..200 {
            let n = 1 + (round * 37) % 3000;
            let k = [0, 1, 5, SELECT_FROM, SELECT_FROM + 3, 700, n][round % 7].min(n);
            let (mut heap, mut select) = (TopK::new(k), TopK::for_ascending_offsets(k));
            for offset in 0..n as u32 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let score = match seed % 50 {
                    0 => f32::NAN,
                    1 => f32::NEG_INFINITY,
                    v => (v % 9) as f32 / 4.0,
                };
                heap.push(score, offset);
                select.push(score, offset);
            }
            assert_eq!(heap.into_sorted(), select.into_sorted(), "round {round}, n {n}, k {k}");
        }
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
