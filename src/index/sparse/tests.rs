//! The store's inverted index kept exact through sets, overwrites and removals.

use super::{Posting, SparseStore, SparseVector};

fn sv(i: &[u32], v: &[f32]) -> Option<SparseVector> {
    Some(SparseVector { indices: i.to_vec(), values: v.to_vec() })
}

fn offsets(store: &SparseStore, dim: u32) -> Vec<u32> {
    store.postings(dim).iter().map(|p| p.offset).collect()
}

#[test]
fn postings_follow_every_change() {
    let mut s = SparseStore::default();
    s.apply([(0, sv(&[1, 2], &[1.0, 2.0])), (5, sv(&[2], &[5.0])), (3, sv(&[], &[]))]);
    assert_eq!(offsets(&s, 2), vec![0, 5]);
    assert_eq!((s.indexed(), s.nonzeros(), s.rows()), (2, 3, 6));
    // Overwrite in the middle of a list, remove, and a repeated offset (last change wins).
    s.apply([(3, sv(&[2, 9], &[3.0, 9.0])), (0, None), (5, sv(&[7], &[1.0])), (5, sv(&[2], &[6.0]))]);
    assert_eq!(s.postings(2), &[Posting { offset: 3, weight: 3.0 }, Posting { offset: 5, weight: 6.0 }]);
    assert!(s.postings(1).is_empty());
    assert!(s.postings(7).is_empty());
    assert_eq!((s.df(9), s.indexed(), s.nonzeros()), (1, 2, 3));
    assert!(!s.has(0) && s.has(3));
    s.apply([(3, None), (5, None)]);
    assert_eq!((s.indexed(), s.nonzeros()), (0, 0));
    assert!(s.postings(2).is_empty());
}

#[test]
fn bytes_grow_with_entries_and_shrink_back() {
    let mut s = SparseStore::default();
    let empty = s.bytes();
    let many: Vec<(usize, Option<SparseVector>)> = (0..100).map(|o| (o, sv(&[1, 2, 3], &[1.0, 1.0, 1.0]))).collect();
    s.apply(many);
    assert!(s.bytes() >= empty + 300 * super::BYTES_PER_NONZERO);
    s.apply((0..100).map(|o| (o, None)));
    assert_eq!(s.nonzeros(), 0);
    assert!(s.bytes() < 100 * 300, "{}", s.bytes());
}
