//! Server-side inference that Qdrant runs locally: `{"text", "model", "options"}` objects in
//! upserts and queries whose model is `qdrant/bm25` (`src/common/inference/local_model.rs`).
//! Other models go to a remote inference service on a server; simile has none, but embeds
//! `sentence-transformers/all-MiniLM-L6-v2` (dense, [`minilm`]) itself once its weights are loaded.

pub mod bm25;
pub mod minilm;

pub use self::bm25::Bm25;
use crate::error::{Error, Result};

/// Embeddings are the stored sparse vector type: indices ascending and distinct.
pub use crate::index::sparse::SparseVector;

/// Which side of the search a text is embedded for: stored points (`Document`, Qdrant's
/// `InferenceType::Update`) or queries (`Query`, `InferenceType::Search`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRole {
    Document,
    Query,
}

/// `LocalModelName::from_str`: the model names Qdrant embeds itself, compared lowercased.
pub fn is_local_model(model: &str) -> bool {
    matches!(model.to_lowercase().as_str(), "qdrant/bm25" | "bm25")
}

/// Qdrant's inference object: `{"text": ..., "model": ..., "options": {...}}`. Builds the
/// model for one text; use [`Bm25`] directly to embed many texts with the same options.
///
/// Empty text (or text without tokens) gives an empty sparse vector, as on the server. A model
/// other than `qdrant/bm25` / `bm25` (any case) is [`Error::Unsupported`]: a server would send
/// it to its inference service.
pub fn embed_text(
    model: &str,
    text: &str,
    options: Option<&serde_json::Value>,
    role: TextRole,
) -> Result<SparseVector> {
    if minilm::is_dense_model(model) {
        // A dense model's vector where a sparse one is expected.
        return Err(crate::collection::wrong_usage());
    }
    if !is_local_model(model) {
        return Err(Error::Unsupported {
            what: format!("Inference with model {model:?} (\"qdrant/bm25\" and, once loaded, {:?} run locally)", minilm::NAME),
        });
    }
    with_model(options, |bm25| match role {
        TextRole::Document => bm25.embed_document(text),
        TextRole::Query => bm25.embed_query(text),
    })
}

thread_local! {
    /// The model built for the last options seen: a bulk upsert of documents with the same
    /// options builds its stopword set and stemmer once, not once per text.
    static LAST_MODEL: std::cell::RefCell<Option<(Option<serde_json::Value>, Bm25)>> = const { std::cell::RefCell::new(None) };
}

fn with_model<T>(options: Option<&serde_json::Value>, f: impl FnOnce(&Bm25) -> T) -> Result<T> {
    LAST_MODEL.with(|cell| {
        let mut last = cell.borrow_mut();
        let model = match last.take() {
            Some((o, model)) if o.as_ref() == options => model,
            _ => Bm25::new(options)?,
        };
        let out = f(&model);
        *last = Some((options.cloned(), model));
        Ok(out)
    })
}
