//! Example inputs for a sparse `using`: sparse vectors as given, stored vectors of id examples,
//! and texts embedded by BM25; each prepared for scoring (sorted, IDF applied — Qdrant
//! transforms every vector of a sparse query, read_view/search.rs `search`).

use super::models::{ContextPairInput, RecommendStrategy, VectorInput};
use super::resolve::{Api, Resolver};
use crate::collection::wrong_usage;
use crate::error::{Error, Result};
use crate::index::sparse::{average, merge_positive_negative, prepare_query, SparseQuery, SparseVector};
use crate::inference::TextRole;
use crate::query::sparse::SparseScoring;
use crate::query::ContextPair;

impl Resolver<'_> {
    /// Whether `using` names a sparse vector.
    pub(super) fn is_sparse(&self) -> bool {
        self.coll.is_sparse(&self.using)
    }

    /// One example as a sparse vector (not yet prepared), or `None` when the legacy API drops
    /// an id example lacking the vector.
    fn sparse_raw(&mut self, input: &VectorInput) -> Result<Option<SparseVector>> {
        match input {
            // Checked (lengths, unique indices) and sorted: averaging merges sorted vectors.
            VectorInput::Sparse(v) => Ok(Some(v.clone().into_checked("")?)),
            VectorInput::Document(d) => Ok(Some(d.embed(TextRole::Query)?)),
            VectorInput::Id(id) => {
                let off = self.example_offset(*id)?;
                self.lookup.sparse_store(&self.lookup_vector)?;
                match self.lookup.point(off).sparse_vector(&self.lookup_vector) {
                    Some(v) => Ok(Some(v.clone())),
                    None if self.api == Api::Legacy => Ok(None),
                    None => Err(Error::PointVectorNotFound { name: self.lookup_vector.clone() }),
                }
            }
            VectorInput::Dense(_) | VectorInput::Multi(_) => Err(wrong_usage()),
        }
    }

    /// One example, prepared; the Query API never drops one.
    pub(super) fn sparse(&mut self, input: &VectorInput) -> Result<SparseQuery> {
        let v = self.sparse_raw(input)?.ok_or_else(|| Error::bad_request("example vector is missing"))?;
        prepare_query(self.coll, &self.using, v)
    }

    fn sparse_all(&mut self, inputs: &[VectorInput]) -> Result<Vec<SparseVector>> {
        let mut out = Vec::with_capacity(inputs.len());
        for i in inputs {
            out.extend(self.sparse_raw(i)?);
        }
        Ok(out)
    }

    /// The sparse scoring of a recommend strategy (recommendations.rs: `average_vector` is the
    /// union-of-indices mean, `p + p − n` with negatives).
    pub(super) fn sparse_recommend(&mut self, strategy: RecommendStrategy, pos: &[VectorInput], neg: &[VectorInput]) -> Result<SparseScoring> {
        let (positives, negatives) = (self.sparse_all(pos)?, self.sparse_all(neg)?);
        let prep = |r: &Self, vs: Vec<SparseVector>| vs.into_iter().map(|v| prepare_query(r.coll, &r.using, v)).collect::<Result<Vec<_>>>();
        Ok(match strategy {
            RecommendStrategy::AverageVector => {
                let p = average(&positives)
                    .ok_or_else(|| Error::wrong_input("Positive vectors should not be empty with `average` strategy"))?;
                let query = match average(&negatives) {
                    Some(n) => merge_positive_negative(&p, &n),
                    None => p,
                };
                SparseScoring::nearest(prepare_query(self.coll, &self.using, query)?)
            }
            RecommendStrategy::BestScore => SparseScoring::best_score(prep(self, positives)?, prep(self, negatives)?),
            RecommendStrategy::SumScores => SparseScoring::sum_scores(prep(self, positives)?, prep(self, negatives)?),
        })
    }

    /// Context pairs as sparse vectors; the legacy API drops a pair with a dropped member.
    pub(super) fn sparse_pairs(&mut self, pairs: &[ContextPairInput]) -> Result<Vec<ContextPair<SparseQuery>>> {
        let mut out = Vec::with_capacity(pairs.len());
        for p in pairs {
            if let (Some(pos), Some(neg)) = (self.sparse_raw(&p.positive)?, self.sparse_raw(&p.negative)?) {
                let positive = prepare_query(self.coll, &self.using, pos)?;
                out.push(ContextPair { positive, negative: prepare_query(self.coll, &self.using, neg)? });
            }
        }
        Ok(out)
    }
}
