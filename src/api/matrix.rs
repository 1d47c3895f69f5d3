//! `POST /collections/{name}/points/search/matrix/pairs` and `/offsets` (Qdrant
//! `src/actix/api/search_api.rs:225-336`): the distance matrix of a random sample, as pairs
//! `{a, b, score}` or as a sparse matrix in coordinate form (`offsets_row`, `offsets_col`,
//! `scores`, `ids`). The matrix itself is [`crate::query::matrix`].

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

use super::{parse_body, to_json, Database};
use crate::error::{Error, Result};
use crate::filter::{Filter, PointView};
use crate::point_id::PointId;
use crate::query::matrix::{search_matrix, Matrix, MatrixRequest};
use crate::query::scroll::next_seed;

/// `SearchMatrixRequest` flattening `SearchMatrixRequestInternal` (schema.rs:1293-1316).
/// `shard_key` is accepted and ignored (one shard).
#[derive(Debug, Deserialize)]
struct MatrixBody {
    #[serde(default)]
    filter: Option<Filter>,
    #[serde(default)]
    sample: Option<u64>,
    #[serde(default)]
    limit: Option<u64>,
    #[serde(default)]
    using: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    shard_key: Option<Value>,
}

/// Defaults of `CollectionSearchMatrixRequest` (distance_matrix.rs:42-45).
const DEFAULT_SAMPLE: u64 = 10;
const DEFAULT_LIMIT: u64 = 3;

/// `SearchMatrixPair`.
#[derive(Debug, Serialize)]
struct Pair {
    a: PointId,
    b: PointId,
    score: f32,
}

/// `SearchMatrixPairsResponse`: a struct, not a `json!` value, so scores print as f32.
#[derive(Debug, Serialize)]
struct Pairs {
    pairs: Vec<Pair>,
}

/// `SearchMatrixOffsetsResponse`.
#[derive(Debug, Serialize)]
struct Offsets {
    offsets_row: Vec<u64>,
    offsets_col: Vec<u64>,
    scores: Vec<f32>,
    ids: Vec<PointId>,
}

/// `/pairs`: one pair per neighbour, rows in sample order (distance_matrix.rs:97-116).
pub(super) fn pairs(db: &Database, name: &str, body: &str) -> Result<String> {
    let (matrix, id) = run(db, name, body)?;
    let mut pairs = Vec::with_capacity(matrix.rows.iter().map(Vec::len).sum());
    for (&a, row) in matrix.sample.iter().zip(&matrix.rows) {
        pairs.extend(row.iter().map(|s| Pair { a: id(a), b: id(s.offset), score: s.score }));
    }
    to_json(&Pairs { pairs })
}

/// `/offsets`: row and column are indices into `ids` (distance_matrix.rs:62-95).
pub(super) fn offsets(db: &Database, name: &str, body: &str) -> Result<String> {
    let (matrix, id) = run(db, name, body)?;
    let index: HashMap<u32, u64> = matrix.sample.iter().enumerate().map(|(i, &off)| (off, i as u64)).collect();
    let mut out = Offsets { offsets_row: Vec::new(), offsets_col: Vec::new(), scores: Vec::new(), ids: Vec::new() };
    for (row_index, row) in matrix.rows.iter().enumerate() {
        for s in row {
            // Every neighbour is a sampled point: the search was restricted to the sample.
            let col = index.get(&s.offset).copied().ok_or_else(|| Error::bad_request("neighbour outside the sample"))?;
            out.offsets_row.push(row_index as u64);
            out.offsets_col.push(col);
            out.scores.push(s.score);
        }
    }
    out.ids = matrix.sample.iter().map(|&off| id(off)).collect();
    to_json(&out)
}

/// Validates the body, checks the collection and the vector, and computes the matrix; also
/// returns how to name an offset by its point id.
fn run<'a>(db: &'a Database, name: &str, body: &str) -> Result<(Matrix, impl Fn(u32) -> PointId + 'a)> {
    let req: MatrixBody = parse_body(body)?;
    let (sample, limit) = validate(&req)?;
    // `#[validate(nested)]` on the filter: checked with the body, before the collection.
    if let Some(f) = &req.filter {
        f.validate()?;
    }
    let coll = db.collection(name)?;
    let using = req.using.unwrap_or_default();
    // `check_vector_exists` (config.rs:524-539): a dense or a sparse vector of the collection.
    if !coll.is_sparse(&using) {
        coll.config().params(&using)?;
    }
    let request = MatrixRequest { using: &using, filter: req.filter.as_ref(), sample, limit };
    let matrix = search_matrix(coll, &request, next_seed())?;
    Ok((matrix, move |off: u32| coll.point(off).id()))
}

/// `#[validate(range(min = 2))]` on `sample`, `range(min = 1)` on `limit` (schema.rs:1299-1304),
/// reported together in field order as the validator flattens them. Sizes beyond `usize` on a
/// 32-bit target mean "all".
fn validate(req: &MatrixBody) -> Result<(usize, usize)> {
    let (sample, limit) = (req.sample.unwrap_or(DEFAULT_SAMPLE), req.limit.unwrap_or(DEFAULT_LIMIT));
    let mut errors = Vec::new();
    if limit < 1 {
        errors.push(format!("search_request.limit: value {limit} invalid, must be 1 or larger"));
    }
    if sample < 2 {
        errors.push(format!("search_request.sample: value {sample} invalid, must be 2 or larger"));
    }
    if !errors.is_empty() {
        return Err(Error::validation(errors.join("; ")));
    }
    let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    Ok((size(sample), size(limit)))
}
