//! Payloads: JSON objects attached to points, key paths into them, and projections.
//!
//! * [`path`]: [`JsonPath`] (`a.b[0].c`, `tags[]`), value extraction, `set_payload` /
//!   `delete_payload` edits.
//! * [`select`]: [`WithPayload`], the `with_payload` request option and its projection.

mod edit;
mod extract;
pub mod path;
pub mod select;

pub use path::{delete_paths, extract, set_by_key, set_depth, JsonPath, PathItem, MAX_PAYLOAD_DEPTH};
pub use select::WithPayload;

/// A point's payload: a JSON object (key order preserved).
pub type Payload = serde_json::Map<String, serde_json::Value>;
