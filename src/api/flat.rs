//! The typed fast path for callers holding flat `f32` buffers: bulk upsert from one `n × dim`
//! slice and nearest search returning `(id, score)` pairs, with no JSON per point.

use super::Database;
use crate::collection::vectors::FloatSource;
use crate::error::Result;
use crate::filter::Filter;
use crate::payload::Payload;
use crate::point_id::PointId;
use crate::query::{search, ScoringQuery, SearchParams};

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
        let filter: Option<Filter> = match filter_json {
            Some(f) if !f.trim().is_empty() && f.trim() != "null" => Some(super::parse_body(f)?),
            _ => None,
        };
        if let Some(f) = &filter {
            f.validate()?;
        }
        let vector = coll.prepare_vector("", vector.to_vec())?;
        let params = SearchParams { using: "", filter: filter.as_ref(), limit, ..Default::default() };
        let hits = search(coll, &ScoringQuery::nearest(vector), &params)?;
        Ok(hits.iter().map(|h| (crate::filter::PointView::id(&coll.point(h.offset)), h.score)).collect())
    }
}

impl Database {
    /// The benchmark baseline: one bare kernel pass over the unnamed vector's memory.
    pub fn bare_scan(&self, collection: &str, vector: &[f32]) -> Result<f32> {
        crate::query::bare_scan(self.collection(collection)?, "", vector)
    }
}
