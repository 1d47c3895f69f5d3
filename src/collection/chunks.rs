//! Dense rows in fixed-size chunks of whole rows: a store grows by adding chunks, never by
//! moving the rows it already holds.
//!
//! A contiguous store that grows by reallocation briefly holds its old and new buffers, and
//! wasm linear memory never shrinks: filling a budget of B bytes peaked near 2.3 × B. With
//! chunks the transient cost of growing is at most one chunk ([`CHUNK_BYTES`]), and chunks
//! freed by compaction or a dropped collection are all the same size, so the allocator hands
//! them out again for new rows instead of growing memory.
//!
//! Chunk `k` holds rows `k × chunk_rows .. (k + 1) × chunk_rows`; every chunk before the one
//! holding the last row is full. The first chunk starts small and doubles up to the chunk
//! size (a collection of ten points does not hold a whole chunk); later chunks are allocated
//! at their full size, or exactly as needed when the memory budget is tight. Chunks past the
//! last row may exist, empty: room reserved ahead of an upsert.

/// Bytes of one full chunk (whole rows: a row longer than this gets a chunk of its own).
pub const CHUNK_BYTES: usize = 1 << 20;

/// Rows of `dim` elements of `T` in chunks of `chunk_rows` rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    chunk_rows: usize,
    dim: usize,
    rows: usize,
}

/// Chunk count and the last chunk's capacity: what [`Chunked::undo`] goes back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkMark {
    chunks: usize,
    last_capacity: usize,
}

impl<T: Copy + Default> Chunked<T> {
    /// An empty store whose full chunks hold about [`CHUNK_BYTES`].
    pub fn new(dim: usize) -> Self {
        let row_bytes = dim.max(1).saturating_mul(std::mem::size_of::<T>());
        Self::with_chunk_rows(dim, CHUNK_BYTES / row_bytes)
    }

    /// An empty store with `chunk_rows` rows per chunk (at least one).
    pub fn with_chunk_rows(dim: usize, chunk_rows: usize) -> Self {
        Chunked { chunks: Vec::new(), chunk_rows: chunk_rows.max(1), dim, rows: 0 }
    }

    /// Number of rows.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Rows per full chunk.
    #[inline(always)]
    pub fn chunk_rows(&self) -> usize {
        self.chunk_rows
    }

    #[inline(always)]
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The chunks in order: chunk `k` starts at row `k × chunk_rows()` and holds
    /// `len / dim` whole rows (trailing reserved chunks are empty).
    #[inline(always)]
    pub fn chunks(&self) -> &[Vec<T>] {
        &self.chunks
    }

    /// Row `i`, if stored.
    #[inline(always)]
    pub fn row(&self, i: usize) -> Option<&[T]> {
        let at = (i % self.chunk_rows) * self.dim;
        self.chunks.get(i / self.chunk_rows)?.get(at..at + self.dim)
    }

    #[inline(always)]
    pub fn row_mut(&mut self, i: usize) -> Option<&mut [T]> {
        let at = (i % self.chunk_rows) * self.dim;
        self.chunks.get_mut(i / self.chunk_rows)?.get_mut(at..at + self.dim)
    }

    /// Bytes of capacity held by the rows.
    pub fn bytes(&self) -> usize {
        self.chunks.iter().map(Vec::capacity).sum::<usize>().saturating_mul(std::mem::size_of::<T>())
    }

