//! Turning example inputs (ids, raw vectors) into vectors, as Qdrant's
//! `retrieve_request_trait.rs` and `fetch_vectors.rs` do.

use super::models::{ContextPairInput, LookupLocation, RecommendStrategy, VectorInput};
use super::Database;
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::point_id::PointId;
use crate::inference::TextRole;
use crate::query::{ContextPair, ScoringQuery};
use std::collections::HashSet;

/// Which API is asking: the two differ in how ids are looked up and how a point lacking the
/// vector is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Api {
    /// `/recommend`, `/discover`: ids read `lookup_from.vector`, else the unnamed vector
    /// (not `using`!); a point lacking the vector is silently dropped (fetch_vectors.rs:301-333).
    Legacy,
    /// `/query`: ids read `lookup_from.vector`, else `using`; a point lacking it is a 404.
    Query,
}

/// Resolves example inputs for one request against one searched vector.
#[derive(Debug)]
pub(super) struct Resolver<'a> {
    pub(super) coll: &'a Collection,
    pub(super) using: String,
    pub(super) lookup: &'a Collection,
    pub(super) lookup_vector: String,
    pub(super) api: Api,
    /// Whether id examples are removed from results: yes, unless `lookup_from` names another
    /// collection (recommendations.rs:206-210).
    pub(super) exclude_ids: bool,
    /// The id examples seen so far, to exclude from results.
    pub(super) excluded: HashSet<PointId>,
}

impl<'a> Resolver<'a> {
    /// Checks the collection, the `using` vector and `lookup_from` (unknown → 404).
    pub(super) fn new(
        db: &'a Database,
        name: &str,
        using: Option<&str>,
        lookup_from: Option<&LookupLocation>,
        api: Api,
    ) -> Result<Self> {
        let coll = db.collection(name)?;
        let using = using.unwrap_or("").to_string();
        if !coll.is_sparse(&using) {
            coll.config().params(&using)?;
        }
        let (lookup, lookup_vector, exclude_ids) = match lookup_from {
            None => (coll, using.clone(), true),
            Some(l) => {
                let other = db.collection(&l.collection)?;
                let fallback = if api == Api::Legacy { "" } else { using.as_str() };
                let vector = l.vector.clone().unwrap_or_else(|| fallback.to_string());
                let same = db.same_collection(&l.collection, name);
                (other, vector, same)
            }
        };
        Ok(Resolver { coll, using, lookup, lookup_vector, api, exclude_ids, excluded: HashSet::new() })
    }

    /// The expected length of every example vector.
    pub(super) fn dim(&self) -> Result<usize> {
        Ok(self.coll.config().params(&self.using)?.size)
    }

    /// Whether the searched vector is a multivector (`query/multi.rs` scores it).
    fn multi(&self) -> bool {
        self.coll.multi_store(&self.using).is_some()
    }

    /// One example as a vector (raw vectors as given, ids as stored), or `None` when the
    /// legacy API drops it. Raw vectors are dimension-checked here.
    pub(super) fn vector(&mut self, input: &VectorInput) -> Result<Option<Vec<f32>>> {
        match input {
            VectorInput::Dense(v) => {
                self.coll.check_vector(&self.using, v)?;
                Ok(Some(v.clone()))
            }
            VectorInput::Id(id) => self.by_id(*id),
            VectorInput::Sparse(_) => Err(Error::wrong_input(format!(
                "sparse vectors are not supported: vector {:?} is dense",
                self.using
            ))),
            VectorInput::Multi(rows) => Ok(Some(self.coll.multi_input(&self.using, rows)?)),
            VectorInput::Document(d) if d.is_dense() => {
                let v = d.embed_dense()?;
                self.coll.check_vector(&self.using, &v)?;
                Ok(Some(v))
            }
            VectorInput::Document(d) => {
                // A sparse model (BM25) for a dense vector.
                d.embed(TextRole::Query)?;
                Err(crate::collection::wrong_usage())
            }
        }
    }

    fn by_id(&mut self, id: PointId) -> Result<Option<Vec<f32>>> {
        let off = self.example_offset(id)?;
        // Checked here, not up front: a request whose examples are all raw vectors never
        // touches the lookup vector (legacy `lookup_from` without `vector` names "").
        self.lookup.config().params(&self.lookup_vector)?;
        match self.lookup.point(off).vector(&self.lookup_vector) {
            Some(v) => {
                let dim = self.dim()?;
                // A multivector holds whole rows; a dense vector is one row of it.
                if v.len() != dim && !(self.multi() && v.len() % dim == 0) {
                    return Err(Error::DimensionMismatch { expected: dim, got: v.len() });
                }
                Ok(Some(v.into_owned()))
            }
            None if self.api == Api::Legacy => Ok(None),
            None => Err(Error::PointVectorNotFound { name: self.lookup_vector.clone() }),
        }
    }

