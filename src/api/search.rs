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
use super::groups::{self, GroupsInput, Sizes};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// A leaf with `scoring`, over the request's filter, limit and offset.
fn plan(r: Resolver<'_>, scoring: Scoring, common: &Common, limit: u64, threshold: Option<f32>) -> Result<Plan> {
    let mut leaf = Node::leaf(scoring, common.filter.clone(), check_limit(limit)?, threshold);
    leaf.params = graph_params(common.params.as_ref())?;
    let offset = usize::try_from(common.offset.unwrap_or(0)).unwrap_or(usize::MAX);
    Plan::new(leaf, offset, r.excluded)
}

fn search_one(db: &Database, name: &str, req: &SearchRequest) -> Result<Vec<ScoredPoint>> {
    check_limit(req.limit)?;
    let (r, scoring) = search_scoring(db, name, &req.vector)?;
    let coll = r.coll;
    answer(coll, &plan(r, scoring, &req.common, req.limit, req.common.score_threshold)?, &req.common)
}

/// The scoring of a legacy search's `vector` (dense or sparse, by the vector's name).
fn search_scoring<'a>(db: &'a Database, name: &str, vector: &NamedVectorInput) -> Result<(Resolver<'a>, Scoring)> {
    let (using, vector) = match vector {
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
    Ok((r, scoring))
}

fn recommend_one(db: &Database, name: &str, req: &RecommendRequest) -> Result<Vec<ScoredPoint>> {
    check_limit(req.limit)?;
    let (r, scoring) = recommend_scoring(db, name, &req.examples)?;
    let coll = r.coll;
    answer(coll, &plan(r, scoring, &req.common, req.limit, req.common.score_threshold)?, &req.common)
}

/// The scoring of a legacy recommendation's examples.
fn recommend_scoring<'a>(db: &'a Database, name: &str, ex: &RecommendExamples) -> Result<(Resolver<'a>, Scoring)> {
    let strategy = ex.strategy.unwrap_or_default();
    let mut r = Resolver::new(db, name, ex.using.as_deref(), ex.lookup_from.as_ref(), Api::Legacy)?;
    if ex.positive.is_empty() && ex.negative.is_empty() {
        return Err(Error::bad_request("At least one positive or negative vector ID required"));
    }
    if strategy == RecommendStrategy::AverageVector && ex.positive.is_empty() {
        return Err(Error::bad_request("At least one positive vector ID required with this strategy"));
    }
    let scoring = if r.is_sparse() {
        Scoring::Sparse { using: r.using.clone(), query: r.sparse_recommend(strategy, &ex.positive, &ex.negative)? }
    } else {
        let (positives, negatives) = (r.vectors(&ex.positive)?, r.vectors(&ex.negative)?);
        Scoring::Vector { using: r.using.clone(), query: r.recommend(strategy, positives, negatives)? }
    };
    Ok((r, scoring))
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

/// Routes `POST /points/{search,recommend,discover}[/batch]` and the search and recommend
/// groups; `None` for other paths.
pub(super) fn route(db: &Database, name: &str, rest: &[&str], body: &str) -> Option<Result<String>> {
    Some(match rest {
        ["search"] => single(db, name, body, search_one),
        ["search", "batch"] => batch(db, name, body, search_one),
        ["recommend"] => single(db, name, body, recommend_one),
        ["recommend", "batch"] => batch(db, name, body, recommend_one),
        ["discover"] => single(db, name, body, discover_one),
        ["discover", "batch"] => batch(db, name, body, discover_one),
        ["search", "groups"] => search_groups(db, name, body),
        ["recommend", "groups"] => recommend_groups(db, name, body),
        _ => return None,
    })
}

/// `POST /points/search/groups` (`SearchGroupsRequestInternal`).
#[derive(Debug, Deserialize)]
struct SearchGroupsRequest {
    vector: NamedVectorInput,
    #[serde(flatten)]
    common: Common,
    #[serde(flatten)]
    groups: GroupsInput,
}

/// `POST /points/recommend/groups` (`RecommendGroupsRequestInternal`).
#[derive(Debug, Deserialize)]
struct RecommendGroupsRequest {
    #[serde(flatten)]
    examples: RecommendExamples,
    #[serde(flatten)]
    common: Common,
    #[serde(flatten)]
    groups: GroupsInput,
}

/// The legacy grouped requests are their plain twins with limit 0 and no offset
/// (`From<SearchGroupsRequestInternal> for GroupRequest`, grouping/group_by.rs).
fn grouped(db: &Database, r: Resolver<'_>, scoring: Scoring, common: &Common, input: &GroupsInput, sizes: Sizes) -> Result<String> {
    let coll = r.coll;
    let mut leaf = Node::leaf(scoring, common.filter.clone(), 0, common.score_threshold);
    leaf.params = graph_params(common.params.as_ref())?;
    groups::answer(db, coll, &Plan::new(leaf, 0, r.excluded)?, input, sizes, common)
}

fn search_groups(db: &Database, name: &str, body: &str) -> Result<String> {
    let req: SearchGroupsRequest = parse_body(body)?;
    req.groups.spec(SEARCH_SIZES)?;
    let (r, scoring) = search_scoring(db, name, &req.vector)?;
    grouped(db, r, scoring, &req.common, &req.groups, SEARCH_SIZES)
}

fn recommend_groups(db: &Database, name: &str, body: &str) -> Result<String> {
    let req: RecommendGroupsRequest = parse_body(body)?;
    req.groups.spec(Sizes::Unchecked)?;
    let (r, scoring) = recommend_scoring(db, name, &req.examples)?;
    grouped(db, r, scoring, &req.common, &req.groups, Sizes::Unchecked)
}

const SEARCH_SIZES: Sizes = Sizes::Required { path: "search_group_request.group_request" };
