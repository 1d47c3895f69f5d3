//! `quantization_config` as Qdrant spells it (lib/segment/src/types.rs:918-1200, v1.19.0):
//! `{"scalar": {…}}`, `{"binary": {…}}`, `{"product": {…}}` or `{"turbo": {…}}`, and in a
//! PATCH also `"Disabled"` (lib/collection/src/operations/config_diff.rs:505-540). Echoed as
//! given: optional keys are skipped when absent, as Qdrant's `skip_serializing_if` does.
//!
//! `scalar` and `binary` build codes (`scalar.rs`, `binary.rs`); `product` and `turbo` are
//! accepted and echoed, and their vectors are searched unquantized.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `memory`: where Qdrant places the codes (echoed; simile keeps everything in memory).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Memory {
    Cold,
    Cached,
    Pinned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScalarType {
    Int8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScalarConfig {
    pub r#type: ScalarType,
    /// Range [0.5, 1.0]; unset: the whole range of values. Qdrant keeps an f32; held as
    /// the f64 given so the echo shows the number as written (training uses it as f32).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantile: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub always_ram: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<Memory>,
}

/// Stored bits per dimension (`BinaryQuantizationEncoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BinaryEncoding {
    #[default]
    OneBit,
    TwoBits,
    OneAndHalfBits,
}

/// How the query is encoded against binary codes (`BinaryQuantizationQueryEncoding`):
/// `default` and `binary` both encode it like the stored vectors (quantized_vectors.rs:163-181).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QueryEncoding {
    #[default]
    Default,
    Binary,
    Scalar4Bits,
    Scalar8Bits,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BinaryConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub always_ram: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<Memory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<BinaryEncoding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_encoding: Option<QueryEncoding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CompressionRatio {
    X4,
    X8,
    X16,
    X32,
    X64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductConfig {
    pub compression: CompressionRatio,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub always_ram: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<Memory>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TurboBits {
    Bits1,
    Bits1_5,
    Bits2,
    Bits4,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurboConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub always_ram: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<Memory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bits: Option<TurboBits>,
}

crate::json::untagged_enum! {
    /// Qdrant's `QuantizationConfig` (untagged: the single key names the method).
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(untagged)]
    pub enum QuantizationConfig {
        Scalar { scalar: ScalarConfig },
        Product { product: ProductConfig },
        Binary { binary: BinaryConfig },
        Turbo { turbo: TurboConfig },
    }
}

/// `"Disabled"` of a PATCH (`Disabled::Disabled`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Disabled {
    Disabled,
}

crate::json::untagged_enum! {
    /// A PATCH's `quantization_config` (`QuantizationConfigDiff`): a new config, or `"Disabled"`.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(untagged)]
    enum ConfigDiff {
        Set(QuantizationConfig),
        Disabled(Disabled),
    }
}

impl QuantizationConfig {
    /// Parses and validates `v` (absent or `null`: `None`); `what` names it in messages.
    pub fn parse(v: Option<&Value>, what: &str) -> Result<Option<Self>> {
        let Some(v) = v.filter(|v| !v.is_null()) else { return Ok(None) };
        let config: Self = crate::json::from_value(v).map_err(|e| Error::format(format!("{what}: {e}")))?;
        config.validate(what)?;
        Ok(Some(config))
    }

    /// A PATCH value: `Some(Some(config))` to set, `Some(None)` for `"Disabled"`, `None` when
    /// absent or `null` (nothing changes).
    pub fn parse_diff(v: Option<&Value>, what: &str) -> Result<Option<Option<Self>>> {
        let Some(v) = v.filter(|v| !v.is_null()) else { return Ok(None) };
        let diff: ConfigDiff = crate::json::from_value(v).map_err(|e| Error::format(format!("{what}: {e}")))?;
        match diff {
            ConfigDiff::Set(config) => {
                config.validate(what)?;
                Ok(Some(Some(config)))
            }
            ConfigDiff::Disabled(_) => Ok(Some(None)),
        }
    }

