//! Request shapes of Qdrant's REST API (lib/api/src/rest/schema.rs, operations/types.rs).
//!
//! Unknown keys are ignored, as Qdrant's request structs do (only filters reject them).

use crate::filter::Filter;
use crate::payload::select::WithPayload;
use crate::inference::{embed_text, TextRole};
use crate::point_id::PointId;
use serde::Deserialize;

crate::json::untagged_enum! {
    /// `with_vector`: `true`, `false`, or a list of vector names.
    #[derive(Debug, Clone, PartialEq)]
    pub enum WithVector {
        Bool(bool),
        Names(Vec<String>),
    }
}

impl Default for WithVector {
    fn default() -> Self {
        WithVector::Bool(false)
    }
}

impl WithVector {
    /// Whether the vector called `name` is requested.
    pub fn wants(&self, name: &str) -> bool {
        match self {
            WithVector::Bool(b) => *b,
            WithVector::Names(names) => names.iter().any(|n| n == name),
        }
    }
}

/// A sparse vector `{"indices": [...], "values": [...]}` as requests carry it.
pub use crate::index::sparse::SparseVector;

/// One example or query vector: a dense vector, a multi-vector, a sparse vector, a point id or
/// a text to embed, tried in the order Qdrant's `VectorInput` is (schema.rs:557-567) but multi
/// before sparse.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum VectorInput {
    Dense(Vec<f32>),
    // Before `Sparse`: serde would read a two-row list as a sparse vector's fields.
    Multi(Vec<Vec<f32>>),
    Sparse(SparseVector),
    Id(PointId),
    Document(Box<DocumentInput>),
}

/// Qdrant's inference objects (schema.rs `Document`, `Image`, `InferenceObject`): a `text`, an
/// `image` or an `object` to embed with `model`. simile embeds text with the models it has; an
/// image or an object is a 501 naming it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct DocumentInput {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub image: Option<serde_json::Value>,
    #[serde(default)]
    pub object: Option<serde_json::Value>,
    pub model: String,
    #[serde(default)]
    pub options: Option<serde_json::Value>,
}

impl DocumentInput {
    /// Whether the model gives dense vectors (MiniLM) rather than sparse ones (BM25).
    pub fn is_dense(&self) -> bool {
        crate::inference::minilm::is_dense_model(&self.model)
    }

    /// The dense embedding of the text by a dense model (see [`Self::is_dense`]); a 400 when
    /// the model is not loaded.
    pub fn embed_dense(&self) -> crate::Result<Vec<f32>> {
        match &self.text {
            Some(text) => crate::inference::minilm::embed(&self.model, text),
            None => self.embed(TextRole::Query).map(|_| Vec::new()),
        }
    }

    /// The embedding of the text, as a document (upserts) or a query.
    pub fn embed(&self, role: TextRole) -> crate::Result<SparseVector> {
        let kind = if self.image.is_some() { "Image" } else { "Object" };
        match &self.text {
            Some(text) => embed_text(&self.model, text, self.options.as_ref(), role),
            None if self.image.is_some() || self.object.is_some() => {
                Err(crate::Error::Unsupported { what: format!("{kind} inference (model `{}`)", self.model) })
            }
            None => Err(crate::Error::format("an inference object needs one of `text`, `image` or `object`")),
        }
    }
}

/// `lookup_from`: where id examples are looked up.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct LookupLocation {
    pub collection: String,
    #[serde(default)]
    pub vector: Option<String>,
}

/// Recommend strategies (schema.rs:823-830); `average_vector` is the default.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum RecommendStrategy {
    #[default]
    AverageVector,
    BestScore,
    SumScores,
}

/// The parts shared by every search-like request.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct Common {
    #[serde(default)]
    pub filter: Option<Filter>,
    #[serde(default)]
    pub params: Option<serde_json::Value>,
    #[serde(default)]
    pub offset: Option<u64>,
    #[serde(default)]
    pub with_payload: Option<WithPayload>,
    #[serde(default, alias = "with_vectors")]
    pub with_vector: Option<WithVector>,
    #[serde(default)]
    pub score_threshold: Option<f32>,
    #[serde(default)]
    pub shard_key: Option<serde_json::Value>,
}

/// Qdrant's `SearchParams` (lib/segment/src/types.rs): the keys simile acts on.
/// `indexed_only` and `acorn` are accepted and have no effect.
#[derive(Debug, Deserialize)]
struct SearchParamsBody {
    #[serde(default)]
    hnsw_ef: Option<usize>,
    #[serde(default)]
    exact: Option<bool>,
    #[serde(default)]
    quantization: Option<crate::collection::quantized::QuantizationSearchParams>,
}

