//! Tokenizer cases (accents, punctuation, `##` pieces, unknown words, CJK, truncation) and model
//! file validation (a tiny model written here: truncated, corrupt or malformed → errors).

use super::chars::{CharClasses, CharTables};
use super::tokenizer::Tokenizer;
use super::MiniLm;
use crate::kernels::half::f16_from_f32;
use crate::snapshot::xxh64;
use serde_json::{json, Value};

const VOCAB: &[&str] = &[
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", ",", "world", "!", "play", "##ing", "##s", "cafe", "中", "a", "un", "##able",
    "ᄒ", "##ᅡ", "##ᆫ", "ε", "##σ",
];

/// A slice of the real tables: the punctuation, control and accent chars the cases use.
fn classes() -> CharClasses {
    let tables: CharTables = crate::json::from_value(&json!({
        "punctuation": [[0x2018, 0x201F], [0x2026, 0x2026]],
        "other": [[0x00, 0x1F], [0x7F, 0x9F], [0xAD, 0xAD], [0x200B, 0x200F]],
        "marks": [[0x300, 0x36F]],
        "decompositions": {"é": "e", "Ü": "U", "Å": "A"}
    }))
    .unwrap();
    CharClasses::new(tables).unwrap()
}

fn tokenizer(max_tokens: usize) -> Tokenizer {
    let vocab: Vec<String> = VOCAB.iter().map(|s| s.to_string()).collect();
    Tokenizer::new(&vocab, classes(), max_tokens).unwrap()
}

fn tokens(text: &str) -> Vec<&'static str> {
    tokenizer(256).encode(text).into_iter().map(|id| VOCAB[id as usize]).collect()
}

#[test]
fn tokenizer_cases() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("punctuation split off, lowercased", "Hello, WORLD!", &["hello", ",", "world", "!"]),
        ("precomposed accent stripped", "Café", &["cafe"]),
        ("combining accent dropped", "Cafe\u{301}", &["cafe"]),
        ("decomposition then lowercase", "\u{C5}", &["a"]),
        ("## continuation pieces", "playing plays", &["play", "##ing", "play", "##s"]),
        ("longest match first", "unable", &["un", "##able"]),
        ("unknown word is one [UNK]", "playx hello", &["[UNK]", "hello"]),
        ("unknown continuation makes the word [UNK]", "playingx", &["[UNK]"]),
        ("control and format chars removed", "hel\u{200B}lo\u{AD}", &["hello"]),
        ("whitespace kinds", "hello\t\nworld\u{3000}!", &["hello", "world", "!"]),
        ("CJK ideographs split", "中中", &["中", "中"]),
        ("non-ASCII punctuation", "hello…world", &["hello", "[UNK]", "world"]),
        ("ASCII symbols are punctuation", "a$a", &["a", "[UNK]", "a"]),
        ("Hangul syllable decomposed to jamo", "한", &["ᄒ", "##ᅡ", "##ᆫ"]),
        ("no final sigma: char lowercasing", "ΕΣ", &["ε", "##σ"]),
        ("empty text", "", &[]),
    ];
    for (name, text, pieces) in cases {
        let mut want = vec!["[CLS]"];
        want.extend_from_slice(pieces);
        want.push("[SEP]");
        assert_eq!(tokens(text), want, "{name}: {text:?}");
    }
}

#[test]
fn long_words_and_truncation() {
    let long = "a".repeat(101);
    assert_eq!(tokens(&long), ["[CLS]", "[UNK]", "[SEP]"], "a word over 100 chars is [UNK]");
    let text = vec!["playing"; 200].join(" ");
    let ids = tokenizer(256).encode(&text);
    assert_eq!(ids.len(), 256, "truncated to max_tokens, specials included");
    assert_eq!(ids.first(), Some(&2));
    assert_eq!(ids.last(), Some(&3));
    assert_eq!(&ids[253..], [8, 9, 3]);
    let ids = tokenizer(5).encode("playing playing");
    assert_eq!(ids, [2, 8, 9, 8, 3], "pieces are cut, not words");
}

#[test]
fn tables_are_checked() {
    let bad = json!({"punctuation": [[5, 1]], "other": [], "marks": [], "decompositions": {}});
    assert!(CharClasses::new(crate::json::from_value(&bad).unwrap()).is_err());
    let bad = json!({"punctuation": [], "other": [], "marks": [], "decompositions": {"ab": "a"}});
    assert!(CharClasses::new(crate::json::from_value(&bad).unwrap()).is_err());
    let vocab = vec!["[CLS]".to_string()];
    assert!(Tokenizer::new(&vocab, classes(), 8).is_err(), "vocabulary without [SEP]/[UNK]");
}

