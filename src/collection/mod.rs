//! A collection: chunked vectors per name, ids ↔ offsets, payloads, versions, tombstones.
//!
//! Points live at dense offsets; the id index is ordered so scrolls walk ids in Qdrant's
//! order. Deleting a point tombstones its offset (no shifting); [`Collection::optimize`]
//! compacts tombstones away so their memory can be reused.

mod chunks;
pub mod classes;
mod compact;
pub mod config;
pub mod datatype;
pub mod hnsw;
pub mod index;
mod ingest;
mod memory;
pub mod multi;
pub(crate) mod parts;
pub mod quantized;
mod sparse;
mod stored;
pub(crate) use sparse::wrong_usage;
pub mod sparse_config;
mod upsert;
pub mod vectors;

pub use config::{VectorParams, VectorsConfig, DEFAULT_VECTOR};
pub use datatype::{Datatype, Row, Rows};
pub use memory::{payload_bytes, BudgetShare};
use crate::kernels::all_finite_f32 as all_finite;
pub use sparse_config::{Modifier, SparseVectorParams, SparseVectorsConfig};
pub use upsert::SparseInsert;
pub use chunks::{Chunked, CHUNK_BYTES};
pub use stored::ChunkedRows;
pub use vectors::VectorStore;

use crate::error::{Error, Result};
use crate::filter::PointView;
use crate::index::sparse::{SparseStore, SparseVector};
use crate::payload::Payload;
use crate::point_id::{PointId, PointOffset};
use std::collections::BTreeMap;

/// One point as given to an upsert: vectors by name (`""` = unnamed), raw (not preprocessed).
#[derive(Debug, Clone, PartialEq)]
pub struct PointInsert {
    pub id: PointId,
    pub vectors: Vec<(String, Vec<f32>)>,
    pub payload: Payload,
}

#[derive(Debug, Clone)]
pub struct Collection {
    config: VectorsConfig,
    stores: BTreeMap<String, VectorStore>,
    /// `sparse_vectors` as configured (`None`: the create request had no such key).
    sparse_config: SparseVectorsConfig,
    /// One store (vectors and inverted index) per configured sparse vector name.
    sparse: BTreeMap<String, SparseStore>,
    ids: Vec<PointId>,
    payloads: Vec<Payload>,
    versions: Vec<u64>,
    alive: Vec<bool>,
    index: BTreeMap<PointId, PointOffset>,
    op_counter: u64,
    /// Payload index schemas recorded by `createPayloadIndex`, keyed by field name.
    pub payload_schema: BTreeMap<String, serde_json::Value>,
    /// Value indexes built on demand by filtered searches; cleared by every write.
    index_cache: index::IndexCache,
    /// Estimated bytes of all live payloads (see [`payload_bytes`]), kept up to date by writes.
    payload_bytes: usize,
    /// What this collection may grow to; set by the database before each write.
    budget: memory::BudgetShare,
    /// Multivector names live here instead of `stores` (see `multi.rs`).
    multi: multi::MultiStores,
    /// `hnsw_config`, `indexing_threshold` and the graphs of dense vectors (see `hnsw.rs`).
    hnsw: hnsw::HnswState,
    /// `quantization_config` and the codes built from it (see `quantized/`).
    quant: quantized::QuantState,
}

impl Collection {
    pub fn new(config: VectorsConfig) -> Result<Self> {
        config.validate()?;
        let stores = config
            .names()
            .into_iter()
            .filter(|n| config.params(n).is_ok_and(|p| !multi::is_multi(p)))
            .map(|n| {
                let p = *config.params(&n).expect("name comes from the config");
                (n, VectorStore::new(p))
            })
            .collect();
        let multi = multi::stores_for(&config);
        Ok(Collection {
            multi,
            config,
            stores,
            sparse_config: None,
            sparse: BTreeMap::new(),
            ids: Vec::new(),
            payloads: Vec::new(),
            versions: Vec::new(),
            alive: Vec::new(),
            index: BTreeMap::new(),
            op_counter: 0,
            payload_schema: BTreeMap::new(),
            index_cache: index::IndexCache::default(),
            payload_bytes: 0,
            budget: memory::BudgetShare::default(),
            hnsw: hnsw::HnswState::default(),
            quant: quantized::QuantState::default(),
        })
    }

