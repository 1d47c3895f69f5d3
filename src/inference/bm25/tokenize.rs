//! Text → tokens, from Qdrant's full-text tokenizers
//! (`lib/segment/src/index/field_index/full_text_index/tokenizers/mod.rs`) and their per-token
//! pipeline (`tokenizers/tokens_processor.rs`): ASCII folding, lowercasing, stopwords,
//! Snowball stemming (`tokenizers/stemmer.rs`, crate `qdrant-rust-stemmers`), length bounds.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use super::config::TokenizerType;
use super::fold::fold_to_ascii_cow;

/// Qdrant's `ARRAY_BOUNDARY_SENTINEL`, which `Tokenizer::tokenize_query` drops.
const ARRAY_BOUNDARY_SENTINEL: &str = "\x00";

/// Qdrant's `TokensProcessor`.
pub(super) struct TokensProcessor {
    pub(super) lowercase: bool,
    pub(super) ascii_folding: bool,
    pub(super) stopwords: HashSet<String>,
    pub(super) stemmer: Option<rust_stemmers::Stemmer>,
    pub(super) min_token_len: Option<usize>,
    pub(super) max_token_len: Option<usize>,
}

impl fmt::Debug for TokensProcessor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokensProcessor")
            .field("lowercase", &self.lowercase)
            .field("ascii_folding", &self.ascii_folding)
            .field("stopwords", &self.stopwords.len())
            .field("stemmer", &self.stemmer.is_some())
            .field("min_token_len", &self.min_token_len)
            .field("max_token_len", &self.max_token_len)
            .finish()
    }
}

/// `str::to_lowercase`, without allocating when nothing changes (ASCII without capitals).
fn lowercase(token: Cow<'_, str>) -> Cow<'_, str> {
    if token.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        token
    } else {
        Cow::Owned(token.to_lowercase())
    }
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

impl TokensProcessor {
    fn fold_if_enabled<'a>(&self, token: Cow<'a, str>) -> Cow<'a, str> {
        if self.ascii_folding { fold_to_ascii_cow(token) } else { token }
    }

    fn lowercase_if_enabled<'a>(&self, token: Cow<'a, str>) -> Cow<'a, str> {
        if self.lowercase { lowercase(token) } else { token }
    }

    fn stem_if_enabled<'a>(&self, token: Cow<'a, str>) -> Cow<'a, str> {
        match &self.stemmer {
            Some(stemmer) => stemmer.stem_cow(token),
            None => token,
        }
    }

    /// `process_token`: fold, lowercase, drop stopwords, stem, then apply the length bounds
    /// (in chars; the upper one only when `check_max_len`).
    fn process_token<'a>(&self, token: &'a str, check_max_len: bool) -> Option<Cow<'a, str>> {
        if token.is_empty() {
            return None;
        }
        let token = self.lowercase_if_enabled(self.fold_if_enabled(Cow::Borrowed(token)));
        if self.stopwords.contains(token.as_ref()) {
            return None;
        }
        let token = self.stem_if_enabled(token);
        let too_short = self.min_token_len.is_some_and(|min| char_len(&token) < min);
        let too_long =
            check_max_len && self.max_token_len.is_some_and(|max| char_len(&token) > max);
        (!too_short && !too_long).then_some(token)
    }
}

/// Qdrant's `Tokenizer`: a tokenizer type and its token pipeline.
#[derive(Debug)]
pub(super) struct Tokenizer {
    pub(super) kind: TokenizerType,
    pub(super) processor: TokensProcessor,
}

/// Words of the `word` and `prefix` tokenizers: runs of alphanumeric chars.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
}

/// The byte offset of char `n` of `s`, if `s` has more than `n` chars.
fn char_offset(s: &str, n: usize) -> Option<usize> {
    s.char_indices().map(|(i, _)| i).nth(n)
}

impl Tokenizer {
    /// `Tokenizer::tokenize_doc`.
    pub(super) fn tokenize_doc<'a>(&self, text: &'a str, out: &mut Vec<Cow<'a, str>>) {
        let p = &self.processor;
        match self.kind {
            TokenizerType::Whitespace => {
                out.extend(text.split_whitespace().filter_map(|t| p.process_token(t, true)))
            }
            TokenizerType::Prefix => words(text).for_each(|w| self.prefix_doc(w, out)),
            // Multilingual is refused when the model is built.
            TokenizerType::Word | TokenizerType::Multilingual => {
                out.extend(words(text).filter_map(|t| p.process_token(t, true)))
            }
        }
    }

    /// `Tokenizer::tokenize_query`: as for documents except for `prefix`, and without the
    /// array-boundary sentinel token.
    pub(super) fn tokenize_query<'a>(&self, text: &'a str, out: &mut Vec<Cow<'a, str>>) {
        let start = out.len();
        match self.kind {
            TokenizerType::Prefix => words(text).for_each(|w| self.prefix_query(w, out)),
            _ => self.tokenize_doc(text, out),
        }
        if out[start..].iter().any(|t| t == ARRAY_BOUNDARY_SENTINEL) {
            let mut tail = out.split_off(start);
            tail.retain(|t| t != ARRAY_BOUNDARY_SENTINEL);
            out.append(&mut tail);
        }
    }

    /// `PrefixTokenizer::tokenize` for one word: its prefixes of `min_token_len` (default 1)
    /// up to `max_token_len` chars, the whole word once it is reached.
    fn prefix_doc<'a>(&self, word: &'a str, out: &mut Vec<Cow<'a, str>>) {
        let p = &self.processor;
        let Some(word) = p.process_token(word, false) else { return };
        let min_ngram = p.min_token_len.unwrap_or(1);
        let max_ngram = p.max_token_len.unwrap_or(usize::MAX);
        for n in min_ngram..=max_ngram {
            match char_offset(&word, n) {
                Some(end) => out.push(truncated(&word, end)),
                None => {
                    out.push(word);
                    return;
                }
            }
        }
    }

    /// `PrefixTokenizer::tokenize_query` for one word: no stopwords; the word cut to
    /// `max_token_len` chars.
    fn prefix_query<'a>(&self, word: &'a str, out: &mut Vec<Cow<'a, str>>) {
        let p = &self.processor;
        if word.is_empty() {
            return;
        }
        let word = p.stem_if_enabled(p.lowercase_if_enabled(p.fold_if_enabled(word.into())));
        if p.min_token_len.is_some_and(|min| char_len(&word) < min) {
            return;
        }
        match char_offset(&word, p.max_token_len.unwrap_or(usize::MAX)) {
            Some(end) => out.push(truncated(&word, end)),
            None => out.push(word),
        }
    }
}

fn truncated<'a>(word: &Cow<'a, str>, end: usize) -> Cow<'a, str> {
    match word {
        Cow::Borrowed(b) => Cow::Borrowed(b.get(..end).unwrap_or(b)),
        Cow::Owned(o) => Cow::Owned(o.get(..end).unwrap_or(o).to_string()),
    }
}
