//! Response shapes: scored points and records, with payload and vectors as requested.

use super::models::{Common, SparseVector, WithVector};
use crate::collection::{Collection, VectorsConfig};
use crate::error::Result;
use crate::query::execute::execute_ordered;
use crate::query::{OrderValue, Plan};
use crate::payload::select::WithPayload;
use crate::payload::Payload;
use crate::point_id::{PointId, PointOffset};
use serde::Serialize;
use std::collections::BTreeMap;

/// A point's vectors in a response: an array for the unnamed vector, else an object by name.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum VectorOutput {
    Single(VectorValue),
    Named(BTreeMap<String, VectorValue>),
}

/// One vector in a response: an array, a list of arrays for a multivector, or
/// `{"indices", "values"}` sorted by index for a sparse vector.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum VectorValue {
    Dense(Vec<f32>),
    Multi(Vec<Vec<f32>>),
    Sparse(SparseVector),
}

/// The stored vector `name` as a response shows it: a multivector split back into its rows.
fn value_of(coll: &Collection, name: &str, v: &[f32]) -> VectorValue {
    match coll.multi_store(name) {
        Some(m) => VectorValue::Multi(v.chunks(m.dim().max(1)).map(<[f32]>::to_vec).collect()),
        None => VectorValue::Dense(v.to_vec()),
    }
}

/// Qdrant's `ScoredPoint`; absent optionals are omitted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScoredPoint {
    pub id: PointId,
    pub version: u64,
    pub score: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<Payload>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vector: Option<VectorOutput>,
    /// The value an `order_by` listed the point by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_value: Option<OrderValue>,
}

/// Qdrant's `Record` (retrieve, scroll).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    pub id: PointId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<Payload>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vector: Option<VectorOutput>,
    /// The value an `order_by` listed the point by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_value: Option<OrderValue>,
}

/// What to attach to each returned point.
#[derive(Debug, Clone, Copy)]
pub struct Attach<'a> {
    pub with_payload: &'a WithPayload,
    pub with_vector: &'a WithVector,
}

/// Runs a plan and renders Qdrant's scored points with what `common` asks to attach: the one
/// place every search-like endpoint ends.
pub(super) fn answer(coll: &Collection, plan: &Plan, common: &Common) -> Result<Vec<ScoredPoint>> {
    let hits = execute_ordered(coll, plan)?;
    let with_payload = common.with_payload.clone().unwrap_or_default();
    let with_vector = common.with_vector.clone().unwrap_or_default();
    let attach = Attach { with_payload: &with_payload, with_vector: &with_vector };
    Ok(hits
        .iter()
        .map(|(h, value)| ScoredPoint { order_value: *value, ..scored_point(coll, h.offset, h.score, attach) })
        .collect())
}

/// The requested vectors of the point at `offset`, if any were requested.
pub fn vectors_of(coll: &Collection, offset: PointOffset, with: &WithVector) -> Option<VectorOutput> {
    if *with == WithVector::Bool(false) {
        return None;
    }
    let point = coll.point(offset);
    let sparse: BTreeMap<String, VectorValue> = coll
        .sparse_config()
        .iter()
        .flat_map(|m| m.keys())
        .filter(|n| with.wants(n))
        .filter_map(|n| point.sparse_vector(n).map(|v| (n.clone(), VectorValue::Sparse(v.clone()))))
        .collect();
    match coll.config() {
        // Qdrant answers an array only when the unnamed vector is all there is to return
        // (`From<NamedVectors> for VectorStructInternal`, lib/segment/src/data_types/vectors.rs).
        VectorsConfig::Single(_) if !sparse.is_empty() => {
            let mut named = sparse;
            if let Some(v) = point.vector("").filter(|_| with.wants("") || matches!(with, WithVector::Bool(true))) {
                named.insert(String::new(), value_of(coll, "", &v));
            }
            Some(VectorOutput::Named(named))
        }
        VectorsConfig::Single(_) => {
            let wanted = with.wants("") || matches!(with, WithVector::Bool(true));
            wanted.then(|| point.vector("").map(|v| VectorOutput::Single(value_of(coll, "", &v)))).flatten()
        }
        VectorsConfig::Named(m) => {
            let mut named = sparse;
            let dense = m.keys().filter(|n| with.wants(n));
            named.extend(dense.filter_map(|n| point.vector(n).map(|v| (n.clone(), value_of(coll, n, &v)))));
            Some(VectorOutput::Named(named))
        }
    }
}

pub fn scored_point(coll: &Collection, offset: PointOffset, score: f32, attach: Attach<'_>) -> ScoredPoint {
    let point = coll.point(offset);
    ScoredPoint {
        id: crate::filter::PointView::id(&point),
        version: point.version(),
        score,
        payload: attach.with_payload.project(point.payload_ref()),
        vector: vectors_of(coll, offset, attach.with_vector),
        order_value: None,
    }
}

pub fn record(coll: &Collection, offset: PointOffset, attach: Attach<'_>) -> Record {
    let point = coll.point(offset);
    Record {
        id: crate::filter::PointView::id(&point),
        payload: attach.with_payload.project(point.payload_ref()),
        vector: vectors_of(coll, offset, attach.with_vector),
        order_value: None,
    }
}
