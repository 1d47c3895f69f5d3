//! Turning a parsed request or prefetch into a plan node: examples resolved to vectors, limits
//! and the per-node rules of `CollectionQueryRequest::validation` (collection_query.rs) checked.

use super::input::{ExampleQuery, FeedbackInput, FeedbackStrategyInput, QueryInput, RecommendInput};
use super::PrefetchRequest;
use crate::api::models::{check_limit, graph_params, OneOrMany, RecommendStrategy, VectorInput};
use crate::api::resolve::{Api, Resolver};
use crate::database::Database;
use crate::error::{Error, Result};
use crate::point_id::PointId;
use crate::query::mmr::DEFAULT_DIVERSITY;
use crate::query::sparse::SparseScoring;
use crate::query::{Mmr, NaiveCoefficients, Node, Scoring, ScoringQuery};
use std::collections::HashSet;

/// Qdrant's default `limit` of a request and of a prefetch (`DEFAULT_LIMIT`).
const DEFAULT_LIMIT: u64 = 10;

/// Builds the node for `req` and its prefetches; id examples of this collection go into
/// `excluded` (`get_referenced_point_ids_on_collection`).
pub(super) fn node(db: &Database, name: &str, req: PrefetchRequest, excluded: &mut HashSet<PointId>) -> Result<Node> {
    let limit = check_limit(req.limit.unwrap_or(DEFAULT_LIMIT))?;
    let query = req.query.filter(|q| !q.is_null()).map(QueryInput::parse).transpose()?;
    let prefetches = OneOrMany::into_vec(req.prefetch);
    check_rules(query.as_ref(), req.using.as_deref(), !prefetches.is_empty(), req.score_threshold)?;
    let prefetches = prefetches.into_iter().map(|p| node(db, name, p, excluded)).collect::<Result<Vec<_>>>()?;
    let scoring = match query {
        // A node without a query lists points by id: `using` is not read (a scroll).
        None => {
            db.collection(name)?;
            Scoring::ById
        }
        Some(QueryInput::Fusion(f)) => Scoring::Fusion(f),
        Some(QueryInput::Random) => Scoring::Random,
        Some(QueryInput::Formula(f)) => Scoring::Formula(f),
        Some(QueryInput::OrderBy(o)) => {
            db.collection(name)?;
            Scoring::OrderBy(o)
        }
        Some(QueryInput::NearestMmr(v, mmr)) => {
            let mut r = Resolver::new(db, name, req.using.as_deref(), req.lookup_from.as_ref(), Api::Query)?;
            if r.is_sparse() {
                return Err(Error::Unsupported { what: "MMR over a sparse vector".into() });
            }
            let raw = r.vector(&v)?.ok_or_else(|| Error::bad_request("example vector is missing"))?;
            let (vector, query_f32) = (r.prepared(raw.clone())?, r.preprocessed_f32(raw)?);
            excluded.extend(r.excluded.drain());
            let lambda = 1.0 - mmr.diversity.unwrap_or(DEFAULT_DIVERSITY);
            // `candidates_limit` defaults to this request's or prefetch's own limit.
            let candidates_limit = mmr.candidates_limit.map_or(limit, |c| usize::try_from(c).unwrap_or(usize::MAX));
            Scoring::Mmr(Mmr { using: r.using, vector, query_f32, lambda, candidates_limit })
        }
        Some(QueryInput::Examples(q)) => {
            let mut r = Resolver::new(db, name, req.using.as_deref(), req.lookup_from.as_ref(), Api::Query)?;
            let scoring = if r.is_sparse() { sparse_scoring(&mut r, q)? } else { dense_scoring(&mut r, q)? };
            excluded.extend(r.excluded.drain());
            scoring
        }
    };
    let params = graph_params(req.params.as_ref())?;
    Ok(Node { scoring, prefetches, filter: req.filter, limit, score_threshold: req.score_threshold, params })
}

/// The checks Qdrant makes of each request and prefetch before planning.
fn check_rules(query: Option<&QueryInput>, using: Option<&str>, prefetches: bool, threshold: Option<f32>) -> Result<()> {
    if prefetches && query.is_none() {
        return Err(Error::bad_request(
            "A query is needed to merge the prefetches. Can't have prefetches without defining a query.",
        ));
    }
    // collection_query.rs `CollectionQueryRequest::validation`.
    if threshold.is_some() && matches!(query, Some(QueryInput::OrderBy(_))) {
        return Err(Error::bad_request("Can't use score_threshold with an order_by query."));
    }
    if threshold.is_some() && query.is_none() {
        return Err(Error::bad_request(
            "A query is needed to use the score_threshold. Can't have score_threshold without defining a query.",
        ));
    }
    if matches!(query, Some(QueryInput::Fusion(_))) && using.is_some_and(|u| !u.is_empty()) {
        return Err(Error::bad_request("Fusion queries cannot be combined with the 'using' field."));
    }
    Ok(())
}

