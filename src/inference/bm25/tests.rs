//! Unit checks of the BM25 pieces; the differential test against Qdrant's engine is
//! `tests/bm25_edge.rs`.

use serde_json::json;

use super::*;

/// A tiny xorshift, so the fuzz below is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize
    }
}

/// Chars from many scripts and classes: capitals with odd lowercase mappings, combining marks,
/// separators, NUL, astral chars, foldable symbols.
const POOL: &[char] = &[
    'a', 'e', 's', 'z', 'A', 'Z', '0', '9', ' ', '\t', '\n', '\0', '-', '\'', '.', 'ß', 'İ', 'ı',
    'Σ', 'σ', 'ς', 'ǅ', 'Æ', 'é', '\u{301}', '\u{a0}', '\u{2003}', 'ﬁ', '①', '⒊', 'Ａ', 'ж',
    'Ж', 'ё', 'ά', 'ῼ', 'ا', 'ل', 'ة', 'Հ', 'ք', 'த', 'ி', '日', '本', 'の', '😀', '\u{10ffff}',
];

fn random_text(rng: &mut Rng) -> String {
    let len = rng.next() % 40;
    (0..len).map(|_| POOL[rng.next() % POOL.len()]).collect()
}

fn check_vector(v: &SparseVector, query: bool) {
    assert_eq!(v.indices.len(), v.values.len());
    assert!(v.indices.windows(2).all(|w| w[0] < w[1]), "ascending, distinct: {v:?}");
    assert!(v.values.iter().all(|x| x.is_finite() && *x >= 0.0 && (!query || *x == 1.0)));
}

#[test]
fn no_panic_on_any_text_with_any_stemmer() {
    let languages = [
        "ar", "hy", "da", "nl", "en", "fi", "fr", "de", "el", "hu", "it", "no", "pt", "ro", "ru",
        "es", "sv", "ta", "tr", "klingon",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for (i, language) in languages.iter().enumerate() {
        let tokenizer = ["word", "whitespace", "prefix"][i % 3];
        let options = json!({
            "language": language, "stopwords": {}, "tokenizer": tokenizer,
            "lowercase": i % 2 == 0, "ascii_folding": i % 4 < 2,
            "min_token_len": i % 3, "max_token_len": 2 + i % 5,
        });
        let bm25 = Bm25::new(Some(&options)).unwrap();
        for _ in 0..1500 {
            let text = random_text(&mut rng);
            check_vector(&bm25.embed_document(&text), false);
            check_vector(&bm25.embed_query(&text), true);
        }
    }
}

/// Qdrant's prefix loop, literally (`PrefixTokenizer::tokenize` in `tokenizers/mod.rs`).
fn qdrant_prefixes(word: &str, min: usize, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    for n in min..=max {
        match word.char_indices().map(|(i, _)| i).nth(n) {
            Some(end) => out.push(word[..end].to_string()),
            None => {
                out.push(word.to_string());
                break;
            }
        }
    }
    out
}

#[test]
fn prefixes_follow_qdrants_loop() {
    for word in ["", "a", "hello", "мир", "日本語のテキスト"] {
        for (min, max) in [(0, 0), (0, 3), (1, 1), (1, 4), (2, 100), (3, 2), (1, usize::MAX)] {
            let mut ours = Vec::new();
            tokenize::prefixes(word, min, max, &mut ours);
            assert_eq!(ours, qdrant_prefixes(word, min, max), "{word:?} {min}..={max}");
        }
    }
}

/// The weight of `lib/bm25`'s own unit test: "the" twice in "the cat sat on the", k1 = 1.2,
/// b = 0.75, avg_len = 5 → 1.375 (no stopwords or stemming, so the tokens are the words).
#[test]
fn document_weight_of_qdrants_example() {
    let options = json!({"avg_len": 5, "stopwords": {}, "stemmer": {"type": "none"}});
    let v = Bm25::new(Some(&options)).unwrap().embed_document("the cat sat on the");
    let at = v.indices.iter().position(|&i| i == token_id("the")).unwrap();
    assert!((v.values[at] - 1.375).abs() < 1e-6);
    assert_eq!(v.indices.len(), 4);
}

/// A very long word under the prefix tokenizer costs memory linear in its length.
#[test]
fn long_prefix_word() {
    let word = "Ab".repeat(5_000);
    let bm25 = Bm25::new(Some(&json!({"tokenizer": "prefix", "stemmer": {"type": "none"}})));
    let v = bm25.unwrap().embed_document(&word);
    assert_eq!(v.indices.len(), 10_000);
}
