//! Multivectors: a named vector whose value is a list of `size`-long rows per point
//! (`multivector_config: {"comparator": "max_sim"}`, Qdrant lib/segment/src/types.rs
//! `MultiVectorConfig`, vector_storage/multi_dense/).
//!
//! A multivector travels inside the collection as its rows concatenated (`rows × size` floats):
//! the row count is the length over `size`. Each row is preprocessed on its own (Cosine
//! normalises every row, as `MultiMetricQueryScorer::new` and the storages do) and stored in
//! the configured element type (`from_float_multivector`, data_types/primitive.rs).

use super::datatype::{Row, Rows};
use super::{Collection, VectorParams, VectorsConfig};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Qdrant's `MultiVectorConfig`; `max_sim` is its only comparator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiVectorConfig {
    pub comparator: Comparator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    MaxSim,
}

/// Qdrant's bound on a multivector's total floats (common/validation.rs
/// `MAX_MULTIVECTOR_FLATTENED_LEN`, 1024 × 1024).
pub const MAX_FLATTENED_LEN: usize = 1024 * 1024;

/// The multivectors of one name: per offset the concatenated rows in the configured element
/// type, empty when absent (a stored multivector is never empty).
#[derive(Debug, Clone)]
pub struct MultiStore {
    pub params: VectorParams,
    rows: Vec<Rows>,
    /// Bytes held by all rows (capacity), kept up to date for the memory accounting.
    held: usize,
}

impl MultiStore {
    pub fn new(params: VectorParams) -> Self {
        MultiStore { params, rows: Vec::new(), held: 0 }
    }

    pub fn dim(&self) -> usize {
        self.params.size
    }

    /// The concatenated rows at `offset`, if the point has this vector.
    pub fn get(&self, offset: usize) -> Option<Row<'_>> {
        self.rows.get(offset).filter(|r| !r.is_empty()).map(Rows::all)
    }

    /// Stores already prepared rows (a non-empty multiple of `size` floats).
    pub fn set(&mut self, offset: usize, v: &[f32]) {
        let empty = Rows::new(self.params.datatype());
        if self.rows.len() <= offset {
            self.rows.resize(offset + 1, empty);
        }
        self.held = self.held.saturating_sub(self.rows[offset].bytes());
        self.rows[offset] = Rows::encode(self.params.datatype(), v);
        self.held += self.rows[offset].bytes();
    }

    pub fn remove(&mut self, offset: usize) {
        let empty = Rows::new(self.params.datatype());
        if let Some(r) = self.rows.get_mut(offset) {
            self.held = self.held.saturating_sub(r.bytes());
            *r = empty;
        }
    }

    /// Number of offsets with a slot (present or not).
    pub fn slots(&self) -> usize {
        self.rows.len()
    }

    /// Bytes held: the rows plus one slot per offset.
    pub fn bytes(&self) -> usize {
        self.held + self.rows.capacity() * std::mem::size_of::<Rows>()
    }
}

/// Every multivector store of a collection, by name.
pub type MultiStores = BTreeMap<String, MultiStore>;

/// Whether `p` configures a multivector.
pub fn is_multi(p: &VectorParams) -> bool {
    p.multivector_config.is_some()
}

/// One empty store per multivector name of `config`.
pub fn stores_for(config: &VectorsConfig) -> MultiStores {
    let named: Vec<(String, VectorParams)> = match config {
        VectorsConfig::Single(p) => vec![(String::new(), *p)],
        VectorsConfig::Named(m) => m.iter().map(|(n, p)| (n.clone(), *p)).collect(),
    };
    named.into_iter().filter(|(_, p)| is_multi(p)).map(|(n, p)| (n, MultiStore::new(p))).collect()
}

