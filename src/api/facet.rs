//! `POST /collections/{name}/facet` (Qdrant `src/actix/api/facet_api.rs`): counts of points per
//! value of an indexed payload key → `{"hits": [{"value", "count"}]}`.

use serde::Deserialize;
use serde_json::{json, Value};

use super::{parse_body, to_json, Database};
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::payload::JsonPath;
use crate::query::facet::{counts, top_hits, FacetKind};

/// Qdrant `FacetRequest` (`lib/api/src/rest/schema.rs`) flattening `FacetRequestInternal`
/// (`lib/shard/src/facet.rs`): `limit` defaults to 10, `exact` to false. simile always counts
/// exactly, so `exact` is accepted and ignored; `shard_key` too (one shard).
#[derive(Debug, Deserialize)]
struct FacetBody {
    key: JsonPath,
    #[serde(default)]
    limit: Option<u64>,
    #[serde(default)]
    filter: Option<Filter>,
    #[serde(default)]
    #[allow(dead_code)]
    exact: Option<bool>,
    #[serde(default)]
    #[allow(dead_code)]
    shard_key: Option<Value>,
}

/// The default `limit` (`FacetRequestInternal::DEFAULT_LIMIT`).
const DEFAULT_LIMIT: usize = 10;

pub(super) fn facet(db: &Database, name: &str, body: &str) -> Result<String> {
    let req: FacetBody = parse_body(body)?;
    // The server's `usize` is 64 bits; on a 32-bit target a larger limit still means "all".
    let limit = req.limit.map_or(DEFAULT_LIMIT, |l| usize::try_from(l).unwrap_or(usize::MAX));
    if limit == 0 {
        // `#[validate(range(min = 1))]` on the flattened, nested `facet_request`.
        return Err(Error::validation("facet_request.limit: value 0 invalid, must be 1 or larger"));
    }
    let coll = db.collection(name)?;
    let kind = coll.payload_schema.get(&req.key.to_string()).and_then(FacetKind::of_schema);
    let Some(kind) = kind else {
        return Err(missing_index(&req.key));
    };
    let hits = top_hits(counts(coll, &req.key, kind, req.filter.as_ref()), limit);
    let hits: Vec<Value> = hits.iter().map(|h| json!({"value": h.value.to_json(), "count": h.count})).collect();
    to_json(&json!({ "hits": hits }))
}

/// Qdrant's `OperationError::MissingMapIndexForFacet` (`lib/segment/src/common/operation_error.rs`),
/// a 400 `BadInput` ("Wrong input: …") (`lib/collection/src/operations/types.rs`).
fn missing_index(key: &JsonPath) -> Error {
    Error::wrong_input(format!(
        "No appropriate index for faceting: `{key}`. Please create one to facet on this field. \
         Check https://qdrant.tech/documentation/concepts/indexing/#payload-index to see which \
         payload schemas support Match conditions"
    ))
}