    /// Qdrant's only range rule: `scalar.quantile` in [0.5, 1.0] (types.rs:941-944).
    fn validate(&self, what: &str) -> Result<()> {
        if let QuantizationConfig::Scalar { scalar } = self {
            if let Some(q) = scalar.quantile.filter(|q| !(0.5..=1.0).contains(q)) {
                return Err(Error::validation(format!(
                    "{what}.scalar.quantile: value {q} invalid, must be from 0.5 to 1.0"
                )));
            }
        }
        Ok(())
    }

    /// Whether simile builds codes for this method (`scalar`, `binary`).
    pub fn builds_codes(&self) -> bool {
        matches!(self, QuantizationConfig::Scalar { .. } | QuantizationConfig::Binary { .. })
    }
}

/// A request's `params.quantization` (`QuantizationSearchParams`, types.rs:570-617).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct QuantizationSearchParams {
    /// Skip the codes: search the original vectors.
    #[serde(default)]
    pub ignore: bool,
    /// Rescore the candidates with the original vectors; unset: the method's default
    /// (binary: on, scalar: off; quantized_vectors/accessors.rs:16-30).
    #[serde(default)]
    pub rescore: Option<bool>,
    /// Candidates taken from the codes = `limit × oversampling` (when > 1).
    #[serde(default)]
    pub oversampling: Option<f64>,
}

impl QuantizationSearchParams {
    /// `oversampling` ≥ 1 (`#[validate(range(min = 1.0))]`).
    pub fn validate(&self, what: &str) -> Result<()> {
        match self.oversampling {
            Some(o) if o < 1.0 || o.is_nan() => Err(Error::validation(format!(
                "{what}.oversampling: value {o} invalid, must be 1.0 or larger"
            ))),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn configs_round_trip_as_given() {
        for v in [
            json!({"scalar": {"type": "int8", "quantile": 0.99, "always_ram": true}}),
            json!({"binary": {"encoding": "one_and_half_bits", "query_encoding": "scalar8bits"}}),
            json!({"binary": {}}),
            json!({"product": {"compression": "x16"}}),
            json!({"turbo": {"bits": "bits1_5"}}),
        ] {
            let c = QuantizationConfig::parse(Some(&v), "quantization_config").unwrap().unwrap();
            assert_eq!(serde_json::to_value(&c).unwrap(), v);
        }
    }

    #[test]
    fn bad_configs_are_refused_with_qdrants_status() {
        let q = json!({"scalar": {"type": "int8", "quantile": 0.3}});
        let err = QuantizationConfig::parse(Some(&q), "quantization_config").unwrap_err();
        assert_eq!(err.status(), 422, "{err}");
        assert!(err.to_string().contains("quantization_config.scalar.quantile: value 0.3 invalid, must be from 0.5 to 1.0"));
        let e = json!({"binary": {"encoding": "three_bits"}});
        assert_eq!(QuantizationConfig::parse(Some(&e), "q").unwrap_err().status(), 400);
        let d = QuantizationConfig::parse(Some(&json!("Disabled")), "q");
        assert!(d.is_err(), "Disabled only in a PATCH");
        assert_eq!(QuantizationConfig::parse_diff(Some(&json!("Disabled")), "q").unwrap(), Some(None));
    }

    #[test]
    fn oversampling_below_one_is_a_validation_error() {
        let p = QuantizationSearchParams { oversampling: Some(0.5), ..Default::default() };
        let err = p.validate("params.quantization").unwrap_err();
        assert_eq!(err.status(), 422);
        assert!(err.to_string().contains("params.quantization.oversampling: value 0.5 invalid, must be 1.0 or larger"));
        assert!(QuantizationSearchParams { oversampling: Some(1.0), ..Default::default() }.validate("p").is_ok());
    }
}
