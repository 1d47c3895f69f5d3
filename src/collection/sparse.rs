//! A collection's sparse vectors: configuration, checks on input, and changes to the stores
//! (kept in step with points being upserted, overwritten, deleted and compacted).

use super::sparse_config::{check_datatypes, validate_sparse_config};
use super::{Collection, SparseVectorParams, SparseVectorsConfig, VectorsConfig};
use crate::error::{Error, Result};
use crate::index::sparse::{SparseStore, SparseVector, BYTES_PER_NONZERO, ROW_BYTES};
use crate::point_id::{PointId, PointOffset};
use std::collections::BTreeMap;

/// Qdrant's `OperationError::WrongSparse` — a dense vector given for a sparse name or the other
/// way round (lib/segment/src/common/mod.rs:206, 228) — as the REST API reports it
/// (lib/collection/src/operations/types.rs:1178-1180).
pub(crate) fn wrong_usage() -> Error {
    Error::wrong_input("Conversion between sparse and regular vectors failed")
}

/// Live sparse vectors by name, keyed by point id (what compaction carries over).
pub(super) type LiveSparse = Vec<(String, Vec<(PointId, SparseVector)>)>;

impl Collection {
    /// A collection with dense vectors `config` and sparse vectors `sparse` (Qdrant's create
    /// checks: see [`validate_sparse_config`]).
    pub fn with_sparse(config: VectorsConfig, sparse: SparseVectorsConfig) -> Result<Collection> {
        validate_sparse_config(&sparse, &config)?;
        let mut coll = Collection::new(config)?;
        let names = sparse.iter().flat_map(|m| m.keys());
        coll.sparse = names.map(|n| (n.clone(), SparseStore::default())).collect();
        coll.sparse_config = sparse;
        Ok(coll)
    }

    /// `sparse_vectors` as configured.
    pub fn sparse_config(&self) -> &SparseVectorsConfig {
        &self.sparse_config
    }

    /// Parameters of sparse vector `name`: a dense name is Qdrant's "Conversion between sparse
    /// and regular vectors failed", an unknown one its "Not existing vector name".
    pub fn sparse_params(&self, name: &str) -> Result<&SparseVectorParams> {
        if let Some(p) = self.sparse_config.as_ref().and_then(|m| m.get(name)) {
            return Ok(p);
        }
        match self.config.params(name) {
            Ok(_) => Err(wrong_usage()),
            Err(e) => Err(e),
        }
    }

    /// The store of sparse vector `name` (errors as [`Collection::sparse_params`]).
    pub fn sparse_store(&self, name: &str) -> Result<&SparseStore> {
        self.sparse_params(name)?;
        self.sparse.get(name).ok_or_else(|| Error::VectorNameNotFound { name: name.to_string() })
    }

    /// Whether `name` is a configured sparse vector.
    pub fn is_sparse(&self, name: &str) -> bool {
        self.sparse.contains_key(name)
    }

    /// Checks a raw sparse vector for `name` and sorts it, ready to store; `path` prefixes the
    /// field of a validation error.
    pub fn prepare_sparse(&self, name: &str, v: SparseVector, path: &str) -> Result<SparseVector> {
        self.sparse_params(name)?;
        v.into_checked(path)
    }

    /// `PATCH /collections/{name}` `sparse_vectors`: every name must exist (Qdrant
    /// `get_sparse_vector_params_mut`); then each diff is merged in.
    pub fn update_sparse_params(&mut self, diff: BTreeMap<String, SparseVectorParams>) -> Result<()> {
        for name in diff.keys() {
            self.sparse_params(name)?;
        }
        check_datatypes(diff.values())?;
        if let Some(map) = self.sparse_config.as_mut() {
            for (name, d) in diff {
                if let Some(p) = map.get_mut(&name) {
                    p.update_from(d);
                }
            }
        }
        Ok(())
    }

    /// Checks changes for [`Collection::set_sparse_vectors`] before anything is written: every
    /// name is a sparse vector, and the new entries fit the memory budget.
    pub fn check_sparse_changes(&self, changes: &[(PointOffset, String, Option<SparseVector>)]) -> Result<()> {
        for (_, name, _) in changes {
            self.sparse_store(name)?;
        }
        let incoming: usize = changes.iter().filter_map(|(_, _, v)| v.as_ref()).map(|v| v.len() * BYTES_PER_NONZERO).sum();
        self.plan_growth(0, incoming).map(|_| ())
    }

    /// Sets (`Some`, prepared) or removes (`None`) sparse vectors of live points under
    /// `version`; checked first with [`Collection::check_sparse_changes`].
    pub fn set_sparse_vectors(&mut self, changes: Vec<(PointOffset, String, Option<SparseVector>)>, version: u64) {
        for (off, _, _) in &changes {
            if let Some(v) = self.versions.get_mut(*off as usize) {
                *v = version;
            }
        }
        self.apply_sparse(changes.into_iter().map(|(o, n, v)| (n, o as usize, v)).collect());
    }

    /// Applies changes `(name, offset, vector)` store by store (unknown names are skipped; the
    /// callers checked them).
    pub(super) fn apply_sparse<O: Into<Option<SparseVector>>>(&mut self, changes: Vec<(String, usize, O)>) {
        let mut by_name: BTreeMap<String, Vec<(usize, Option<SparseVector>)>> = BTreeMap::new();
        for (name, off, v) in changes {
            by_name.entry(name).or_default().push((off, v.into()));
        }
        for (name, changes) in by_name {
            if let Some(store) = self.sparse.get_mut(&name) {
                store.apply(changes);
            }
        }
    }

    /// Removes every sparse vector of the given offsets (deleted or overwritten points).
    pub(super) fn clear_sparse(&mut self, offsets: &[usize]) {
        if offsets.is_empty() {
            return;
        }
        for store in self.sparse.values_mut() {
            store.apply(offsets.iter().map(|&o| (o, None)));
        }
    }

    /// Every live point's sparse vectors, by id, for compaction.
    pub(super) fn live_sparse(&self) -> LiveSparse {
        let live = |o: usize| self.alive.get(o).copied().unwrap_or(false);
        let of_store = |s: &SparseStore| s.iter().filter(|(o, _)| live(*o)).map(|(o, v)| (self.ids[o], v.clone())).collect();
        self.sparse.iter().map(|(n, s)| (n.clone(), of_store(s))).collect()
    }

    /// Puts sparse vectors taken by [`Collection::live_sparse`] back at their ids' offsets.
    pub(super) fn put_live_sparse(&mut self, live: LiveSparse) {
        for (name, vectors) in live {
            let changes: Vec<(usize, Option<SparseVector>)> =
                vectors.into_iter().filter_map(|(id, v)| Some((*self.index.get(&id)? as usize, Some(v)))).collect();
            if let Some(store) = self.sparse.get_mut(&name) {
                store.apply(changes);
            }
        }
    }

    /// Bytes of all sparse stores.
    pub fn sparse_bytes(&self) -> usize {
        self.sparse.values().map(SparseStore::bytes).sum()
    }

    /// Bytes one more row costs in the sparse stores (a row slot each).
    pub(super) fn sparse_row_bytes(&self) -> usize {
        self.sparse.len() * ROW_BYTES
    }

    /// Reserves `rows` more row slots in every sparse store.
    pub(super) fn try_reserve_sparse(&mut self, rows: usize) -> Result<(), std::collections::TryReserveError> {
        self.sparse.values_mut().try_for_each(|s| s.try_reserve(rows))
    }
}
