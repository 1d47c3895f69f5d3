//! Chunk boundaries: whole rows per chunk, reservation and undo, growth accounting.

use super::*;
use std::collections::TryReserveError;

/// Appends `values` to a chunk (the `fill` of [`Chunked::append_with`]).
fn put(out: &mut Vec<u32>, values: impl IntoIterator<Item = u32>) -> Result<(), TryReserveError> {
    out.extend(values);
    Ok(())
}

/// Rows `0..n` of `dim` elements, row `i` filled with `i`.
fn filled(dim: usize, chunk_rows: usize, n: usize) -> Chunked<u32> {
    let mut c = Chunked::with_chunk_rows(dim, chunk_rows);
    let rows: Vec<u32> = (0..n as u32).flat_map(|i| std::iter::repeat(i).take(dim)).collect();
    let mut rest = rows.as_slice();
    while !rest.is_empty() {
        let (done, _) = c.append_with(rest.len() / dim, |o, k| put(o, rest[..k].iter().copied())).unwrap();
        rest = &rest[done * dim..];
    }
    c
}

#[test]
fn rows_never_span_chunks() {
    for (dim, chunk_rows, n) in [(3, 1, 5), (3, 4, 4), (3, 4, 5), (2, 4, 9), (5, 7, 0), (1, 3, 10)] {
        let c = filled(dim, chunk_rows, n);
        assert_eq!(c.len(), n, "dim {dim} chunk {chunk_rows} n {n}");
        for i in 0..n {
            assert_eq!(c.row(i), Some(&vec![i as u32; dim][..]), "row {i}");
        }
        assert_eq!(c.row(n), None);
        for (k, chunk) in c.chunks().iter().enumerate() {
            assert_eq!(chunk.len() % dim, 0);
            assert!(chunk.len() <= chunk_rows * dim);
            let first = k * chunk_rows;
            assert_eq!(chunk.len() / dim, n.saturating_sub(first).min(chunk_rows), "chunk {k}");
        }
    }
}

#[test]
fn append_stops_at_the_end_of_a_chunk() {
    let mut c = filled(2, 4, 3);
    let (done, rows) = c.append_with(5, |o, k| put(o, std::iter::repeat(7).take(k))).unwrap();
    assert_eq!((done, rows.len()), (1, 2));
    assert_eq!(c.len(), 4);
    let (done, _) = c.append_with(5, |o, k| put(o, std::iter::repeat(8).take(k))).unwrap();
    assert_eq!(done, 4);
    assert_eq!((c.row(3), c.row(4), c.row(7)), (Some(&[7, 7][..]), Some(&[8, 8][..]), Some(&[8, 8][..])));
}

#[test]
fn growth_bytes_match_what_reserve_allocates() {
    for exact in [false, true] {
        for (have, extra) in [(0, 1), (0, 9), (3, 1), (4, 4), (5, 20), (16, 0)] {
            let mut c = filled(3, 4, have);
            let before = c.bytes();
            let predicted = c.growth_bytes(extra, exact);
            c.reserve(extra, exact).unwrap();
            assert_eq!(c.bytes() - before, predicted, "have {have} extra {extra} exact {exact}");
            assert_eq!(c.growth_bytes(extra, exact), 0, "room reserved");
            assert!(c.chunks().iter().all(|ch| ch.capacity() <= 4 * 3));
        }
    }
}

#[test]
fn only_the_first_chunk_grows_by_doubling_and_later_chunks_are_whole() {
    let mut c: Chunked<u8> = Chunked::with_chunk_rows(1, 8);
    c.reserve(1, false).unwrap();
    assert_eq!(c.bytes(), 1);
    c.grow_to(1);
    c.reserve(1, false).unwrap();
    assert_eq!(c.bytes(), 2);
    c.grow_to(9);
    assert_eq!(c.chunks().iter().map(Vec::capacity).collect::<Vec<_>>(), vec![8, 8]);
    // Exact reservations (a tight budget) allocate only the rows asked for.
    c.reserve(2, true).unwrap();
    assert_eq!(c.chunks()[1].capacity(), 8);
    let mut tight: Chunked<u8> = Chunked::with_chunk_rows(1, 8);
    tight.reserve(10, true).unwrap();
    assert_eq!(tight.chunks().iter().map(Vec::capacity).collect::<Vec<_>>(), vec![8, 2]);
}

#[test]
fn undo_gives_back_rows_chunks_and_capacity() {
    let mut c = filled(2, 3, 4);
    let (rows, mark) = c.mark();
    let bytes = c.bytes();
    c.reserve(10, false).unwrap();
    c.grow_to(12);
    c.undo(rows, mark);
    assert_eq!((c.len(), c.bytes(), c.chunks().len()), (4, bytes, 2));
    assert_eq!(c, filled(2, 3, 4));
}
