//! Collection configuration: one unnamed dense vector or a map of named ones.

pub use super::datatype::Datatype;
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
    /// Element type of the storage; echoed only when given (Qdrant's `skip_serializing_if`),
    /// `float32` when absent (see `collection/datatype.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datatype: Option<Datatype>,
}

impl VectorParams {
    /// The effective element type (`float32` when not given).
    pub fn datatype(&self) -> Datatype {
        self.datatype.unwrap_or_default()
    }

    /// Prepares `size`-long rows of finite values in place for storage or scoring: the
    /// distance's preprocessing for this element type, then rounding to what it stores
    /// (`collection/datatype.rs`). A float16 value beyond ±65504 is refused (Qdrant would store
    /// ±∞ and score NaN).
    pub fn prepare(&self, v: &mut [f32]) -> Result<()> {
        let dt = self.datatype();
        let rows = v.chunks_exact_mut(self.size.max(1));
        match (dt, self.distance) {
            // The byte metrics preprocess nothing, Cosine included (metric_uint/simple_cosine.rs:53).
            (Datatype::Uint8, _) => {}
            (Datatype::Float16, Distance::Cosine) => rows.for_each(super::datatype::normalise_for_f16),
            _ => rows.for_each(|row| self.distance.preprocess(row)),
        }
        if !dt.round(v) {
            return Err(Error::wrong_input(format!(
                "float16 vector components must be within ±{}",
                super::datatype::F16_MAX
            )));
        }
        Ok(())
    }
}

crate::json::untagged_enum! {
    /// The `vectors` object of Qdrant's create-collection request.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(untagged)]
    pub enum VectorsConfig {
        Single(VectorParams),
        Named(BTreeMap<String, VectorParams>),
    }
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
        let params: Vec<&VectorParams> = match self {
            VectorsConfig::Single(p) => vec![p],
            VectorsConfig::Named(m) => m.values().collect(),
        };
        // Qdrant's TurboQuant storage is not implemented: refused rather than stored as f32.
        if params.iter().any(|p| p.datatype == Some(Datatype::Turbo4)) {
            return Err(Error::Unsupported { what: "Vector datatype `turbo4`".into() });
        }
        Ok(())
    }
}
