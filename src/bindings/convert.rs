//! JS values → core types (and back) for the flat, typed-array API.

use crate::api::Outcome;
use crate::{Error, Payload, PointId, Result};
use js_sys::{Array, ArrayBuffer, BigInt, BigUint64Array, Float32Array, Object, Reflect, Uint32Array, Uint8Array};
use std::mem::MaybeUninit;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// Largest integer a JS number holds exactly (2^53 − 1).
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

// Copies of caller-provided values made on the JS side with exceptions caught. An exception
// thrown by user code (a Proxy trap, a revoked Proxy) while a `Database` method runs would
// unwind through wasm and leave that `Database` borrowed forever ("recursive use of an
// object"): its data unreachable. `instanceof` checks (`dyn_ref`) are already caught by the glue.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(v: &JsValue) -> std::result::Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(v: &JsValue) -> std::result::Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Float32Array, js_name = from)]
    fn float32_from(v: &JsValue) -> std::result::Result<Float32Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Uint8Array, js_name = from)]
    fn uint8_from(v: &JsValue) -> std::result::Result<Uint8Array, JsValue>;
}

/// The message of a caught JS exception.
fn thrown(what: &str, e: &JsValue) -> Error {
    let msg = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "not array-like".into());
    Error::wrong_input(format!("{what}: {msg}"))
}

/// `len` elements copied by `fill` into a vector whose allocation may fail, giving
/// `Err(bytes)` — instead of the abort (a trap that loses every `Database` of the instance) of
/// `to_vec`, or of the allocation wasm-bindgen's glue makes for a `&[T]` parameter.
fn fallible_copy<T>(len: u32, fill: impl FnOnce(&mut [MaybeUninit<T>]) -> &mut [T]) -> Result<Vec<T>, usize> {
    let n = len as usize;
    let mut out = Vec::new();
    out.try_reserve_exact(n).map_err(|_| n.saturating_mul(std::mem::size_of::<T>()))?;
    let filled = fill(&mut out.spare_capacity_mut()[..n]).len();
    // SAFETY: `fill` (a typed array's `copy_to_uninit`) initialised the first `filled` (= `n`)
    // slots, which the reservation above made room for.
    unsafe { out.set_len(filled) };
    Ok(out)
}

/// Checks the `length` of an array(-like) before it is copied element by element: `Err` (from
/// `oom`) when `length` elements of `size` bytes could never fit in wasm32's address space, so
/// a fake `{length: 3e9}` fails at once instead of looping for minutes.
fn check_length(v: &JsValue, what: &str, size: usize, oom: &impl Fn(usize) -> Error) -> Result<()> {
    let len = Reflect::get(v, &JsValue::from_str("length")).map_err(|e| thrown(what, &e))?.as_f64().unwrap_or(0.0);
    if len * size as f64 > isize::MAX as f64 {
        return Err(oom((len * size as f64) as usize));
    }
    Ok(())
}

/// Floats from a `Float32Array` or an array(-like) of numbers. `oom` builds the error for a copy
/// that does not fit in memory (its argument: the bytes needed).
pub(crate) fn floats_from_js(v: &JsValue, what: &str, oom: impl Fn(usize) -> Error) -> Result<Vec<f32>> {
    let typed = match v.dyn_ref::<Float32Array>() {
        Some(a) => a.clone(),
        None if v.is_object() => {
            check_length(v, what, 4, &oom)?;
            float32_from(v).map_err(|e| thrown(what, &e))?
        }
        None => return Err(Error::wrong_input(format!("{what} must be a Float32Array or an array of numbers"))),
    };
    fallible_copy(typed.length(), |dst| typed.copy_to_uninit(dst)).map_err(oom)
}

/// Bytes from a `Uint8Array`, an `ArrayBuffer` or an array(-like) of byte values.
pub(crate) fn bytes_from_js(v: &JsValue, oom: impl Fn(usize) -> Error) -> Result<Vec<u8>> {
    let typed = if let Some(a) = v.dyn_ref::<Uint8Array>() {
        a.clone()
    } else if let Some(b) = v.dyn_ref::<ArrayBuffer>() {
        Uint8Array::new(b)
    } else if v.is_object() {
        check_length(v, "bytes", 1, &oom)?;
        uint8_from(v).map_err(|e| thrown("bytes", &e))?
    } else {
        return Err(Error::wrong_input("bytes must be a Uint8Array or an ArrayBuffer"));
    };
    fallible_copy(typed.length(), |dst| typed.copy_to_uninit(dst)).map_err(oom)
}

/// Ids from a `Uint32Array`, a `BigUint64Array`, or an array of numbers / bigints / UUID strings.
pub(crate) fn ids_from_js(ids: &JsValue, oom: impl Fn(usize) -> Error) -> Result<Vec<PointId>> {
    if let Some(a) = ids.dyn_ref::<Uint32Array>() {
        let raw = fallible_copy(a.length(), |dst| a.copy_to_uninit(dst)).map_err(&oom)?;
        return Ok(raw.into_iter().map(|n| PointId::Num(n.into())).collect());
    }
    if let Some(a) = ids.dyn_ref::<BigUint64Array>() {
        let raw = fallible_copy(a.length(), |dst| a.copy_to_uninit(dst)).map_err(&oom)?;
        return Ok(raw.into_iter().map(PointId::Num).collect());
    }
    if is_array(ids).map_err(|e| thrown("ids", &e))? {
        check_length(ids, "ids", std::mem::size_of::<PointId>(), &oom)?;
        let a = array_from(ids).map_err(|e| thrown("ids", &e))?;
        let n = a.length() as usize;
        let mut out = Vec::new();
        out.try_reserve_exact(n).map_err(|_| oom(n.saturating_mul(std::mem::size_of::<PointId>())))?;
        for v in a.iter() {
            out.push(id_from_js(&v)?);
        }
        return Ok(out);
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

/// `{ status, result }` (the result's JSON text) or `{ status, error, code }` for `request`.
pub(crate) fn response_to_js(r: &crate::Response) -> JsValue {
    let out = Object::new();
    set(&out, "status", &JsValue::from(r.status));
    match &r.outcome {
        Outcome::Result(result) => set(&out, "result", &JsValue::from_str(result)),
        Outcome::Error { message, code } => {
            set(&out, "error", &JsValue::from_str(message));
            set(&out, "code", &JsValue::from_str(code));
        }
    }
    out.into()
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    // Defining a data property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}
