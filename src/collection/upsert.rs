//! Upserting whole points with dense (multivectors included) and sparse vectors: validate and prepare everything, check
//! the memory budget, reserve, then commit (nothing can fail after the first change).

use super::{payload_bytes, Collection, PointInsert};
use crate::error::Result;
use crate::index::sparse::{SparseVector, BYTES_PER_NONZERO};

/// A point's sparse vectors by name, raw (unsorted, unchecked) as a request gives them.
pub type SparseInsert = Vec<(String, SparseVector)>;

impl Collection {
    /// Upserts points with their dense and sparse vectors; a whole point is replaced (vectors
    /// not given are dropped, dense and sparse alike), duplicate ids: the last one wins. Every
    /// vector is checked (names, sizes, sparse lengths and unique indices) and prepared (Cosine
    /// normalised, sparse sorted) before anything changes, so a failed upsert changes nothing.
    pub fn upsert_mixed(&mut self, points: Vec<(PointInsert, SparseInsert)>) -> Result<u64> {
        let mut prepared = Vec::with_capacity(points.len());
        for (p, sparse) in points {
            let mut vectors = Vec::with_capacity(p.vectors.len());
            for (name, v) in p.vectors {
                let v = self.prepare_vector(&name, v)?;
                vectors.push((name, v));
            }
            let sparse = sparse
                .into_iter()
                .map(|(name, v)| Ok((name.clone(), self.prepare_sparse(&name, v, "")?)))
                .collect::<Result<Vec<_>>>()?;
            prepared.push((PointInsert { id: p.id, vectors, payload: p.payload }, sparse));
        }
        let new_rows = prepared.iter().filter(|(p, _)| !self.index.contains_key(&p.id)).count();
        let payload_in: usize = prepared.iter().map(|(p, _)| payload_bytes(&p.payload) + self.multi_incoming(&p.vectors)).sum();
        let sparse_in: usize = prepared.iter().flat_map(|(_, s)| s).map(|(_, v)| v.len() * BYTES_PER_NONZERO).sum();
        let exact = self.plan_growth(new_rows, payload_in.saturating_add(sparse_in))?;
        self.try_reserve(new_rows, exact)?;
        let version = self.next_version();
        let mut sparse_changes = Vec::new();
        let mut written = Vec::with_capacity(prepared.len());
        for (p, sparse) in prepared {
            let off = self.slot_for(p.id, version);
            written.push(off);
            for store in self.stores.values_mut() {
                store.remove(off);
            }
            self.multi.values_mut().for_each(|m| m.remove(off));
            for (name, v) in &p.vectors {
                if let Some(store) = self.stores.get_mut(name) {
                    store.set(off, v);
                }
                if let Some(store) = self.multi.get_mut(name) {
                    store.set(off, v);
                }
            }
            sparse_changes.extend(self.sparse.keys().map(|n| (n.clone(), off, None)));
            sparse_changes.extend(sparse.into_iter().map(|(n, v)| (n, off, Some(v))));
            self.payload_bytes -= payload_bytes(&self.payloads[off]);
            self.payload_bytes += payload_bytes(&p.payload);
            self.payloads[off] = p.payload;
        }
        self.apply_sparse(sparse_changes);
        self.relink(&written)?;
        Ok(version)
    }
}
