//! Reading typed values out of JSON with fewer serde instantiations.
//!
//! serde monomorphises every `Deserialize` impl once per deserializer it meets; in wasm that
//! is much of the code.
//! - Parts of JSON the core already holds as a `Value` (request parts, configs) and small
//!   texts (snapshot section metadata) are read through `&Value` ([`from_value`], [`parse`],
//!   [`parse_slice`]), never through an owned `Value` (a second instantiation, and a clone
//!   where a reference would do). Payloads in bulk are still parsed from their text.
//! - Untagged enums and flattened structs keep serde's derive (its buffered `Content`):
//!   trying their variants on a `Value` instead was smaller but measured slower, up to
//!   ~90 µs more per 384-float query and ~15 % per REST upsert (a `Value` per number is
//!   several times a `Content`).
//! - Request bodies are still parsed straight from their text (`api::parse_body`): a `Value`
//!   of a whole body measured ~100 µs more per request carrying a 384-float vector (its
//!   subtrees are cloned into owned fields), and an upsert would hold a `Value` per number at
//!   once (tens of bytes each in wasm32, where an `f32` is 4).

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Parses JSON text into `T` through one `Value` (for text that is small or not hot).
pub fn parse<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    let value: Value = serde_json::from_str(text)?;
    T::deserialize(&value)
}

/// Parses JSON bytes into `T` through one `Value` (for bytes that are small or not hot).
pub fn parse_slice<T: DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<T> {
    let value: Value = serde_json::from_slice(bytes)?;
    T::deserialize(&value)
}

/// Reads `T` from a parsed value without consuming or cloning it.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> serde_json::Result<T> {
    T::deserialize(value)
}
