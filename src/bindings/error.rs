//! [`crate::Error`] → a JS `Error` carrying Qdrant's message, `status` (HTTP-like) and `code`.

use wasm_bindgen::JsValue;

/// Builds the JS error thrown for `e`: `name` is `"SimileError"`, `message` is Qdrant's wording.
pub(crate) fn to_js(e: &crate::Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("SimileError");
    let obj: &JsValue = err.as_ref();
    // Setting a data property on a fresh, extensible Error object cannot fail.
    let _ = js_sys::Reflect::set(obj, &"status".into(), &JsValue::from(e.status()));
    let _ = js_sys::Reflect::set(obj, &"code".into(), &JsValue::from_str(e.code()));
    err.into()
}

/// `Result<T, crate::Error>` → `Result<T, JsValue>` for `?` at the border.
pub(crate) fn js<T>(r: crate::Result<T>) -> Result<T, JsValue> {
    r.map_err(|e| to_js(&e))
}
