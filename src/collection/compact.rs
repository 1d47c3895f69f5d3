//! Compaction: tombstoned offsets are dropped and live points move to dense offsets, keeping
//! their relative order (which breaks score ties), ids, payloads, vectors and versions.

use super::{payload_bytes, Collection, PointInsert};
use crate::index::sparse::SparseStore;
use crate::point_id::PointId;

impl Collection {
    /// Compacts tombstones away: live points keep their ids, payloads, vectors and versions.
    pub fn optimize(&mut self) {
        let live: Vec<PointInsert> = self.index.keys().map(|id| self.export_point(*id)).collect();
        let versions: Vec<u64> = self.index.values().map(|&o| self.versions[o as usize]).collect();
        let sparse = self.live_sparse();
        let mut fresh = Collection::new(self.config.clone()).expect("config already validated");
        fresh.sparse_config = self.sparse_config.take();
        fresh.sparse = self.sparse.keys().map(|n| (n.clone(), SparseStore::default())).collect();
        fresh.payload_schema = std::mem::take(&mut self.payload_schema);
        fresh.op_counter = self.op_counter;
        for (p, v) in live.into_iter().zip(versions) {
            let off = fresh.slot_for(p.id, v);
            for (name, vec) in &p.vectors {
                match fresh.multi.get_mut(name) {
                    Some(m) => m.set(off, vec),
                    None => fresh.stores.get_mut(name).expect("same config").set(off, vec),
                }
            }
            fresh.payload_bytes += payload_bytes(&p.payload);
            fresh.payloads[off] = p.payload;
        }
        fresh.budget = self.budget.clone();
        fresh.put_live_sparse(sparse);
        // Offsets moved: graphs are built again over the new ones (Qdrant's vacuum optimizer
        // rebuilds the segment's index too). A failed build leaves exact scans, never a
        // wrong graph.
        let had_graphs = self.hnsw.indexes.values().any(|e| e.complete);
        let had_codes = !self.quant.codes.is_empty();
        fresh.hnsw = std::mem::take(&mut self.hnsw);
        fresh.quant = std::mem::take(&mut self.quant);
        fresh.reset_hnsw();
        if had_codes {
            fresh.build_codes();
        }
        if had_graphs && fresh.build_hnsw(&mut |_, _| {}).is_err() {
            fresh.reset_hnsw();
        }
        *self = fresh;
    }

    /// Moves every dense vector's rows into chunks of `chunk_rows` rows (at least one), so tests
    /// can put chunk boundaries anywhere; results never depend on the chunk size.
    #[doc(hidden)]
    pub fn rechunk(&mut self, chunk_rows: usize) {
        for store in self.stores.values_mut() {
            *store = store.rechunked(chunk_rows);
        }
    }

    /// A live point's stored vectors and payload, as an upsert would take them.
    fn export_point(&self, id: PointId) -> PointInsert {
        let off = self.index[&id] as usize;
        let vectors = self
            .stores
            .iter()
            .filter_map(|(n, s)| s.get(off).map(|v| (n.clone(), v.to_f32().into_owned())))
            .chain(self.multi.iter().filter_map(|(n, m)| m.get(off).map(|v| (n.clone(), v.to_f32().into_owned()))))
            .collect();
        PointInsert { id, vectors, payload: self.payloads[off].clone() }
    }
}
