//! Point deletion and payload edits (Qdrant `lib/collection/src/operations/payload_ops.rs`,
//! `segments_updater.rs` `delete_points`, `set_payload`, `overwrite_payload`, `delete_payload`,
//! `clear_payload` and their `_by_filter` forms).
//!
//! Selecting by ids: an unknown id is a 404 for payload edits (Qdrant
//! `check_unprocessed_points`) and is ignored by delete. Unlike Qdrant, which may have edited
//! earlier chunks of points before reporting the 404, simile checks every id first, so a failed
//! edit changes nothing.

use super::{compact_if_sparse, Selector};
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::payload::{delete_paths, set_by_key, set_depth, JsonPath, Payload, MAX_PAYLOAD_DEPTH};
use crate::point_id::{PointId, PointOffset};
use serde::Deserialize;

/// `POST /points/payload` and `PUT /points/payload` (Qdrant `SetPayload`).
#[derive(Debug, Clone, Deserialize)]
pub(super) struct SetPayloadBody {
    payload: Payload,
    #[serde(flatten)]
    target: Selector,
    /// Set: merge into the object at this path instead of the payload root. Overwrite ignores it.
    #[serde(default)]
    key: Option<JsonPath>,
}

/// `POST /points/payload/delete` (Qdrant `DeletePayload`).
#[derive(Debug, Clone, Deserialize)]
pub(super) struct DeletePayloadBody {
    keys: Vec<JsonPath>,
    #[serde(flatten)]
    target: Selector,
}

impl SetPayloadBody {
    pub(super) fn validate(&self) -> Result<()> {
        self.target.validate()
    }

    /// [`Self::validate`], plus: merging at `key` must not nest the payload deeper than
    /// [`MAX_PAYLOAD_DEPTH`] (a long key builds one object per step), else 400.
    pub(super) fn validate_set(&self) -> Result<()> {
        self.validate()?;
        let depth = set_depth(self.key.as_ref(), &self.payload);
        if depth > MAX_PAYLOAD_DEPTH {
            return Err(Error::bad_request(format!(
                "setting this payload at `key` would nest it {depth} levels deep; the limit is {MAX_PAYLOAD_DEPTH}"
            )));
        }
        Ok(())
    }

    /// Merges `payload` into each selected point (at `key` if given); a `null` value removes
    /// that key (Qdrant `merge_map`).
    pub(super) fn apply_set(self, coll: &mut Collection) -> Result<u64> {
        let offsets = self.target.offsets(coll, true)?;
        Ok(edit(coll, &offsets, |p| set_by_key(p, self.key.as_ref(), self.payload.clone())))
    }

    /// Replaces each selected point's whole payload.
    pub(super) fn apply_overwrite(self, coll: &mut Collection) -> Result<u64> {
        let offsets = self.target.offsets(coll, true)?;
        Ok(edit(coll, &offsets, |p| *p = self.payload.clone()))
    }
}

impl DeletePayloadBody {
    pub(super) fn validate(&self) -> Result<()> {
        self.target.validate()
    }

    /// Removes each path in `keys` from the selected points.
    pub(super) fn apply(self, coll: &mut Collection) -> Result<u64> {
        let offsets = self.target.offsets(coll, true)?;
        Ok(edit(coll, &offsets, |p| delete_paths(p, &self.keys)))
    }
}

/// Empties the payload of the selected points.
pub(super) fn clear(target: &Selector, coll: &mut Collection) -> Result<u64> {
    let offsets = target.offsets(coll, true)?;
    Ok(edit(coll, &offsets, Payload::clear))
}

/// Deletes the selected points (unknown ids are ignored) and compacts if tombstones dominate.
pub(super) fn delete_points(target: &Selector, coll: &mut Collection) -> Result<u64> {
    let offsets = target.offsets(coll, false)?;
    let ids: Vec<PointId> = offsets.iter().map(|&off| crate::filter::PointView::id(&coll.point(off))).collect();
    let version = coll.delete(&ids);
    compact_if_sparse(coll);
    Ok(version)
}

/// Applies `f` to the payload at each offset under one new version, which it returns.
fn edit(coll: &mut Collection, offsets: &[PointOffset], mut f: impl FnMut(&mut Payload)) -> u64 {
    let version = coll.next_version();
    for &off in offsets {
        coll.edit_payload(off, version, &mut f);
    }
    version
}
