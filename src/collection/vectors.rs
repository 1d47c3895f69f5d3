//! Contiguous storage of one named dense vector: row `i` of `data` belongs to point offset `i`.
//!
//! Bulk writers fill the storage in place: [`VectorStore::from_raw`] adopts decoded rows, and
//! [`VectorStore::append_from`] copies rows from a [`FloatSource`] straight into the reserved
//! capacity (the wasm bindings read a JS `Float32Array` this way, with no copy in between).

use super::config::VectorParams;
use super::datatype::{Row, Rows};
use crate::error::{Error, Result};
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
    data: Rows,
    present: Vec<bool>,
}

impl VectorStore {
    pub fn new(params: VectorParams) -> Self {
        VectorStore { params, data: Rows::new(params.datatype()), present: Vec::new() }
    }

    /// A store over decoded rows, adopted as they are (no copy): `data` holds `present.len()`
    /// rows of `params.size` elements of the configured type, already prepared, absent rows
    /// zero. The caller checks the lengths (`Collection::from_parts` does).
    pub(crate) fn from_raw(params: VectorParams, data: Rows, present: Vec<bool>) -> VectorStore {
        debug_assert_eq!(Some(data.len()), present.len().checked_mul(params.size));
        VectorStore { params, data, present }
    }

    pub fn dim(&self) -> usize {
        self.params.size
    }

    /// The vector at `offset`, if the point has one.
    #[inline]
    pub fn get(&self, offset: usize) -> Option<Row<'_>> {
        if *self.present.get(offset)? {
            let d = self.dim();
            self.data.get(offset * d..offset * d + d)
        } else {
            None
        }
    }

    /// Every row, including absent ones (check [`VectorStore::has`]); for scans.
    #[inline]
    pub fn rows(&self) -> &Rows {
        &self.data
    }

    /// Every row as f32, when the store holds f32 (the fast paths).
    #[inline]
    pub fn raw(&self) -> Option<&[f32]> {
        match &self.data {
            Rows::F32(v) => Some(v),
            _ => None,
        }
    }

    /// Presence flag per offset, parallel to the rows of [`VectorStore::rows`].
    #[inline]
    pub fn present(&self) -> &[bool] {
        &self.present
    }

    #[inline]
    pub fn has(&self, offset: usize) -> bool {
        self.present.get(offset).copied().unwrap_or(false)
    }

    /// Grows storage so that `len` offsets exist (new rows absent).
    pub fn resize(&mut self, len: usize) {
        if self.present.len() < len {
            self.present.resize(len, false);
            self.data.grow_to(len * self.dim());
        }
    }

    /// Reserves room for exactly `extra` more rows (the caller decides the growth policy);
    /// fails instead of aborting when memory runs out.
    pub fn try_reserve(&mut self, extra: usize) -> Result<(), std::collections::TryReserveError> {
        self.data.try_reserve_exact(extra.saturating_mul(self.dim()))?;
        self.present.try_reserve_exact(extra)
    }

    /// Stores an already prepared vector of the right length at `offset`.
    pub fn set(&mut self, offset: usize, v: &[f32]) {
        debug_assert_eq!(v.len(), self.dim());
        self.resize(offset + 1);
        self.data.write(offset * self.dim(), v);
        self.present[offset] = true;
    }

    /// Appends `rows` present rows copied from `src` (floats from `at` on) straight into the
    /// reserved capacity of an f32 store, *unprocessed*: the caller checks and prepares them
    /// in place ([`VectorStore::tail_mut`]) or drops them again ([`VectorStore::undo_appends`]).
    /// On error some rows may have been appended; the caller truncates. Other element types
    /// append prepared rows with [`VectorStore::append_prepared`].
    pub(crate) fn append_from(&mut self, src: &dyn FloatSource, at: usize, rows: usize) -> Result<()> {
        let count = rows.checked_mul(self.dim()).ok_or_else(|| Error::wrong_input("too many rows"))?;
        let Rows::F32(data) = &mut self.data else {
            return Err(Error::wrong_input("rows are appended in place only to float32 storage"));
        };
        extend_from_source(data, src, at, count)?;
        self.mark_present(rows)
    }

    /// Appends whole prepared rows, encoded in the store's element type.
    pub(crate) fn append_prepared(&mut self, v: &[f32]) -> Result<()> {
        let rows = v.len() / self.dim().max(1);
        self.data.try_reserve_exact(v.len()).map_err(|_| Error::OutOfMemory { requested: v.len() })?;
        self.data.extend(v);
        self.mark_present(rows)
    }

    fn mark_present(&mut self, rows: usize) -> Result<()> {
        self.present.try_reserve(rows).map_err(|_| Error::OutOfMemory { requested: rows })?;
        self.present.resize(self.present.len() + rows, true);
        Ok(())
    }

    /// The last `rows` rows of an f32 store, for checks and preprocessing in place (empty for
    /// other element types, whose rows are prepared before they are appended).
    pub(crate) fn tail_mut(&mut self, rows: usize) -> &mut [f32] {
        let n = rows.saturating_mul(self.dim());
        match &mut self.data {
            Rows::F32(d) => {
                let start = d.len().saturating_sub(n);
                &mut d[start..]
            }
            _ => &mut [],
        }
    }

    /// Capacities of the rows and the presence flags (see [`VectorStore::undo_appends`]).
    pub(crate) fn capacities(&self) -> (usize, usize) {
        (self.data.capacity(), self.present.capacity())
    }

    /// Keeps only the first `len` offsets and gives back capacity beyond `caps` (from
    /// [`VectorStore::capacities`]): undoes appends and the reservation made for them.
    pub(crate) fn undo_appends(&mut self, len: usize, caps: (usize, usize)) {
        self.data.truncate_shrink(len.saturating_mul(self.dim()), caps.0);
        self.present.truncate(len);
        self.present.shrink_to(caps.1);
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
