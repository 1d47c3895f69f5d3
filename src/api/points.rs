//! `/collections/{c}/points…`: point CRUD — upsert, retrieve, delete, payload and vector edits,
//! scroll, count and batched updates (Qdrant `src/actix/api/{update,retrieve,count}_api.rs`,
//! `src/common/update.rs`, `lib/collection/src/collection_manager/segments_updater.rs`).
//!
//! Every update answers Qdrant's `UpdateResult` `{"operation_id": n, "status": "completed"}`;
//! `n` is the collection's operation counter, which also becomes the `version` of every point
//! the operation touched. `?wait=false` is accepted and ignored (simile always completes).
//!
//! Validation order follows Qdrant: the body is parsed (400) and validated (422) before the
//! collection is looked up (404); an update whose ids or vectors are wrong changes nothing.

mod batch;
mod payload;
mod read;
mod upsert;
mod vectors;

use super::{parse_body, to_json, unknown_route, Database};
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::point_id::{PointId, PointOffset};
use crate::query::scroll::matching;
/// Whether a point passes an optional filter (the updates by filter use it).
pub(super) use crate::query::scroll::matches as passes;
use batch::UpdateOp;
use serde::{Deserialize, Serialize};

/// Routes a request under `collections/{name}/points`; `rest` is the path after `points`.
pub(super) fn handle(db: &mut Database, method: &str, name: &str, rest: &[&str], body: &str) -> Result<String> {
    match (method, rest) {
        ("PUT", []) => update(db, name, UpdateOp::Upsert(parse_body(body)?)),
        ("POST", []) => read::retrieve(db, name, body),
        ("GET", [id]) => read::get_point(db, name, id),
        ("POST", ["delete"]) => update(db, name, UpdateOp::Delete(parse_body(body)?)),
        ("POST", ["payload"]) => update(db, name, UpdateOp::SetPayload(parse_body(body)?)),
        ("PUT", ["payload"]) => update(db, name, UpdateOp::OverwritePayload(parse_body(body)?)),
        ("POST", ["payload", "delete"]) => update(db, name, UpdateOp::DeletePayload(parse_body(body)?)),
        ("POST", ["payload", "clear"]) => update(db, name, UpdateOp::ClearPayload(parse_body(body)?)),
        ("PUT", ["vectors"]) => update(db, name, UpdateOp::UpdateVectors(parse_body(body)?)),
        ("POST", ["vectors", "delete"]) => update(db, name, UpdateOp::DeleteVectors(parse_body(body)?)),
        ("POST", ["scroll"]) => read::scroll(db, name, body),
        ("POST", ["count"]) => read::count(db, name, body),
        ("POST", ["batch"]) => batch::batch(db, name, body),
        _ => Err(unknown_route(method, &format!("/collections/{name}/points/{}", rest.join("/")))),
    }
}

/// Validates one update, then applies it to the collection.
fn update(db: &mut Database, name: &str, op: UpdateOp) -> Result<String> {
    op.validate()?;
    let mut coll = db.collection_mut(name)?;
    to_json(&UpdateResult::completed(op.apply(&mut coll)?))
}

/// Qdrant's `UpdateResult` (lib/collection/src/operations/types.rs).
#[derive(Debug, Clone, Copy, Serialize)]
pub(super) struct UpdateResult {
    operation_id: u64,
    status: &'static str,
}

impl UpdateResult {
    fn completed(operation_id: u64) -> Self {
        UpdateResult { operation_id, status: "completed" }
    }
}

/// Qdrant's `PointsSelector`: a list of ids or a filter. When both are given the ids win, as
/// in Qdrant's untagged `PointsSelector` and `process_payload_operation`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct Selector {
    #[serde(default)]
    points: Option<Vec<PointId>>,
    #[serde(default)]
    filter: Option<Filter>,
}

impl Selector {
    /// Neither ids nor filter → 400 (Qdrant `PointsSelectorValidationError`); a bad filter → 422.
    fn validate(&self) -> Result<()> {
        match (&self.points, &self.filter) {
            (None, None) => Err(Error::format("Either list of point ids or filter must be provided")),
            (None, Some(f)) => f.validate(),
            (Some(_), _) => Ok(()),
        }
    }

    /// The offsets of the selected live points, in id order for filters and request order for
    /// ids. With `strict`, an unknown id is Qdrant's 404 "No point with id … found"
    /// (`check_unprocessed_points`); otherwise unknown ids are skipped (delete).
    fn offsets(&self, coll: &Collection, strict: bool) -> Result<Vec<PointOffset>> {
        match (&self.points, &self.filter) {
            (Some(ids), _) => offsets_of(coll, ids, strict),
            (None, Some(f)) => Ok(matching(coll, Some(f)).collect()),
            (None, None) => Ok(Vec::new()),
        }
    }
}

/// Offsets of `ids`; unknown ids are a 404 when `strict`, else skipped.
fn offsets_of(coll: &Collection, ids: &[PointId], strict: bool) -> Result<Vec<PointOffset>> {
    let mut out = Vec::new();
    for id in ids {
        match coll.offset_of(id) {
            Some(off) => out.push(off),
            None if strict => return Err(Error::PointNotFound { id: id.to_string() }),
            None => {}
        }
    }
    Ok(out)
}

fn validate_filter(filter: Option<&Filter>) -> Result<()> {
    filter.map_or(Ok(()), Filter::validate)
}

/// Compacts tombstones away once they outnumber live rows (and there are enough to matter), so
/// deleting most of a collection gives its memory back for reuse. Amortised O(1) per delete.
fn compact_if_sparse(coll: &mut Collection) {
    const MIN_ROWS: usize = 64;
    let rows = coll.capacity_rows();
    if rows >= MIN_ROWS && rows > coll.len().saturating_mul(2) {
        coll.optimize();
    }
}
