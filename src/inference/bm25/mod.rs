//! Qdrant's local `qdrant/bm25` model: text → sparse vector.
//!
//! Built from the inference object's `options` the way `Bm25::new` and
//! `build_tokens_processor` do (`src/common/inference/bm25_inference.rs`); the weights are
//! those of the `bm25` crate (`lib/bm25/src/lib.rs`).

mod config;
mod fold;
mod fold_table;
mod murmur3;
mod stopwords;
mod tokenize;

#[cfg(test)]
mod tests;

use self::config::{
    parse_bm25_config, parse_language, Bm25Config, Language, SnowballLanguage, StemmingAlgorithm,
    StopwordsInterface, TextPreprocessingConfig, TokenizerType,
};
use self::tokenize::{Tokenizer, TokensProcessor};
use super::SparseVector;
use crate::error::{Error, Result};

/// A `qdrant/bm25` model with its options applied; build it once, embed many texts.
#[derive(Debug)]
pub struct Bm25 {
    k1: f64,
    b: f64,
    avg_doc_len: f64,
    tokenizer: Tokenizer,
}

impl Bm25 {
    /// The model for an inference object's `options` (`None`: all defaults — English, `word`
    /// tokenizer, k = 1.2, b = 0.75, avg_len = 256). Errors are the server's 400s
    /// (`Invalid BM25 config: ...`, out-of-range parameters), or [`Error::Unsupported`] for the
    /// `multilingual` tokenizer and stopword lists simile does not bundle.
    pub fn new(options: Option<&serde_json::Value>) -> Result<Self> {
        let Bm25Config { k, b, avg_len, tokenizer, text_preprocessing_config } =
            parse_bm25_config(options)?;
        validate(k, b, avg_len)?;
        if tokenizer == TokenizerType::Multilingual {
            return Err(Error::Unsupported { what: "The BM25 \"multilingual\" tokenizer".into() });
        }
        let processor = tokens_processor(text_preprocessing_config)?;
        let tokenizer = Tokenizer { kind: tokenizer, processor };
        Ok(Self { k1: k, b, avg_doc_len: avg_len, tokenizer })
    }

    /// `Bm25::doc_embed`: each distinct token weighted by its saturated, length-normalised
    /// term frequency; indices ascending.
    pub fn embed_document(&self, text: &str) -> SparseVector {
        let mut words = Vec::new();
        self.tokenizer.doc_words(text, &mut words);
        let mut tokens = Vec::new();
        self.tokenizer.doc_tokens(&words, &mut tokens);
        self.term_frequency(&tokens)
    }

    /// `Bm25::search_embed`: each distinct token with weight 1.0; indices ascending.
    pub fn embed_query(&self, text: &str) -> SparseVector {
        let mut tokens = Vec::new();
        self.tokenizer.tokenize_query(text, &mut tokens);
        let mut indices: Vec<u32> = tokens.iter().map(|t| token_id(t)).collect();
        indices.sort_unstable();
        indices.dedup();
        let values = vec![1.0; indices.len()];
        SparseVector { indices, values }
    }

    /// `Bm25::term_frequency` of `lib/bm25/src/lib.rs`:
    /// `tf = n (k1 + 1) / (k1 (1 - b + b · len / avg_len) + n)` in f64, stored as f32.
    ///
    /// Qdrant counts per token string and keys the result by hash; when two distinct tokens
    /// of one document share a hash, the one it keeps depends on a hash map's iteration order.
    /// simile keeps the greatest string (by byte order) — deterministic, and the case needs a
    /// 32-bit murmur3 collision inside one text.
    fn term_frequency(&self, tokens: &[&str]) -> SparseVector {
        let doc_len = tokens.len() as f64;
        let norm = 1.0 - self.b + self.b * doc_len / self.avg_doc_len;
        let mut keyed: Vec<(u32, &str)> = tokens.iter().map(|t| (token_id(t), *t)).collect();
        keyed.sort_unstable();
        let mut out = SparseVector { indices: Vec::new(), values: Vec::new() };
        let mut i = 0;
        while i < keyed.len() {
            let run = keyed[i..].iter().take_while(|e| **e == keyed[i]).count();
            let n = run as f64;
            let tf = n * (self.k1 + 1.0) / self.k1.mul_add(norm, n);
            if out.indices.last() == Some(&keyed[i].0) {
                out.values.pop();
                out.indices.pop();
            }
            out.indices.push(keyed[i].0);
            out.values.push(tf as f32);
            i += run;
        }
        out
    }
}

