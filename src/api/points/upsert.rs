//! `PUT /points`: upsert as a list of points or as columns (Qdrant `lib/api/src/rest/schema.rs`
//! `PointStruct`, `PointsList`, `PointsBatch`, `Batch`; `lib/api/src/rest/validate.rs`
//! `Validate for Batch`; `segments_updater.rs` `upsert_points`, `conditional_upsert`).
//!
//! A point is replaced whole: vectors not given are dropped and a missing `payload` clears it.
//! Duplicate ids: the last one wins (Qdrant collects points into a map by id).

use super::super::models::{DocumentInput, SparseVector};
use crate::inference::TextRole;
use super::passes;
use crate::collection::{Collection, PointInsert, SparseInsert};
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
    /// A text for the unnamed vector, embedded by a dense model (Qdrant `VectorStruct::Document`).
    Document(Box<DocumentInput>),
}

/// One named vector: dense, multi (rows), sparse, or a text to embed (a sparse vector).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum NamedVector {
    Dense(Vec<f32>),
    // Before `Sparse`: serde would read a two-row list as a sparse vector's fields.
    Multi(Vec<Vec<f32>>),
    Sparse(SparseVector),
    /// Text embedded in process: a sparse vector (`qdrant/bm25`) or a dense one (MiniLM).
    Document(Box<DocumentInput>),
}

/// A point's vectors split by kind: dense `(name, values)` and sparse `(name, vector)`.
pub(super) type VectorParts = (Vec<(String, Vec<f32>)>, SparseInsert);

/// Columnar vectors (Qdrant `BatchVectorStruct`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum BatchVectors {
    Single(Vec<Vec<f32>>),
    Multi(Vec<Vec<Vec<f32>>>),
    Named(BTreeMap<String, Vec<NamedVector>>),
    /// Texts for the unnamed vector (Qdrant `BatchVectorStruct::Document`).
    Document(Vec<DocumentInput>),
}

impl VectorStruct {
    /// Whether no vector is given at all: `{}`, or only empty named vectors (a sparse one
    /// without indices counts as empty: Qdrant `VectorStruct::is_empty`, schema.rs:125-140).
    pub(super) fn is_empty(&self) -> bool {
        matches!(self, VectorStruct::Named(m) if m.values().all(NamedVector::is_empty))
    }

    /// The vectors by kind, `""` being the unnamed vector; a multivector's rows are checked
    /// against `coll` and concatenated (`Collection::multi_input`). Whether a name is dense or
    /// sparse is checked against the collection when they are prepared.
    pub(super) fn into_parts(self, coll: &Collection) -> Result<VectorParts> {
        let (mut dense, mut sparse) = (Vec::new(), Vec::new());
        match self {
            VectorStruct::Single(v) => NamedVector::Dense(v).push_into(coll, String::new(), &mut dense, &mut sparse)?,
            VectorStruct::Multi(rows) => dense.push((String::new(), coll.multi_input("", &rows)?)),
            VectorStruct::Named(m) => {
                for (name, v) in m {
                    v.push_into(coll, name, &mut dense, &mut sparse)?;
                }
            }
            VectorStruct::Document(d) => NamedVector::Document(d).push_into(coll, String::new(), &mut dense, &mut sparse)?,
        }
        Ok((dense, sparse))
    }

    /// Qdrant's `Validate for VectorStruct` (lib/api/src/rest/schema.rs:146-157): each sparse
    /// vector's lengths and unique indices (422), its field under `{path}.?`.
    pub(super) fn check_sparse(&self, path: &str) -> Result<()> {
        match self {
            VectorStruct::Named(m) => m.values().try_for_each(|v| v.check_sparse(path)),
            _ => Ok(()),
        }
    }
}

impl NamedVector {
    fn is_empty(&self) -> bool {
        match self {
            NamedVector::Dense(v) => v.is_empty(),
            NamedVector::Sparse(v) => v.indices.is_empty(),
            NamedVector::Multi(v) => v.is_empty(),
            NamedVector::Document(_) => false,
        }
    }

