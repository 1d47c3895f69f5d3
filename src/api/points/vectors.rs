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
use crate::index::sparse::SparseVector;
use crate::point_id::PointId;
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
        for (i, p) in self.points.iter().enumerate() {
            p.vector.check_sparse(&format!("points[{i}].vector"))?;
        }
        super::validate_filter(self.update_filter.as_ref())
    }

    pub(super) fn apply(self, coll: &mut Collection) -> Result<u64> {
        let mut merged: BTreeMap<PointId, BTreeMap<String, Prepared>> = BTreeMap::new();
        for p in self.points {
            let entry = merged.entry(p.id).or_default();
            let (dense, sparse) = p.vector.into_parts(coll)?;
            for (name, v) in dense {
                let v = coll.prepare_vector(&name, v)?;
                entry.insert(name, Prepared::Dense(v));
            }
            for (name, v) in sparse {
                let v = coll.prepare_sparse(&name, v, "")?;
                entry.insert(name, Prepared::Sparse(v));
            }
        }
        let (mut dense, mut sparse) = (Vec::new(), Vec::new());
        for (id, vectors) in merged {
            let off = coll.offset_of(&id).ok_or_else(|| Error::PointNotFound { id: id.to_string() })?;
            if passes(coll, self.update_filter.as_ref(), off) {
                for (name, v) in vectors {
                    match v {
                        Prepared::Dense(v) => dense.push((off, name, v)),
                        Prepared::Sparse(v) => sparse.push((off, name, Some(v))),
                    }
                }
            }
        }
        coll.check_sparse_changes(&sparse)?;
        let version = coll.next_version();
        for (off, name, v) in dense {
            coll.set_vector(off, &name, &v, version)?;
        }
        coll.set_sparse_vectors(sparse, version);
        Ok(version)
    }
}

/// A checked and prepared vector of an update (Cosine normalised, sparse sorted).
#[derive(Debug)]
enum Prepared {
    Dense(Vec<f32>),
    Sparse(SparseVector),
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
        for name in self.vector.iter().filter(|n| !coll.is_sparse(n)) {
            coll.config().params(name)?;
        }
        let offsets = self.target.offsets(coll, true)?;
        let version = coll.next_version();
        let mut sparse = Vec::new();
        for off in offsets {
            for name in &self.vector {
                if coll.is_sparse(name) {
                    sparse.push((off, name.clone(), None));
                } else {
                    coll.remove_vector(off, name, version)?;
                }
            }
        }
        coll.set_sparse_vectors(sparse, version);
        Ok(version)
    }
}
