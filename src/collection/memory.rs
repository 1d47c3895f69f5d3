//! Memory accounting and growth: what a collection holds, what growing it would cost, and
//! the budget check that runs before anything is allocated.

use super::{Collection, VectorStore};
use crate::error::{Error, Result};
use crate::payload::Payload;

/// What one collection may use: the pool's `budget` minus what is used `elsewhere` (other
/// collections of its database, other databases of the pool), and the database to name in a
/// budget error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetShare {
    pub budget: usize,
    pub elsewhere: usize,
    pub database: String,
}

impl Default for BudgetShare {
    /// No limit: a collection outside any database.
    fn default() -> Self {
        BudgetShare { budget: usize::MAX, elsewhere: 0, database: String::new() }
    }
}

/// Rows up to which the bookkeeping vectors grow by doubling (see `book_reserve`).
const BOOK_STEP_ROWS: usize = 16 * 1024;

/// Fixed bytes per stored row besides vectors and payloads: id, version, flags, index entry.
const ROW_OVERHEAD: usize = 16 + 8 + 1 + 24 + 48;

/// An estimate of a payload's heap footprint: about its JSON text length plus per-node
/// overhead. Cheap (no serialisation); used for budgets and `memory_bytes`.
pub fn payload_bytes(p: &Payload) -> usize {
    fn value(v: &serde_json::Value) -> usize {
        use serde_json::Value::*;
        match v {
            Null | Bool(_) | Number(_) => 16,
            String(s) => 24 + s.len(),
            Array(a) => 24 + a.iter().map(value).sum::<usize>(),
            Object(o) => object(o),
        }
    }
    fn object(o: &Payload) -> usize {
        if o.is_empty() {
            return 0;
        }
        48 + o.iter().map(|(k, v)| 24 + k.len() + value(v)).sum::<usize>()
    }
    object(p)
}

impl Collection {
    /// Reserves room for `rows` more points: chunks for every dense vector, doubling (or
    /// exactly `rows`, when `exact`) for the per-row bookkeeping.
    pub(super) fn try_reserve(&mut self, rows: usize, exact: bool) -> Result<()> {
        let requested = self.growth_bytes(rows, exact);
        let book = self.book_reserve(rows, exact);
        self.reserve_all(rows, book, exact).map_err(|_| Error::OutOfMemory { requested })
    }

    fn reserve_all(&mut self, rows: usize, book: usize, exact: bool) -> Result<(), std::collections::TryReserveError> {
        for s in self.stores.values_mut() {
            s.try_reserve(rows, exact)?;
        }
        self.try_reserve_sparse(book)?;
        self.ids.try_reserve_exact(book)?;
        self.payloads.try_reserve_exact(book)?;
        self.versions.try_reserve_exact(book)?;
        self.alive.try_reserve_exact(book)
    }

    /// How many more entries the per-row bookkeeping reserves for `rows` more points (every
    /// per-row vector grows to the same capacity as `ids`, so the budget's estimate, capacity
    /// × bytes per row, stays true): doubling up to [`BOOK_STEP_ROWS`], then steps of an
    /// eighth of the capacity (still amortised O(1) per row, and what is reserved but unused
    /// near a full budget stays small); or exactly `rows`.
    fn book_reserve(&self, rows: usize, exact: bool) -> usize {
        let (len, cap) = (self.ids.len(), self.ids.capacity());
        if exact || len.saturating_add(rows) <= cap {
            return rows;
        }
        let step = cap.min((cap / 8).max(BOOK_STEP_ROWS));
        len.saturating_add(rows).max(cap.saturating_add(step)) - len
    }

    /// Bytes [`Collection::try_reserve`] would allocate: new chunks plus bookkeeping.
    pub(super) fn growth_bytes(&self, rows: usize, exact: bool) -> usize {
        let target = self.ids.len().saturating_add(self.book_reserve(rows, exact));
        let book = target.saturating_sub(self.ids.capacity()).saturating_mul(self.book_row_bytes());
        let dense = self.stores.values().map(|s| s.growth_bytes(rows, exact)).fold(0usize, usize::saturating_add);
        book.saturating_add(dense)
    }

    /// Bytes one new row costs besides dense vector chunks: a sparse or multivector name's row
    /// slot (their entries are counted as they come) plus bookkeeping.
    fn book_row_bytes(&self) -> usize {
        let multi_slots = self.multi.len() * std::mem::size_of::<Vec<f32>>();
        multi_slots + self.sparse_row_bytes() + ROW_OVERHEAD
    }

    /// Sets what this collection may grow to: the budget minus what everything else in the
    /// memory pool uses (other collections, other databases), and who to name in errors.
    pub fn set_budget(&mut self, share: BudgetShare) {
        self.budget = share;
    }

    /// Decides how storage grows for `new_rows` more rows and `incoming` payload bytes, before
    /// anything is allocated: full chunks and amortised doubling when that fits the budget,
    /// else exactly what is needed (`Ok(true)`), else [`Error::MemoryBudget`].
    pub(super) fn plan_growth(&self, new_rows: usize, incoming: usize) -> Result<bool> {
        let used = self.memory_bytes();
        let cost = |exact: bool| self.growth_bytes(new_rows, exact).saturating_add(incoming);
        let limit = self.budget.budget.saturating_sub(self.budget.elsewhere);
        let fits = |bytes: usize| used.saturating_add(bytes) <= limit;
        if fits(cost(false)) {
            return Ok(false);
        }
        if fits(cost(true)) {
            return Ok(true);
        }
        let (budget, used) = (self.budget.budget, self.budget.elsewhere.saturating_add(used));
        Err(Error::MemoryBudget { requested: cost(true), budget, used, database: self.budget.database.clone() })
    }

    /// Approximate bytes held: vector storage, payload estimate, per-row bookkeeping. O(1).
    pub fn memory_bytes(&self) -> usize {
        self.vector_bytes() + self.payload_bytes + self.ids.capacity() * ROW_OVERHEAD + self.hnsw_bytes()
    }

    /// Bytes of vector storage (capacity, all names): dense, multivectors, and sparse vectors
    /// with their inverted indexes.
    pub fn vector_bytes(&self) -> usize {
        let dense = self.stores.values().map(VectorStore::bytes).sum::<usize>();
        dense + self.multi.values().map(super::multi::MultiStore::bytes).sum::<usize>() + self.sparse_bytes()
    }

    /// Estimated bytes of live payloads.
    pub fn payload_bytes(&self) -> usize {
        self.payload_bytes
    }

    /// Recomputes derived accounting after a bulk load.
    pub(crate) fn recount(&mut self) {
        self.payload_bytes = self.payloads.iter().map(payload_bytes).sum();
    }
}
