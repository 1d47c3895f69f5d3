//! The one wasm-bindgen border: the only module that knows `JsValue`, typed arrays and JS errors.
//!
//! Everything crossing it is either a JSON string (request bodies, responses, payloads, filters —
//! `JSON.parse`/`JSON.stringify` on the JS side handle `__proto__` keys and large documents
//! safely and fast) or a typed array (ids, vectors, scores). One file per exported class:
//! [`database`] exports `Database`; [`convert`] holds the JS → core conversions; [`source`] reads
//! snapshot bytes and bulk vectors in place from the caller's typed arrays (no whole copy into
//! wasm memory first); [`error`] turns [`crate::Error`] into a JS `Error` with `status` and
//! `code`; [`model`] exports `loadModel` / `modelLoaded` / `embedText`. No function here panics
//! on input.

mod convert;
mod database;
mod error;
mod model;
mod source;

use wasm_bindgen::prelude::*;

/// True when this artifact was compiled with the simd128 kernels (the JS loader picks the
/// artifact; tests use this to assert which one is loaded).
#[wasm_bindgen(js_name = simdEnabled)]
#[allow(unreachable_pub)] // wasm-bindgen requires `pub`; JS reaches it through the export.
pub fn simd_enabled() -> bool {
    cfg!(target_feature = "simd128")
}

/// Deliberately traps this wasm instance (an `unreachable` instruction), as a Rust panic
/// would. Never called by simile itself; the JS facade's tests use it to prove that a lost
/// instance is detected and reported instead of failing confusingly later.
#[wasm_bindgen(js_name = debugTrap)]
#[allow(unreachable_pub)]
pub fn debug_trap() {
    core::arch::wasm32::unreachable()
}

/// Dev builds (`--features panic-hook`): route Rust panics to `console.error` with a message.
#[cfg(feature = "panic-hook")]
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A point id as it crosses the border: integers up to 2^53-1 as numbers, larger ones as
 *  bigint, UUIDs as canonical lowercase hyphenated strings. */
export type PointIdOut = number | bigint | string;
/** Point ids accepted by `upsertFlat`. */
export type PointIdsIn = Uint32Array | BigUint64Array | ReadonlyArray<number | bigint | string>;
/** Vectors accepted by `upsertFlat` / `searchFlat` (copied in; nothing is retained). */
export type FloatsIn = Float32Array | ReadonlyArray<number>;
/** Snapshot bytes accepted by `fromBytes` / `loadCollection`. */
export type BytesIn = Uint8Array | ArrayBuffer;
/** One request's HTTP-like status and either its `result` as JSON text or its error message
 *  and stable code; the JS layer adds Qdrant's envelope. */
export type RawResponse = { status: number; result: string } | { status: number; error: string; code: string };
/** `searchFlat`'s answer: ids and their reported scores, best first. */
export interface FlatHits { ids: PointIdOut[]; scores: Float32Array; }
"#;
