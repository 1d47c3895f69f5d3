//! The `query` of a Query API request or prefetch, parsed by its key so that every kind gets its
//! own error: an unknown kind is a format error listing the kinds (schema.rs `QueryInterface`,
//! `Query`).

use super::super::models::*;
use crate::error::{Error, Result};
use crate::query::formula::Formula;
use crate::query::{Fusion, OrderBy, DEFAULT_RRF_K};
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

/// `{"relevance_feedback": {target, feedback, strategy}}` (schema.rs:892-926
/// `RelevanceFeedbackInput`; checked by [`FeedbackInput::validate`]).
#[derive(Debug, Clone, Deserialize)]
pub(super) struct FeedbackInput {
    pub(super) target: VectorInput,
    pub(super) feedback: Vec<FeedbackItemInput>,
    pub(super) strategy: FeedbackStrategyInput,
}

#[derive(Debug, Clone, Deserialize)]
pub(super) struct FeedbackItemInput {
    pub(super) example: VectorInput,
    pub(super) score: f32,
}

crate::json::untagged_enum! {
    /// Untagged with one variant, as the server's `FeedbackStrategy`, so a wrong shape gets the
    /// same "did not match any variant" format error.
    #[derive(Debug, Clone)]
    pub(super) enum FeedbackStrategyInput {
        Naive { naive: NaiveParams },
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
pub(super) struct NaiveParams {
    pub(super) a: f32,
    pub(super) b: f32,
    pub(super) c: f32,
}

impl FeedbackInput {
    /// `validate_relevance_feedback_input` (validate.rs:289-299): feedback must not be empty;
    /// `#[validate(range(min = 0.0))]` on `b` (schema.rs:922-926). Both are 422s.
    fn validate(self) -> Result<Self> {
        if self.feedback.is_empty() {
            return Err(Error::validation("relevance_feedback: feedback elements must be non-empty"));
        }
        let FeedbackStrategyInput::Naive { naive } = self.strategy;
        if naive.b < 0.0 {
            // The validator prints the f32 widened to f64, as serde_json does.
            let value = serde_json::Value::from(f64::from(naive.b));
            return Err(Error::validation(format!(
                "relevance_feedback.strategy.naive.b: value {value} invalid, must be 0.0 or larger"
            )));
        }
        Ok(self)
    }
}

/// `{"rrf": {"k": …, "weights": […]}}` (schema.rs `Rrf`: k ≥ 1).
#[derive(Debug, Clone, Deserialize)]
struct RrfInput {
    #[serde(default)]
    k: Option<u64>,
    #[serde(default)]
    weights: Option<Vec<f32>>,
}

/// `mmr` of a nearest query (schema.rs `Mmr`: diversity in [0, 1], candidates ≤ 16 384).
#[derive(Debug, Clone, Copy, Deserialize)]
pub(super) struct MmrInput {
    #[serde(default)]
    pub(super) diversity: Option<f32>,
    #[serde(default)]
    pub(super) candidates_limit: Option<u64>,
}

impl MmrInput {
    fn validate(self) -> Result<Self> {
        if let Some(d) = self.diversity.filter(|d| !(0.0..=1.0).contains(d)) {
            return Err(Error::validation(format!("mmr.diversity: value {d} invalid, must be from 0.0 to 1.0")));
        }
        if let Some(c) = self.candidates_limit.filter(|&c| c > 16_384) {
            return Err(Error::validation(format!("mmr.candidates_limit: value {c} invalid, must be 16384 or smaller")));
        }
        Ok(self)
    }
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
    /// Scored by similarity to example vectors (dense, multi or sparse, per `using`).
    Examples(ExampleQuery),
    NearestMmr(VectorInput, MmrInput),
    Fusion(Fusion),
    /// `{"sample": "random"}`, the only sampling Qdrant has.
    Random,
    /// `{"formula": …, "defaults": …}`.
    Formula(Box<Formula>),
    /// `{"order_by": "key" | {key, direction, start_from}}` (schema.rs `OrderByQuery`).
    OrderBy(OrderBy),
}

/// The query kinds that score points by their similarity to example vectors.
#[derive(Debug, Clone)]
pub(super) enum ExampleQuery {
    Nearest(VectorInput),
    Recommend(RecommendInput),
    Discover(DiscoverInput),
    Context(Vec<ContextPairInput>),
    RelevanceFeedback(FeedbackInput),
}

const KINDS: &str = "nearest, recommend, discover, context, order_by, fusion, rrf, formula, sample, relevance_feedback";

impl QueryInput {
    /// A bare vector (array, sparse object, id) means nearest (schema.rs:557-567); an object
    /// is dispatched on its first known key.
    pub(super) fn parse(v: Value) -> Result<Self> {
        let Value::Object(mut map) = v else { return Ok(QueryInput::Examples(ExampleQuery::Nearest(field("query", v)?))) };
        // A sparse vector, or an inference object (`{"text", "model"}`) to embed.
        if map.contains_key("indices") || map.contains_key("model") {
            return Ok(QueryInput::Examples(ExampleQuery::Nearest(field("query", Value::Object(map))?)));
        }
        if map.contains_key("formula") {
            return Ok(QueryInput::Formula(Box::new(Formula::parse(&Value::Object(map))?)));
        }
        let take = |map: &mut serde_json::Map<String, Value>, key: &str| map.remove(key);
        if let Some(v) = take(&mut map, "nearest") {
            let nearest = field("query.nearest", v)?;
            return Ok(match take(&mut map, "mmr").filter(|m| !m.is_null()) {
                Some(m) => QueryInput::NearestMmr(nearest, field::<MmrInput>("query.mmr", m)?.validate()?),
                None => QueryInput::Examples(ExampleQuery::Nearest(nearest)),
            });
        }
        if let Some(v) = take(&mut map, "recommend") {
            return Ok(QueryInput::Examples(ExampleQuery::Recommend(field("query.recommend", v)?)));
        }
        if let Some(v) = take(&mut map, "discover") {
            return Ok(QueryInput::Examples(ExampleQuery::Discover(field("query.discover", v)?)));
        }
        if let Some(v) = take(&mut map, "context") {
            return Ok(QueryInput::Examples(ExampleQuery::Context(OneOrMany::into_vec(field("query.context", v)?))));
        }
        if let Some(v) = take(&mut map, "relevance_feedback") {
            let input = field::<FeedbackInput>("query.relevance_feedback", v)?.validate()?;
            return Ok(QueryInput::Examples(ExampleQuery::RelevanceFeedback(input)));
        }
        if let Some(v) = take(&mut map, "fusion") {
            return Ok(QueryInput::Fusion(match field("query.fusion", v)? {
                FusionName::Rrf => Fusion::Rrf { k: DEFAULT_RRF_K, weights: None },
                FusionName::Dbsf => Fusion::Dbsf,
            }));
        }
        if let Some(v) = take(&mut map, "sample") {
            return match field::<String>("query.sample", v)?.as_str() {
                "random" => Ok(QueryInput::Random),
                other => Err(Error::format(format!("query.sample: unknown variant `{other}`, expected `random`"))),
            };
        }
        if let Some(v) = take(&mut map, "order_by") {
            return Ok(QueryInput::OrderBy(OrderBy::parse("query.order_by", v)?));
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
    crate::json::from_value(&v).map_err(|e| Error::format(format!("{name}: {e}")))
}
