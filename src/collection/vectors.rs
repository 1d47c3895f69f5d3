//! Contiguous storage of one named dense vector: row `i` of `data` belongs to point offset `i`.

use super::config::VectorParams;

/// All stored vectors of one name, `dim` floats per offset, plus a presence flag per offset
/// (a point may lack a named vector, and deleted points keep their slot until compaction).
#[derive(Debug, Clone)]
pub struct VectorStore {
    pub params: VectorParams,
    data: Vec<f32>,
    present: Vec<bool>,
}

impl VectorStore {
    pub fn new(params: VectorParams) -> Self {
        VectorStore { params, data: Vec::new(), present: Vec::new() }
    }

    pub fn dim(&self) -> usize {
        self.params.size
    }

    /// The vector at `offset`, if the point has one.
    #[inline]
    pub fn get(&self, offset: usize) -> Option<&[f32]> {
        if *self.present.get(offset)? {
            let d = self.dim();
            Some(&self.data[offset * d..offset * d + d])
        } else {
            None
        }
    }

    /// Every row, including absent ones (check [`VectorStore::has`]); for scans.
    #[inline]
    pub fn raw(&self) -> &[f32] {
        &self.data
    }

    /// Presence flag per offset, parallel to the rows of [`VectorStore::raw`].
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
            self.data.resize(len * self.dim(), 0.0);
        }
    }

    /// Reserves room for exactly `extra` more rows (the caller decides the growth policy);
    /// fails instead of aborting when memory runs out.
    pub fn try_reserve(&mut self, extra: usize) -> Result<(), std::collections::TryReserveError> {
        self.data.try_reserve_exact(extra.saturating_mul(self.dim()))?;
        self.present.try_reserve_exact(extra)
    }

    /// Stores an already preprocessed vector of the right length at `offset`.
    pub fn set(&mut self, offset: usize, v: &[f32]) {
        debug_assert_eq!(v.len(), self.dim());
        self.resize(offset + 1);
        let d = self.dim();
        self.data[offset * d..offset * d + d].copy_from_slice(v);
        self.present[offset] = true;
    }

    /// Stores `v` at `offset` and preprocesses it in place (Cosine normalises), without an
    /// intermediate copy: the bulk-load path.
    pub fn set_preprocessed(&mut self, offset: usize, v: &[f32]) {
        self.set(offset, v);
        let d = self.dim();
        self.params.distance.preprocess(&mut self.data[offset * d..offset * d + d]);
    }

    pub fn remove(&mut self, offset: usize) {
        if let Some(p) = self.present.get_mut(offset) {
            *p = false;
        }
    }

    /// Bytes held by this store.
    pub fn bytes(&self) -> usize {
        self.data.capacity() * 4 + self.present.capacity()
    }
}
