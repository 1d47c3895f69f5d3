//! The `options` of a `qdrant/bm25` inference object, deserialized exactly as the server does.
//!
//! The types mirror Qdrant's serde definitions field for field — `Bm25Config` and
//! `TextPreprocessingConfig` (`lib/api/src/rest/schema.rs`), `TokenizerType`, `Language`,
//! `SnowballLanguage`, `StemmingAlgorithm` and `StopwordsInterface`
//! (`lib/segment/src/data_types/index.rs`) — and are read the way
//! `InferenceInput::parse_bm25_config` (`src/common/inference/inference_input.rs`) reads them:
//! from a `HashMap<String, Value>` deserializer, so accepted inputs, defaults and error texts
//! (`Invalid BM25 config: ...`) are the server's.

use std::collections::{BTreeSet, HashMap};

use serde::de::IntoDeserializer;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result};

/// Qdrant's `Bm25Config`: hyperparameters, tokenizer and the flattened preprocessing options.
#[derive(Debug, Deserialize)]
pub(crate) struct Bm25Config {
    #[serde(default = "default_k")]
    pub(crate) k: f64,
    #[serde(default = "default_b")]
    pub(crate) b: f64,
    #[serde(default = "default_avg_len")]
    pub(crate) avg_len: f64,
    #[serde(default)]
    pub(crate) tokenizer: TokenizerType,
    #[serde(default, flatten)]
    pub(crate) text_preprocessing_config: TextPreprocessingConfig,
}

fn default_k() -> f64 {
    1.2
}
fn default_b() -> f64 {
    0.75
}
fn default_avg_len() -> f64 {
    256.0
}

/// Qdrant's `TextPreprocessingConfig`; every field optional, defaults applied when building.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TextPreprocessingConfig {
    #[serde(default)]
    pub(crate) language: Option<String>,
    #[serde(default)]
    pub(crate) lowercase: Option<bool>,
    #[serde(default)]
    pub(crate) ascii_folding: Option<bool>,
    #[serde(default)]
    pub(crate) stopwords: Option<StopwordsInterface>,
    #[serde(default)]
    pub(crate) stemmer: Option<StemmingAlgorithm>,
    #[serde(default)]
    pub(crate) min_token_len: Option<usize>,
    #[serde(default)]
    pub(crate) max_token_len: Option<usize>,
}

#[derive(Debug, Default, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TokenizerType {
    Prefix,
    Whitespace,
    #[default]
    Word,
    Multilingual,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Snowball {
    Snowball,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SnowballParams {
    #[allow(dead_code)]
    pub(crate) r#type: Snowball,
    pub(crate) language: SnowballLanguage,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum NoStemmer {
    None,
}

#[derive(Debug, Deserialize)]
pub(crate) struct DisabledStemmerParams {
    #[allow(dead_code)]
    pub(crate) r#type: NoStemmer,
}

crate::json::untagged_enum! {
    /// `{"type": "snowball", "language": ...}` or `{"type": "none"}`.
    #[derive(Debug)]
    pub(crate) enum StemmingAlgorithm {
        Snowball(SnowballParams),
        Disabled(DisabledStemmerParams),
    }
}

crate::json::untagged_enum! {
    /// A language name (`"english"`) or `{"languages": [...], "custom": [...]}`.
    #[derive(Debug)]
    pub(crate) enum StopwordsInterface {
        Language(Language),
        Set(StopwordsSet),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct StopwordsSet {
    #[serde(default)]
    pub(crate) languages: Option<BTreeSet<Language>>,
    #[serde(default)]
    pub(crate) custom: Option<BTreeSet<String>>,
}

/// Qdrant's `SnowballLanguage`: the languages with a Snowball stemmer.
#[rustfmt::skip]
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SnowballLanguage {
    #[serde(alias = "ar")] Arabic, #[serde(alias = "hy")] Armenian, #[serde(alias = "da")] Danish,
    #[serde(alias = "nl")] Dutch, #[serde(alias = "en")] English, #[serde(alias = "fi")] Finnish,
    #[serde(alias = "fr")] French, #[serde(alias = "de")] German, #[serde(alias = "el")] Greek,
    #[serde(alias = "hu")] Hungarian, #[serde(alias = "it")] Italian,
    #[serde(alias = "no")] Norwegian, #[serde(alias = "pt")] Portuguese,
    #[serde(alias = "ro")] Romanian, #[serde(alias = "ru")] Russian, #[serde(alias = "es")] Spanish,
    #[serde(alias = "sv")] Swedish, #[serde(alias = "ta")] Tamil, #[serde(alias = "tr")] Turkish,
}

/// Qdrant's `Language`: the languages with a stopword list.
#[rustfmt::skip]
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Language {
    #[serde(alias = "ar")] Arabic, #[serde(alias = "az")] Azerbaijani, #[serde(alias = "eu")] Basque,
    #[serde(alias = "bn")] Bengali, #[serde(alias = "ca")] Catalan, #[serde(alias = "zh")] Chinese,
    #[serde(alias = "da")] Danish, #[serde(alias = "nl")] Dutch, #[serde(alias = "en")] English,
    #[serde(alias = "fi")] Finnish, #[serde(alias = "fr")] French, #[serde(alias = "de")] German,
    #[serde(alias = "el")] Greek, #[serde(alias = "he")] Hebrew, #[serde(alias = "hi-en")] Hinglish,
    #[serde(alias = "hu")] Hungarian, #[serde(alias = "id")] Indonesian,
    #[serde(alias = "it")] Italian, #[serde(alias = "jp")] Japanese, #[serde(alias = "kk")] Kazakh,
    #[serde(alias = "ne")] Nepali, #[serde(alias = "no")] Norwegian,
    #[serde(alias = "pt")] Portuguese, #[serde(alias = "ro")] Romanian,
    #[serde(alias = "ru")] Russian, #[serde(alias = "sl")] Slovene, #[serde(alias = "es")] Spanish,
    #[serde(alias = "sv")] Swedish, #[serde(alias = "tg")] Tajik, #[serde(alias = "tr")] Turkish,
}

/// `FromStr` of Qdrant's `Language` / `SnowballLanguage`: the name is parsed as the body of a
/// JSON string (`serde_json::from_str(&format!("\"{s}\""))`), escapes and all.
pub(crate) fn parse_language<T: for<'de> Deserialize<'de>>(name: &str) -> Option<T> {
    crate::json::parse(&format!("\"{name}\"")).ok()
}

/// `InferenceInput::parse_bm25_config`: absent options are an empty map; a non-object is
/// rejected like the request body's `DocumentOptions`.
pub(crate) fn parse_bm25_config(options: Option<&Value>) -> Result<Bm25Config> {
    let map: HashMap<String, Value> = match options {
        None | Some(Value::Null) => HashMap::new(),
        Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        Some(_) => {
            return Err(Error::format(
                "data did not match any variant of untagged enum DocumentOptions",
            ))
        }
    };
    Bm25Config::deserialize(map.into_deserializer())
        .map_err(|err: serde_json::Error| Error::wrong_input(format!("Invalid BM25 config: {err:#?}")))
}
