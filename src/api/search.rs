//! Legacy endpoints: `/points/search`, `/recommend`, `/discover` and their batches, each a
//! translation into a one-leaf [`Plan`] (as Qdrant converts them into its universal query).
//! What differs from the Query API is written here: the legacy error wording, examples lacking
//! the vector dropped (not 404), and discover without `score_threshold`.

use super::models::*;
use super::output::{answer, ScoredPoint};
use super::resolve::{Api, Resolver};
use super::{parse_body, to_json, Database};
use crate::error::{Error, Result};
use crate::query::sparse::SparseScoring;
use crate::query::{Node, Plan, Scoring, ScoringQuery};
use serde::de::DeserializeOwned;

/// A leaf with `scoring`, over the request's filter, limit and offset.
fn plan(r: Resolver<'_>, scoring: Scoring, common: &Common, limit: u64, threshold: Option<f32>) -> Result<Plan> {
    let leaf = Node::leaf(scoring, common.filter.clone(), check_limit(limit)?, threshold);
    let offset = usize::try_from(common.offset.unwrap_or(0)).unwrap_or(usize::MAX);
    Plan::new(leaf, offset, r.excluded)
}

fn search_one(db: &Database, name: &str, req: &SearchRequest) -> Result<Vec<ScoredPoint>> {
    check_limit(req.limit)?;
    let (using, vector) = match &req.vector {
        NamedVectorInput::Plain(v) => ("", VectorInput::Dense(v.clone())),
        NamedVectorInput::Named { name, vector: v @ (VectorInput::Dense(_) | VectorInput::Sparse(_)) } => (name.as_str(), v.clone()),
        NamedVectorInput::Named { name, .. } => {
            return Err(Error::wrong_input(format!("vector {name:?} must be a dense or sparse vector")))
        }
    };
    let mut r = Resolver::new(db, name, Some(using), None, Api::Legacy)?;
    let scoring = if r.is_sparse() {
        Scoring::Sparse { using: r.using.clone(), query: SparseScoring::nearest(r.sparse(&vector)?) }
    } else {
        let vector = r.vector(&vector)?.ok_or_else(|| Error::bad_request("search vector is missing"))?;
        Scoring::Vector { using: r.using.clone(), query: ScoringQuery::nearest(r.prepared(vector)?) }
    };
    let coll = r.coll;
    answer(coll, &plan(r, scoring, &req.common, req.limit, req.common.score_threshold)?, &req.common)
}

fn recommend_one(db: &Database, name: &str, req: &RecommendRequest) -> Result<Vec<ScoredPoint>> {
    check_limit(req.limit)?;
    let strategy = req.strategy.unwrap_or_default();
    let mut r = Resolver::new(db, name, req.using.as_deref(), req.lookup_from.as_ref(), Api::Legacy)?;
    if req.positive.is_empty() && req.negative.is_empty() {
        return Err(Error::bad_request("At least one positive or negative vector ID required"));
    }
    if strategy == RecommendStrategy::AverageVector && req.positive.is_empty() {
        return Err(Error::bad_request("At least one positive vector ID required with this strategy"));
    }
    let scoring = if r.is_sparse() {
        Scoring::Sparse { using: r.using.clone(), query: r.sparse_recommend(strategy, &req.positive, &req.negative)? }
    } else {
        let (positives, negatives) = (r.vectors(&req.positive)?, r.vectors(&req.negative)?);
        Scoring::Vector { using: r.using.clone(), query: r.recommend(strategy, positives, negatives)? }
    };
    let coll = r.coll;
    answer(coll, &plan(r, scoring, &req.common, req.limit, req.common.score_threshold)?, &req.common)
}

fn discover_one(db: &Database, name: &str, req: &DiscoverRequest) -> Result<Vec<ScoredPoint>> {
    check_limit(req.limit)?;
    let mut r = Resolver::new(db, name, req.using.as_deref(), req.lookup_from.as_ref(), Api::Legacy)?;
    let pairs_in = req.context.as_deref().unwrap_or(&[]);
    if req.target.is_none() && pairs_in.is_empty() {
        return Err(Error::bad_request("target and/or context_pairs must be specified"));
    }
    let scoring = if r.is_sparse() { sparse_discover(&mut r, req, pairs_in)? } else { dense_discover(&mut r, req, pairs_in)? };
    let coll = r.coll;
    // Legacy discover has no score_threshold (discovery.rs:122).
    answer(coll, &plan(r, scoring, &req.common, req.limit, None)?, &req.common)
}

fn dense_discover(r: &mut Resolver<'_>, req: &DiscoverRequest, pairs_in: &[ContextPairInput]) -> Result<Scoring> {
    let target = match &req.target {
        Some(t) => r.vector(t)?.map(|v| r.prepared(v)).transpose()?,
        None => None,
    };
    let pairs = r.pairs(pairs_in)?;
    let query = match target {
        Some(target) => ScoringQuery::discover(target, pairs),
        None => ScoringQuery::context(pairs),
    };
    Ok(Scoring::Vector { using: r.using.clone(), query })
}

fn sparse_discover(r: &mut Resolver<'_>, req: &DiscoverRequest, pairs_in: &[ContextPairInput]) -> Result<Scoring> {
    let target = req.target.as_ref().map(|t| r.sparse(t)).transpose()?;
    let pairs = r.sparse_pairs(pairs_in)?;
    let query = match target {
        Some(target) => SparseScoring::discover(target, pairs),
        None => SparseScoring::context(pairs),
    };
    Ok(Scoring::Sparse { using: r.using.clone(), query })
}

/// One legacy request: parse the body, run it, render the scored points.
fn single<T: DeserializeOwned>(db: &Database, name: &str, body: &str, run: Runner<T>) -> Result<String> {
    to_json(&run(db, name, &parse_body(body)?)?)
}

/// A `{"searches": [...]}` batch: every request runs, the first error fails the whole batch.
fn batch<T: DeserializeOwned>(db: &Database, name: &str, body: &str, run: Runner<T>) -> Result<String> {
    let batch: Batch<T> = parse_body(body)?;
    to_json(&batch.searches.iter().map(|s| run(db, name, s)).collect::<Result<Vec<_>>>()?)
}

type Runner<T> = fn(&Database, &str, &T) -> Result<Vec<ScoredPoint>>;

/// Routes `POST /points/{search,recommend,discover}[/batch]`; `None` for other paths.
pub(super) fn route(db: &Database, name: &str, rest: &[&str], body: &str) -> Option<Result<String>> {
    Some(match rest {
        ["search"] => single(db, name, body, search_one),
        ["search", "batch"] => batch(db, name, body, search_one),
        ["recommend"] => single(db, name, body, recommend_one),
        ["recommend", "batch"] => batch(db, name, body, recommend_one),
        ["discover"] => single(db, name, body, discover_one),
        ["discover", "batch"] => batch(db, name, body, discover_one),
        _ => return None,
    })
}
