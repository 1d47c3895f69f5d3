//! `/collections…` and `/aliases`: create, describe, update, delete and list collections, payload
//! index schemas, and aliases (Qdrant `src/actix/api/collections_api.rs`,
//! `lib/storage/src/content_manager/toc/{create_collection,collection_meta_ops}.rs`).
//!
//! `hnsw_config` (collection level and per vector) and `optimizers_config.indexing_threshold`
//! are read (see `collection/hnsw.rs`), and `quantization_config` (collection level and per
//! vector, see `collection/quantized/`); other Qdrant config keys (shards, replication, WAL,
//! other optimizer knobs…) are accepted and ignored; features that would change
//! results (the `turbo4` datatype, non-float32 sparse
//! storage, `init_from`) are refused with 501 rather than ignored.

mod aliases;
mod info;
mod quantization;

use super::{parse_body, to_json, unknown_route, Database};
use crate::collection::sparse_config::parse_sparse_config;
use crate::collection::quantized::QuantizationConfig;
use crate::collection::{Collection, Datatype, SparseVectorParams, VectorsConfig};
use crate::database::validate_collection_name;
use crate::error::{Error, Result};
use crate::index::hnsw::HnswConfigDiff;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Routes a collection-level request; `segs` is the whole path split on `/`.
pub(super) fn handle(db: &mut Database, method: &str, segs: &[&str], body: &str) -> Result<String> {
    match (method, segs) {
        ("GET", ["collections"]) => list(db),
        ("GET", ["aliases"]) => aliases::list(db, None),
        ("POST", ["collections", "aliases"]) => aliases::change(db, body),
        ("GET", ["collections", c]) => info::info(db.collection(c)?),
        ("PUT", ["collections", c]) => create(db, c, body),
        ("DELETE", ["collections", c]) => delete(db, c),
        ("PATCH", ["collections", c]) => patch(db, c, body),
        ("GET", ["collections", c, "exists"]) => to_json(&json!({ "exists": db.collection(c).is_ok() })),
        ("GET", ["collections", c, "aliases"]) => aliases::list(db, Some(c)),
        ("PUT", ["collections", c, "index"]) => info::create_index(db, c, body),
        ("DELETE", ["collections", c, "index", field]) => info::delete_index(db, c, field),
        _ => Err(unknown_route(method, &format!("/{}", segs.join("/")))),
    }
}

/// `{"collections": [{"name": …}]}`, by name.
fn list(db: &Database) -> Result<String> {
    let names: Vec<Value> = db.collection_names().into_iter().map(|n| json!({ "name": n })).collect();
    to_json(&json!({ "collections": names }))
}

/// The parts of Qdrant's `CreateCollection` that simile reads; other keys are ignored.
#[derive(Debug, Deserialize)]
struct CreateBody {
    /// Missing → no dense vectors at all, as Qdrant's `#[serde(default)]` gives.
    #[serde(default)]
    vectors: Option<Value>,
    #[serde(default)]
    sparse_vectors: Option<Value>,
    #[serde(default)]
    init_from: Option<Value>,
    #[serde(default)]
    hnsw_config: Option<Value>,
    #[serde(default)]
    optimizers_config: Option<Value>,
    #[serde(default)]
    quantization_config: Option<Value>,
}

/// `PUT /collections/{name}` → `true`. Order of checks as in Qdrant: body shape (400) and
/// validation (422), then "already exists" / alias clash (400, `create_collection.rs`).
fn create(db: &mut Database, name: &str, body: &str) -> Result<String> {
    let req: CreateBody = parse_body(body)?;
    let vectors_hnsw = per_vector_hnsw(take_vector_hnsw(req.vectors.as_ref()))?;
    let vectors_quant = quantization::per_vector(req.vectors.as_ref(), false)?;
    let config = vectors_config(req.vectors)?;
    config.validate()?;
    validate_collection_name(name)?;
    let sparse = parse_sparse_config(req.sparse_vectors)?;
    if req.init_from.as_ref().is_some_and(|v| !v.is_null()) {
        return Err(Error::Unsupported { what: "Creating a collection with `init_from`".into() });
    }
    let hnsw = HnswConfigDiff::parse(req.hnsw_config, "hnsw_config")?;
    let threshold = indexing_threshold(req.optimizers_config.as_ref())?;
    let quant = QuantizationConfig::parse(req.quantization_config.as_ref(), "quantization_config")?;
    let mut coll = Collection::with_sparse(config, sparse)?;
    coll.update_quantization(Some(quant), &vectors_quant)?;
    coll.update_hnsw(hnsw.as_ref(), &vectors_hnsw, threshold)?;
    db.create_collection(name, coll)?;
    to_json(&true)
}

/// The `hnsw_config` inside `vectors`: of the unnamed vector (`""`) or of each named one.
fn take_vector_hnsw(vectors: Option<&Value>) -> Vec<(String, Value)> {
    let Some(v) = vectors.and_then(Value::as_object) else { return Vec::new() };
    if v.contains_key("size") {
        return v.get("hnsw_config").map(|h| vec![(String::new(), h.clone())]).unwrap_or_default();
    }
    v.iter().filter_map(|(name, p)| Some((name.clone(), p.get("hnsw_config")?.clone()))).collect()
}

