//! Memory accounting and growth: what a collection holds, what growing it would cost, and
//! the budget check that runs before anything is allocated.

use super::{Collection, VectorStore};
use crate::error::{Error, Result};
use crate::payload::Payload;

/// Whether every float is finite; written as a branch-free fold per chunk so it vectorises.
pub(super) fn all_finite(v: &[f32]) -> bool {
    v.chunks(1024).all(|c| c.iter().fold(true, |ok, x| ok & x.is_finite()))
}

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
    pub(super) fn try_reserve(&mut self, rows: usize, exact: bool) -> Result<()> {
        let row_bytes = self.row_bytes();
        let oom = |_| Error::OutOfMemory { requested: rows.saturating_mul(row_bytes) };
        // Every per-row vector grows to the same capacity as `ids`, so the budget's estimate
        // (capacity × row bytes) stays true.
        let target = if exact { rows } else { self.ids.len().saturating_add(rows).max(self.ids.capacity() * 2) - self.ids.len() };
        let rows = if self.ids.len() + rows <= self.ids.capacity() { rows } else { target };
        for s in self.stores.values_mut() {
            s.try_reserve(rows).map_err(oom)?;
        }
        self.try_reserve_sparse(rows).map_err(oom)?;
        self.ids.try_reserve_exact(rows).map_err(oom)?;
        self.payloads.try_reserve_exact(rows).map_err(oom)?;
        self.versions.try_reserve_exact(rows).map_err(oom)?;
        self.alive.try_reserve_exact(rows).map_err(oom)
    }

    /// Bytes one new row costs: every named vector (a sparse or multivector one's row slot; their
    /// entries are counted as they come) plus bookkeeping.
    pub(super) fn row_bytes(&self) -> usize {
        let multi_slots = self.multi.len() * std::mem::size_of::<Vec<f32>>();
        let dense = self.stores.values().map(|s| s.dim() * s.params.datatype().bytes() + 1).sum::<usize>();
        dense + multi_slots + self.sparse_row_bytes() + ROW_OVERHEAD
    }

    /// Sets how many bytes this collection may use in total (the database's budget minus what
    /// other collections use).
    pub fn set_budget(&mut self, bytes: usize) {
        self.budget = bytes;
    }

    /// Decides how storage grows for `new_rows` more rows and `incoming` payload bytes, before
    /// anything is allocated: amortised doubling when it fits the budget, else exactly what is
    /// needed (`Ok(true)`), else [`Error::MemoryBudget`].
    pub(super) fn plan_growth(&self, new_rows: usize, incoming: usize) -> Result<bool> {
        let (len, cap) = (self.ids.len(), self.ids.capacity());
        let used = self.memory_bytes();
        let cost = |new_cap: usize| new_cap.saturating_sub(cap).saturating_mul(self.row_bytes()).saturating_add(incoming);
        let need = len.saturating_add(new_rows);
        let fits = |new_cap: usize| used.saturating_add(cost(new_cap)) <= self.budget;
        if need <= cap && fits(cap) {
            return Ok(false);
        }
        if fits(need.max(cap * 2)) {
            return Ok(false);
        }
        if fits(need) {
            return Ok(true);
        }
        Err(Error::MemoryBudget { requested: cost(need), budget: self.budget, used })
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
