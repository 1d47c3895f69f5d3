//! The exported model functions: `loadModel` (a model file's bytes → the instance's one loaded
//! model, shared by every `Database`), `modelLoaded` and `embedText`.

use super::error::js;
use super::source::{typed_bytes, JsBytes};
use crate::inference::minilm;
use crate::Error;
use js_sys::{Float32Array, Object, Reflect};
use wasm_bindgen::prelude::*;

/// Loads a model file (read in place from the caller's bytes) and returns
/// `{ name, dim, bytes }`. A truncated or corrupt file throws; the previous model stays.
#[wasm_bindgen(js_name = loadModel, unchecked_return_type = "ModelInfo")]
#[allow(unreachable_pub)] // wasm-bindgen requires `pub`; JS reaches it through the export.
pub fn load_model(#[wasm_bindgen(unchecked_param_type = "BytesIn")] bytes: JsValue) -> Result<JsValue, JsValue> {
    let view = js(typed_bytes(&bytes))?;
    let view = js(view.ok_or_else(|| Error::wrong_input("model bytes must be a Uint8Array or an ArrayBuffer")))?;
    let info = js(minilm::load(&JsBytes::new(view)))?;
    let out = Object::new();
    // Data properties on a fresh plain object: setting them cannot fail.
    let _ = Reflect::set(&out, &"name".into(), &JsValue::from_str(&info.name));
    let _ = Reflect::set(&out, &"dim".into(), &JsValue::from(info.dim as u32));
    let _ = Reflect::set(&out, &"bytes".into(), &JsValue::from(info.bytes as f64));
    Ok(out.into())
}

/// Whether `name` (any case) is the loaded model.
#[wasm_bindgen(js_name = modelLoaded)]
#[allow(unreachable_pub)]
pub fn model_loaded(name: &str) -> bool {
    minilm::loaded(name)
}

/// The unit-length embedding of `text` by the loaded `model`, as the inference object
/// `{"text", "model"}` computes it in requests.
#[wasm_bindgen(js_name = embedText)]
#[allow(unreachable_pub)]
pub fn embed_text(model: &str, text: &str) -> Result<Float32Array, JsValue> {
    let v = js(minilm::embed(model, text))?;
    Ok(Float32Array::from(v.as_slice()))
}

#[wasm_bindgen(typescript_custom_section)]
const TS_MODEL: &'static str = r#"
/** What `loadModel` reports: the model's name (lowercase), its output dimension and the
 *  memory its parameters hold. */
export interface ModelInfo { name: string; dim: number; bytes: number; }
"#;