/// Parses a request's `params` (absent or `null`: defaults).
pub fn graph_params(v: Option<&serde_json::Value>) -> crate::error::Result<crate::query::GraphParams> {
    let Some(v) = v.filter(|v| !v.is_null()) else { return Ok(Default::default()) };
    let body = SearchParamsBody::deserialize(v).map_err(|e| crate::error::Error::format(format!("params: {e}")))?;
    if let Some(q) = &body.quantization {
        q.validate("params.quantization")?;
    }
    Ok(crate::query::GraphParams { hnsw_ef: body.hnsw_ef, exact: body.exact.unwrap_or(false), quantization: body.quantization })
}

/// `vector` of a legacy search: an array or `{"name", "vector"}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum NamedVectorInput {
    Plain(Vec<f32>),
    Named { name: String, vector: VectorInput },
}

/// `POST /points/search`.
#[derive(Debug, Clone, Deserialize)]
pub struct SearchRequest {
    pub vector: NamedVectorInput,
    #[serde(alias = "top")]
    pub limit: u64,
    #[serde(flatten)]
    pub common: Common,
}

/// `POST /points/recommend`.
#[derive(Debug, Clone, Deserialize)]
pub struct RecommendRequest {
    #[serde(flatten)]
    pub examples: RecommendExamples,
    #[serde(alias = "top")]
    pub limit: u64,
    #[serde(flatten)]
    pub common: Common,
}

/// The examples of a legacy recommendation (plain or grouped).
#[derive(Debug, Clone, Deserialize)]
pub struct RecommendExamples {
    #[serde(default)]
    pub positive: Vec<VectorInput>,
    #[serde(default)]
    pub negative: Vec<VectorInput>,
    #[serde(default)]
    pub strategy: Option<RecommendStrategy>,
    #[serde(default)]
    pub using: Option<String>,
    #[serde(default)]
    pub lookup_from: Option<LookupLocation>,
}

/// A context pair of discover/context queries; both members required.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ContextPairInput {
    pub positive: VectorInput,
    pub negative: VectorInput,
}

/// `POST /points/discover` (no `score_threshold` in Qdrant: it is forced to none).
#[derive(Debug, Clone, Deserialize)]
pub struct DiscoverRequest {
    #[serde(default)]
    pub target: Option<VectorInput>,
    #[serde(default)]
    pub context: Option<Vec<ContextPairInput>>,
    pub limit: u64,
    #[serde(default)]
    pub using: Option<String>,
    #[serde(default)]
    pub lookup_from: Option<LookupLocation>,
    #[serde(flatten)]
    pub common: Common,
}

/// `limit` must be ≥ 1 (422), as Qdrant's validator says.
pub fn check_limit(limit: u64) -> crate::Result<usize> {
    if limit == 0 {
        return Err(crate::Error::validation("limit: value 0 invalid, must be 1 or larger"));
    }
    Ok(usize::try_from(limit).unwrap_or(usize::MAX))
}

/// One item or a list of them (Qdrant's `MaybeOneOrMany`). The list is tried first: serde
/// would read a list as a struct's fields in order.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    Many(Vec<T>),
    One(Box<T>),
}

impl<T> OneOrMany<T> {
    pub fn into_vec(v: Option<Self>) -> Vec<T> {
        match v {
            None => Vec::new(),
            Some(OneOrMany::One(x)) => vec![*x],
            Some(OneOrMany::Many(xs)) => xs,
        }
    }
}

/// `{"searches": [...]}` of every batch endpoint.
#[derive(Debug, Clone, Deserialize)]
pub struct Batch<T> {
    pub searches: Vec<T>,
}

#[cfg(test)]
mod tests {
    use super::VectorInput;

    fn parse(text: &str) -> VectorInput {
        crate::json::parse(text).expect("valid input")
    }

    #[test]
    fn every_input_shape_is_read_as_its_own_kind() {
        assert!(matches!(parse("[1, 0]"), VectorInput::Dense(_)));
        assert!(matches!(parse("[[1, 0], [0, 1]]"), VectorInput::Multi(r) if r.len() == 2));
        assert!(matches!(parse(r#"{"indices": [1, 3], "values": [0.5, 1]}"#), VectorInput::Sparse(_)));
        assert!(matches!(parse("7"), VectorInput::Id(_)));
        assert!(matches!(parse(r#"{"text": "hi", "model": "qdrant/bm25"}"#), VectorInput::Document(_)));
    }
}