/// Each named vector's own `hnsw_config` (`""` for the unnamed vector), validated.
fn per_vector_hnsw(given: Vec<(String, Value)>) -> Result<Vec<(String, HnswConfigDiff)>> {
    let mut out = Vec::new();
    for (name, v) in given {
        let what = if name.is_empty() { "vectors.hnsw_config".to_string() } else { format!("vectors.{name}.hnsw_config") };
        if let Some(diff) = HnswConfigDiff::parse(Some(v), &what)? {
            out.push((name, diff));
        }
    }
    Ok(out)
}

/// `optimizers_config.indexing_threshold` (KB): `Some(value)` when the key is present.
fn indexing_threshold(optimizers: Option<&Value>) -> Result<Option<Option<usize>>> {
    let Some(v) = optimizers.and_then(|o| o.get("indexing_threshold").or_else(|| o.get("indexing_threshold_kb"))) else {
        return Ok(None);
    };
    if v.is_null() {
        return Ok(Some(None));
    }
    let kb = v.as_u64().and_then(|n| usize::try_from(n).ok());
    kb.map(|kb| Some(Some(kb)))
        .ok_or_else(|| Error::format(format!("optimizers_config.indexing_threshold: expected a non-negative integer, got {v}")))
}

/// Parses `vectors` (`datatype` included; `turbo4` is refused by `VectorsConfig::validate`).
fn vectors_config(v: Option<Value>) -> Result<VectorsConfig> {
    let Some(v) = v else {
        return Ok(VectorsConfig::Named(BTreeMap::new()));
    };
    crate::json::from_value(&v).map_err(|e| Error::format(format!("vectors: {e}")))
}

/// A PATCH may restate a vector's datatype but not change it: its stored rows would have to be
/// converted, which Qdrant does not do either (400, nothing changed).
fn check_datatype_patch(vector: &str, given: Option<&Value>, current: Datatype) -> Result<()> {
    let Some(given) = given.filter(|v| !v.is_null()) else { return Ok(()) };
    let wanted: Datatype = crate::json::from_value(given).map_err(|e| Error::format(format!("vectors.{vector}.datatype: {e}")))?;
    if wanted != current {
        return Err(Error::bad_request(format!(
            "the datatype of vector `{vector}` is {} and cannot be changed to {}; create a new collection instead",
            current.name(),
            wanted.name()
        )));
    }
    Ok(())
}

/// `DELETE /collections/{name}` → whether a collection was removed (see
/// [`Database::delete_collection`]).
fn delete(db: &mut Database, name: &str) -> Result<String> {
    to_json(&db.delete_collection(name))
}

/// The part of Qdrant's `UpdateCollection` that simile checks; the rest is accepted and ignored.
#[derive(Debug, Deserialize)]
struct PatchBody {
    #[serde(default)]
    hnsw_config: Option<Value>,
    #[serde(default)]
    optimizers_config: Option<Value>,
    #[serde(default)]
    vectors: Option<Value>,
    #[serde(default)]
    sparse_vectors: Option<BTreeMap<String, SparseVectorParams>>,
    #[serde(default)]
    quantization_config: Option<Value>,
}

/// `PATCH /collections/{name}` → `true`. Per-vector diffs must name existing vectors (400) and
/// cannot change `size`, `distance` or `datatype` (Qdrant's `VectorParamsDiff` has no such
/// fields and would ignore them; simile says so instead, 400). Restating the current datatype
/// is fine. Sparse
/// diffs must name existing sparse vectors and may change `modifier` and index options
/// (Qdrant `update_sparse_vectors_from_other`, lib/collection/src/config.rs:632-652).
fn patch(db: &mut Database, name: &str, body: &str) -> Result<String> {
    let req: PatchBody = parse_body(body)?;
    let hnsw = HnswConfigDiff::parse(req.hnsw_config, "hnsw_config")?;
    let threshold = indexing_threshold(req.optimizers_config.as_ref())?;
    let vectors_hnsw = match req.vectors.as_ref().and_then(Value::as_object) {
        Some(m) => per_vector_hnsw(m.iter().filter_map(|(n, p)| Some((n.clone(), p.get("hnsw_config")?.clone()))).collect())?,
        None => Vec::new(),
    };
    let quant = QuantizationConfig::parse_diff(req.quantization_config.as_ref(), "quantization_config")?;
    let vectors_quant = quantization::per_vector(req.vectors.as_ref(), true)?;
    let mut coll = db.collection_mut(name)?;
    if let Some(diff) = req.vectors.filter(|d| !d.is_null()) {
        let map = diff.as_object().ok_or_else(|| Error::format("vectors: expected an object keyed by vector name"))?;
        for (vector, params) in map {
            let current = coll.config().params(vector)?.datatype();
            if params.get("size").is_some() || params.get("distance").is_some() {
                return Err(Error::bad_request(format!(
                    "the size and distance of vector `{vector}` cannot be changed; create a new collection instead"
                )));
            }
            check_datatype_patch(vector, params.get("datatype"), current)?;
        }
    }
    coll.check_quantization(quant.clone(), &vectors_quant)?;
    if let Some(diff) = req.sparse_vectors {
        coll.update_sparse_params(diff)?;
    }
    coll.update_quantization(quant, &vectors_quant)?;
    coll.update_hnsw(hnsw.as_ref(), &vectors_hnsw, threshold)?;
    to_json(&true)
}
