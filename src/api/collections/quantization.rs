//! `quantization_config` in create and PATCH requests and in collection info (Qdrant
//! lib/collection/src/config.rs:591-616 applies per-vector diffs; `"Disabled"` removes one).

use crate::collection::quantized::QuantizationConfig;
use crate::collection::Collection;
use crate::error::Result;
use serde_json::Value;

/// The `quantization_config` inside `vectors`, per vector name (`""`: the unnamed vector),
/// as PATCH values (`None`: `"Disabled"`). `allow_disabled` is false for a create request.
pub(super) fn per_vector(vectors: Option<&Value>, allow_disabled: bool) -> Result<Vec<(String, Option<QuantizationConfig>)>> {
    let Some(v) = vectors.and_then(Value::as_object) else { return Ok(Vec::new()) };
    let given: Vec<(String, &Value)> = if v.contains_key("size") {
        v.get("quantization_config").map(|q| vec![(String::new(), q)]).unwrap_or_default()
    } else {
        v.iter().filter_map(|(name, p)| Some((name.clone(), p.get("quantization_config")?))).collect()
    };
    let mut out = Vec::new();
    for (name, q) in given {
        let what = if name.is_empty() { "vectors.quantization_config".to_string() } else { format!("vectors.{name}.quantization_config") };
        let parsed = if allow_disabled {
            QuantizationConfig::parse_diff(Some(q), &what)?
        } else {
            QuantizationConfig::parse(Some(q), &what)?.map(Some)
        };
        if let Some(c) = parsed {
            out.push((name, c));
        }
    }
    Ok(out)
}

/// Each vector's own `quantization_config`, echoed inside its params in `vectors`.
pub(super) fn echo_per_vector(coll: &Collection, vectors: &mut Value) -> Result<()> {
    for (name, config) in &coll.quantization().per_vector {
        let params = if name.is_empty() { Some(&mut *vectors) } else { vectors.get_mut(name) };
        if let Some(Value::Object(p)) = params {
            p.insert("quantization_config".into(), serde_json::to_value(config)?);
        }
    }
    Ok(())
}