/// Qdrant's `validate_multi_vector` (common/validation.rs:238-283), a 422: not empty, no
/// empty row, under the flattened-size bound, all rows of one length.
pub fn validate_rows(rows: &[Vec<f32>]) -> Result<()> {
    let Some(first) = rows.first() else {
        return Err(Error::validation("vector.data: multi vector must not be empty"));
    };
    if rows.iter().any(Vec::is_empty) {
        return Err(Error::validation("vector.data: all vectors must be non-empty"));
    }
    let total: usize = rows.iter().map(Vec::len).sum();
    if total >= MAX_FLATTENED_LEN {
        return Err(Error::validation(format!(
            "vector.data: Total size of all vectors ({total}) must be less than {MAX_FLATTENED_LEN}"
        )));
    }
    if let Some(bad) = rows.iter().find(|r| r.len() != first.len()) {
        return Err(Error::validation(format!(
            "vector.data: all vectors must have the same dimension, found vector with dimension {}",
            bad.len()
        )));
    }
    Ok(())
}

impl Collection {
    /// The multivector store `name`, if `name` is a multivector.
    pub fn multi_store(&self, name: &str) -> Option<&MultiStore> {
        self.multi.get(name)
    }

    /// A multivector given as rows, for the vector `name`: validated, each row checked against
    /// the configured size (segment/src/common/mod.rs:207-218), concatenated. Rows sent to a
    /// plain dense vector are Qdrant's `WrongMulti` ("Wrong usage of multi vectors").
    pub fn multi_input(&self, name: &str, rows: &[Vec<f32>]) -> Result<Vec<f32>> {
        validate_rows(rows)?;
        let params = self.config().params(name)?;
        if let Some(bad) = rows.iter().find(|r| r.len() != params.size) {
            return Err(Error::DimensionMismatch { expected: params.size, got: bad.len() });
        }
        if !is_multi(params) {
            return Err(Error::wrong_input("Wrong usage of multi vectors"));
        }
        Ok(rows.concat())
    }

    /// Checks concatenated rows for the multivector `name` and preprocesses each row. A plain
    /// dense vector is a one-row multivector (segment/src/data_types/vectors.rs:176-190).
    pub(super) fn prepare_multi(&self, store: &MultiStore, mut v: Vec<f32>) -> Result<Vec<f32>> {
        let dim = store.dim();
        if v.is_empty() || v.len() % dim != 0 {
            return Err(Error::DimensionMismatch { expected: dim, got: v.len() % dim });
        }
        if !super::all_finite(&v) {
            return Err(Error::wrong_input("vector components must be finite numbers (no NaN or Infinity)"));
        }
        store.params.prepare(&mut v)?;
        Ok(v)
    }

    /// Bytes the multivectors of `vectors` will take once stored, for the budget check.
    pub(super) fn multi_incoming(&self, vectors: &[(String, Vec<f32>)]) -> usize {
        let bytes = |n: &String| self.multi.get(n).map_or(0, |m| m.params.datatype().bytes());
        vectors.iter().map(|(n, v)| v.len() * bytes(n)).sum()
    }
}

impl Collection {
    /// Every multivector store, for the snapshot writer.
    pub(crate) fn multi_stores(&self) -> &MultiStores {
        &self.multi
    }

    /// Adopts decoded multivector stores (snapshot loading): exactly the configured multivector
    /// names, each with the configured params and no row past the last point.
    pub(crate) fn adopt_multi(&mut self, stores: MultiStores) -> Result<()> {
        let broken = |what: String| Error::wrong_input(format!("Invalid snapshot: {what}"));
        if stores.len() != self.multi.len() || stores.keys().any(|n| !self.multi.contains_key(n)) {
            return Err(broken("multivector blocks do not match the configured multivector names".into()));
        }
        for (name, store) in &stores {
            if Some(&store.params) != self.multi.get(name).map(|m| &m.params) || store.slots() > self.capacity_rows() {
                return Err(broken(format!("multivector `{name}` does not match the config or the points")));
            }
        }
        self.multi = stores;
        Ok(())
    }
}
