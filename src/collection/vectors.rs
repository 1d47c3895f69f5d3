//! Storage of one named dense vector: row `i` belongs to point offset `i`, kept in fixed-size
//! chunks of whole rows (`chunks.rs`), so growing never moves the rows already stored.
//!
//! Bulk writers fill the storage in place: [`VectorStore::from_chunked`] adopts rows a snapshot
//! decoded into chunks, and
//! [`VectorStore::append_from`] copies rows from a [`FloatSource`] straight into the reserved
//! room of a chunk (the wasm bindings read a JS `Float32Array` this way, with no copy between).

use super::chunks::ChunkMark;
use super::config::VectorParams;
use super::datatype::Row;
use super::stored::ChunkedRows;
use crate::error::{Error, Result};
use std::collections::TryReserveError;
use std::mem::MaybeUninit;

/// Floats to store, read by position: a slice natively, a JS `Float32Array` in the bindings.
pub(crate) trait FloatSource {
    /// Number of floats.
    fn size(&self) -> usize;

    /// Copies floats `at..at + dst.len()` into `dst` and returns `dst`, now initialised. Must
    /// return exactly `dst` (same memory, same length); anything else is rejected as an error.
    fn read<'d>(&self, at: usize, dst: &'d mut [MaybeUninit<f32>]) -> Result<&'d mut [f32]>;
}

impl FloatSource for &[f32] {
    fn size(&self) -> usize {
        self.len()
    }

    fn read<'d>(&self, at: usize, dst: &'d mut [MaybeUninit<f32>]) -> Result<&'d mut [f32]> {
        let src = at.checked_add(dst.len()).and_then(|end| self.get(at..end));
        let src = src.ok_or_else(|| Error::wrong_input(format!("rows {at}.. are past the end of the vectors")))?;
        // SAFETY: same length, `dst` exclusively borrowed (no overlap), same element type and
        // alignment; afterwards every element of `dst` is written, so viewing it as `[f32]`
        // (same layout as `[MaybeUninit<f32>]`) is sound.
        unsafe {
            std::ptr::copy_nonoverlapping(src.as_ptr(), dst.as_mut_ptr().cast::<f32>(), src.len());
            Ok(&mut *(dst as *mut [MaybeUninit<f32>] as *mut [f32]))
        }
    }
}

/// Appends floats `at..at + count` of `src` to `out`, written once, into its spare capacity
/// (reserved here if the caller did not; fails instead of aborting when memory runs out).
pub(crate) fn extend_from_source(out: &mut Vec<f32>, src: &dyn FloatSource, at: usize, count: usize) -> Result<()> {
    out.try_reserve(count).map_err(|_| Error::OutOfMemory { requested: count.saturating_mul(4) })?;
    let old = out.len();
    let dst = out.spare_capacity_mut().get_mut(..count).ok_or_else(|| Error::wrong_input("no room reserved"))?;
    let start = dst.as_ptr().cast::<f32>();
    let got = src.read(at, dst)?;
    if got.as_ptr() != start || got.len() != count {
        return Err(Error::wrong_input("the vector source returned other memory than it was given"));
    }
    // SAFETY: the source initialised exactly the `count` spare floats after `old` (checked
    // above), which the reservation made room for.
    unsafe { out.set_len(old + count) };
    Ok(())
}

/// All stored vectors of one name, `dim` elements per offset in the configured element type
/// (`collection/datatype.rs`), plus a presence flag per offset (a point may lack a named
/// vector, and deleted points keep their slot until compaction).
#[derive(Debug, Clone)]
pub struct VectorStore {
    pub params: VectorParams,
    data: ChunkedRows,
    present: Vec<bool>,
}

/// Where a store's rows and flags ended before an upsert (see [`VectorStore::undo_appends`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoreMark {
    rows: ChunkMark,
    flags_capacity: usize,
}

impl VectorStore {
    pub fn new(params: VectorParams) -> Self {
        VectorStore { params, data: ChunkedRows::new(params.datatype(), params.size), present: Vec::new() }
    }

    /// A store over rows already in chunks (snapshots fill them in place).
    pub(crate) fn from_chunked(params: VectorParams, data: ChunkedRows, present: Vec<bool>) -> VectorStore {
        debug_assert_eq!(data.len(), present.len());
        VectorStore { params, data, present }
    }

    /// The same store with `chunk_rows` rows per chunk: lets tests put chunk boundaries
    /// anywhere. Results never depend on the chunk size.
    #[doc(hidden)]
    pub fn rechunked(&self, chunk_rows: usize) -> VectorStore {
        VectorStore { params: self.params, data: self.data.rechunked(chunk_rows), present: self.present.clone() }
    }

    pub fn dim(&self) -> usize {
        self.params.size
    }