    pub fn config(&self) -> &VectorsConfig {
        &self.config
    }

    /// Number of live points.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Number of offsets, live or tombstoned.
    pub fn capacity_rows(&self) -> usize {
        self.ids.len()
    }

    /// The store of the vector called `name`, or Qdrant's "Not existing vector name" error.
    pub fn store(&self, name: &str) -> Result<&VectorStore> {
        self.stores.get(name).ok_or_else(|| Error::VectorNameNotFound { name: name.to_string() })
    }

    pub fn offset_of(&self, id: &PointId) -> Option<PointOffset> {
        self.index.get(id).copied()
    }

    #[inline(always)]
    pub fn is_alive(&self, offset: usize) -> bool {
        self.alive.get(offset).copied().unwrap_or(false)
    }

    /// A read view of the live point at `offset`.
    pub fn point(&self, offset: PointOffset) -> PointRef<'_> {
        PointRef { collection: self, offset: offset as usize }
    }

    /// Live offsets in id order (Qdrant's scroll order).
    pub fn offsets_by_id(&self) -> impl Iterator<Item = (&PointId, PointOffset)> + '_ {
        self.index.iter().map(|(id, off)| (id, *off))
    }

    /// Live offsets in id order, starting at the first id ≥ `from`.
    pub fn offsets_from(&self, from: PointId) -> impl Iterator<Item = (&PointId, PointOffset)> + '_ {
        self.index.range(from..).map(|(id, off)| (id, *off))
    }

    /// Starts a write operation and returns its version number.
    pub fn next_version(&mut self) -> u64 {
        self.index_cache.clear();
        self.op_counter += 1;
        self.op_counter
    }

    /// Checks a raw vector against the named vector's size and prepares it for the storage's
    /// element type (Cosine normalises except over bytes; float16/uint8 round).
    pub fn prepare_vector(&self, name: &str, mut v: Vec<f32>) -> Result<Vec<f32>> {
        if let Some(store) = self.multi.get(name) {
            return self.prepare_multi(store, v);
        }
        self.check_vector(name, &v)?;
        self.config.params(name)?.prepare(&mut v)?;
        Ok(v)
    }

    /// Checks a raw vector for the named vector: its size, and only finite components.
    pub fn check_vector(&self, name: &str, v: &[f32]) -> Result<()> {
        if self.sparse.contains_key(name) {
            return Err(sparse::wrong_usage());
        }
        let params = self.config.params(name)?;
        if v.len() != params.size {
            return Err(Error::DimensionMismatch { expected: params.size, got: v.len() });
        }
        if !all_finite(v) {
            return Err(Error::wrong_input("vector components must be finite numbers (no NaN or Infinity)"));
        }
        Ok(())
    }

    /// Upserts points (a whole point is replaced, as Qdrant does). Every point is validated
    /// before anything changes, so a failed upsert leaves the collection untouched.
    pub fn upsert(&mut self, points: Vec<PointInsert>) -> Result<u64> {
        self.upsert_mixed(points.into_iter().map(|p| (p, Vec::new())).collect())
    }

    /// Bulk upsert into the unnamed vector from one row-major slice (`ids.len()` rows of
    /// `dim` floats): each row is copied once, straight into storage (new ids) or a staging
    /// buffer (existing ids, repeats), and checked and preprocessed there, with no per-point
    /// allocation. A failed upsert leaves the collection untouched; duplicate ids: last wins.
    /// See `collection/ingest.rs`.
    pub fn upsert_rows(&mut self, ids: &[PointId], rows: &[f32], payloads: Option<Vec<Payload>>) -> Result<u64> {
        self.upsert_rows_from(ids, &rows, payloads)
    }

    /// The offset for `id`: its existing one, or a fresh one at the end.
    fn slot_for(&mut self, id: PointId, version: u64) -> usize {
        if let Some(&off) = self.index.get(&id) {
            self.versions[off as usize] = version;
            return off as usize;
        }
        let off = self.ids.len();
        self.ids.push(id);
        self.payloads.push(Payload::new());
        self.versions.push(version);
        self.alive.push(true);
        for s in self.stores.values_mut() {
            s.resize(off + 1);
        }
        self.index.insert(id, off as PointOffset);
        off
    }

    /// Tombstones the given points; unknown ids are ignored, as Qdrant does.
    pub fn delete(&mut self, ids: &[PointId]) -> u64 {
        let version = self.next_version();
        let mut gone = Vec::new();
        for id in ids {
            if let Some(off) = self.index.remove(id) {
                let off = off as usize;
                self.alive[off] = false;
                self.payload_bytes -= payload_bytes(&self.payloads[off]);
                self.payloads[off] = Payload::new();
                for s in self.stores.values_mut() {
                    s.remove(off);
                }
                self.multi.values_mut().for_each(|m| m.remove(off));
                gone.push(off);
            }
        }
        self.clear_sparse(&gone);
        version
    }

    /// Edits the payload of a live point under `version`, keeping the byte accounting true.
    pub fn edit_payload(&mut self, offset: PointOffset, version: u64, f: impl FnOnce(&mut Payload)) {
        let off = offset as usize;
        self.versions[off] = version;
        self.payload_bytes -= payload_bytes(&self.payloads[off]);
        f(&mut self.payloads[off]);
        self.payload_bytes += payload_bytes(&self.payloads[off]);
    }

    /// Stores an already prepared vector under `name` for a live point.
    pub fn set_vector(&mut self, offset: PointOffset, name: &str, v: &[f32], version: u64) -> Result<()> {
        if let Some(m) = self.multi.get_mut(name) {
            m.set(offset as usize, v);
            self.versions[offset as usize] = version;
            return Ok(());
        }
        let store = self.stores.get_mut(name).ok_or_else(|| Error::VectorNameNotFound { name: name.to_string() })?;
        store.set(offset as usize, v);
        self.versions[offset as usize] = version;
        self.relink(&[offset as usize])
    }

    /// Removes the vector `name` from a live point.
    pub fn remove_vector(&mut self, offset: PointOffset, name: &str, version: u64) -> Result<()> {
        if let Some(m) = self.multi.get_mut(name) {
            m.remove(offset as usize);
            self.versions[offset as usize] = version;
            return Ok(());
        }
        let store = self.stores.get_mut(name).ok_or_else(|| Error::VectorNameNotFound { name: name.to_string() })?;
        store.remove(offset as usize);
        self.versions[offset as usize] = version;
        Ok(())
    }
}

