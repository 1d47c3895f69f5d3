//! `sentence-transformers/all-MiniLM-L6-v2` in process: text → 384 floats of unit length, as
//! sentence-transformers computes them (WordPiece, 6 BERT blocks, mean pooling, L2 normalise).
//!
//! The weights are not part of the module: [`load`] reads a model file (see
//! [`weights::format`]) into the one registry slot of this instance, which every `Database`
//! shares. Until then an inference object naming the model is a 400 that says to load it.

pub mod chars;
pub mod forward;
pub mod tokenizer;
pub mod weights;

#[cfg(test)]
mod tests;

use self::forward::Shape;
use self::tokenizer::Tokenizer;
use self::weights::format::Header;
use self::weights::Weights;
use crate::error::{Error, Result};
use crate::snapshot::ByteSource;
use std::sync::{Arc, RwLock};

/// The model's name as simile reports it; requests may spell it in any case (Qdrant's
/// inference service compares model names case-insensitively).
pub const NAME: &str = "sentence-transformers/all-minilm-l6-v2";

/// A loaded model: tokenizer, shape and weights.
#[derive(Debug)]
pub struct MiniLm {
    name: String,
    shape: Shape,
    tokenizer: Tokenizer,
    weights: Weights,
}

/// What [`load`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelInfo {
    pub name: String,
    pub dim: usize,
    /// Memory held by the parameters.
    pub bytes: usize,
}

impl MiniLm {
    /// Reads and validates a model file.
    pub fn read(src: &dyn ByteSource) -> Result<MiniLm> {
        let (mut header, data_start) = Header::read(src)?;
        let weights = Weights::read(src, &header, data_start)?;
        let tables = std::mem::take(&mut header.normalizer);
        let tokenizer = Tokenizer::new(&header.vocab, chars::CharClasses::new(tables)?, header.max_tokens)?;
        let shape = Shape { dim: header.dim, heads: header.heads, intermediate: header.intermediate, eps: header.layer_norm_eps };
        Ok(MiniLm { name: header.name.to_lowercase(), shape, tokenizer, weights })
    }

    pub fn info(&self) -> ModelInfo {
        ModelInfo { name: self.name.clone(), dim: self.shape.dim, bytes: self.weights.bytes() }
    }

    /// The unit-length embedding of `text` (its first 254 word pieces).
    pub fn embed(&self, text: &str) -> Vec<f32> {
        forward::embed(&self.weights, self.shape, &self.tokenizer.encode(text))
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }
}

/// The loaded model of this instance (a wasm instance is single-threaded; the lock only makes
/// the static sound on native targets).
static LOADED: RwLock<Option<Arc<MiniLm>>> = RwLock::new(None);

/// Loads a model file, replacing any loaded model once the new one is valid.
pub fn load(src: &dyn ByteSource) -> Result<ModelInfo> {
    let model = MiniLm::read(src)?;
    let info = model.info();
    *LOADED.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(model));
    Ok(info)
}

/// Whether `name` (any case) is the loaded model.
pub fn loaded(name: &str) -> bool {
    current().is_some_and(|m| m.name == name.to_lowercase())
}

fn current() -> Option<Arc<MiniLm>> {
    LOADED.read().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Whether `model` names a dense model simile embeds (loaded or not).
pub fn is_dense_model(model: &str) -> bool {
    model.eq_ignore_ascii_case(NAME) || loaded(model)
}

/// The embedding of `text` by `model`; a 400 naming the model when it is not loaded.
pub fn embed(model: &str, text: &str) -> Result<Vec<f32>> {
    match current() {
        Some(m) if m.name == model.to_lowercase() => Ok(m.embed(text)),
        _ => Err(Error::bad_request(format!(
            "Inference with model {model:?}: the model is not loaded (call loadModel with its weights file first)"
        ))),
    }
}
