//! The caller's typed arrays read in place: snapshot bytes ([`JsBytes`], a
//! [`ByteSource`]) and bulk vectors ([`JsFloats`], a [`FloatSource`]) are copied from the JS
//! array straight to where they end up — a section being parsed, a store's reserved rows —
//! never first whole into wasm memory (which never shrinks).
//!
//! Every JS operation that could run user code or throw (getters of a subclass or a Proxy, a
//! detached buffer) is a `catch` import, so an exception becomes an error instead of unwinding
//! through wasm and leaving a `Database` borrowed forever. Reads then go through a *plain*
//! view made by the intrinsic constructor over the same memory, whose `length`, `subarray` and
//! `set` are the built-in ones.

use crate::collection::vectors::FloatSource;
use crate::snapshot::ByteSource;
use crate::{Error, Result};
use js_sys::{ArrayBuffer, Float32Array, Reflect, SharedArrayBuffer, Uint8Array};
use std::mem::MaybeUninit;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// The JS `Uint8Array` class, bound here only for its constructor with `catch`.
    #[wasm_bindgen(js_name = Uint8Array)]
    type U8Class;
    #[wasm_bindgen(catch, constructor, js_class = "Uint8Array")]
    fn new(buffer: &JsValue, byte_offset: &JsValue, length: &JsValue) -> std::result::Result<U8Class, JsValue>;
    #[wasm_bindgen(catch, constructor, js_class = "Uint8Array")]
    fn over(buffer: &JsValue) -> std::result::Result<U8Class, JsValue>;

    /// The JS `Float32Array` class, bound here only for its constructor with `catch`.
    #[wasm_bindgen(js_name = Float32Array)]
    type F32Class;
    #[wasm_bindgen(catch, constructor, js_class = "Float32Array")]
    fn new(buffer: &JsValue, byte_offset: &JsValue, length: &JsValue) -> std::result::Result<F32Class, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Uint8Array, js_name = "prototype.subarray.call")]
    fn u8_sub(this: &Uint8Array, begin: u32, end: u32) -> std::result::Result<Uint8Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Float32Array, js_name = "prototype.subarray.call")]
    fn f32_sub(this: &Float32Array, begin: u32, end: u32) -> std::result::Result<Float32Array, JsValue>;
    /// `Uint8Array.prototype.set.call(dst, src)`: `dst` is a view of wasm memory.
    #[wasm_bindgen(catch, js_namespace = Uint8Array, js_name = "prototype.set.call")]
    fn u8_set(dst: &mut [u8], src: &Uint8Array) -> std::result::Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = Float32Array, js_name = "prototype.set.call")]
    fn f32_set(dst: &mut [f32], src: &Float32Array) -> std::result::Result<(), JsValue>;
}

/// The message of a caught JS exception.
fn thrown(what: &str, e: &JsValue) -> Error {
    let msg = e.dyn_ref::<js_sys::Error>().map_or_else(|| "unreadable".into(), |e| String::from(e.message()));
    Error::wrong_input(format!("{what}: {msg}"))
}

/// `buffer`, `byteOffset` and `length` of a typed array (the getters may be user code).
fn parts(v: &JsValue, what: &str) -> Result<[JsValue; 3]> {
    let get = |key: &str| Reflect::get(v, &JsValue::from_str(key)).map_err(|e| thrown(what, &e));
    Ok([get("buffer")?, get("byteOffset")?, get("length")?])
}

/// A plain `Uint8Array` over the same memory as `v` (a `Uint8Array`, a subclass such as a Node
/// `Buffer`, an `ArrayBuffer` or a `SharedArrayBuffer`); `None` for anything else.
pub(crate) fn typed_bytes(v: &JsValue) -> Result<Option<Uint8Array>> {
    let view = if v.dyn_ref::<Uint8Array>().is_some() {
        let [buffer, offset, length] = parts(v, "bytes")?;
        U8Class::new(&buffer, &offset, &length)
    } else if v.dyn_ref::<ArrayBuffer>().is_some() || v.dyn_ref::<SharedArrayBuffer>().is_some() {
        U8Class::over(v)
    } else {
        return Ok(None);
    };
    view.map(|v| Some(v.unchecked_into())).map_err(|e| thrown("bytes", &e))
}