/// A model file as `scripts/minilm/convert.py` writes it: dim 4, 2 heads, 1 layer.
fn tiny_model() -> Vec<u8> {
    let (d, f, t, v) = (4usize, 8usize, 8usize, VOCAB.len());
    let mut shapes: Vec<(String, &str, Vec<usize>)> = vec![
        ("embeddings.word_embeddings.weight".into(), "f16", vec![v, d]),
        ("embeddings.position_embeddings.weight".into(), "f16", vec![t, d]),
        ("embeddings.token_type_embeddings.weight".into(), "f32", vec![2, d]),
        ("embeddings.LayerNorm.weight".into(), "f32", vec![d]),
        ("embeddings.LayerNorm.bias".into(), "f32", vec![d]),
    ];
    let p = "encoder.layer.0";
    for (part, out, inp) in [("attention.self.query", d, d), ("attention.self.key", d, d), ("attention.self.value", d, d), ("attention.output.dense", d, d), ("intermediate.dense", f, d), ("output.dense", d, f)] {
        shapes.push((format!("{p}.{part}.weight"), "f16", vec![out, inp]));
        shapes.push((format!("{p}.{part}.bias"), "f32", vec![out]));
    }
    for part in ["attention.output.LayerNorm", "output.LayerNorm"] {
        shapes.push((format!("{p}.{part}.weight"), "f32", vec![d]));
        shapes.push((format!("{p}.{part}.bias"), "f32", vec![d]));
    }
    let (mut data, mut tensors, mut k) = (Vec::new(), serde_json::Map::new(), 0u32);
    for (name, dtype, shape) in shapes {
        tensors.insert(name, json!({"dtype": dtype, "shape": shape, "offset": data.len()}));
        for _ in 0..shape.iter().product::<usize>() {
            k += 1;
            let x = ((k * 37) % 17) as f32 / 17.0 - 0.4;
            match dtype {
                "f16" => data.extend(f16_from_f32(x).to_le_bytes()),
                _ => data.extend(x.to_le_bytes()),
            }
        }
    }
    let header = json!({
        "name": "Sentence-Transformers/all-MiniLM-L6-v2", "dim": d, "layers": 1, "heads": 2,
        "intermediate": f, "max_tokens": t, "layer_norm_eps": 1e-12, "vocab": VOCAB,
        "normalizer": {"punctuation": [], "other": [], "marks": [], "decompositions": {}},
        "data_bytes": data.len(), "data_xxh64": xxh64(&data, 0), "tensors": Value::Object(tensors),
    });
    let head = serde_json::to_vec(&header).unwrap();
    let mut file = b"SIMILEML".to_vec();
    file.extend(1u32.to_le_bytes());
    file.extend((head.len() as u32).to_le_bytes());
    file.extend(head);
    file.extend(data);
    file
}

fn read(bytes: &[u8]) -> crate::Result<MiniLm> {
    MiniLm::read(&bytes)
}

#[test]
fn a_valid_file_loads_and_embeds() {
    let model = read(&tiny_model()).unwrap();
    let info = model.info();
    assert_eq!((info.name.as_str(), info.dim), ("sentence-transformers/all-minilm-l6-v2", 4));
    let e = model.embed("hello, world! playing cafe 中 and more words than fit in eight tokens");
    let norm: f32 = e.iter().map(|x| x * x).sum();
    assert_eq!(e.len(), 4);
    assert!((norm - 1.0).abs() < 1e-5, "unit length: {norm}");
    assert!(e.iter().all(|x| x.is_finite()));
}

#[test]
fn damaged_files_are_errors() {
    let good = tiny_model();
    for cut in (0..good.len()).step_by(7).chain([good.len() - 1]) {
        assert!(read(&good[..cut]).is_err(), "truncated at {cut}");
    }
    let mut longer = good.clone();
    longer.push(0);
    assert!(read(&longer).is_err(), "trailing byte");
    let data_byte = good.len() - 3;
    for (at, what) in [(0, "magic"), (8, "version"), (12, "header length"), (20, "header JSON"), (data_byte, "tensor data")] {
        let mut bad = good.clone();
        bad[at] ^= 0x41;
        let err = read(&bad).expect_err(what).to_string();
        assert!(err.contains("Invalid model file"), "{what}: {err}");
    }
    for (from, to, what) in [("\"heads\":2", "\"heads\":3", "heads not dividing dim"), ("[21,4]", "[20,4]", "word shape")] {
        let at = good.windows(from.len()).position(|w| w == from.as_bytes()).expect(what);
        let mut bad = good.clone();
        bad[at..at + to.len()].copy_from_slice(to.as_bytes());
        assert!(read(&bad).is_err(), "{what}");
    }
}
