//! The Query API: `POST /points/query` and `/points/query/batch` (schema.rs:557-883,
//! collection_query.rs).

use super::models::*;
use super::output::{record, Attach, ScoredPoint};
use super::resolve::{Api, Resolver};
use super::search::{check_limit, recommend_query, resolve_pairs, run};
use super::{parse_body, to_json, Database};
use crate::error::{Error, Result};
use crate::query::{scan::matches, ScoringQuery};
use serde::{Deserialize, Serialize};

/// One pair or a list of pairs (or null) — `discover.context` and `context` accept all three.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Pairs {
    One(ContextPairInput),
    Many(Vec<ContextPairInput>),
}

impl Pairs {
    fn into_vec(p: Option<Pairs>) -> Vec<ContextPairInput> {
        match p {
            None => Vec::new(),
            Some(Pairs::One(p)) => vec![p],
            Some(Pairs::Many(v)) => v,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct RecommendInput {
    #[serde(default)]
    positive: Option<Vec<VectorInput>>,
    #[serde(default)]
    negative: Option<Vec<VectorInput>>,
    #[serde(default)]
    strategy: Option<RecommendStrategy>,
}

#[derive(Debug, Clone, Deserialize)]
struct DiscoverInput {
    target: VectorInput,
    #[serde(default)]
    context: Option<Pairs>,
}

/// Query kinds; the last five are parsed only to name them in the "not supported" error.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum QueryEnum {
    Nearest(VectorInput),
    Recommend(RecommendInput),
    Discover(DiscoverInput),
    Context(Option<Pairs>),
    OrderBy(serde_json::Value),
    Fusion(serde_json::Value),
    Rrf(serde_json::Value),
    Formula(serde_json::Value),
    Sample(serde_json::Value),
}

/// `query`: a bare vector input means nearest (schema.rs:557-567).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum QueryInterface {
    Bare(VectorInput),
    Query(QueryEnum),
}

#[derive(Debug, Clone, Deserialize)]
struct QueryRequest {
    #[serde(default)]
    prefetch: Option<serde_json::Value>,
    #[serde(default)]
    query: Option<QueryInterface>,
    #[serde(default)]
    using: Option<String>,
    #[serde(default)]
    limit: Option<u64>,
    #[serde(default)]
    lookup_from: Option<LookupLocation>,
    #[serde(flatten)]
    common: Common,
}

#[derive(Debug, Serialize)]
struct QueryResponse {
    points: Vec<ScoredPoint>,
}

fn query_one(db: &Database, name: &str, req: QueryRequest) -> Result<QueryResponse> {
    let limit = check_limit(req.limit.unwrap_or(10))?;
    if req.prefetch.as_ref().is_some_and(|p| !p.is_null()) {
        return Err(Error::Unsupported { what: "Query `prefetch`".into() });
    }
    let mut r = Resolver::new(db, name, req.using.as_deref(), req.lookup_from.as_ref(), Api::Query)?;
    let Some(q) = req.query else {
        if req.common.score_threshold.is_some() {
            return Err(Error::bad_request("score_threshold requires a query"));
        }
        return scroll_like(&r, &req.common, limit);
    };
    let query = match q {
        QueryInterface::Bare(v) | QueryInterface::Query(QueryEnum::Nearest(v)) => nearest(&mut r, &v)?,
        QueryInterface::Query(QueryEnum::Recommend(rec)) => recommend(&mut r, rec)?,
        QueryInterface::Query(QueryEnum::Discover(d)) => {
            let target = required(r.vector(&d.target)?)?;
            let target = r.prepared(target)?;
            let pairs = resolve_pairs(&mut r, &Pairs::into_vec(d.context))?;
            ScoringQuery::discover(target, pairs)
        }
        QueryInterface::Query(QueryEnum::Context(p)) => {
            ScoringQuery::context(resolve_pairs(&mut r, &Pairs::into_vec(p))?)
        }
        QueryInterface::Query(other) => return Err(Error::Unsupported { what: unsupported_name(&other).into() }),
    };
    let points = run(r.coll, &r.using, &query, &req.common, limit, r.excluded, req.common.score_threshold)?;
    Ok(QueryResponse { points })
}

fn unsupported_name(q: &QueryEnum) -> &'static str {
    match q {
        QueryEnum::OrderBy(_) => "Query `order_by`",
        QueryEnum::Fusion(_) | QueryEnum::Rrf(_) => "Query `fusion`",
        QueryEnum::Formula(_) => "Query `formula`",
        _ => "Query `sample`",
    }
}

/// The Query API never drops an example (a point lacking the vector is a 404 in the resolver).
fn required(v: Option<Vec<f32>>) -> Result<Vec<f32>> {
    v.ok_or_else(|| Error::bad_request("example vector is missing"))
}

fn nearest(r: &mut Resolver<'_>, v: &VectorInput) -> Result<ScoringQuery> {
    let vector = required(r.vector(v)?)?;
    Ok(ScoringQuery::nearest(r.prepared(vector)?))
}

/// Query API recommend: empty input is a 422 (validate.rs:65-87); `average_vector` without
/// positives a 400 (recommendations.rs:78-80).
fn recommend(r: &mut Resolver<'_>, rec: RecommendInput) -> Result<ScoringQuery> {
    let positive = rec.positive.unwrap_or_default();
    let negative = rec.negative.unwrap_or_default();
    if positive.is_empty() && negative.is_empty() {
        return Err(Error::validation("At least one positive or negative vector/id must be provided"));
    }
    let strategy = rec.strategy.unwrap_or_default();
    if strategy == RecommendStrategy::AverageVector && positive.is_empty() {
        return Err(Error::wrong_input("Positive vectors should not be empty with `average` strategy"));
    }
    let positives = r.vectors(&positive)?;
    let negatives = r.vectors(&negative)?;
    recommend_query(r, strategy, positives, negatives)
}

/// A query without `query`: filtered points in id order, score 1.0 (local_shard/scroll.rs:131).
fn scroll_like(r: &Resolver<'_>, common: &Common, limit: usize) -> Result<QueryResponse> {
    if let Some(f) = &common.filter {
        f.validate()?;
    }
    let offset = usize::try_from(common.offset.unwrap_or(0)).unwrap_or(usize::MAX);
    let with_payload = common.with_payload.clone().unwrap_or_default();
    let with_vector = common.with_vector.clone().unwrap_or_default();
    let attach = Attach { with_payload: &with_payload, with_vector: &with_vector };
    let coll = r.coll;
    let points = coll
        .offsets_by_id()
        .filter(|(_, off)| matches(coll, common.filter.as_ref(), *off))
        .skip(offset)
        .take(limit)
        .map(|(_, off)| {
            let rec = record(coll, off, attach);
            ScoredPoint { id: rec.id, version: coll.point(off).version(), score: 1.0, payload: rec.payload, vector: rec.vector }
        })
        .collect();
    Ok(QueryResponse { points })
}

pub(super) fn query(db: &mut Database, name: &str, body: &str) -> Result<String> {
    to_json(&query_one(db, name, parse_body(body)?)?)
}

pub(super) fn query_batch(db: &mut Database, name: &str, body: &str) -> Result<String> {
    let batch: Batch<QueryRequest> = parse_body(body)?;
    let out = batch.searches.into_iter().map(|s| query_one(db, name, s)).collect::<Result<Vec<_>>>()?;
    to_json(&out)
}
