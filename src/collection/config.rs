//! Collection configuration: one unnamed dense vector or a map of named ones.

use crate::distance::Distance;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Size and metric of one dense vector.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct VectorParams {
    pub size: usize,
    pub distance: Distance,
    /// Set when every point holds a list of `size`-long vectors (see `collection/multi.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multivector_config: Option<super::multi::MultiVectorConfig>,
}

/// The `vectors` object of Qdrant's create-collection request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum VectorsConfig {
    Single(VectorParams),
    Named(BTreeMap<String, VectorParams>),
}

/// The largest vector size Qdrant accepts (`VectorParams::size`, `range(min = 1, max = 65536)`).
pub const MAX_VECTOR_SIZE: usize = 65_536;

/// The name of the unnamed (default) vector.
pub const DEFAULT_VECTOR: &str = "";

impl VectorsConfig {
    /// Parameters of the vector called `name` (`""` = the unnamed one).
    pub fn params(&self, name: &str) -> Result<&VectorParams> {
        match self {
            VectorsConfig::Single(p) if name == DEFAULT_VECTOR => Some(p),
            VectorsConfig::Named(m) => m.get(name),
            VectorsConfig::Single(_) => None,
        }
        .ok_or_else(|| Error::VectorNameNotFound { name: name.to_string() })
    }

    /// Every configured vector name, in a stable order.
    pub fn names(&self) -> Vec<String> {
        match self {
            VectorsConfig::Single(_) => vec![DEFAULT_VECTOR.to_string()],
            VectorsConfig::Named(m) => m.keys().cloned().collect(),
        }
    }

    /// Rejects sizes Qdrant rejects (1 ≤ `size` ≤ [`MAX_VECTOR_SIZE`]) with its validation
    /// wording. The upper bound also keeps `size × 4 × rows` arithmetic far from overflow.
    pub fn validate(&self) -> Result<()> {
        let sizes: Vec<usize> = match self {
            VectorsConfig::Single(p) => vec![p.size],
            VectorsConfig::Named(m) => m.values().map(|p| p.size).collect(),
        };
        if sizes.contains(&0) {
            return Err(Error::validation("vectors.size: value 0 invalid, must be 1 or larger"));
        }
        if let Some(n) = sizes.into_iter().find(|&n| n > MAX_VECTOR_SIZE) {
            return Err(Error::validation(format!(
                "vectors.size: value {n} invalid, must be from 1 to {MAX_VECTOR_SIZE}"
            )));
        }
        Ok(())
    }
}
