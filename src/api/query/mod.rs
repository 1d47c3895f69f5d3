//! The Query API: `POST /points/query` and `/points/query/batch` (schema.rs:557-883,
//! query_requests_rest.rs). A request parses into a [`crate::query::Plan`]: its prefetches
//! become the plan's tree, its `query` each node's scoring.

mod build;
mod input;

use super::models::*;
use super::output::{answer, ScoredPoint};
use super::groups::{self, GroupsInput, Sizes};
use super::{parse_body, to_json, Database};
use crate::error::Result;
use crate::filter::Filter;
use crate::query::{Plan, Scoring};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A prefetch, and the node-shaped part of a request (schema.rs `Prefetch`). Of `params`,
/// `hnsw_ef` and `exact` are read (see `query/graph.rs`); quantization knobs are ignored.
#[derive(Debug, Clone, Deserialize, Default)]
pub(super) struct PrefetchRequest {
    #[serde(default)]
    prefetch: Option<OneOrMany<PrefetchRequest>>,
    /// Parsed by hand ([`input::QueryInput::parse`]) for clear errors per query kind.
    #[serde(default)]
    query: Option<serde_json::Value>,
    #[serde(default)]
    using: Option<String>,
    #[serde(default)]
    filter: Option<Filter>,
    #[serde(default)]
    score_threshold: Option<f32>,
    #[serde(default)]
    limit: Option<u64>,
    #[serde(default)]
    lookup_from: Option<LookupLocation>,
    #[serde(default)]
    params: Option<serde_json::Value>,
}

/// `POST /points/query` (schema.rs `QueryRequestInternal`).
#[derive(Debug, Clone, Deserialize)]
struct QueryRequest {
    #[serde(default)]
    prefetch: Option<OneOrMany<PrefetchRequest>>,
    #[serde(default)]
    query: Option<serde_json::Value>,
    #[serde(default)]
    using: Option<String>,
    #[serde(default)]
    limit: Option<u64>,
    #[serde(default)]
    lookup_from: Option<LookupLocation>,
    #[serde(flatten)]
    common: Common,
}

impl QueryRequest {
    /// The root node's part, and what only the root has (offset, payload and vector selectors).
    fn split(self) -> (PrefetchRequest, Common) {
        let node = PrefetchRequest {
            prefetch: self.prefetch,
            query: self.query,
            using: self.using,
            filter: self.common.filter.clone(),
            score_threshold: self.common.score_threshold,
            limit: self.limit,
            lookup_from: self.lookup_from,
            params: self.common.params.clone(),
        };
        (node, self.common)
    }
}

#[derive(Debug, Serialize)]
struct QueryResponse {
    points: Vec<ScoredPoint>,
}

fn query_one(db: &Database, name: &str, req: QueryRequest) -> Result<QueryResponse> {
    let (node, common) = req.split();
    let mut excluded = HashSet::new();
    let root = build::node(db, name, node, &mut excluded)?;
    let mut offset = usize::try_from(common.offset.unwrap_or(0)).unwrap_or(usize::MAX);
    if matches!(root.scoring, Scoring::Random) && root.prefetches.is_empty() {
        // A random sample has no stable order to page through (`try_into_shard_request`).
        offset = 0;
    }
    let plan = Plan::new(root, offset, excluded)?;
    Ok(QueryResponse { points: answer(db.collection(name)?, &plan, &common)? })
}

pub(super) fn query(db: &mut Database, name: &str, body: &str) -> Result<String> {
    to_json(&query_one(db, name, parse_body(body)?)?)
}

/// `POST /points/query/groups` (`QueryGroupsRequestInternal`): the query planned as
/// `/points/query` plans it, then grouped.
#[derive(Debug, Deserialize)]
struct QueryGroupsRequest {
    #[serde(default)]
    prefetch: Option<OneOrMany<PrefetchRequest>>,
    #[serde(default)]
    query: Option<serde_json::Value>,
    #[serde(default)]
    using: Option<String>,
    #[serde(default)]
    lookup_from: Option<LookupLocation>,
    #[serde(flatten)]
    common: Common,
    #[serde(flatten)]
    groups: GroupsInput,
}

const GROUP_SIZES: Sizes = Sizes::Defaulted { path: "search_group_request.group_request" };

pub(super) fn query_groups(db: &mut Database, name: &str, body: &str) -> Result<String> {
    let req: QueryGroupsRequest = parse_body(body)?;
    req.groups.spec(GROUP_SIZES)?;
    let node = PrefetchRequest {
        prefetch: req.prefetch,
        query: req.query,
        using: req.using,
        filter: req.common.filter.clone(),
        score_threshold: req.common.score_threshold,
        limit: None,
        lookup_from: req.lookup_from,
        params: req.common.params.clone(),
    };
    let mut excluded = HashSet::new();
    let root = build::node(db, name, node, &mut excluded)?;
    let plan = Plan::new(root, 0, excluded)?;
    groups::answer(db, db.collection(name)?, &plan, &req.groups, GROUP_SIZES, &req.common)
}

/// Each request of a batch is planned on its own; the first error fails the batch.
pub(super) fn query_batch(db: &mut Database, name: &str, body: &str) -> Result<String> {
    let batch: Batch<QueryRequest> = parse_body(body)?;
    let out = batch.searches.into_iter().map(|s| query_one(db, name, s)).collect::<Result<Vec<_>>>()?;
    to_json(&out)
}
