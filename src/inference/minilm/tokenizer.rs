//! BERT's uncased WordPiece tokenizer, as Hugging Face `tokenizers` runs it for
//! all-MiniLM-L6-v2 (its `tokenizer.json`: `BertNormalizer` with clean_text, handle_chinese_chars,
//! lowercase and — lowercase implying it — strip_accents; `BertPreTokenizer`; `WordPiece` with
//! `##` continuations, `[UNK]` and at most 100 chars a word; `[CLS] … [SEP]`, truncated to
//! sentence-transformers' `max_seq_length`).
//!
//! The Unicode classes (punctuation, control chars, accents, canonical decompositions) come
//! with the vocabulary in the model file ([`CharClasses`]), so the wasm module carries none.

use super::chars::CharClasses;
use crate::error::{Error, Result};
use std::collections::HashMap;

/// `WordPiece::max_input_chars_per_word`: longer words are `[UNK]`.
const MAX_WORD_CHARS: usize = 100;

/// Text → token ids.
#[derive(Debug)]
pub struct Tokenizer {
    vocab: HashMap<String, u32>,
    classes: CharClasses,
    cls: u32,
    sep: u32,
    unk: u32,
    max_tokens: usize,
}

impl Tokenizer {
    /// A tokenizer over `vocab` (token `i` has id `i`) giving at most `max_tokens` ids, the
    /// special tokens included. The vocabulary needs `[CLS]`, `[SEP]` and `[UNK]`.
    pub fn new(vocab: &[String], classes: CharClasses, max_tokens: usize) -> Result<Tokenizer> {
        let ids = vocab.iter().enumerate().map(|(i, t)| (t.clone(), i as u32));
        let vocab: HashMap<String, u32> = ids.collect();
        let id = |t: &str| vocab.get(t).copied().ok_or_else(|| Error::wrong_input(format!("Invalid model file: the vocabulary has no {t}")));
        let (cls, sep, unk) = (id("[CLS]")?, id("[SEP]")?, id("[UNK]")?);
        if max_tokens < 2 {
            return Err(Error::wrong_input("Invalid model file: max_tokens must be at least 2"));
        }
        Ok(Tokenizer { vocab, classes, cls, sep, unk, max_tokens })
    }

    /// `[CLS]`, the word pieces of `text` (the first `max_tokens − 2`), `[SEP]`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let limit = self.max_tokens - 2;
        let mut ids = vec![self.cls];
        let normalized = self.normalize(text);
        for word in self.words(&normalized) {
            if ids.len() > limit {
                break;
            }
            self.word_pieces(word, &mut ids);
        }
        ids.truncate(limit + 1);
        ids.push(self.sep);
        ids
    }

    /// `BertNormalizer`: drops NUL, U+FFFD and control chars, turns whitespace into spaces, pads
    /// CJK ideographs with spaces, strips accents (NFD, then nonspacing marks dropped) and
    /// lowercases — char by char, which is the same as the whole-string passes (`char` lowercasing,
    /// as `tokenizers` does: no final-sigma rule).
    pub(super) fn normalize(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            let space = matches!(c, '\t' | '\n' | '\r') || c.is_whitespace();
            if c == '\0' || c == '\u{fffd}' || (!space && self.classes.is_other(c)) {
                continue;
            }
            if space {
                out.push(' ');
            } else if is_chinese(c) {
                out.push(' ');
                self.classes.strip_accents(c, |s| out.extend(s.chars().flat_map(char::to_lowercase)));
                out.push(' ');
            } else {
                self.classes.strip_accents(c, |s| out.extend(s.chars().flat_map(char::to_lowercase)));
            }
        }
        out
    }

    /// `BertPreTokenizer`: splits on whitespace and isolates every punctuation char.
    pub(super) fn words<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        text.split(char::is_whitespace).flat_map(move |chunk| PunctSplit { rest: chunk, classes: &self.classes })
    }

    /// `WordPiece::tokenize`: greedy longest match from the left, continuations prefixed `##`;
    /// a word with a part no token matches is one `[UNK]`.
    fn word_pieces(&self, word: &str, ids: &mut Vec<u32>) {
        if word.chars().count() > MAX_WORD_CHARS {
            ids.push(self.unk);
            return;
        }
        let first = ids.len();
        let mut start = 0;
        let mut key = String::new();
        while start < word.len() {
            match self.longest_piece(word, start, &mut key) {
                Some((id, end)) => {
                    ids.push(id);
                    start = end;
                }
                None => {
                    ids.truncate(first);
                    ids.push(self.unk);
                    return;
                }
            }
        }
    }

    /// The id and end of the longest vocabulary piece of `word` starting at byte `start`.
    fn longest_piece(&self, word: &str, start: usize, key: &mut String) -> Option<(u32, usize)> {
        let rest = word.get(start..)?;
        let mut ends: Vec<usize> = rest.char_indices().map(|(i, c)| start + i + c.len_utf8()).collect();
        while let Some(end) = ends.pop() {
            key.clear();
            if start > 0 {
                key.push_str("##");
            }
            key.push_str(word.get(start..end)?);
            if let Some(&id) = self.vocab.get(key.as_str()) {
                return Some((id, end));
            }
        }
        None
    }
}

/// Splits a whitespace-free chunk into runs of non-punctuation and single punctuation chars.
struct PunctSplit<'a> {
    rest: &'a str,
    classes: &'a CharClasses,
}

impl<'a> Iterator for PunctSplit<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let mut chars = self.rest.char_indices();
        let (_, first) = chars.next()?;
        let at = if self.classes.is_punctuation(first) {
            first.len_utf8()
        } else {
            chars.find(|&(_, c)| self.classes.is_punctuation(c)).map_or(self.rest.len(), |(i, _)| i)
        };
        let (word, rest) = self.rest.split_at(at);
        self.rest = rest;
        Some(word)
    }
}

/// `is_chinese_char` of `tokenizers` (normalizers/bert.rs): the CJK Unified Ideographs blocks.
fn is_chinese(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B920..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}
