//! Legacy endpoints: `/points/search`, `/recommend`, `/discover` and their batches.

use super::models::*;
use super::output::{scored_point, Attach, ScoredPoint};
use super::resolve::{average_query, Api, Resolver};
use super::{parse_body, to_json, Database};
use serde::de::DeserializeOwned;
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::point_id::PointId;
use crate::query::{search as run_search, ContextPair, ScoringQuery, SearchParams};
use std::collections::HashSet;

/// `limit` must be ≥ 1 (422), as Qdrant's validator says.
pub(super) fn check_limit(limit: u64) -> Result<usize> {
    if limit == 0 {
        return Err(Error::validation("limit: value 0 invalid, must be 1 or larger"));
    }
    Ok(usize::try_from(limit).unwrap_or(usize::MAX))
}

/// Runs a prepared query and renders Qdrant's scored points.
pub(super) fn run(
    coll: &Collection,
    using: &str,
    query: &ScoringQuery,
    common: &Common,
    limit: usize,
    exclude: HashSet<PointId>,
    score_threshold: Option<f32>,
) -> Result<Vec<ScoredPoint>> {
    if let Some(f) = &common.filter {
        f.validate()?;
    }
    let params = SearchParams {
        using,
        filter: common.filter.as_ref(),
        exclude,
        limit,
        offset: usize::try_from(common.offset.unwrap_or(0)).unwrap_or(usize::MAX),
        score_threshold,
    };
    let hits = run_search(coll, query, &params)?;
    let with_payload = common.with_payload.clone().unwrap_or_default();
    let with_vector = common.with_vector.clone().unwrap_or_default();
    let attach = Attach { with_payload: &with_payload, with_vector: &with_vector };
    Ok(hits.iter().map(|h| scored_point(coll, h.offset, h.score, attach)).collect())
}

fn search_one(db: &Database, name: &str, req: &SearchRequest) -> Result<Vec<ScoredPoint>> {
    let limit = check_limit(req.limit)?;
    let coll = db.collection(name)?;
    let (using, vector) = match &req.vector {
        NamedVectorInput::Plain(v) => ("", v.clone()),
        NamedVectorInput::Named { name, vector: VectorInput::Dense(v) } => (name.as_str(), v.clone()),
        NamedVectorInput::Named { name, .. } => {
            return Err(Error::wrong_input(format!("vector {name:?} must be a dense array of numbers")))
        }
    };
    let vector = coll.prepare_vector(using, vector)?;
    let query = ScoringQuery::nearest(vector);
    run(coll, using, &query, &req.common, limit, HashSet::new(), req.common.score_threshold)
}

fn recommend_one(db: &Database, name: &str, req: &RecommendRequest) -> Result<Vec<ScoredPoint>> {
    let limit = check_limit(req.limit)?;
    let strategy = req.strategy.unwrap_or_default();
    let mut r = Resolver::new(db, name, req.using.as_deref(), req.lookup_from.as_ref(), Api::Legacy)?;
    if req.positive.is_empty() && req.negative.is_empty() {
        return Err(Error::bad_request("At least one positive or negative vector ID required"));
    }
    if strategy == RecommendStrategy::AverageVector && req.positive.is_empty() {
        return Err(Error::bad_request("At least one positive vector ID required with this strategy"));
    }
    let positives = r.vectors(&req.positive)?;
    let negatives = r.vectors(&req.negative)?;
    let query = recommend_query(&r, strategy, positives, negatives)?;
    run(r.coll, &r.using, &query, &req.common, limit, r.excluded, req.common.score_threshold)
}

/// Builds the scoring query of a recommend strategy from resolved example vectors.
pub(super) fn recommend_query(
    r: &Resolver<'_>,
    strategy: RecommendStrategy,
    positives: Vec<Vec<f32>>,
    negatives: Vec<Vec<f32>>,
) -> Result<ScoringQuery> {
    let prep = |vs: Vec<Vec<f32>>| vs.into_iter().map(|v| r.prepared(v)).collect::<Result<Vec<_>>>();
    Ok(match strategy {
        RecommendStrategy::AverageVector => {
            // Legacy endpoints drop id examples lacking the vector; if that leaves no positive,
            // Qdrant's `avg_vectors` refuses (recommendations.rs:78-80), as the Query API does.
            if positives.is_empty() {
                return Err(Error::wrong_input("Positive vectors should not be empty with `average` strategy"));
            }
            let avg = average_query(&positives, &negatives);
            let dim = r.dim()?;
            if avg.len() != dim {
                return Err(Error::DimensionMismatch { expected: dim, got: avg.len() });
            }
            ScoringQuery::nearest(r.prepared(avg)?)
        }
        RecommendStrategy::BestScore => {
            ScoringQuery::best_score(prep(positives)?, prep(negatives)?)
        }
        RecommendStrategy::SumScores => {
            ScoringQuery::sum_scores(prep(positives)?, prep(negatives)?)
        }
    })
}

/// Resolves context pairs; with the legacy API a pair with a dropped member is dropped.
pub(super) fn resolve_pairs(r: &mut Resolver<'_>, pairs: &[ContextPairInput]) -> Result<Vec<ContextPair<Vec<f32>>>> {
    let mut out = Vec::with_capacity(pairs.len());
    for p in pairs {
        let (pos, neg) = (r.vector(&p.positive)?, r.vector(&p.negative)?);
        if let (Some(pos), Some(neg)) = (pos, neg) {
            out.push(ContextPair { positive: r.prepared(pos)?, negative: r.prepared(neg)? });
        }
    }
    Ok(out)
}

fn discover_one(db: &Database, name: &str, req: &DiscoverRequest) -> Result<Vec<ScoredPoint>> {
    let limit = check_limit(req.limit)?;
    let mut r = Resolver::new(db, name, req.using.as_deref(), req.lookup_from.as_ref(), Api::Legacy)?;
    let pairs_in = req.context.as_deref().unwrap_or(&[]);
    if req.target.is_none() && pairs_in.is_empty() {
        return Err(Error::bad_request("target and/or context_pairs must be specified"));
    }
    let target = match &req.target {
        Some(t) => r.vector(t)?.map(|v| r.prepared(v)).transpose()?,
        None => None,
    };
    let pairs = resolve_pairs(&mut r, pairs_in)?;
    let query = match target {
        Some(target) => ScoringQuery::discover(target, pairs),
        None => ScoringQuery::context(pairs),
    };
    // Legacy discover has no score_threshold (discovery.rs:122).
    run(r.coll, &r.using, &query, &req.common, limit, r.excluded, None)
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

pub(super) fn search(db: &mut Database, name: &str, body: &str) -> Result<String> {
    single(db, name, body, search_one)
}

pub(super) fn search_batch(db: &mut Database, name: &str, body: &str) -> Result<String> {
    batch(db, name, body, search_one)
}

pub(super) fn recommend(db: &mut Database, name: &str, body: &str) -> Result<String> {
    single(db, name, body, recommend_one)
}

pub(super) fn recommend_batch(db: &mut Database, name: &str, body: &str) -> Result<String> {
    batch(db, name, body, recommend_one)
}

pub(super) fn discover(db: &mut Database, name: &str, body: &str) -> Result<String> {
    single(db, name, body, discover_one)
}

pub(super) fn discover_batch(db: &mut Database, name: &str, body: &str) -> Result<String> {
    batch(db, name, body, discover_one)
}