fn dense_scoring(r: &mut Resolver<'_>, q: ExampleQuery) -> Result<Scoring> {
    let query = match q {
        ExampleQuery::Nearest(v) => ScoringQuery::nearest(required(r, &v)?),
        ExampleQuery::Recommend(rec) => recommend(r, rec)?,
        ExampleQuery::Discover(d) => {
            let target = required(r, &d.target)?;
            let pairs = r.pairs(&OneOrMany::into_vec(d.context))?;
            ScoringQuery::discover(target, pairs)
        }
        ExampleQuery::Context(pairs) => ScoringQuery::context(r.pairs(&pairs)?),
        ExampleQuery::RelevanceFeedback(f) => {
            let target = required(r, &f.target)?;
            let items = f.feedback.iter().map(|i| Ok((required(r, &i.example)?, i.score))).collect::<Result<_>>()?;
            ScoringQuery::feedback(target, items, coefficients(&f))
        }
    };
    Ok(Scoring::Vector { using: r.using.clone(), query })
}

fn sparse_scoring(r: &mut Resolver<'_>, q: ExampleQuery) -> Result<Scoring> {
    let query = match q {
        ExampleQuery::Nearest(v) => SparseScoring::nearest(r.sparse(&v)?),
        ExampleQuery::Recommend(rec) => {
            let (positive, negative, strategy) = recommend_input(rec)?;
            r.sparse_recommend(strategy, &positive, &negative)?
        }
        ExampleQuery::Discover(d) => {
            let target = r.sparse(&d.target)?;
            SparseScoring::discover(target, r.sparse_pairs(&OneOrMany::into_vec(d.context))?)
        }
        ExampleQuery::Context(pairs) => SparseScoring::context(r.sparse_pairs(&pairs)?),
        ExampleQuery::RelevanceFeedback(f) => {
            let target = r.sparse(&f.target)?;
            let items = f.feedback.iter().map(|i| Ok((r.sparse(&i.example)?, i.score))).collect::<Result<_>>()?;
            SparseScoring::feedback(target, items, coefficients(&f))
        }
    };
    Ok(Scoring::Sparse { using: r.using.clone(), query })
}

/// The naive strategy's coefficients (collection_query.rs:485-499 `into_scoring_query`): the
/// target is resolved first, then each feedback example, ids excluded from results like
/// recommend's (`get_referenced_point_ids_on_collection`).
fn coefficients(f: &FeedbackInput) -> NaiveCoefficients {
    let FeedbackStrategyInput::Naive { naive } = f.strategy;
    NaiveCoefficients { a: naive.a, b: naive.b, c: naive.c }
}

/// One example, prepared for scoring. The Query API never drops an example (a point lacking
/// the vector is a 404 in the resolver).
fn required(r: &mut Resolver<'_>, v: &VectorInput) -> Result<Vec<f32>> {
    let v = r.vector(v)?.ok_or_else(|| Error::bad_request("example vector is missing"))?;
    r.prepared(v)
}

/// Query API recommend: empty input is a 422 (validate.rs:65-87); `average_vector` without
/// positives a 400 (recommendations.rs:78-80).
fn recommend_input(rec: RecommendInput) -> Result<(Vec<VectorInput>, Vec<VectorInput>, RecommendStrategy)> {
    let positive = rec.positive.unwrap_or_default();
    let negative = rec.negative.unwrap_or_default();
    if positive.is_empty() && negative.is_empty() {
        return Err(Error::validation("At least one positive or negative vector/id must be provided"));
    }
    let strategy = rec.strategy.unwrap_or_default();
    if strategy == RecommendStrategy::AverageVector && positive.is_empty() {
        return Err(Error::wrong_input("Positive vectors should not be empty with `average` strategy"));
    }
    Ok((positive, negative, strategy))
}

fn recommend(r: &mut Resolver<'_>, rec: RecommendInput) -> Result<ScoringQuery> {
    let (positive, negative, strategy) = recommend_input(rec)?;
    let positives = r.vectors(&positive)?;
    let negatives = r.vectors(&negative)?;
    r.recommend(strategy, positives, negatives)
}
