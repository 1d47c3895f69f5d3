//! JS values → core types (and back) for the flat, typed-array API.

use crate::{Error, Payload, PointId, Result};
use js_sys::{Array, BigInt, BigUint64Array, Float32Array, Object, Reflect, Uint32Array};
use wasm_bindgen::{JsCast, JsValue};

/// Largest integer a JS number holds exactly (2^53 − 1).
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// Ids from a `Uint32Array`, a `BigUint64Array`, or an array of numbers / bigints / UUID strings.
pub(crate) fn ids_from_js(ids: &JsValue) -> Result<Vec<PointId>> {
    if let Some(a) = ids.dyn_ref::<Uint32Array>() {
        return Ok(a
            .to_vec()
            .into_iter()
            .map(|n| PointId::Num(n.into()))
            .collect());
    }
    if let Some(a) = ids.dyn_ref::<BigUint64Array>() {
        return Ok(a.to_vec().into_iter().map(PointId::Num).collect());
    }
    if let Some(a) = ids.dyn_ref::<Array>() {
        return a.iter().map(|v| id_from_js(&v)).collect();
    }
    Err(Error::wrong_input(
        "ids must be a Uint32Array, a BigUint64Array or an array of unsigned integers and UUID strings",
    ))
}

/// One id: a non-negative safe integer, a non-negative bigint below 2^64, or a UUID string.
fn id_from_js(v: &JsValue) -> Result<PointId> {
    if let Some(n) = v.as_f64() {
        if (0.0..=MAX_SAFE).contains(&n) && n.fract() == 0.0 {
            return Ok(PointId::Num(n as u64));
        }
    } else if let Some(b) = v.dyn_ref::<BigInt>() {
        if let Ok(n) = u64::try_from(b.clone()) {
            return Ok(PointId::Num(n));
        }
    } else if let Some(s) = v.as_string() {
        if let Some(id) = PointId::parse_uuid(&s) {
            return Ok(id);
        }
    }
    let shown = v.as_string().or_else(|| v.as_f64().map(|n| n.to_string()));
    Err(Error::wrong_input(format!(
        "{} is not a valid point ID, valid values are either an unsigned integer or a UUID",
        shown.unwrap_or_else(|| "value".into())
    )))
}

/// An id for JS: a number when exact, a bigint above 2^53 − 1, a canonical UUID string.
pub(crate) fn id_to_js(id: &PointId) -> JsValue {
    match id {
        PointId::Num(n) if (*n as f64) <= MAX_SAFE => JsValue::from_f64(*n as f64),
        PointId::Num(n) => BigInt::from(*n).into(),
        PointId::Uuid(_) => JsValue::from_str(&id.to_string()),
    }
}

/// Payloads from JSON text: an array with one object (or `null`) per id.
pub(crate) fn payloads_from_json(text: &str, n: usize) -> Result<Vec<Payload>> {
    let list: Vec<Option<Payload>> = serde_json::from_str(text)?;
    if list.len() != n {
        return Err(Error::wrong_input(format!(
            "{} payloads given for {n} ids",
            list.len()
        )));
    }
    Ok(list.into_iter().map(Option::unwrap_or_default).collect())
}

/// `{ ids, scores }` for `searchFlat`.
pub(crate) fn hits_to_js(hits: &[(PointId, f32)]) -> JsValue {
    let ids: Array = hits.iter().map(|(id, _)| id_to_js(id)).collect();
    let scores: Vec<f32> = hits.iter().map(|&(_, s)| s).collect();
    let out = Object::new();
    set(&out, "ids", &ids);
    set(&out, "scores", &Float32Array::from(&scores[..]));
    out.into()
}

/// `{ status, body }` for `request`.
pub(crate) fn response_to_js(r: &crate::Response) -> JsValue {
    let out = Object::new();
    set(&out, "status", &JsValue::from(r.status));
    set(&out, "body", &JsValue::from_str(&r.body));
    if let Some(code) = r.code {
        set(&out, "code", &JsValue::from_str(code));
    }
    out.into()
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    // Defining a data property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}
