//! Bulk access to a collection's storage for the snapshot code: a borrowed view of every field
//! ([`Collection::to_parts`]) and validated construction from decoded columns
//! ([`Collection::from_parts`]).

use super::sparse_config::validate_sparse_config;
use super::{Collection, SparseVectorsConfig, VectorStore, VectorsConfig};
use crate::index::sparse::SparseStore;
use crate::error::{Error, Result};
use crate::payload::Payload;
use crate::point_id::{PointId, PointOffset};
use std::collections::BTreeMap;

/// Everything a collection stores, borrowed. Columns are indexed by offset; `alive[i]` tells
/// whether offset `i` holds a point (tombstoned offsets keep stale ids and versions).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CollectionParts<'a> {
    pub(crate) config: &'a VectorsConfig,
    pub(crate) payload_schema: &'a BTreeMap<String, serde_json::Value>,
    pub(crate) op_counter: u64,
    pub(crate) ids: &'a [PointId],
    pub(crate) versions: &'a [u64],
    pub(crate) alive: &'a [bool],
    pub(crate) payloads: &'a [Payload],
    pub(crate) stores: &'a BTreeMap<String, VectorStore>,
    pub(crate) sparse_config: Option<&'a BTreeMap<String, super::SparseVectorParams>>,
    pub(crate) sparse: &'a BTreeMap<String, SparseStore>,
}

/// Decoded columns of a collection with no tombstones: offset `i` is point `ids[i]`.
///
/// Invariants [`Collection::from_parts`] checks: the config validates; `ids`, `versions` and
/// `payloads` have one entry per point; ids are unique; no version exceeds `op_counter`; there
/// is exactly one store per configured vector name, with that name's params and `n × dim` floats.
#[derive(Debug)]
pub(crate) struct OwnedParts {
    pub(crate) config: VectorsConfig,
    pub(crate) payload_schema: BTreeMap<String, serde_json::Value>,
    pub(crate) op_counter: u64,
    pub(crate) ids: Vec<PointId>,
    pub(crate) versions: Vec<u64>,
    pub(crate) payloads: Vec<Payload>,
    pub(crate) stores: BTreeMap<String, VectorStore>,
    /// Sparse config and one store per configured sparse name, offsets as the other columns.
    pub(crate) sparse_config: SparseVectorsConfig,
    pub(crate) sparse: BTreeMap<String, SparseStore>,
}

fn broken(what: impl std::fmt::Display) -> Error {
    Error::wrong_input(format!("Invalid snapshot: {what}"))
}

impl Collection {
    /// A borrowed view of every field, for writing snapshots.
    pub(crate) fn to_parts(&self) -> CollectionParts<'_> {
        CollectionParts {
            config: &self.config,
            payload_schema: &self.payload_schema,
            op_counter: self.op_counter,
            ids: &self.ids,
            versions: &self.versions,
            alive: &self.alive,
            payloads: &self.payloads,
            stores: &self.stores,
            sparse_config: self.sparse_config.as_ref(),
            sparse: &self.sparse,
        }
    }

    /// Builds a collection from decoded columns, checking the invariants listed on
    /// [`OwnedParts`]; a violation is `Error::WrongInput` ("Invalid snapshot: ...").
    pub(crate) fn from_parts(p: OwnedParts) -> Result<Collection> {
        p.config.validate().map_err(|e| broken(format!("collection config: {e}")))?;
        let n = p.ids.len();
        if p.versions.len() != n || p.payloads.len() != n {
            return Err(broken("ids, versions and payloads disagree on the number of points"));
        }
        if n > PointOffset::MAX as usize {
            return Err(broken(format!("{n} points exceed the per-collection maximum")));
        }
        if let Some(v) = p.versions.iter().find(|&&v| v > p.op_counter) {
            return Err(broken(format!("point version {v} is newer than the operation counter {}", p.op_counter)));
        }
        check_stores(&p.config, &p.stores, n)?;
        check_sparse(&p.config, &p.sparse_config, &p.sparse, n)?;
        super::ingest::heap_headroom(n.saturating_mul(super::ingest::INDEX_BYTES_PER_POINT));
        // Sorted once and built in bulk: inserting one by one searched the tree per id.
        let mut pairs: Vec<(PointId, PointOffset)> = p.ids.iter().enumerate().map(|(off, id)| (*id, off as PointOffset)).collect();
        pairs.sort_unstable();
        if let Some(w) = pairs.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(broken(format!("duplicate point id {}", w[0].0)));
        }
        let index: BTreeMap<PointId, PointOffset> = pairs.into_iter().collect();
        // Start from `new` so fields that are not persisted (caches, budgets) get their defaults.
        let mut coll = Collection::new(p.config)?;
        coll.stores = p.stores;
        coll.sparse_config = p.sparse_config;
        coll.sparse = p.sparse;
        coll.alive = vec![true; n];
        coll.ids = p.ids;
        coll.payloads = p.payloads;
        coll.versions = p.versions;
        coll.index = index;
        coll.op_counter = p.op_counter;
        coll.payload_schema = p.payload_schema;
        coll.recount();
        Ok(coll)
    }
}

/// A valid sparse config (as at creation), one store per sparse name, no vector past `n`.
fn check_sparse(dense: &VectorsConfig, config: &SparseVectorsConfig, stores: &BTreeMap<String, SparseStore>, n: usize) -> Result<()> {
    validate_sparse_config(config, dense).map_err(|e| broken(format!("sparse vectors config: {e}")))?;
    let names: Vec<&String> = config.iter().flat_map(|m| m.keys()).collect();
    if names.len() != stores.len() || names.iter().any(|name| !stores.contains_key(*name)) {
        return Err(broken("sparse vector blocks do not match the configured sparse vector names"));
    }
    if stores.values().any(|s| s.rows() > n) {
        return Err(broken("a sparse vector belongs to no point"));
    }
    Ok(())
}

/// One store per configured name, with the configured params and `n` rows.
fn check_stores(config: &VectorsConfig, stores: &BTreeMap<String, VectorStore>, n: usize) -> Result<()> {
    // Multivector names have their own stores (`multi.rs`, adopted after this check).
    let names: Vec<String> = config.names().into_iter().filter(|n| config.params(n).is_ok_and(|p| !super::multi::is_multi(p))).collect();
    if names.len() != stores.len() || names.iter().any(|name| !stores.contains_key(name)) {
        return Err(broken("vector blocks do not match the configured vector names"));
    }
    for (name, store) in stores {
        let params = config.params(name).map_err(broken)?;
        if store.params != *params {
            return Err(broken(format!("vector `{name}`: stored params differ from the config")));
        }
        if store.len() != n || store.present().len() != n {
            return Err(broken(format!("vector `{name}`: expected {n} rows of {} floats", store.dim())));
        }
    }
    Ok(())
}