    fn push_into(
        self,
        coll: &Collection,
        name: String,
        dense: &mut Vec<(String, Vec<f32>)>,
        sparse: &mut SparseInsert,
    ) -> Result<()> {
        match self {
            // A dense vector for a multivector is one row: it must be exactly `size` long.
            NamedVector::Dense(v) if coll.multi_store(&name).is_some() => {
                coll.check_vector(&name, &v)?;
                dense.push((name, v))
            }
            NamedVector::Dense(v) => dense.push((name, v)),
            NamedVector::Multi(rows) => {
                let v = coll.multi_input(&name, &rows)?;
                dense.push((name, v))
            }
            NamedVector::Sparse(v) => sparse.push((name, v)),
            NamedVector::Document(d) if d.is_dense() => return NamedVector::Dense(d.embed_dense()?).push_into(coll, name, dense, sparse),
            NamedVector::Document(d) => {
                let v = d.embed(TextRole::Document)?;
                sparse.push((name, v))
            }
        }
        Ok(())
    }

    fn check_sparse(&self, path: &str) -> Result<()> {
        match self {
            NamedVector::Sparse(v) => v.check(&format!("{path}.?")),
            _ => Ok(()),
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
        } else if let Some(points) = &self.points {
            for (i, p) in points.iter().enumerate() {
                p.vector.check_sparse(&format!("points[{i}].vector"))?;
            }
        }
        super::validate_filter(self.update_filter.as_ref())
    }

    /// Upserts the points (all validated before anything changes) and returns the version.
    pub(super) fn apply(self, coll: &mut Collection) -> Result<u64> {
        let points = match (self.batch, self.points) {
            (Some(b), _) => b.into_points(coll)?,
            (None, Some(list)) => list.into_iter().map(|p| p.into_insert(coll)).collect::<Result<Vec<_>>>()?,
            (None, None) => Vec::new(),
        };
        let mode = self.update_mode.unwrap_or_default();
        let filter = self.update_filter.as_ref();
        let points = points.into_iter().filter(|(p, _)| admitted(coll, &p.id, filter, mode)).collect();
        coll.upsert_mixed(points)
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
    fn into_insert(self, coll: &Collection) -> Result<(PointInsert, SparseInsert)> {
        let (vectors, sparse) = self.vector.into_parts(coll)?;
        Ok((PointInsert { id: self.id, vectors, payload: self.payload.unwrap_or_default() }, sparse))
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
            BatchVectors::Document(v) => vec![v.len()],
        };
        if let Some(&n) = lens.iter().find(|&&n| n != ids) {
            return Err(Error::validation(format!("batch: number of ids and vectors must be equal ({ids} != {n})")));
        }
        if let BatchVectors::Named(m) = &self.vectors {
            m.values().flatten().try_for_each(|v| v.check_sparse("batch.vectors"))?;
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
    fn into_points(self, coll: &Collection) -> Result<Vec<(PointInsert, SparseInsert)>> {
        let blank = |id| (PointInsert { id, vectors: Vec::new(), payload: Payload::new() }, Vec::new());
        let mut points: Vec<(PointInsert, SparseInsert)> = self.ids.into_iter().map(blank).collect();
        match self.vectors {
            BatchVectors::Single(rows) => {
                for ((p, sparse), v) in points.iter_mut().zip(rows) {
                    NamedVector::Dense(v).push_into(coll, String::new(), &mut p.vectors, sparse)?;
                }
            }
            BatchVectors::Multi(multis) => {
                for ((p, _), rows) in points.iter_mut().zip(multis) {
                    p.vectors.push((String::new(), coll.multi_input("", &rows)?));
                }
            }
            BatchVectors::Document(texts) => {
                for ((p, sparse), d) in points.iter_mut().zip(texts) {
                    NamedVector::Document(Box::new(d)).push_into(coll, String::new(), &mut p.vectors, sparse)?;
                }
            }
            BatchVectors::Named(columns) => {
                for (name, column) in columns {
                    for ((p, sparse), v) in points.iter_mut().zip(column) {
                        v.push_into(coll, name.clone(), &mut p.vectors, sparse)?;
                    }
                }
            }
        }
        for ((p, _), payload) in points.iter_mut().zip(self.payloads.unwrap_or_default()) {
            p.payload = payload.unwrap_or_default();
        }
        Ok(points)
    }
}
