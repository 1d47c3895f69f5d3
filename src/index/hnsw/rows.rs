//! The rows a graph is built from, of any stored element type (Qdrant builds its HNSW index
//! for float32, float16 and uint8 vectors alike: lib/segment/src/index/hnsw_index/hnsw.rs
//! builds over the segment's vector storage, whatever its `datatype`).
//!
//! The builder compares stored rows with each other: float32 with the scan's kernels;
//! float16 widened to f32 and summed in f32, as Qdrant's half metrics do
//! (metric_f16/simple_dot.rs etc.); uint8 with exact integer sums, Cosine as
//! `dot / sqrt(‖a‖² · ‖b‖²)` (metric_uint/simple_cosine.rs:58-79, see `query/typed.rs`).

use crate::distance::Distance;
use crate::kernels::{self, half::f32_from_f16};

/// The chunks of one named vector's storage, by element type.
#[derive(Debug, Clone, Copy)]
pub enum Elements<'a> {
    F32(&'a [Vec<f32>]),
    /// float16 values as their bits.
    F16(&'a [Vec<u16>]),
    U8(&'a [Vec<u8>]),
}

/// One stored row, borrowed: the side of a comparison fetched once per inserted node.
#[derive(Debug, Clone, Copy)]
pub enum Probe<'a> {
    F32(&'a [f32]),
    F16(&'a [u16]),
    U8(&'a [u8]),
}

/// Rows of one named vector, as the builder reads them: the store's chunks of whole rows
/// (`collection/chunks.rs`), row `i` in chunk `i / chunk_rows`.
#[derive(Debug, Clone, Copy)]
pub struct Rows<'a> {
    elements: Elements<'a>,
    chunk_rows: usize,
    pub dim: usize,
    pub distance: Distance,
}

impl<'a> Rows<'a> {
    /// Rows of any element type in chunks of `chunk_rows` rows (at least one).
    pub fn typed(elements: Elements<'a>, chunk_rows: usize, dim: usize, distance: Distance) -> Self {
        Rows { elements, chunk_rows: chunk_rows.max(1), dim, distance }
    }

    /// float32 rows in chunks of `chunk_rows` rows.
    pub fn chunked(chunks: &'a [Vec<f32>], chunk_rows: usize, dim: usize, distance: Distance) -> Self {
        Rows::typed(Elements::F32(chunks), chunk_rows, dim, distance)
    }

    /// float32 rows in one contiguous buffer.
    pub fn contiguous(raw: &'a Vec<f32>, dim: usize, distance: Distance) -> Self {
        Rows::chunked(std::slice::from_ref(raw), usize::MAX, dim, distance)
    }

    /// float32 row `node` (empty if the storage does not hold it or holds another type).
    #[inline(always)]
    pub fn row(&self, node: u32) -> &'a [f32] {
        match self.elements {
            Elements::F32(c) => self.slice(c, node),
            _ => &[],
        }
    }

    /// Row `node` of `chunks` (empty if the storage does not hold it).
    #[inline(always)]
    fn slice<T>(&self, chunks: &'a [Vec<T>], node: u32) -> &'a [T] {
        // Plain branches, no `Option` combinators: at opt-level "z" those stay calls.
        let (chunk, at) = (node as usize / self.chunk_rows, (node as usize % self.chunk_rows).saturating_mul(self.dim));
        match chunks.get(chunk) {
            Some(c) if at + self.dim <= c.len() => &c[at..at + self.dim],
            _ => &[],
        }
    }

    /// Row `node`, whatever its type.
    #[inline(always)]
    pub fn probe(&self, node: u32) -> Probe<'a> {
        match self.elements {
            Elements::F32(c) => Probe::F32(self.slice(c, node)),
            Elements::F16(c) => Probe::F16(self.slice(c, node)),
            Elements::U8(c) => Probe::U8(self.slice(c, node)),
        }
    }

    /// Reads one element of every 64-byte line of row `node`: touching the rows of a batch
    /// before scoring them lets their cache misses overlap (wasm has no prefetch
    /// instruction), instead of each row's first miss stalling its kernel in turn.
    #[inline(always)]
    pub fn touch(&self, node: u32) {
        match self.elements {
            Elements::F32(c) => touch_lines(self.slice(c, node)),
            Elements::F16(c) => touch_lines(self.slice(c, node)),
            Elements::U8(c) => touch_lines(self.slice(c, node)),
        }
    }

    /// Similarity of a fetched row to stored row `other` (bigger is better); −∞ when the
    /// storage does not hold one of them (never a way forward).
    #[inline(always)]
    pub fn sim_to(&self, probe: Probe<'_>, other: u32) -> f32 {
        let d = self.distance;
        // Plain branches: `Option` combinators stay calls at opt-level "z".
        match (probe, self.elements) {
            (Probe::F32(a), Elements::F32(c)) => {
                let b = self.slice(c, other);
                if fits(a, b) { d.similarity(a, b) } else { f32::NEG_INFINITY }
            }
            (Probe::F16(a), Elements::F16(c)) => {
                let b = self.slice(c, other);
                if fits(a, b) { half_pair(d, a, b) } else { f32::NEG_INFINITY }
            }
            (Probe::U8(a), Elements::U8(c)) => {
                let b = self.slice(c, other);
                if fits(a, b) { byte_pair(d, a, b) } else { f32::NEG_INFINITY }
            }
            _ => f32::NEG_INFINITY,
        }
    }

    /// Similarity of two stored rows (bigger is better).
    #[inline(always)]
    pub fn sim(&self, a: u32, b: u32) -> f32 {
        self.sim_to(self.probe(a), b)
    }
}

/// Whether two rows can be compared: same length, not empty.
#[inline(always)]
fn fits<T>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && !b.is_empty()
}

/// Two float16 rows: `a` widened in blocks on the stack, each block against `b` by the half
/// kernels (the sum's grouping differs from one whole-row kernel call by rounding only; the
/// builder's comparisons shape the graph, never a returned score).
fn half_pair(distance: Distance, a: &[u16], b: &[u16]) -> f32 {
    const BLOCK: usize = 64;
    let mut wide = [0.0f32; BLOCK];
    let (mut total, mut at) = (0.0f32, 0);
    while at < a.len() {
        let end = (at + BLOCK).min(a.len());
        for i in at..end {
            wide[i - at] = f32_from_f16(a[i]);
        }
        let (w, h) = (&wide[..end - at], &b[at..end]);
        total += match distance {
            Distance::Cosine | Distance::Dot => kernels::dot_f16(w, h),
            Distance::Euclid => -kernels::l2sq_f16(w, h),
            Distance::Manhattan => -kernels::l1_f16(w, h),
        };
        at = end;
    }
    total
}

/// Two uint8 rows, as `query/typed.rs` scores a byte probe against a row.
fn byte_pair(distance: Distance, a: &[u8], b: &[u8]) -> f32 {
    match distance {
        Distance::Dot => kernels::dot_u8(a, b) as f32,
        Distance::Euclid => -(kernels::l2sq_u8(a, b) as f32),
        Distance::Manhattan => -(kernels::l1_u8(a, b) as f32),
        Distance::Cosine => {
            let ((dot, norm_b), norm_a) = (kernels::dot_norm_u8(a, b), kernels::dot_u8(a, a));
            if norm_a == 0 || norm_b == 0 {
                return 0.0;
            }
            dot as f32 / (norm_a as f32 * norm_b as f32).sqrt()
        }
    }
}

/// Reads one element of every 64-byte cache line of `row` (see [`Rows::touch`]).
#[inline(always)]
pub fn touch_lines<T>(row: &[T]) {
    // An index loop: a `step_by` iterator is a call per line at opt-level "z".
    let step = (64 / std::mem::size_of::<T>().max(1)).max(1);
    let mut i = 0;
    while i < row.len() {
        // SAFETY: `i < row.len()`, so the pointer is into the row; volatile only keeps the read.
        unsafe { std::ptr::read_volatile(row.as_ptr().add(i)) };
        i += step;
    }
}