    /// `(chunk, capacity in rows)` of every chunk that must grow for `extra` more rows: full
    /// chunks, the first one doubling, or exactly what is needed when `exact`.
    fn growth(&self, extra: usize, exact: bool) -> impl Iterator<Item = (usize, usize)> + '_ {
        let need = self.rows.saturating_add(extra);
        let first = self.rows / self.chunk_rows;
        let last = if extra == 0 { first } else { (need - 1) / self.chunk_rows + 1 };
        (first..last).filter_map(move |k| {
            let start = k.saturating_mul(self.chunk_rows);
            let wanted = need.min(start.saturating_add(self.chunk_rows)) - start;
            let held = self.chunks.get(k).map_or(0, |c| c.capacity() / self.dim.max(1));
            let doubled = if k == 0 { wanted.max(held.saturating_mul(2)).min(self.chunk_rows) } else { self.chunk_rows };
            let target = if exact { wanted } else { doubled };
            (held < wanted).then_some((k, target))
        })
    }

    /// Bytes [`Chunked::reserve`] would allocate for `extra` more rows.
    pub fn growth_bytes(&self, extra: usize, exact: bool) -> usize {
        let held = |k: usize| self.chunks.get(k).map_or(0, Vec::capacity);
        let elems: usize = self.growth(extra, exact).map(|(k, rows)| rows.saturating_mul(self.dim).saturating_sub(held(k))).sum();
        elems.saturating_mul(std::mem::size_of::<T>())
    }

    /// Makes room for `extra` more rows (see [`Chunked::growth`]); fails instead of aborting
    /// when memory runs out.
    pub fn reserve(&mut self, extra: usize, exact: bool) -> Result<(), std::collections::TryReserveError> {
        let plan: Vec<(usize, usize)> = self.growth(extra, exact).collect();
        for (k, rows) in plan {
            while self.chunks.len() <= k {
                self.chunks.try_reserve(1)?;
                self.chunks.push(Vec::new());
            }
            let chunk = &mut self.chunks[k];
            chunk.try_reserve_exact(rows.saturating_mul(self.dim).saturating_sub(chunk.len()))?;
        }
        Ok(())
    }

    /// Appends up to `rows` rows to the chunk the next row goes to (never past its end):
    /// `fill` must append exactly the given number of elements to that chunk. Returns how
    /// many rows were appended and where they start in that chunk.
    pub fn append_with<E>(&mut self, rows: usize, fill: impl FnOnce(&mut Vec<T>, usize) -> Result<(), E>) -> Result<(usize, &mut [T]), E>
    where
        E: From<std::collections::TryReserveError>,
    {
        let k = self.rows / self.chunk_rows;
        let room = rows.min((k + 1) * self.chunk_rows - self.rows);
        self.reserve(room, false)?;
        let chunk = &mut self.chunks[k];
        let start = chunk.len();
        fill(chunk, room * self.dim)?;
        debug_assert_eq!(chunk.len(), start + room * self.dim);
        self.rows += room;
        Ok((room, &mut chunk[start..]))
    }

    /// Appends zero rows until there are `rows` of them (never shrinks).
    pub fn grow_to(&mut self, rows: usize) {
        while self.rows < rows {
            let k = self.rows / self.chunk_rows;
            let room = (rows - self.rows).min((k + 1) * self.chunk_rows - self.rows);
            if self.reserve(room, false).is_err() && self.chunks.len() <= k {
                // No room reserved: the resize below allocates the infallible way (aborting on
                // out-of-memory, as growing a `Vec` by `resize` did before chunks).
                self.chunks.resize_with(k + 1, Vec::new);
            }
            let chunk = &mut self.chunks[k];
            chunk.resize(chunk.len() + room * self.dim, T::default());
            self.rows += room;
        }
    }

    /// Where the rows end now, for [`Chunked::undo`].
    pub fn mark(&self) -> (usize, ChunkMark) {
        let last_capacity = self.chunks.last().map_or(0, Vec::capacity);
        (self.rows, ChunkMark { chunks: self.chunks.len(), last_capacity })
    }

    /// Keeps the first `rows` rows and gives back chunks and capacity added since `mark`.
    pub fn undo(&mut self, rows: usize, mark: ChunkMark) {
        self.rows = self.rows.min(rows);
        self.chunks.truncate(mark.chunks);
        for (k, chunk) in self.chunks.iter_mut().enumerate() {
            let start = k.saturating_mul(self.chunk_rows);
            chunk.truncate(self.rows.saturating_sub(start).min(self.chunk_rows) * self.dim);
        }
        if let Some(last) = self.chunks.last_mut() {
            last.shrink_to(mark.last_capacity);
        }
    }
}

#[cfg(test)]
#[path = "chunks_tests.rs"]
mod tests;
