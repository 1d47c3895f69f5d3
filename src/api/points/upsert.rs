//! `PUT /points`: upsert as a list of points or as columns (Qdrant `lib/api/src/rest/schema.rs`
//! `PointStruct`, `PointsList`, `PointsBatch`, `Batch`; `lib/api/src/rest/validate.rs`
//! `Validate for Batch`; `segments_updater.rs` `upsert_points`, `conditional_upsert`).
//!
//! A point is replaced whole: vectors not given are dropped and a missing `payload` clears it.
//! Duplicate ids: the last one wins (Qdrant collects points into a map by id).

use super::super::models::SparseVector;
use super::passes;
use crate::collection::{Collection, PointInsert};
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::payload::Payload;
use crate::point_id::PointId;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The upsert body: `{"points": [...]}` or `{"batch": {...}}` (`batch` wins if both are given).
#[derive(Debug, Clone, Deserialize)]
pub(super) struct UpsertBody {
    #[serde(default)]
    points: Option<Vec<PointStruct>>,
    #[serde(default)]
    batch: Option<ColumnBatch>,
    /// Existing points are only replaced when they match this filter; new points are inserted.
    #[serde(default)]
    update_filter: Option<Filter>,
    #[serde(default)]
    update_mode: Option<UpdateMode>,
}

/// Qdrant's `UpdateMode` of conditional upserts.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
enum UpdateMode {
    #[default]
    Upsert,
    InsertOnly,
    UpdateOnly,
}

#[derive(Debug, Clone, Deserialize)]
struct PointStruct {
    id: PointId,
    #[serde(alias = "vectors")]
    vector: VectorStruct,
    #[serde(default)]
    payload: Option<Payload>,
}

/// Columnar points: `ids[i]` has `vectors[i]` (or `vectors[name][i]`) and `payloads[i]`.
#[derive(Debug, Clone, Deserialize)]
struct ColumnBatch {
    ids: Vec<PointId>,
    vectors: BatchVectors,
    #[serde(default)]
    payloads: Option<Vec<Option<Payload>>>,
}

/// A point's vectors (Qdrant `VectorStruct`): an array for the unnamed vector, or by name.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum VectorStruct {
    Single(Vec<f32>),
    /// A multivector for the unnamed vector.
    Multi(Vec<Vec<f32>>),
    Named(BTreeMap<String, NamedVector>),
}

/// One named vector: dense and multivectors are supported; sparse is parsed to be refused.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum NamedVector {
    Dense(Vec<f32>),
    // Before `Sparse`: serde would read a two-row list as a sparse vector's fields.
    Multi(Vec<Vec<f32>>),
    Sparse(#[allow(dead_code)] SparseVector),
}

/// Columnar vectors (Qdrant `BatchVectorStruct`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum BatchVectors {
    Single(Vec<Vec<f32>>),
    Multi(Vec<Vec<Vec<f32>>>),
    Named(BTreeMap<String, Vec<NamedVector>>),
}

impl VectorStruct {
    /// Whether no vector is given at all (`{}`).
    pub(super) fn is_empty(&self) -> bool {
        matches!(self, VectorStruct::Named(m) if m.is_empty())
    }

    /// The vectors as `(name, values)` pairs, `""` being the unnamed vector; a multivector's
    /// rows are checked against `coll` and concatenated (`Collection::multi_input`).
    pub(super) fn into_pairs(self, coll: &Collection) -> Result<Vec<(String, Vec<f32>)>> {
        match self {
            VectorStruct::Single(v) => Ok(vec![(String::new(), NamedVector::Dense(v).into_values(coll, "")?)]),
            VectorStruct::Multi(rows) => Ok(vec![(String::new(), coll.multi_input("", &rows)?)]),
            VectorStruct::Named(m) => m.into_iter().map(|(n, v)| Ok((n.clone(), v.into_values(coll, &n)?))).collect(),
        }
    }
}

impl NamedVector {
    fn into_values(self, coll: &Collection, name: &str) -> Result<Vec<f32>> {
        match self {
            // A dense vector for a multivector is one row: it must be exactly `size` long.
            NamedVector::Dense(v) if coll.multi_store(name).is_some() => coll.check_vector(name, &v).map(|()| v),
            NamedVector::Dense(v) => Ok(v),
            NamedVector::Sparse(_) => Err(Error::Unsupported { what: "Sparse vectors".into() }),
            NamedVector::Multi(rows) => coll.multi_input(name, &rows),
        }
    }
}

