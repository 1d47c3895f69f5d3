//! The typed fast path for callers holding flat `f32` buffers: bulk upsert from one `n × dim`
//! slice and nearest search returning `(id, score)` pairs, with no JSON per point.

use super::Database;
use crate::collection::vectors::FloatSource;
use crate::error::{Error, Result};
use crate::filter::Filter;
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
            Some(f) if !f.is_empty() && f != "null" => Some(serde_json::from_str(f).map_err(|e| Error::format(e.to_string()))?),
            _ => None,
        };
        let query = ScoringQuery::nearest(coll.prepare_vector("", vector.to_vec())?);
        let leaf = Node::leaf(Scoring::Vector { using: String::new(), query }, filter, limit, None);
        let hits = execute(coll, &Plan::new(leaf, 0, HashSet::new())?)?;
        Ok(hits.iter().map(|h| (crate::filter::PointView::id(&coll.point(h.offset)), h.score)).collect())
    }
}

impl Database {
    /// The benchmark baseline: one bare kernel pass over the unnamed vector's memory.
    pub fn bare_scan(&self, collection: &str, vector: &[f32]) -> Result<f32> {
        crate::query::bare_scan(self.collection(collection)?, "", vector)
    }
}