    /// The vector at `offset`, if the point has one.
    #[inline(always)]
    pub fn get(&self, offset: usize) -> Option<Row<'_>> {
        if *self.present.get(offset)? {
            self.data.row(offset)
        } else {
            None
        }
    }

    /// Every row in chunks, including absent ones (check [`VectorStore::present`]); for scans.
    #[inline(always)]
    pub fn chunked(&self) -> &ChunkedRows {
        &self.data
    }

    /// Number of offsets with a row (present or not).
    pub fn len(&self) -> usize {
        self.data.len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// Bytes of one stored row (`dim` elements of the `datatype`).
    pub fn row_bytes(&self) -> usize {
        self.dim().saturating_mul(self.params.datatype().bytes())
    }

    /// Whether rows are stored as f32 (the fast paths).
    #[inline(always)]
    pub fn is_float32(&self) -> bool {
        matches!(self.data, ChunkedRows::F32(_))
    }

    /// Presence flag per offset, parallel to the rows of [`VectorStore::chunked`].
    #[inline(always)]
    pub fn present(&self) -> &[bool] {
        &self.present
    }

    #[inline(always)]
    pub fn has(&self, offset: usize) -> bool {
        self.present.get(offset).copied().unwrap_or(false)
    }

    /// Grows storage so that `len` offsets exist (new rows absent).
    pub fn resize(&mut self, len: usize) {
        if self.present.len() < len {
            self.present.resize(len, false);
            self.data.grow_to(len);
        }
    }

    /// Makes room for `extra` more rows: chunks of the full size, or exactly what is needed
    /// when `exact` (a tight budget); the flags get exactly `extra` more. Fails instead of
    /// aborting when memory runs out.
    pub fn try_reserve(&mut self, extra: usize, exact: bool) -> Result<(), TryReserveError> {
        self.data.reserve(extra, exact)?;
        self.present.try_reserve_exact(extra)
    }

    /// Bytes [`VectorStore::try_reserve`] would allocate.
    pub fn growth_bytes(&self, extra: usize, exact: bool) -> usize {
        let flags = self.present.len().saturating_add(extra).saturating_sub(self.present.capacity());
        self.data.growth_bytes(extra, exact).saturating_add(flags)
    }

    /// Stores an already prepared vector of the right length at `offset`.
    pub fn set(&mut self, offset: usize, v: &[f32]) {
        debug_assert_eq!(v.len(), self.dim());
        self.resize(offset + 1);
        self.data.write(offset, v);
        self.present[offset] = true;
    }

    /// Appends up to `rows` present rows copied from `src` (floats from `at` on) straight into
    /// the room of an f32 store's current chunk, *unprocessed*, never past the chunk's end;
    /// returns them for checks and preparation in place (their count is `len / dim`). The
    /// caller drops them again on error ([`VectorStore::undo_appends`]). Other element types
    /// append prepared rows with [`VectorStore::append_prepared`].
    pub(crate) fn append_from(&mut self, src: &dyn FloatSource, at: usize, rows: usize) -> Result<&mut [f32]> {
        let ChunkedRows::F32(data) = &mut self.data else {
            return Err(Error::wrong_input("rows are appended in place only to float32 storage"));
        };
        let grow = |out: &mut Vec<f32>, n: usize| extend_from_source(out, src, at, n);
        let (done, appended) = data.append_with(rows, grow)?;
        self.present.try_reserve(done).map_err(|_| Error::OutOfMemory { requested: done })?;
        self.present.resize(self.present.len() + done, true);
        Ok(appended)
    }

    /// Appends whole prepared rows, encoded in the store's element type.
    pub(crate) fn append_prepared(&mut self, v: &[f32]) -> Result<()> {
        let rows = v.len() / self.dim().max(1);
        self.data.extend_prepared(v).map_err(|_| Error::OutOfMemory { requested: v.len() })?;
        self.present.try_reserve(rows).map_err(|_| Error::OutOfMemory { requested: rows })?;
        self.present.resize(self.present.len() + rows, true);
        Ok(())
    }

    /// Where rows and flags end now (see [`VectorStore::undo_appends`]).
    pub(crate) fn mark(&self) -> StoreMark {
        StoreMark { rows: self.data.mark().1, flags_capacity: self.present.capacity() }
    }

    /// Keeps only the first `len` offsets and gives back the chunks and capacity added since
    /// `mark`: undoes appends and the reservation made for them.
    pub(crate) fn undo_appends(&mut self, len: usize, mark: StoreMark) {
        self.data.undo(len, mark.rows);
        self.present.truncate(len);
        self.present.shrink_to(mark.flags_capacity);
    }

    pub fn remove(&mut self, offset: usize) {
        if let Some(p) = self.present.get_mut(offset) {
            *p = false;
        }
    }

    /// Bytes held by this store: rows at their element size, one flag per offset.
    pub fn bytes(&self) -> usize {
        self.data.bytes() + self.present.capacity()
    }
}
