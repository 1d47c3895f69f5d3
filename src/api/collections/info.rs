//! `GET /collections/{name}` (Qdrant `CollectionInfo`, lib/collection/src/operations/types.rs)
//! and payload index schemas (`PUT /collections/{name}/index`, `DELETE …/index/{field}`).
//!
//! simile keeps no payload indexes: a created index only records its schema, which
//! `payload_schema` reports; filters give the same results with or without it.

use super::super::{parse_body, to_json, Database};
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::payload::path::visit;
use crate::payload::JsonPath;
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// Qdrant's payload schema types (`PayloadSchemaType`).
const SCHEMA_TYPES: [&str; 8] = ["keyword", "integer", "float", "geo", "text", "bool", "datetime", "uuid"];

/// Qdrant's `CollectionInfo` with the server's default config values, plus simile's
/// `memory_bytes` (approximate bytes held by the collection), of which `vector_bytes` (vector
/// storage capacity) and `payload_bytes` (estimated).
pub(super) fn info(coll: &Collection) -> Result<String> {
    let hnsw = coll.hnsw_state();
    // A build left half-way by stepwise `optimize()` is an optimization in progress.
    let building = hnsw.indexes.values().any(|e| !e.complete);
    let mut out = json!({
        "status": if building { "yellow" } else { "green" },
        "optimizer_status": "ok",
        "segments_count": 1,
        "points_count": coll.len(),
        "indexed_vectors_count": coll.indexed_vectors_count(),
        "config": {
            "params": {
                "vectors": vectors_with_hnsw(coll)?,
                "shard_number": 1,
                "replication_factor": 1,
                "write_consistency_factor": 1,
                "on_disk_payload": false
            },
            "hnsw_config": hnsw.config.collection_echo(),
            "optimizer_config": {"deleted_threshold": 0.2, "vacuum_min_vector_number": 1000,
                                 "default_segment_number": 0, "max_segment_size": null,
                                 "memmap_threshold": null,
                                 "indexing_threshold": hnsw.indexing_threshold.unwrap_or(DEFAULT_INDEXING_THRESHOLD_KB),
                                 "flush_interval_sec": 5, "max_optimization_threads": null},
            "wal_config": {"wal_capacity_mb": 32, "wal_segments_ahead": 0, "wal_retain_closed": 1},
            "quantization_config": coll.quantization().config
        },
        "payload_schema": payload_schema(coll),
        "memory_bytes": coll.memory_bytes(),
        "vector_bytes": coll.vector_bytes(),
        "payload_bytes": coll.payload_bytes(),
    });
    // Shown only when the create request had `sparse_vectors` (Qdrant's `skip_serializing_if`).
    if let (Some(sparse), Some(params)) = (coll.sparse_config(), out.pointer_mut("/config/params")) {
        params["sparse_vectors"] = serde_json::to_value(sparse)?;
    }
    to_json(&out)
}

/// Qdrant's default `indexing_threshold` (KB), echoed when none was set.
const DEFAULT_INDEXING_THRESHOLD_KB: usize = 10_000;

/// `vectors` as configured, each vector's own `hnsw_config` echoed inside its params.
fn vectors_with_hnsw(coll: &Collection) -> Result<Value> {
    let mut vectors = serde_json::to_value(coll.config())?;
    for (name, diff) in &coll.hnsw_state().per_vector {
        let params = if name.is_empty() { Some(&mut vectors) } else { vectors.get_mut(name) };
        if let Some(Value::Object(p)) = params {
            p.insert("hnsw_config".into(), serde_json::to_value(diff)?);
        }
    }
    super::quantization::echo_per_vector(coll, &mut vectors)?;
    Ok(vectors)
}

/// `{field: {"data_type", "params"?, "points"}}` (Qdrant `PayloadIndexInfo`); `points` counts
/// live points with a non-null, non-empty value at the field.
fn payload_schema(coll: &Collection) -> Map<String, Value> {
    let mut out = Map::new();
    for (field, schema) in &coll.payload_schema {
        let mut entry = Map::new();
        entry.insert("data_type".into(), schema_type(schema).unwrap_or_default().into());
        if schema.is_object() {
            entry.insert("params".into(), schema.clone());
        }
        let points = JsonPath::parse(field).map_or(0, |path| points_with(coll, &path));
        entry.insert("points".into(), points.into());
        out.insert(field.clone(), Value::Object(entry));
    }
    out
}

fn points_with(coll: &Collection, path: &JsonPath) -> usize {
    let present = |v: &Value| !(v.is_null() || v.as_array().is_some_and(Vec::is_empty));
    coll.offsets_by_id()
        .filter(|(_, off)| visit(coll.point(*off).payload_ref(), path, &mut |v| present(v)) == Some(true))
        .count()
}

/// The type of a `field_schema`: `"keyword"` or `{"type": "keyword", …params}`.
fn schema_type(schema: &Value) -> Option<&str> {
    match schema {
        Value::String(s) => Some(s),
        Value::Object(m) => m.get("type")?.as_str(),
        _ => None,
    }
}

#[derive(Debug, Deserialize)]
struct CreateIndexBody {
    field_name: JsonPath,
    #[serde(default)]
    field_schema: Option<Value>,
}

/// `PUT /collections/{name}/index` → `UpdateResult`. An unknown schema type is a 400; without
/// `field_schema` the type is inferred from the first stored value, as Qdrant does, and a field
/// with no values is Qdrant's 400 `TypeInferenceError`.
pub(super) fn create_index(db: &mut Database, name: &str, body: &str) -> Result<String> {
    let req: CreateIndexBody = parse_body(body)?;
    let schema = req.field_schema.filter(|s| !s.is_null());
    if let Some(s) = &schema {
        if !schema_type(s).is_some_and(|t| SCHEMA_TYPES.contains(&t)) {
            return Err(Error::format(format!(
                "field_schema: expected one of {} (or an object with that `type`), got {s}",
                SCHEMA_TYPES.join(", ")
            )));
        }
    }
    let mut coll = db.collection_mut(name)?;
    let schema = match schema {
        Some(s) => s,
        None => infer_schema(&coll, &req.field_name)?,
    };
    coll.payload_schema.insert(req.field_name.to_string(), schema);
    updated(&mut coll)
}

/// `DELETE /collections/{name}/index/{field}` → `UpdateResult`; a field without an index is fine.
pub(super) fn delete_index(db: &mut Database, name: &str, field: &str) -> Result<String> {
    let mut coll = db.collection_mut(name)?;
    coll.payload_schema.remove(field);
    updated(&mut coll)
}

fn updated(coll: &mut Collection) -> Result<String> {
    to_json(&json!({ "operation_id": coll.next_version(), "status": "completed" }))
}

/// The schema type of the first stored value at `path` (bool, integer, float or keyword).
fn infer_schema(coll: &Collection, path: &JsonPath) -> Result<Value> {
    for (_, off) in coll.offsets_by_id() {
        let mut found = None;
        visit(coll.point(off).payload_ref(), path, &mut |v| {
            found = infer_type(v);
            found.is_some()
        });
        if let Some(t) = found {
            return Ok(Value::String(t.to_string()));
        }
    }
    Err(Error::bad_request(format!("Unable to infer type for the field '{path}'. Please specify `field_type`")))
}

fn infer_type(v: &Value) -> Option<&'static str> {
    match v {
        Value::Bool(_) => Some("bool"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
        Value::Number(_) => Some("float"),
        Value::String(_) => Some("keyword"),
        Value::Array(items) => items.iter().find_map(infer_type),
        _ => None,
    }
}
