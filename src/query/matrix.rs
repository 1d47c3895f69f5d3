//! The distance matrix of a random sample (lib/collection/src/collection/distance_matrix.rs,
//! v1.19.0 `search_points_matrix`): sample points that pass the filter and have the vector,
//! then, for each sampled point, its nearest neighbours among the sample, itself left out.
//!
//! Steps, with the server's lines:
//! 1. candidates = live points passing `filter` merged with `has_vector: using` (:166-177);
//! 2. a random sample of `sample` of them (`{"sample": "random"}`, :180-203); fewer than two
//!    sampled points make an empty matrix (:204-207);
//! 3. the sample sorted by point id (:210), which fixes the rows' order;
//! 4. per sampled point, a nearest search with its stored vector, restricted to the sample
//!    (`has_id`), `limit + 1` results (:215-249);
//! 5. the point itself removed from its row; if it is not among the results, the last
//!    result is dropped when the row is full (`limit + 1` long) (:272-284).
//!
//! Scores are those of a plain nearest search (post-processed: Euclid is a distance). Rows are
//! ordered best first, ties by offset (the scan's order). A sparse row holds only the sampled
//! points sharing an index with the row's point (the plain sparse search a tiny `has_id`
//! filter gets, search_context.rs:122-124).

use super::scan::{search, ScoringQuery, SearchParams};
use super::scroll::{matching, sample_seeded};
use super::sparse::{self, SparseScoring, SparseSearch};
use super::topk::Scored;
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::filter::{Filter, PointView};
use crate::index::sparse::prepare_query;

/// What a matrix request asks for; `sample ≥ 2` and `limit ≥ 1` are checked by the REST layer
/// (schema.rs:1293-1306).
#[derive(Debug, Clone, Copy)]
pub struct MatrixRequest<'a> {
    pub using: &'a str,
    pub filter: Option<&'a Filter>,
    pub sample: usize,
    pub limit: usize,
}

/// The sampled points (offsets, ascending by point id) and, per sampled point, its neighbours
/// within the sample, best first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matrix {
    pub sample: Vec<u32>,
    pub rows: Vec<Vec<Scored>>,
}

/// Runs the matrix request; `seed` drives the random sample (a fresh one per call on the
/// REST path, as the server's sampling is not reproducible either).
pub fn search_matrix(coll: &Collection, req: &MatrixRequest<'_>, seed: u64) -> Result<Matrix> {
    if let Some(f) = req.filter {
        f.validate()?;
    }
    let candidates: Vec<u32> =
        matching(coll, req.filter).filter(|&off| coll.point(off).has_vector(req.using)).collect();
    let mut sample = sample_seeded(candidates, req.sample, seed);
    if sample.len() < 2 {
        return Ok(Matrix::default());
    }
    sample.sort_unstable_by_key(|&off| coll.point(off).id());
    let within = {
        let mut w = sample.clone();
        w.sort_unstable();
        w
    };
    let rows = sample
        .iter()
        .map(|&off| Ok(without_self(neighbours(coll, req, off, &within)?, off, req.limit)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Matrix { sample, rows })
}

/// The `limit + 1` nearest of `within` to the stored vector of `off`.
fn neighbours(coll: &Collection, req: &MatrixRequest<'_>, off: u32, within: &[u32]) -> Result<Vec<Scored>> {
    let limit = req.limit.saturating_add(1);
    let point = coll.point(off);
    if let Some(v) = point.sparse_vector(req.using) {
        let query = SparseScoring::nearest(prepare_query(coll, req.using, v.clone())?);
        let s = SparseSearch { using: req.using, gate: |_| true, within: Some(within), limit, score_threshold: None };
        return sparse::search(coll, &query, &s);
    }
    let stored = point.vector(req.using).ok_or_else(|| Error::PointVectorNotFound { name: req.using.to_string() })?;
    let params = coll.config().params(req.using)?;
    // The server sends the stored vector (widened from float16/uint8) as a query, which is
    // prepared again (Cosine normalises an already normalised vector; see datatype.rs).
    let mut query = stored.into_owned();
    params.prepare(&mut query)?;
    let p = SearchParams { using: req.using, within: Some(within), limit, ..SearchParams::default() };
    search(coll, &ScoringQuery::nearest(query), &p)
}

/// Step 5: the point itself out of its row, or the row cut to `limit` when it was full.
fn without_self(mut row: Vec<Scored>, off: u32, limit: usize) -> Vec<Scored> {
    if let Some(pos) = row.iter().position(|s| s.offset == off) {
        row.remove(pos);
    } else if row.len() == limit.saturating_add(1) {
        row.pop();
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(offsets: &[u32]) -> Vec<Scored> {
        offsets.iter().map(|&offset| Scored { score: 1.0, offset }).collect()
    }

    #[test]
    fn self_is_removed_else_a_full_row_loses_its_last() {
        assert_eq!(without_self(row(&[4, 7, 9]), 7, 2), row(&[4, 9]));
        assert_eq!(without_self(row(&[4, 7, 9]), 1, 2), row(&[4, 7]));
        assert_eq!(without_self(row(&[4, 7]), 1, 2), row(&[4, 7]), "a short row keeps everything");
    }
}
