//! Selection and sorting of scored candidates, best first, with every comparison inline: the
//! crate is built at opt-level "z", where std's `select_nth_unstable_by` and `sort_unstable_by`
//! call their comparator through a closure left out of line, a call per comparison in a deep
//! top-k's cut (grouped queries rank 4,096 deep).

use super::topk::{total_key, Scored};
use std::cmp::Ordering;

/// Reorders `items` so its `k` (≥ 1) greatest come first with the least of them at `k − 1`:
/// a quickselect whose comparisons stay inline; std's `select_nth_unstable_by` calls its
/// comparator through a closure that opt-level "z" leaves out of line.
pub(crate) fn select_greatest(items: &mut [Scored], k: usize) {
    let (mut lo, mut hi, target) = (0, items.len(), k - 1);
    while hi - lo > 16 {
        let at = partition(items, lo, hi);
        match at.cmp(&target) {
            Ordering::Equal => return,
            Ordering::Greater => hi = at,
            Ordering::Less => lo = at + 1,
        }
    }
    insertion_sort(&mut items[lo..hi]);
}

/// Sorts best first: an LSD radix sort (8 passes of 8 bits) over one u64 key per item that
/// orders as `Scored` does, bigger first. Linear in the items: a deep ranking (4,096) sorts
/// in a tenth of a comparison sort's time at opt-level "z".
pub(crate) fn sort_best_first(items: &mut [Scored]) {
    if items.len() <= 16 {
        insertion_sort(items);
        return;
    }
    let mut keys: Vec<u64> = items.iter().map(|s| key_of(*s)).collect();
    let mut spare = vec![0u64; keys.len()];
    for shift in (0..64).step_by(8) {
        let mut starts = [0usize; 256];
        for &k in &keys {
            starts[255 - (k >> shift & 0xFF) as usize] += 1;
        }
        let mut at = 0;
        for slot in starts.iter_mut() {
            let count = *slot;
            *slot = at;
            at += count;
        }
        for &k in &keys {
            let digit = 255 - (k >> shift & 0xFF) as usize;
            spare[starts[digit]] = k;
            starts[digit] += 1;
        }
        std::mem::swap(&mut keys, &mut spare);
    }
    for (item, &k) in items.iter_mut().zip(&keys) {
        *item = scored_of(k);
    }
}

/// The score's total-order key (sign bit flipped: unsigned order) above the offset's
/// complement: a bigger key is a better item.
#[inline(always)]
fn key_of(s: Scored) -> u64 {
    let score = (total_key(s.score) as u32) ^ 0x8000_0000;
    u64::from(score) << 32 | u64::from(u32::MAX - s.offset)
}

/// The item of [`key_of`]'s key (the total-order key is its own inverse).
#[inline(always)]
fn scored_of(k: u64) -> Scored {
    let key = ((k >> 32) as u32) ^ 0x8000_0000;
    let score = f32::from_bits(total_key(f32::from_bits(key)) as u32);
    Scored { score, offset: u32::MAX - k as u32 }
}

/// Partitions `items[lo..hi]` (more than 3) around a median-of-three pivot: greater items
/// before it, the rest after; returns where the pivot ends.
#[inline(always)]
fn partition(items: &mut [Scored], lo: usize, hi: usize) -> usize {
    let (mid, last) = (lo + (hi - lo) / 2, hi - 1);
    let (a, b, c) = (items[lo], items[mid], items[last]);
    let median = if (a > b) == (b > c) { mid } else if (b > a) == (a > c) { lo } else { last };
    swap(items, lo, median);
    let pivot = items[lo];
    let mut store = lo + 1;
    for i in lo + 1..hi {
        if items[i] > pivot {
            swap(items, i, store);
            store += 1;
        }
    }
    swap(items, lo, store - 1);
    store - 1
}

/// Best first, for short runs.
#[inline(always)]
fn insertion_sort(items: &mut [Scored]) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && items[j] > items[j - 1] {
            swap(items, j, j - 1);
            j -= 1;
        }
    }
}

/// `slice::swap`, inline (a call per swap at opt-level "z").
#[inline(always)]
fn swap(items: &mut [Scored], i: usize, j: usize) {
    let t = items[i];
    items[i] = items[j];
    items[j] = t;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_and_sort_order_best_first_as_std_does() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        println!("seed {seed:#x}");
        for n in [1usize, 2, 3, 16, 17, 40, 333, 2000] {
            let items: Vec<Scored> = (0..n as u32)
                .map(|offset| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    Scored { score: (seed % 50) as f32 - 25.0, offset }
                })
                .collect();
            let mut sorted = items.clone();
            sorted.sort_unstable_by(|a, b| b.cmp(a));
            for k in [1, 2, n / 2, n.saturating_sub(1), n].into_iter().filter(|&k| k >= 1 && k <= n) {
                let mut got = items.clone();
                select_greatest(&mut got, k);
                let mut kept = got[..k].to_vec();
                assert_eq!(kept[k - 1], sorted[k - 1], "n={n} k={k}: the least kept last");
                kept.sort_unstable_by(|a, b| b.cmp(a));
                assert_eq!(kept, sorted[..k], "n={n} k={k}");
            }
            let mut all = items.clone();
            sort_best_first(&mut all);
            assert_eq!(all, sorted, "sort_best_first n={n}");
            let odd = [f32::NEG_INFINITY, -0.0, 0.0, 1e-42, -1e-42, f32::INFINITY, f32::NAN, 3.5];
            let mut special: Vec<Scored> = (0..40u32).map(|o| Scored { score: odd[o as usize % odd.len()], offset: o * 7 % 40 }).collect();
            let mut want = special.clone();
            want.sort_unstable_by(|a, b| b.cmp(a));
            sort_best_first(&mut special);
            let bits = |v: &[Scored]| v.iter().map(|s| (s.score.to_bits(), s.offset)).collect::<Vec<_>>();
            assert_eq!(bits(&special), bits(&want), "special values keep their bits and order");
        }
    }
}