/// A plain `Float32Array` over the same memory as `v`; `None` unless `v` is a `Float32Array`.
pub(crate) fn typed_floats(v: &JsValue, what: &str) -> Result<Option<Float32Array>> {
    if v.dyn_ref::<Float32Array>().is_none() {
        return Ok(None);
    }
    let [buffer, offset, length] = parts(v, what)?;
    F32Class::new(&buffer, &offset, &length).map(|v| Some(v.unchecked_into())).map_err(|e| thrown(what, &e))
}

/// Snapshot bytes read in place from a plain `Uint8Array` (see [`typed_bytes`]).
#[derive(Debug)]
pub(crate) struct JsBytes {
    view: Uint8Array,
    len: usize,
}

impl JsBytes {
    pub(crate) fn new(view: Uint8Array) -> JsBytes {
        let len = view.length() as usize;
        JsBytes { view, len }
    }
}

impl ByteSource for JsBytes {
    fn size(&self) -> usize {
        self.len
    }

    fn read<'d>(&self, at: usize, dst: &'d mut [MaybeUninit<u8>]) -> Result<&'d mut [u8]> {
        let unreadable = |e: &JsValue| Error::wrong_input(format!("Invalid snapshot: {}", thrown("the input could not be read", e)));
        let end = at.checked_add(dst.len()).filter(|&end| end <= self.len);
        let end = end.ok_or_else(|| Error::wrong_input("Invalid snapshot: read past the end of the input"))?;
        let part = u8_sub(&self.view, at as u32, end as u32).map_err(|e| unreadable(&e))?;
        if part.length() as usize != dst.len() {
            return Err(Error::wrong_input("Invalid snapshot: the input changed size while it was read"));
        }
        // SAFETY: the `&mut [u8]` only carries pointer and length to JS, which overwrites all
        // of it (`part` has exactly `dst.len()` elements, checked above) before Rust reads it;
        // `[MaybeUninit<u8>]` and `[u8]` have the same layout. (js-sys `copy_to_uninit` does
        // the same.) If `set` throws, the slice is dropped unread.
        let dst = unsafe { &mut *(dst as *mut [MaybeUninit<u8>] as *mut [u8]) };
        u8_set(dst, &part).map_err(|e| unreadable(&e))?;
        Ok(dst)
    }
}

/// Bulk vectors read in place from a plain `Float32Array` (see [`typed_floats`]).
#[derive(Debug)]
pub(crate) struct JsFloats {
    view: Float32Array,
    len: usize,
}

impl JsFloats {
    pub(crate) fn new(view: Float32Array) -> JsFloats {
        let len = view.length() as usize;
        JsFloats { view, len }
    }
}

impl FloatSource for JsFloats {
    fn size(&self) -> usize {
        self.len
    }

    fn read<'d>(&self, at: usize, dst: &'d mut [MaybeUninit<f32>]) -> Result<&'d mut [f32]> {
        let end = at.checked_add(dst.len()).filter(|&end| end <= self.len);
        let end = end.ok_or_else(|| Error::wrong_input("vectors: read past the end of the array"))?;
        let whole = at == 0 && end == self.len;
        let part = if whole { Ok(self.view.clone()) } else { f32_sub(&self.view, at as u32, end as u32) };
        let part = part.map_err(|e| thrown("vectors", &e))?;
        if part.length() as usize != dst.len() {
            return Err(Error::wrong_input("vectors: the array changed size while it was read"));
        }
        // SAFETY: as in `JsBytes::read`: JS overwrites all of `dst` before Rust reads it.
        let dst = unsafe { &mut *(dst as *mut [MaybeUninit<f32>] as *mut [f32]) };
        f32_set(dst, &part).map_err(|e| thrown("vectors", &e))?;
        Ok(dst)
    }
}