    /// The lookup collection's offset of an id example, noted for exclusion (404 when absent).
    pub(super) fn example_offset(&mut self, id: PointId) -> Result<u32> {
        let off = self.lookup.offset_of(&id).ok_or_else(|| Error::PointNotFound { id: id.to_string() })?;
        if self.exclude_ids {
            self.excluded.insert(id);
        }
        Ok(off)
    }

    /// Resolves a list, dropping what the legacy API drops.
    pub(super) fn vectors(&mut self, inputs: &[VectorInput]) -> Result<Vec<Vec<f32>>> {
        let mut out = Vec::with_capacity(inputs.len());
        for i in inputs {
            if let Some(v) = self.vector(i)? {
                out.push(v);
            }
        }
        Ok(out)
    }

    /// Prepares a vector for scoring as Qdrant's scorers do: preprocessed for the distance and
    /// rounded to the storage's element type (`collection/datatype.rs`); an id example read
    /// back from float16/uint8 storage goes through the same steps.
    pub(super) fn prepared(&self, mut v: Vec<f32>) -> Result<Vec<f32>> {
        self.coll.config().params(&self.using)?.prepare(&mut v)?;
        Ok(v)
    }
}

impl Resolver<'_> {
    /// Preprocesses a vector for the distance as float32, ignoring the element type (MMR's own
    /// similarities, `query/mmr.rs`).
    pub(super) fn preprocessed_f32(&self, mut v: Vec<f32>) -> Result<Vec<f32>> {
        let params = self.coll.config().params(&self.using)?;
        v.chunks_exact_mut(params.size.max(1)).for_each(|row| params.distance.preprocess(row));
        Ok(v)
    }

    /// The scoring query of a recommend strategy over resolved example vectors.
    pub(super) fn recommend(
        &self,
        strategy: RecommendStrategy,
        positives: Vec<Vec<f32>>,
        negatives: Vec<Vec<f32>>,
    ) -> Result<ScoringQuery> {
        let prep = |vs: Vec<Vec<f32>>| vs.into_iter().map(|v| self.prepared(v)).collect::<Result<Vec<_>>>();
        Ok(match strategy {
            RecommendStrategy::AverageVector => {
                // Legacy endpoints drop id examples lacking the vector; if that leaves no
                // positive, Qdrant's `avg_vectors` refuses (recommendations.rs:78-80).
                if positives.is_empty() {
                    return Err(Error::wrong_input("Positive vectors should not be empty with `average` strategy"));
                }
                if self.multi() {
                    let query = crate::query::multi::average_query(&positives, &negatives);
                    return Ok(ScoringQuery::nearest(self.prepared(query)?));
                }
                let avg = average_query(&positives, &negatives);
                let dim = self.dim()?;
                if avg.len() != dim {
                    return Err(Error::DimensionMismatch { expected: dim, got: avg.len() });
                }
                ScoringQuery::nearest(self.prepared(avg)?)
            }
            RecommendStrategy::BestScore => ScoringQuery::best_score(prep(positives)?, prep(negatives)?),
            RecommendStrategy::SumScores => ScoringQuery::sum_scores(prep(positives)?, prep(negatives)?),
        })
    }

    /// Context pairs as vectors; with the legacy API a pair with a dropped member is dropped.
    pub(super) fn pairs(&mut self, pairs: &[ContextPairInput]) -> Result<Vec<ContextPair<Vec<f32>>>> {
        let mut out = Vec::with_capacity(pairs.len());
        for p in pairs {
            let (pos, neg) = (self.vector(&p.positive)?, self.vector(&p.negative)?);
            if let (Some(pos), Some(neg)) = (pos, neg) {
                out.push(ContextPair { positive: self.prepared(pos)?, negative: self.prepared(neg)? });
            }
        }
        Ok(out)
    }
}

/// The `average_vector` query (recommendations.rs:34-146): `P = mean(positives)`; without
/// negatives the query is `P`, else `P + P − N` per element with `N = mean(negatives)`.
/// Raw vectors are averaged as given; the caller preprocesses the result.
pub(super) fn average_query(positives: &[Vec<f32>], negatives: &[Vec<f32>]) -> Vec<f32> {
    let p = mean(positives);
    if negatives.is_empty() {
        return p;
    }
    let n = mean(negatives);
    p.iter().zip(&n).map(|(p, n)| p + p - n).collect()
}

fn mean(vs: &[Vec<f32>]) -> Vec<f32> {
    let len = vs.iter().map(Vec::len).max().unwrap_or(0);
    let mut sum = vec![0.0f32; len];
    for v in vs {
        sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
    }
    let count = vs.len().max(1) as f32;
    sum.iter_mut().for_each(|s| *s /= count);
    sum
}
