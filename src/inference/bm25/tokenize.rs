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
    /// `Tokenizer::tokenize_doc`, in two steps so that long words cost no quadratic memory:
    /// this one cuts and processes the words, [`Tokenizer::doc_tokens`] lists the tokens.
    pub(super) fn doc_words<'a>(&self, text: &'a str, out: &mut Vec<Cow<'a, str>>) {
        let p = &self.processor;
        match self.kind {
            TokenizerType::Whitespace => {
                out.extend(text.split_whitespace().filter_map(|t| p.process_token(t, true)))
            }
            // No upper length bound on the words the prefixes are taken from.
            TokenizerType::Prefix => out.extend(words(text).filter_map(|t| p.process_token(t, false))),
            // Multilingual is refused when the model is built.
            TokenizerType::Word | TokenizerType::Multilingual => {
                out.extend(words(text).filter_map(|t| p.process_token(t, true)))
            }
        }
    }

    /// The document tokens of `doc_words`' words: the words themselves, or for `prefix`
    /// (`PrefixTokenizer::tokenize`) each word's prefixes of `min_token_len` (default 1) up to
    /// `max_token_len` chars, the whole word once it is reached.
    pub(super) fn doc_tokens<'w>(&self, words: &'w [Cow<'_, str>], out: &mut Vec<&'w str>) {
        if self.kind != TokenizerType::Prefix {
            return out.extend(words.iter().map(|w| w.as_ref()));
        }
        let min_ngram = self.processor.min_token_len.unwrap_or(1);
        let max_ngram = self.processor.max_token_len.unwrap_or(usize::MAX);
        for word in words {
            prefixes(word, min_ngram, max_ngram, out);
        }
    }

    /// `Tokenizer::tokenize_query`: as for documents except for `prefix`, and without the
    /// array-boundary sentinel token.
    pub(super) fn tokenize_query<'a>(&self, text: &'a str, out: &mut Vec<Cow<'a, str>>) {
        match self.kind {
            TokenizerType::Prefix => out.extend(words(text).filter_map(|w| self.prefix_query(w))),
            _ => self.doc_words(text, out),
        }
        out.retain(|t| t != ARRAY_BOUNDARY_SENTINEL);
    }

    /// `PrefixTokenizer::tokenize_query` for one word: no stopwords; the word cut to
    /// `max_token_len` chars.
    fn prefix_query<'a>(&self, word: &'a str) -> Option<Cow<'a, str>> {
        let p = &self.processor;
        if word.is_empty() {
            return None;
        }
        let word = p.stem_if_enabled(p.lowercase_if_enabled(p.fold_if_enabled(word.into())));
        if p.min_token_len.is_some_and(|min| char_len(&word) < min) {
            return None;
        }
        Some(match char_offset(&word, p.max_token_len.unwrap_or(usize::MAX)) {
            Some(end) => truncated(word, end),
            None => word,
        })
    }
}

/// The prefixes of `word` with `min..=max` chars, as Qdrant's loop yields them: char `n`'s
/// offset ends the prefix for `n`; past the last char the whole word is emitted and the loop
/// stops.
pub(super) fn prefixes<'w>(word: &'w str, min: usize, max: usize, out: &mut Vec<&'w str>) {
    if min > max {
        return;
    }
    let mut ends = word.char_indices().map(|(i, _)| i).skip(min);
    let mut n = min;
    loop {
        match ends.next() {
            Some(end) => out.push(&word[..end]),
            None => return out.push(word),
        }
        if n == max {
            return;
        }
        n += 1;
    }
}

fn truncated(word: Cow<'_, str>, end: usize) -> Cow<'_, str> {
    match word {
        Cow::Borrowed(b) => Cow::Borrowed(b.get(..end).unwrap_or(b)),
        Cow::Owned(mut o) => {
            if o.is_char_boundary(end) {
                o.truncate(end);
            }
            Cow::Owned(o)
        }
    }
}
