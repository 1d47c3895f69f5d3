//! Update operations as one type, and `POST /points/batch` (Qdrant `lib/api/src/rest/schema.rs`
//! `UpdateOperations`, `UpdateOperation`; `src/common/update.rs` `do_batch_update_points`).
//!
//! A batch is validated whole (every filter and column length, Qdrant validates the request
//! body before running it), then its operations run in order. As in Qdrant, an operation that
//! fails stops the batch and earlier operations stay applied; the failed one changes nothing.

use super::payload::{self, DeletePayloadBody, SetPayloadBody};
use super::upsert::UpsertBody;
use super::vectors::{DeleteVectorsBody, UpdateVectorsBody};
use super::{Selector, UpdateResult};
use crate::api::{parse_body, to_json, Database};
use crate::collection::Collection;
use crate::error::Result;
use serde::Deserialize;

/// One update: `{"upsert": {...}}`, `{"delete": {...}}`, ... as in a batch; the single-update
/// endpoints take the inner object as their body.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum UpdateOp {
    Upsert(UpsertBody),
    Delete(Selector),
    SetPayload(SetPayloadBody),
    OverwritePayload(SetPayloadBody),
    DeletePayload(DeletePayloadBody),
    ClearPayload(Selector),
    UpdateVectors(UpdateVectorsBody),
    DeleteVectors(DeleteVectorsBody),
}

#[derive(Debug, Deserialize)]
struct BatchBody {
    operations: Vec<UpdateOp>,
}

impl UpdateOp {
    /// Checks that need no collection: shapes (400) and validator rules (422).
    pub(super) fn validate(&self) -> Result<()> {
        match self {
            UpdateOp::Upsert(b) => b.validate(),
            UpdateOp::Delete(s) | UpdateOp::ClearPayload(s) => s.validate(),
            UpdateOp::SetPayload(b) => b.validate_set(),
            UpdateOp::OverwritePayload(b) => b.validate(),
            UpdateOp::DeletePayload(b) => b.validate(),
            UpdateOp::UpdateVectors(b) => b.validate(),
            UpdateOp::DeleteVectors(b) => b.validate(),
        }
    }

    /// Runs the update and returns its operation number.
    pub(super) fn apply(self, coll: &mut Collection) -> Result<u64> {
        match self {
            UpdateOp::Upsert(b) => b.apply(coll),
            UpdateOp::Delete(s) => payload::delete_points(&s, coll),
            UpdateOp::SetPayload(b) => b.apply_set(coll),
            UpdateOp::OverwritePayload(b) => b.apply_overwrite(coll),
            UpdateOp::DeletePayload(b) => b.apply(coll),
            UpdateOp::ClearPayload(s) => payload::clear(&s, coll),
            UpdateOp::UpdateVectors(b) => b.apply(coll),
            UpdateOp::DeleteVectors(b) => b.apply(coll),
        }
    }
}

/// `POST /points/batch` → one `UpdateResult` per operation, in order.
pub(super) fn batch(db: &mut Database, name: &str, body: &str) -> Result<String> {
    let req: BatchBody = parse_body(body)?;
    for op in &req.operations {
        op.validate()?;
    }
    let mut coll = db.collection_mut(name)?;
    let mut results = Vec::new();
    for op in req.operations {
        results.push(UpdateResult::completed(op.apply(&mut coll)?));
    }
    to_json(&results)
}
