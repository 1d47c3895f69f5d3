//! The rows of one dense vector in their element type (`datatype.rs`), in chunks
//! (`chunks.rs`): one [`Chunked`] per element type behind one enum, so scans match once and
//! then run a monomorphic loop per chunk.

use super::chunks::{ChunkMark, Chunked};
use super::datatype::{Datatype, Row};
use crate::kernels::half::f16_from_f32;
use std::collections::TryReserveError;

/// Chunked rows of one element type.
#[derive(Debug, Clone, PartialEq)]
pub enum ChunkedRows {
    F32(Chunked<f32>),
    /// f16 values as their bits.
    F16(Chunked<u16>),
    U8(Chunked<u8>),
}

/// Runs `$body` with `$c` bound to the [`Chunked`] inside, whatever its element type.
macro_rules! each_type {
    ($rows:expr, $c:ident => $body:expr) => {
        match $rows {
            ChunkedRows::F32($c) => $body,
            ChunkedRows::F16($c) => $body,
            ChunkedRows::U8($c) => $body,
        }
    };
}

/// Encodes prepared values into stored elements (exact: see `datatype.rs`), into room the
/// caller reserved.
fn encode_into<T: Copy>(out: &mut Vec<T>, v: &[f32], one: impl Fn(f32) -> T) -> Result<(), TryReserveError> {
    out.extend(v.iter().map(|&x| one(x)));
    Ok(())
}

impl ChunkedRows {
    /// An empty store of `datatype` rows of `dim` elements, chunks of the default size.
    pub fn new(datatype: Datatype, dim: usize) -> Self {
        match datatype {
            Datatype::Float16 => ChunkedRows::F16(Chunked::new(dim)),
            Datatype::Uint8 => ChunkedRows::U8(Chunked::new(dim)),
            Datatype::Float32 | Datatype::Turbo4 => ChunkedRows::F32(Chunked::new(dim)),
        }
    }

    /// The same rows with `chunk_rows` rows per chunk (tests of chunk boundaries).
    pub fn rechunked(&self, chunk_rows: usize) -> Self {
        fn copy<T: Copy + Default>(c: &Chunked<T>, chunk_rows: usize) -> Chunked<T> {
            let mut out = Chunked::with_chunk_rows(c.dim(), chunk_rows);
            out.grow_to(c.len());
            for i in 0..c.len() {
                if let (Some(dst), Some(src)) = (out.row_mut(i), c.row(i)) {
                    dst.copy_from_slice(src);
                }
            }
            out
        }
        match self {
            ChunkedRows::F32(c) => ChunkedRows::F32(copy(c, chunk_rows)),
            ChunkedRows::F16(c) => ChunkedRows::F16(copy(c, chunk_rows)),
            ChunkedRows::U8(c) => ChunkedRows::U8(copy(c, chunk_rows)),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        each_type!(self, c => c.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn chunk_rows(&self) -> usize {
        each_type!(self, c => c.chunk_rows())
    }

    /// Row `i` in its element type, if stored.
    #[inline(always)]
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        match self {
            ChunkedRows::F32(c) => c.row(i).map(Row::F32),
            ChunkedRows::F16(c) => c.row(i).map(Row::F16),
            ChunkedRows::U8(c) => c.row(i).map(Row::U8),
        }
    }

    /// Overwrites row `i` with prepared values (ignored past the end; the caller grows first).
    pub fn write(&mut self, i: usize, v: &[f32]) {
        match self {
            ChunkedRows::F32(c) => c.row_mut(i).into_iter().for_each(|r| r.copy_from_slice(v)),
            ChunkedRows::F16(c) => c.row_mut(i).into_iter().flatten().zip(v).for_each(|(o, &x)| *o = f16_from_f32(x)),
            ChunkedRows::U8(c) => c.row_mut(i).into_iter().flatten().zip(v).for_each(|(o, &x)| *o = x as u8),
        }
    }

    /// Appends whole prepared rows, encoded, chunk by chunk.
    pub fn extend_prepared(&mut self, mut v: &[f32]) -> Result<(), TryReserveError> {
        let dim = each_type!(self, c => c.dim()).max(1);
        while v.len() >= dim {
            let rows = v.len() / dim;
            let done = match self {
                ChunkedRows::F32(c) => c.append_with(rows, |o, n| encode_into(o, &v[..n], |x| x))?.0,
                ChunkedRows::F16(c) => c.append_with(rows, |o, n| encode_into(o, &v[..n], f16_from_f32))?.0,
                ChunkedRows::U8(c) => c.append_with(rows, |o, n| encode_into(o, &v[..n], |x| x as u8))?.0,
            };
            v = &v[done * dim..];
        }
        Ok(())
    }

    /// Appends zero rows until there are `rows` (never shrinks).
    pub fn grow_to(&mut self, rows: usize) {
        each_type!(self, c => c.grow_to(rows))
    }

    /// Makes room for `extra` more rows (see `chunks.rs` for the growth policy).
    pub fn reserve(&mut self, extra: usize, exact: bool) -> Result<(), TryReserveError> {
        each_type!(self, c => c.reserve(extra, exact))
    }

    /// Bytes [`ChunkedRows::reserve`] would allocate.
    pub fn growth_bytes(&self, extra: usize, exact: bool) -> usize {
        each_type!(self, c => c.growth_bytes(extra, exact))
    }

    pub fn mark(&self) -> (usize, ChunkMark) {
        each_type!(self, c => c.mark())
    }

    pub fn undo(&mut self, rows: usize, mark: ChunkMark) {
        each_type!(self, c => c.undo(rows, mark))
    }

    /// Bytes of capacity held.
    pub fn bytes(&self) -> usize {
        each_type!(self, c => c.bytes())
    }
}
