//! `sparse_vectors` of a collection: per name, the IDF modifier and index options (Qdrant
//! `lib/collection/src/operations/types.rs` `SparseVectorParams`, `SparseIndexParams`;
//! `lib/segment/src/data_types/modifier.rs` `Modifier`).
//!
//! The index options only tune Qdrant's storage and search speed, so they are accepted and
//! echoed back as given; `datatype` other than `float32` would quantize the weights and change
//! scores, so it is refused rather than ignored.

use super::VectorsConfig;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Weight modification applied at query time (`none` is the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modifier {
    #[default]
    None,
    Idf,
}

/// Qdrant's `SparseIndexParams`: every field optional and echoed only when given.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SparseIndexParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_scan_threshold: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_disk: Option<bool>,
    /// `cold`, `cached` or `pinned` (Qdrant `Memory`); kept as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<Memory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datatype: Option<Datatype>,
}

/// Qdrant's `Memory` placement (lib/segment/src/types.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Memory {
    Cold,
    Cached,
    Pinned,
}

/// Qdrant's `Datatype` (shared with dense vectors); only `float32` is stored as given here.
pub use super::datatype::Datatype;

/// Qdrant's `SparseVectorParams`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SparseVectorParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<SparseIndexParams>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<Modifier>,
}

impl SparseVectorParams {
    pub fn uses_idf(&self) -> bool {
        self.modifier == Some(Modifier::Idf)
    }

    /// Qdrant's `update_sparse_vectors_from_other` (lib/collection/src/config.rs:632-652): a
    /// given modifier replaces; index fields given replace theirs, the others stay.
    pub fn update_from(&mut self, diff: SparseVectorParams) {
        if let Some(m) = diff.modifier {
            self.modifier = Some(m);
        }
        let Some(new) = diff.index else { return };
        let index = self.index.get_or_insert_with(SparseIndexParams::default);
        index.full_scan_threshold = new.full_scan_threshold.or(index.full_scan_threshold);
        index.on_disk = new.on_disk.or(index.on_disk);
        index.memory = new.memory.or(index.memory);
        index.datatype = new.datatype.or(index.datatype);
    }
}

/// The `sparse_vectors` map; `None` when the create request had no such key (then collection
/// info shows none, as Qdrant's `skip_serializing_if` does).
pub type SparseVectorsConfig = Option<BTreeMap<String, SparseVectorParams>>;

/// Parses `sparse_vectors` of a create or update request (400 on a wrong shape).
pub fn parse_sparse_config(v: Option<Value>) -> Result<SparseVectorsConfig> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => crate::json::from_value(&v).map(Some).map_err(|e| Error::format(format!("sparse_vectors: {e}"))),
    }
}

/// Qdrant's create-collection checks (lib/storage/src/content_manager/collection_meta_ops.rs
/// 242-266): names at most 200 bytes without path characters, not empty, not also a dense
/// name; then simile's refusal of quantized datatypes (501).
pub fn validate_sparse_config(sparse: &SparseVectorsConfig, dense: &VectorsConfig) -> Result<()> {
    let Some(map) = sparse else { return Ok(()) };
    for name in map.keys() {
        validate_vector_name(name).map_err(|e| Error::bad_request(format!("Invalid sparse vector name `{name}`: {e}")))?;
    }
    if map.contains_key("") {
        return Err(Error::bad_request("Sparse vector name cannot be empty"));
    }
    let dense_names = match dense {
        VectorsConfig::Single(_) => vec![String::new()],
        VectorsConfig::Named(m) => m.keys().cloned().collect(),
    };
    if let Some(dup) = dense_names.iter().find(|n| map.contains_key(*n)) {
        return Err(Error::bad_request(format!(
            "Dense and sparse vector names must be unique - duplicate found with '{dup}'"
        )));
    }
    check_datatypes(map.values())
}

/// Refuses `datatype` other than `float32` (would change scores).
pub fn check_datatypes<'a>(params: impl Iterator<Item = &'a SparseVectorParams>) -> Result<()> {
    for p in params {
        if let Some(dt) = p.index.as_ref().and_then(|i| i.datatype).filter(|d| *d != Datatype::Float32) {
            let name = serde_json::to_value(dt).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            return Err(Error::Unsupported { what: format!("Sparse vector datatype `{name}`") });
        }
    }
    Ok(())
}

/// Qdrant's `validate_vector_name` (lib/common/common/src/validation.rs:123-136, 99-108).
fn validate_vector_name(name: &str) -> std::result::Result<(), String> {
    const MAX_LEN: usize = 200;
    const INVALID: [char; 11] = ['<', '>', ':', '"', '/', '\\', '|', '?', '*', '\0', '\u{1F}'];
    if name.len() > MAX_LEN {
        return Err(format!("vector name must be at most {MAX_LEN} bytes long"));
    }
    match INVALID.iter().find(|c| name.contains(**c)) {
        Some(c) => Err(format!("vector name cannot contain \"{c}\" char")),
        None => Ok(()),
    }
}
