//! The `query` of a Query API request or prefetch, parsed by its key so that every kind gets its
//! own error: a kind simile does not implement is a 501 naming it, an unknown one a format error
//! listing the kinds (schema.rs `QueryInterface`, `Query`).

use super::super::models::*;
use crate::error::{Error, Result};
use crate::query::{Fusion, DEFAULT_RRF_K};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Clone, Deserialize)]
pub(super) struct RecommendInput {
    #[serde(default)]
    pub(super) positive: Option<Vec<VectorInput>>,
    #[serde(default)]
    pub(super) negative: Option<Vec<VectorInput>>,
    #[serde(default)]
    pub(super) strategy: Option<RecommendStrategy>,
}

#[derive(Debug, Clone, Deserialize)]
pub(super) struct DiscoverInput {
    pub(super) target: VectorInput,
    #[serde(default)]
    pub(super) context: Option<OneOrMany<ContextPairInput>>,
}

/// `{"rrf": {"k": …, "weights": […]}}` (schema.rs `Rrf`: k ≥ 1).
#[derive(Debug, Clone, Deserialize)]
struct RrfInput {
    #[serde(default)]
    k: Option<u64>,
    #[serde(default)]
    weights: Option<Vec<f32>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum FusionName {
    Rrf,
    Dbsf,
}

/// What a `query` asks for.
#[derive(Debug, Clone)]
pub(super) enum QueryInput {
    Nearest(VectorInput),
    Recommend(RecommendInput),
    Discover(DiscoverInput),
    Context(Vec<ContextPairInput>),
    Fusion(Fusion),
}

const KINDS: &str = "nearest, recommend, discover, context, order_by, fusion, rrf, formula, sample, relevance_feedback";

/// Kinds of Qdrant's Query API that simile does not answer yet.
const NOT_IMPLEMENTED: [(&str, &str); 4] = [
    ("order_by", "Query `order_by`"),
    ("formula", "Query `formula`"),
    ("sample", "Query `sample`"),
    ("relevance_feedback", "Query `relevance_feedback`"),
];

impl QueryInput {
    /// A bare vector (array, sparse object, id) means nearest (schema.rs:557-567); an object
    /// is dispatched on its first known key.
    pub(super) fn parse(v: Value) -> Result<Self> {
        let Value::Object(mut map) = v else { return Ok(QueryInput::Nearest(field("query", v)?)) };
        if map.contains_key("indices") {
            return Ok(QueryInput::Nearest(field("query", Value::Object(map))?));
        }
        for (key, what) in NOT_IMPLEMENTED {
            if map.contains_key(key) {
                return Err(Error::Unsupported { what: what.into() });
            }
        }
        if map.get("mmr").is_some_and(|m| !m.is_null()) {
            return Err(Error::Unsupported { what: "Query `nearest` with `mmr` (maximal marginal relevance)".into() });
        }
        let take = |map: &mut serde_json::Map<String, Value>, key: &str| map.remove(key);
        if let Some(v) = take(&mut map, "nearest") {
            return Ok(QueryInput::Nearest(field("query.nearest", v)?));
        }
        if let Some(v) = take(&mut map, "recommend") {
            return Ok(QueryInput::Recommend(field("query.recommend", v)?));
        }
        if let Some(v) = take(&mut map, "discover") {
            return Ok(QueryInput::Discover(field("query.discover", v)?));
        }
        if let Some(v) = take(&mut map, "context") {
            return Ok(QueryInput::Context(OneOrMany::into_vec(field("query.context", v)?)));
        }
        if let Some(v) = take(&mut map, "fusion") {
            return Ok(QueryInput::Fusion(match field("query.fusion", v)? {
                FusionName::Rrf => Fusion::Rrf { k: DEFAULT_RRF_K, weights: None },
                FusionName::Dbsf => Fusion::Dbsf,
            }));
        }
        if let Some(v) = take(&mut map, "rrf") {
            return rrf(field("query.rrf", v)?);
        }
        Err(Error::format(format!("query: expected a vector, a point id or an object with one of: {KINDS}")))
    }
}

fn rrf(input: RrfInput) -> Result<QueryInput> {
    if input.k == Some(0) {
        return Err(Error::validation("rrf.k: value 0 invalid, must be 1 or larger"));
    }
    let k = input.k.map_or(DEFAULT_RRF_K, |k| usize::try_from(k).unwrap_or(usize::MAX));
    Ok(QueryInput::Fusion(Fusion::Rrf { k, weights: input.weights }))
}

/// Deserialises one part of a query, naming it in the format error.
fn field<T: DeserializeOwned>(name: &str, v: Value) -> Result<T> {
    serde_json::from_value(v).map_err(|e| Error::format(format!("{name}: {e}")))
}