/// `token_id` of `lib/bm25/src/lib.rs`: murmur3 (x86, 32-bit, seed 0) of the UTF-8 bytes, read as
/// `i32`, absolute value.
pub fn token_id(token: &str) -> u32 {
    (murmur3::murmur3_32(0, token.as_bytes()) as i32).unsigned_abs()
}

/// `Bm25Params::validate` of `lib/bm25/src/lib.rs`, with its messages.
fn validate(k1: f64, b: f64, avg_doc_len: f64) -> Result<()> {
    if !k1.is_finite() || k1 < 0.0 {
        return Err(Error::wrong_input(format!("BM25 k1 must be finite and >= 0, got {k1}")));
    }
    if !b.is_finite() || !(0.0..=1.0).contains(&b) {
        return Err(Error::wrong_input(format!(
            "BM25 b must be finite and in [0.0, 1.0], got {b}"
        )));
    }
    if !avg_doc_len.is_finite() || avg_doc_len <= 0.0 {
        return Err(Error::wrong_input(format!(
            "BM25 avg_doc_len must be finite and > 0, got {avg_doc_len}"
        )));
    }
    Ok(())
}

/// `build_tokens_processor` of `src/common/inference/bm25_inference.rs`: lowercase defaults
/// to on, ASCII folding to off, language to English. Unset stemmer and stopwords follow the
/// language; a language Qdrant does not know leaves them off (no error, as on the server).
fn tokens_processor(config: TextPreprocessingConfig) -> Result<TokensProcessor> {
    let TextPreprocessingConfig {
        language, lowercase, ascii_folding, stopwords, stemmer, min_token_len, max_token_len,
    } = config;
    let lowercase = lowercase.unwrap_or(true);
    let language = language.unwrap_or_else(|| "english".to_string());
    let stemmer = match stemmer {
        None => parse_language::<SnowballLanguage>(&language).map(create_stemmer),
        Some(StemmingAlgorithm::Snowball(params)) => Some(create_stemmer(params.language)),
        Some(StemmingAlgorithm::Disabled(_)) => None,
    };
    let stopwords = match stopwords {
        None => parse_language::<Language>(&language).map(StopwordsInterface::Language),
        Some(interface) => Some(interface),
    };
    Ok(TokensProcessor {
        lowercase,
        ascii_folding: ascii_folding.unwrap_or(false),
        stopwords: stopwords::stopword_set(stopwords.as_ref(), lowercase)?,
        stemmer,
        min_token_len,
        max_token_len,
    })
}

/// `Stemmer::from_algorithm` (`tokenizers/stemmer.rs`): the Snowball stemmer of a language.
fn create_stemmer(language: SnowballLanguage) -> rust_stemmers::Stemmer {
    use rust_stemmers::Algorithm as A;
    use SnowballLanguage as L;
    rust_stemmers::Stemmer::create(match language {
        L::Arabic => A::Arabic,
        L::Armenian => A::Armenian,
        L::Danish => A::Danish,
        L::Dutch => A::Dutch,
        L::English => A::English,
        L::Finnish => A::Finnish,
        L::French => A::French,
        L::German => A::German,
        L::Greek => A::Greek,
        L::Hungarian => A::Hungarian,
        L::Italian => A::Italian,
        L::Norwegian => A::Norwegian,
        L::Portuguese => A::Portuguese,
        L::Romanian => A::Romanian,
        L::Russian => A::Russian,
        L::Spanish => A::Spanish,
        L::Swedish => A::Swedish,
        L::Tamil => A::Tamil,
        L::Turkish => A::Turkish,
    })
}
