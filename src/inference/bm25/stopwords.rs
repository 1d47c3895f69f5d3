//! Stopword lists, from Qdrant's `stop_words/<language>.rs`
//! (`lib/segment/src/index/field_index/full_text_index/`), and the filter built from them
//! (`StopwordsFilter::new` in `stop_words/mod.rs`).
//!
//! simile bundles the lists of the languages that also have a Snowball stemmer; asking for
//! another of Qdrant's stopword languages is answered with [`Error::Unsupported`].

use std::collections::HashSet;

use super::config::{Language, StopwordsInterface};
use crate::error::{Error, Result};

/// The bundled list of `language`, one word a line.
fn list(language: Language) -> Option<&'static str> {
    use Language::*;
    Some(match language {
        Arabic => include_str!("stopwords/arabic.txt"),
        Danish => include_str!("stopwords/danish.txt"),
        Dutch => include_str!("stopwords/dutch.txt"),
        English => include_str!("stopwords/english.txt"),
        Finnish => include_str!("stopwords/finnish.txt"),
        French => include_str!("stopwords/french.txt"),
        German => include_str!("stopwords/german.txt"),
        Greek => include_str!("stopwords/greek.txt"),
        Hungarian => include_str!("stopwords/hungarian.txt"),
        Italian => include_str!("stopwords/italian.txt"),
        Norwegian => include_str!("stopwords/norwegian.txt"),
        Portuguese => include_str!("stopwords/portuguese.txt"),
        Romanian => include_str!("stopwords/romanian.txt"),
        Russian => include_str!("stopwords/russian.txt"),
        Spanish => include_str!("stopwords/spanish.txt"),
        Swedish => include_str!("stopwords/swedish.txt"),
        Turkish => include_str!("stopwords/turkish.txt"),
        _ => return None,
    })
}

/// The set of words a token is compared with (after folding and lowercasing). Each word is
/// lowercased when `lowercase` is on, as Qdrant's `add_stopword` does.
pub(super) fn stopword_set(
    option: Option<&StopwordsInterface>,
    lowercase: bool,
) -> Result<HashSet<String>> {
    let mut set = HashSet::new();
    let mut add = |word: &str| {
        set.insert(if lowercase { word.to_lowercase() } else { word.to_string() });
    };
    match option {
        None => {}
        Some(StopwordsInterface::Language(language)) => {
            language_words(*language)?.lines().for_each(&mut add)
        }
        Some(StopwordsInterface::Set(s)) => {
            for language in s.languages.iter().flatten() {
                language_words(*language)?.lines().for_each(&mut add);
            }
            s.custom.iter().flatten().for_each(|w| add(w));
        }
    }
    Ok(set)
}

fn language_words(language: Language) -> Result<&'static str> {
    list(language).ok_or_else(|| Error::Unsupported {
        what: format!("The BM25 stopword list for {language:?}"),
    })
}
