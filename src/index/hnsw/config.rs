//! `hnsw_config` as Qdrant takes it (`HnswConfigDiff`, lib/collection/src/operations/
//! config_diff.rs:38-83) and the collection-level values it fills in (`HnswConfig` defaults,
//! lib/segment/src/types.rs).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Qdrant's defaults: `m` 16, `ef_construct` 100, `full_scan_threshold` 10 000 KB.
pub const DEFAULT_M: usize = 16;
pub const DEFAULT_EF_CONSTRUCT: usize = 100;
pub const DEFAULT_FULL_SCAN_THRESHOLD_KB: usize = 10_000;

/// The largest `m` simile builds with: the level-0 lists of 1M points at `m` = 512 already
/// take 4 GB, the whole wasm32 address space.
pub const MAX_M: usize = 512;

/// An `hnsw_config` object: every field optional, unknown keys (`memory`, `inline_storage`,
/// `copy_vectors`…) kept so they are echoed back.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HnswConfigDiff {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub m: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ef_construct: Option<usize>,
    #[serde(default, alias = "full_scan_threshold_kb", skip_serializing_if = "Option::is_none")]
    pub full_scan_threshold: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_indexing_threads: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_disk: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload_m: Option<usize>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl HnswConfigDiff {
    /// Parses and validates an `hnsw_config` value (`null` = no change).
    pub fn parse(v: Option<Value>, what: &str) -> Result<Option<Self>> {
        let Some(v) = v.filter(|v| !v.is_null()) else { return Ok(None) };
        let diff: Self = crate::json::from_value(&v).map_err(|e| Error::format(format!("{what}: {e}")))?;
        diff.validate(what)?;
        Ok(Some(diff))
    }

    /// Qdrant's ranges (`ef_construct` ≥ 4, `full_scan_threshold` ≥ 10) and simile's `m` ≤ 512.
    fn validate(&self, what: &str) -> Result<()> {
        if let Some(ef) = self.ef_construct.filter(|&ef| ef < 4) {
            return Err(Error::validation(format!("{what}.ef_construct: value {ef} invalid, must be 4 or larger")));
        }
        if let Some(t) = self.full_scan_threshold.filter(|&t| t < 10) {
            return Err(Error::validation(format!(
                "{what}.full_scan_threshold: value {t} invalid, must be 10 or larger"
            )));
        }
        for (key, m) in [("m", self.m), ("payload_m", self.payload_m)] {
            if let Some(m) = m.filter(|&m| m > MAX_M) {
                return Err(Error::validation(format!("{what}.{key}: value {m} invalid, must be at most {MAX_M}")));
            }
        }
        Ok(())
    }

    /// `self` with the fields `diff` sets replaced (Qdrant `DiffConfig::update`).
    pub fn merged(&self, diff: &HnswConfigDiff) -> HnswConfigDiff {
        let mut other = self.other.clone();
        other.extend(diff.other.clone());
        HnswConfigDiff {
            m: diff.m.or(self.m),
            ef_construct: diff.ef_construct.or(self.ef_construct),
            full_scan_threshold: diff.full_scan_threshold.or(self.full_scan_threshold),
            max_indexing_threads: diff.max_indexing_threads.or(self.max_indexing_threads),
            on_disk: diff.on_disk.or(self.on_disk),
            payload_m: diff.payload_m.or(self.payload_m),
            other,
        }
    }

    /// The collection-level echo: Qdrant's defaults for what was never set.
    pub fn collection_echo(&self) -> Value {
        let mut out = serde_json::json!({
            "m": self.m(),
            "ef_construct": self.ef_construct(),
            "full_scan_threshold": self.full_scan_threshold_kb(),
            "max_indexing_threads": self.max_indexing_threads.unwrap_or(0),
            "on_disk": self.on_disk.unwrap_or(false),
        });
        if let (Some(pm), Some(obj)) = (self.payload_m, out.as_object_mut()) {
            obj.insert("payload_m".into(), pm.into());
        }
        if let Some(obj) = out.as_object_mut() {
            obj.extend(self.other.clone());
        }
        out
    }

    pub fn m(&self) -> usize {
        self.m.unwrap_or(DEFAULT_M)
    }
    pub fn ef_construct(&self) -> usize {
        self.ef_construct.unwrap_or(DEFAULT_EF_CONSTRUCT)
    }
    pub fn full_scan_threshold_kb(&self) -> usize {
        self.full_scan_threshold.unwrap_or(DEFAULT_FULL_SCAN_THRESHOLD_KB)
    }

    /// `full_scan_threshold` in vectors of `vector_bytes` each (Qdrant
    /// hnsw/build.rs:96-105: KB × 1024 / the storage's average vector size, at least 1; a
    /// uint8 vector of the same dimension counts a quarter of a float32 one).
    pub fn full_scan_threshold_vectors(&self, vector_bytes: usize) -> usize {
        let bytes = vector_bytes.max(1);
        (self.full_scan_threshold_kb().saturating_mul(1024) / bytes).max(1)
    }
}
