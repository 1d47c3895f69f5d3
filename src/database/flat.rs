//! The typed fast path for callers holding flat `f32` buffers: bulk upsert from one `n × dim`
//! slice and nearest search returning `(id, score)` pairs, with no JSON per point.

use super::Database;
use crate::collection::vectors::FloatSource;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::index::sparse::SparseVector;
use crate::payload::Payload;
use crate::point_id::PointId;
use crate::query::{execute, Node, Plan, Scoring, ScoringQuery};
use std::collections::HashSet;

impl Database {
    /// Upserts `ids.len()` points into the unnamed vector: row `i` of `vectors` (`dim` floats)
    /// belongs to `ids[i]`, and so does `payloads[i]` when given.
    pub fn upsert_flat(
        &mut self,
        collection: &str,
        ids: &[PointId],
        vectors: &[f32],
        payloads: Option<Vec<Payload>>,
    ) -> Result<()> {
        self.upsert_flat_from(collection, ids, &vectors, payloads)
    }

    /// [`Database::upsert_flat`] reading the rows from any [`FloatSource`] (the wasm border
    /// passes a JS `Float32Array`, copied once, straight into storage).
    pub(crate) fn upsert_flat_from(
        &mut self,
        collection: &str,
        ids: &[PointId],
        vectors: &dyn FloatSource,
        payloads: Option<Vec<Payload>>,
    ) -> Result<()> {
        self.collection_mut(collection)?.upsert_rows_from(ids, vectors, payloads).map(drop)
    }

    /// Sets sparse vector `name` of existing points from three flat arrays (no JSON per point):
    /// point `ids[i]` gets `indices[offsets[i]..offsets[i + 1]]` with the same slice of
    /// `values` (`offsets` has `ids.len() + 1` ascending entries, the last `indices.len()`).
    /// Like `PUT /points/vectors`: a missing point is 404; all or nothing.
    pub fn set_sparse_flat(
        &mut self,
        collection: &str,
        name: &str,
        ids: &[PointId],
        offsets: &[u32],
        indices: &[u32],
        values: &[f32],
    ) -> Result<()> {
        check_sparse_layout(ids.len(), offsets, indices.len(), values.len())?;
        let mut coll = self.collection_mut(collection)?;
        let mut changes = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            let off = coll.offset_of(id).ok_or_else(|| Error::PointNotFound { id: id.to_string() })?;
            let (from, to) = (offsets[i] as usize, offsets[i + 1] as usize);
            let v = SparseVector { indices: indices[from..to].to_vec(), values: values[from..to].to_vec() };
            changes.push((off, name.to_string(), Some(coll.prepare_sparse(name, v, &format!("vectors[{i}]"))?)));
        }
        coll.check_sparse_changes(&changes)?;
        let version = coll.next_version();
        coll.set_sparse_vectors(changes, version);
        Ok(())
    }

    /// Exact nearest search on the unnamed vector; returns `(id, reported score)` best first.
    pub fn search_flat(
        &self,
        collection: &str,
        vector: &[f32],
        limit: usize,
        filter_json: Option<&str>,
    ) -> Result<Vec<(PointId, f32)>> {
        let coll = self.collection(collection)?;
        let filter: Option<Filter> = match filter_json.map(str::trim) {
            Some(f) if !f.is_empty() && f != "null" => Some(crate::json::parse(f).map_err(|e| Error::format(e.to_string()))?),
            _ => None,
        };
        let query = ScoringQuery::nearest(coll.prepare_vector("", vector.to_vec())?);
        let leaf = Node::leaf(Scoring::Vector { using: String::new(), query }, filter, limit, None);
        let hits = execute(coll, &Plan::new(leaf, 0, HashSet::new())?)?;
        Ok(hits.iter().map(|h| (crate::filter::PointView::id(&coll.point(h.offset)), h.score)).collect())
    }
}

/// `offsets` must frame `indices` and `values` (equal lengths) into one slice per id.
fn check_sparse_layout(ids: usize, offsets: &[u32], indices: usize, values: usize) -> Result<()> {
    if offsets.len() != ids + 1 || offsets.first() != Some(&0) || offsets.last().map(|&o| o as usize) != Some(indices) {
        return Err(Error::bad_request(format!(
            "offsets must hold {} ascending entries from 0 to the number of indices ({indices})",
            ids + 1
        )));
    }
    if indices != values {
        return Err(Error::bad_request(format!("{indices} indices but {values} values")));
    }
    if offsets.windows(2).any(|w| w[0] > w[1]) {
        return Err(Error::bad_request("offsets must be ascending"));
    }
    Ok(())
}

impl Database {
    /// The benchmark baseline: one bare kernel pass over the unnamed vector's memory.
    pub fn bare_scan(&self, collection: &str, vector: &[f32]) -> Result<f32> {
        crate::query::bare_scan(self.collection(collection)?, "", vector)
    }
}
