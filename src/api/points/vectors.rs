//! `PUT /points/vectors` and `POST /points/vectors/delete` (Qdrant `lib/api/src/rest/schema.rs`
//! `UpdateVectors`, `PointVectors`; `lib/collection/src/operations/vector_ops.rs`
//! `DeleteVectors`; `segments_updater.rs` `update_vectors`, `delete_vectors`).
//!
//! Updating sets only the named vectors given and keeps the others; several entries for one id
//! merge, later names overriding earlier ones. Unknown ids are a 404, unknown vector names and
//! wrong dimensions a 400 — all checked before anything changes.

use super::upsert::VectorStruct;
use super::{passes, Selector};
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::point_id::{PointId, PointOffset};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `PUT /points/vectors`.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct UpdateVectorsBody {
    points: Vec<PointVectors>,
    /// Only points matching this filter are updated; the others are silently skipped.
    #[serde(default)]
    update_filter: Option<Filter>,
}

#[derive(Debug, Clone, Deserialize)]
struct PointVectors {
    id: PointId,
    #[serde(alias = "vectors")]
    vector: VectorStruct,
}

/// `POST /points/vectors/delete`.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct DeleteVectorsBody {
    #[serde(flatten)]
    target: Selector,
    vector: Vec<String>,
}

impl UpdateVectorsBody {
    /// Qdrant's validators: at least one point, and at least one vector per point (422).
    pub(super) fn validate(&self) -> Result<()> {
        if self.points.is_empty() {
            return Err(Error::validation("points: must specify points to update"));
        }
        if self.points.iter().any(|p| p.vector.is_empty()) {
            return Err(Error::validation("vector: must specify vectors to update for point"));
        }
        super::validate_filter(self.update_filter.as_ref())
    }

    pub(super) fn apply(self, coll: &mut Collection) -> Result<u64> {
        let mut merged: BTreeMap<PointId, BTreeMap<String, Vec<f32>>> = BTreeMap::new();
        for p in self.points {
            let entry = merged.entry(p.id).or_default();
            for (name, v) in p.vector.into_pairs(coll)? {
                let v = coll.prepare_vector(&name, v)?;
                entry.insert(name, v);
            }
        }
        let mut planned: Vec<(PointOffset, BTreeMap<String, Vec<f32>>)> = Vec::new();
        for (id, vectors) in merged {
            let off = coll.offset_of(&id).ok_or_else(|| Error::PointNotFound { id: id.to_string() })?;
            if passes(coll, self.update_filter.as_ref(), off) {
                planned.push((off, vectors));
            }
        }
        let version = coll.next_version();
        for (off, vectors) in planned {
            for (name, v) in vectors {
                coll.set_vector(off, &name, &v, version)?;
            }
        }
        Ok(version)
    }
}

impl DeleteVectorsBody {
    pub(super) fn validate(&self) -> Result<()> {
        if self.vector.is_empty() {
            return Err(Error::validation("vector: must specify vector names to delete"));
        }
        self.target.validate()
    }

    /// Removes the named vectors from the selected points; the points themselves stay.
    pub(super) fn apply(self, coll: &mut Collection) -> Result<u64> {
        for name in &self.vector {
            coll.config().params(name)?;
        }
        let offsets = self.target.offsets(coll, true)?;
        let version = coll.next_version();
        for off in offsets {
            for name in &self.vector {
                coll.remove_vector(off, name, version)?;
            }
        }
        Ok(version)
    }
}