impl UpsertBody {
    /// Qdrant's `Validate for Batch` (422) and `PointInsertOperations` shape check (400).
    pub(super) fn validate(&self) -> Result<()> {
        if self.batch.is_none() && self.points.is_none() {
            return Err(Error::format("Invalid PointInsertOperations format"));
        }
        if let Some(b) = &self.batch {
            b.validate()?;
        }
        super::validate_filter(self.update_filter.as_ref())
    }

    /// Upserts the points (all validated before anything changes) and returns the version.
    pub(super) fn apply(self, coll: &mut Collection) -> Result<u64> {
        let points = match (self.batch, self.points) {
            (Some(b), _) => b.into_points(coll)?,
            (None, Some(list)) => list.into_iter().map(|p| p.into_insert(coll)).collect::<Result<_>>()?,
            (None, None) => Vec::new(),
        };
        let mode = self.update_mode.unwrap_or_default();
        let filter = self.update_filter.as_ref();
        let points = points.into_iter().filter(|p| admitted(coll, &p.id, filter, mode)).collect();
        coll.upsert(points)
    }
}

/// Whether a conditional upsert writes the point `id` (`segments_updater.rs`
/// `conditional_upsert`): existing points must match `update_filter`; `insert_only` skips
/// existing points, `update_only` skips new ones.
fn admitted(coll: &Collection, id: &PointId, filter: Option<&Filter>, mode: UpdateMode) -> bool {
    match (mode, coll.offset_of(id)) {
        (UpdateMode::InsertOnly, Some(_)) | (UpdateMode::UpdateOnly, None) => false,
        (_, Some(off)) => passes(coll, filter, off),
        (_, None) => true,
    }
}

impl PointStruct {
    fn into_insert(self, coll: &Collection) -> Result<PointInsert> {
        Ok(PointInsert { id: self.id, vectors: self.vector.into_pairs(coll)?, payload: self.payload.unwrap_or_default() })
    }
}

impl ColumnBatch {
    /// Column lengths must agree with `ids` (422, Qdrant's wording).
    fn validate(&self) -> Result<()> {
        let ids = self.ids.len();
        let lens: Vec<usize> = match &self.vectors {
            BatchVectors::Single(v) => vec![v.len()],
            BatchVectors::Multi(v) => vec![v.len()],
            BatchVectors::Named(m) => m.values().map(Vec::len).collect(),
        };
        if let Some(&n) = lens.iter().find(|&&n| n != ids) {
            return Err(Error::validation(format!("batch: number of ids and vectors must be equal ({ids} != {n})")));
        }
        match &self.payloads {
            Some(p) if p.len() != ids => Err(Error::validation(format!(
                "batch: number of ids and payloads must be equal ({ids} != {})",
                p.len()
            ))),
            _ => Ok(()),
        }
    }

    /// Transposes the columns into points (lengths were validated).
    fn into_points(self, coll: &Collection) -> Result<Vec<PointInsert>> {
        let mut points: Vec<PointInsert> =
            self.ids.into_iter().map(|id| PointInsert { id, vectors: Vec::new(), payload: Payload::new() }).collect();
        match self.vectors {
            BatchVectors::Single(rows) => {
                for (p, v) in points.iter_mut().zip(rows) {
                    p.vectors.push((String::new(), NamedVector::Dense(v).into_values(coll, "")?));
                }
            }
            BatchVectors::Multi(multis) => {
                for (p, rows) in points.iter_mut().zip(multis) {
                    p.vectors.push((String::new(), coll.multi_input("", &rows)?));
                }
            }
            BatchVectors::Named(columns) => {
                for (name, column) in columns {
                    for (p, v) in points.iter_mut().zip(column) {
                        p.vectors.push((name.clone(), v.into_values(coll, &name)?));
                    }
                }
            }
        }
        for (p, payload) in points.iter_mut().zip(self.payloads.unwrap_or_default()) {
            p.payload = payload.unwrap_or_default();
        }
        Ok(points)
    }
}