/// A read view of one live point: what filters and responses need.
#[derive(Debug, Clone, Copy)]
pub struct PointRef<'a> {
    collection: &'a Collection,
    offset: usize,
}

impl<'a> PointRef<'a> {
    pub fn offset(&self) -> PointOffset {
        self.offset as PointOffset
    }
    pub fn version(&self) -> u64 {
        self.collection.versions[self.offset]
    }
    pub fn payload_ref(&self) -> &'a Payload {
        &self.collection.payloads[self.offset]
    }
    /// The stored vector called `name`, if the point has it, widened to f32 (exact; borrowed
    /// when stored as f32).
    pub fn vector(&self, name: &str) -> Option<std::borrow::Cow<'a, [f32]>> {
        self.stored(name).map(Row::to_f32)
    }
    /// The stored vector called `name` in its element type, if the point has it.
    pub fn stored(&self, name: &str) -> Option<Row<'a>> {
        if let Some(m) = self.collection.multi.get(name) {
            return m.get(self.offset);
        }
        self.collection.stores.get(name)?.get(self.offset)
    }
    /// The stored sparse vector called `name` (sorted by index), if the point has it.
    pub fn sparse_vector(&self, name: &str) -> Option<&'a SparseVector> {
        self.collection.sparse.get(name)?.get(self.offset)
    }
}

impl PointView for PointRef<'_> {
    fn id(&self) -> PointId {
        self.collection.ids[self.offset]
    }
    fn payload(&self) -> &Payload {
        &self.collection.payloads[self.offset]
    }
    fn has_vector(&self, name: &str) -> bool {
        if let Some(m) = self.collection.multi.get(name) {
            return m.get(self.offset).is_some();
        }
        self.collection.stores.get(name).is_some_and(|s| s.has(self.offset))
            || self.collection.sparse.get(name).is_some_and(|s| s.has(self.offset))
    }
}
