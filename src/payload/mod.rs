//! Payloads: JSON objects attached to points, key paths into them, and projections.

/// A point's payload: a JSON object (key order preserved).
pub type Payload = serde_json::Map<String, serde_json::Value>;
