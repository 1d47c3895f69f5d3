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
}

/// The `vectors` object of Qdrant's create-collection request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum VectorsConfig {
    Single(VectorParams),
    Named(BTreeMap<String, VectorParams>),
}

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

    /// Rejects sizes Qdrant rejects (`size` ≥ 1) with its validation wording.
    pub fn validate(&self) -> Result<()> {
        let bad = match self {
            VectorsConfig::Single(p) => p.size == 0,
            VectorsConfig::Named(m) => m.values().any(|p| p.size == 0),
        };
        if bad {
            return Err(Error::validation("vectors.size: value 0 invalid, must be 1 or larger"));
        }
        Ok(())
    }
}
