//! `qdrant/bm25` inference against Qdrant's engine: simile's `Bm25` and the Edge build of
//! Qdrant (`qdrant-edge-py`, set up by `scripts/oracle-env.sh`) embed the same texts — the
//! 20,000 Debian package summaries of the demo data, then a multilingual set under
//! non-default options — as documents and as queries; indices must be equal and values
//! within 1e-6. Then the error cases, which need no oracle.


#[path = "support/oracle.rs"]
mod oracle;

use serde_json::{json, Value};
use simile::inference::{embed_text, Bm25, SparseVector, TextRole};
use simile::Error;

/// Texts for the option cases: accents, case mappings, scripts, stemming, separators.
const TRICKY: &[&str] = &[
    "",
    "   ",
    "!!! ... ---",
    "The running runners ran; they're RUNNING! Running, run, runs.",
    "foo foo foo bar foo bar baz",
    "Straße ΣΊΣΥΦΟΣ ὈΔΥΣΣΕΎΣ İstanbul ıi DŽ ǅ ǆ",
    "ação café jalapeño Über Æsop Œuvre Łódź naïve façade",
    "“quote” — test １②⒊ ﬁne ﬂow ＡＢＣ ⓐⓑ",
    "日本語のテキスト 中文分词 한국어 😀 emoji 🎉 x86_64 i386 v2.0",
    "a\u{0}b \u{0} c \u{0}",
    "e\u{301}cole cafe\u{301} n\u{303}",
    "tab\tseparated\nnew line  multiple   spaces\u{a0}nbsp\u{2003}em",
    "Die Häuser und die Bäume sind schön, größer als üblich; Fußgänger gehen.",
    "Les élèves étaient très fatigués après l'école, mais ils ont continué.",
    "Русский текст с разными словами и падежами: книги, книгой, книгами.",
    "Οι άνθρωποι τρέχουν γρήγορα στους δρόμους της πόλης.",
    "Los niños estaban corriendo por las calles de la ciudad.",
    "الكتاب والكتب في المكتبة الكبيرة",
    "kitaplarımızdan geliyorum ve gidiyorsunuz",
    "Հայերեն լեզուն գեղեցիկ է",
    "தமிழ் மொழி மிகவும் பழமையானது",
    "De kinderen liepen snel naar huis; hij zei dat het goed was.",
    "Barnen sprang snabbt hem och de var mycket glada.",
    "Az emberek gyorsan futottak a városban.",
    "I bambini correvano velocemente per le strade della città.",
];

/// One vector as the oracle prints it: indices and the f32 bit patterns of the values.
type Printed = (Vec<u32>, Vec<u32>);

/// The oracle's answer for one case: Edge's refusal, or per text (document, query).
type Answer = Result<Vec<(Printed, Printed)>, String>;

fn parse_vector(line: &str) -> Printed {
    let (indices, values) = line.split_once(';').expect("indices;values");
    let indices = indices.split_whitespace().map(|i| i.parse().unwrap()).collect();
    let values = values.split_whitespace().map(|v| u32::from_str_radix(v, 16).unwrap()).collect();
    (indices, values)
}

/// Runs the oracle over `cases` (`{"options", "texts"}` each) and reads its answers.
fn oracle(python: &str, cases: &[Value]) -> Vec<Answer> {
    let text = oracle::run(python, "tests/congruence/bm25_oracle.py", &json!({ "cases": cases }));
    let mut lines = text.lines();
    let mut answers = Vec::new();
    for case in cases {
        let head = lines.next().expect("a case header");
        if let Some(message) = head.strip_prefix("error ") {
            answers.push(Err(serde_json::from_str(message).unwrap()));
            continue;
        }
        assert_eq!(head, "ok");
        let n = case["texts"].as_array().unwrap().len();
        let mut next = || parse_vector(lines.next().expect("a vector line"));
        answers.push(Ok((0..n).map(|_| (next(), next())).collect()));
    }
    answers
}

fn demo_texts() -> Vec<String> {
    let items: Value =
        serde_json::from_str(&std::fs::read_to_string("www/data/items.json").unwrap()).unwrap();
    let names = items["name"].as_array().unwrap();
    let summaries = items["summary"].as_array().unwrap();
    assert_eq!(names.len(), 20_000);
    names
        .iter()
        .zip(summaries)
        .map(|(n, s)| format!("{}: {}", n.as_str().unwrap(), s.as_str().unwrap()))
        .collect()
}

#[derive(Default)]
struct Tally {
    vectors: usize,
    empty: usize,
    nonzeros: usize,
    exact: usize,
}

/// Compares one of our vectors with the oracle's.
fn check(ours: &SparseVector, theirs: &Printed, what: &str, tally: &mut Tally) {
    let (indices, bits) = theirs;
    let values: Vec<f32> = bits.iter().map(|b| f32::from_bits(*b)).collect();
    assert_eq!(&ours.indices, indices, "indices differ: {what}");
    assert_eq!(ours.values.len(), values.len(), "{what}");
    for (a, b) in ours.values.iter().zip(&values) {
        assert!((a - b).abs() <= 1e-6, "values differ: {what}: {a} vs {b}");
    }
    tally.vectors += 1;
    tally.empty += indices.is_empty() as usize;
    tally.nonzeros += indices.len();
    tally.exact += ours.values.iter().map(|v| v.to_bits()).eq(bits.iter().copied()) as usize;
}

/// One comparison: our options, the oracle's (equal unless Edge spells the same model
/// differently), the texts.
struct Case {
    ours: Value,
    edge: Value,
    texts: Vec<String>,
}

fn case(ours: Value, edge: Option<Value>, texts: &[String]) -> Case {
    Case { edge: edge.unwrap_or_else(|| ours.clone()), ours, texts: texts.to_vec() }
}

fn cases(demo: &[String]) -> Vec<Case> {
    let tricky: Vec<String> = TRICKY.iter().map(|s| s.to_string()).collect();
    let mixed: Vec<String> = tricky.iter().chain(&demo[..500]).cloned().collect();
    // Qdrant's server treats an unknown language as "no stemmer, no stopwords"; Edge rejects
    // it, so the oracle gets that configuration spelled out.
    let plain = json!({"stemmer": {"type": "none"}, "stopwords": {}});
    vec![
        case(json!({}), None, demo),
        case(json!({}), None, &tricky),
        case(json!({"k": 0.9, "b": 0.4, "avg_len": 12}), None, &mixed),
        case(json!({"k": 2, "b": 1, "avg_len": 3.5, "lowercase": false}), None, &mixed),
        case(json!({"k": 0, "b": 0, "avg_len": 1e-3}), None, &mixed),
        case(json!({"language": "german"}), None, &mixed),
        case(json!({"language": "fr", "ascii_folding": true}), None, &mixed),
        case(json!({"language": "russian", "min_token_len": 3, "max_token_len": 8}), None, &mixed),
        case(json!({"language": "greek"}), None, &tricky),
        case(json!({"language": "es", "lowercase": false}), None, &tricky),
        case(json!({"language": "arabic"}), None, &tricky),
        case(json!({"language": "turkish", "ascii_folding": true}), None, &tricky),
        case(json!({"language": "dutch"}), None, &tricky),
        case(json!({"language": "swedish"}), None, &tricky),
        case(json!({"language": "hungarian"}), None, &tricky),
        case(json!({"language": "italian"}), None, &tricky),
        case(json!({"tokenizer": "whitespace"}), None, &mixed),
        case(json!({"tokenizer": "prefix"}), None, &mixed),
        case(json!({"tokenizer": "prefix", "min_token_len": 2, "max_token_len": 5}), None, &mixed),
        case(json!({"tokenizer": "prefix", "max_token_len": 3, "language": "german"}), None, &tricky),
        case(
            json!({"stopwords": {"languages": ["english", "french"], "custom": ["Package", "LIBRARY"]},
                   "stemmer": {"type": "none"}}),
            None,
            &mixed,
        ),
        case(
            json!({"stopwords": {"custom": ["Data", "tool"]}, "lowercase": false,
                   "stemmer": {"type": "snowball", "language": "english"}}),
            None,
            &mixed,
        ),
        case(json!({"language": "english", "stopwords": "german"}), None, &tricky),
        case(
            json!({"language": "german", "stemmer": {"type": "snowball", "language": "ru"}}),
            Some(json!({"language": "german", "stemmer": {"type": "snowball", "language": "russian"}})),
            &tricky,
        ),
        case(json!({"language": "klingon"}), Some(plain.clone()), &mixed),
        case(json!({"language": "none", "tokenizer": "whitespace"}), Some(json!({"stemmer": {"type": "none"}, "stopwords": {}, "tokenizer": "whitespace"})), &tricky),
        case(
            json!({"language": "armenian"}),
            Some(json!({"stemmer": {"type": "snowball", "language": "armenian"}, "stopwords": {}})),
            &tricky,
        ),
        case(
            json!({"language": "ta"}),
            Some(json!({"stemmer": {"type": "snowball", "language": "tamil"}, "stopwords": {}})),
            &tricky,
        ),
    ]
}

#[test]
fn bm25_matches_qdrant_edge() {
    let python = oracle::python();
    let demo = demo_texts();
    let cases = cases(&demo);
    let request: Vec<Value> =
        cases.iter().map(|c| json!({"options": c.edge, "texts": c.texts})).collect();
    let started = std::time::Instant::now();
    let answers = std::thread::spawn(move || oracle(&python, &request));
    let ours: Vec<Vec<(SparseVector, SparseVector)>> = cases
        .iter()
        .map(|case| {
            let bm25 = Bm25::new(Some(&case.ours)).unwrap();
            case.texts.iter().map(|t| (bm25.embed_document(t), bm25.embed_query(t))).collect()
        })
        .collect();
    let answers = answers.join().unwrap();
    println!("simile and Edge embedded in {:.1} s", started.elapsed().as_secs_f64());
    let (mut docs, mut queries) = (Tally::default(), Tally::default());
    for ((case, answer), ours) in cases.iter().zip(&answers).zip(&ours) {
        let theirs = answer.as_ref().unwrap_or_else(|e| panic!("Edge refused {}: {e}", case.edge));
        for ((text, (doc, query)), (edge_doc, edge_query)) in case.texts.iter().zip(ours).zip(theirs) {
            let what = format!("{} on {text:?}", case.ours);
            check(doc, edge_doc, &what, &mut docs);
            check(query, edge_query, &what, &mut queries);
        }
    }
    for (name, t) in [("documents", &docs), ("queries", &queries)] {
        println!(
            "bm25 {name}: {} vectors equal ({} empty, {} nonzeros, {} bit-identical) over {} option sets",
            t.vectors, t.empty, t.nonzeros, t.exact, cases.len()
        );
    }
    assert_eq!(docs.vectors, docs.exact, "every document vector is bit-identical");
}

/// Parameter checks: the same rule and message as the oracle's (`Bm25Params::validate`).
#[test]
fn bm25_parameter_errors_match_qdrant_edge() {
    let python = oracle::python();
    let bad = [json!({"k": -1}), json!({"b": 1.5}), json!({"b": -0.1}), json!({"avg_len": 0})];
    let request: Vec<Value> = bad.iter().map(|o| json!({"options": o, "texts": []})).collect();
    let answers = oracle(&python, &request);
    for (options, answer) in bad.iter().zip(&answers) {
        let err = Bm25::new(Some(options)).unwrap_err();
        assert_eq!(err.status(), 400, "{options}");
        let Error::WrongInput { description } = &err else { panic!("{err:?}") };
        assert_eq!(answer.as_ref().err(), Some(description), "{options}");
    }
    println!("bm25 parameter errors: {} cases, same messages as Edge", bad.len());
}

/// Inference objects: model names, empty texts, option errors (Qdrant's 400 wording), and
/// what simile does not bundle (501).
#[test]
fn bm25_inference_objects_and_errors() {
    let doc = |model: &str, text: &str, options: Value| {
        embed_text(model, text, Some(&options), TextRole::Document)
    };
    let reference = doc("qdrant/bm25", "Running dogs", json!({})).unwrap();
    assert_eq!(reference.indices.len(), 2);
    for model in ["Qdrant/BM25", "bm25", "BM25"] {
        assert_eq!(doc(model, "Running dogs", Value::Null).unwrap(), reference, "{model}");
    }
    for role in [TextRole::Document, TextRole::Query] {
        for text in ["", "  ", "the of and"] {
            assert_eq!(embed_text("qdrant/bm25", text, None, role).unwrap(), SparseVector::default());
        }
    }
    let unknown = doc("BAAI/bge-small-en-v1.5", "x", json!({})).unwrap_err();
    assert_eq!(unknown.status(), 501, "{unknown}");
    // MiniLM is dense: in a sparse vector's place it is the sparse/dense conversion error.
    let dense = doc("sentence-transformers/all-MiniLM-L6-v2", "x", json!({})).unwrap_err();
    assert_eq!(dense.to_string(), "Wrong input: Conversion between sparse and regular vectors failed");
    // An unknown language switches stemming and stopwords off (deprecated, not refused).
    let plain = doc("bm25", "the running", json!({"stemmer": {"type": "none"}, "stopwords": {}}));
    assert_eq!(doc("bm25", "the running", json!({"language": "klingon"})), plain);
    let bad_input = [
        (json!({"k": "x"}), r#"Invalid BM25 config: Error("invalid type: string \"x\", expected f64", line: 0, column: 0)"#),
        (json!({"tokenizer": "code"}), r#"Invalid BM25 config: Error("unknown variant `code`, expected one of `prefix`, `whitespace`, `word`, `multilingual`", line: 0, column: 0)"#),
        (json!({"stopwords": "klingon"}), r#"Invalid BM25 config: Error("data did not match any variant of untagged enum StopwordsInterface", line: 0, column: 0)"#),
        (json!({"stemmer": {"type": "snowball"}}), r#"Invalid BM25 config: Error("data did not match any variant of untagged enum StemmingAlgorithm", line: 0, column: 0)"#),
        (json!({"min_token_len": -1}), r#"Invalid BM25 config: Error("invalid value: integer `-1`, expected usize", line: 0, column: 0)"#),
        (json!({"b": 2}), "BM25 b must be finite and in [0.0, 1.0], got 2"),
    ];
    for (options, message) in &bad_input {
        let err = doc("qdrant/bm25", "x", options.clone()).unwrap_err();
        assert_eq!(err, Error::WrongInput { description: message.to_string() }, "{options}");
        assert_eq!(err.status(), 400);
    }
    let not_object = doc("qdrant/bm25", "x", json!([1])).unwrap_err();
    assert_eq!(not_object.status(), 400, "{not_object}");
    for options in [json!({"tokenizer": "multilingual"}), json!({"language": "chinese"}),
                    json!({"stopwords": {"languages": ["english", "hebrew"]}})] {
        let err = doc("qdrant/bm25", "x", options.clone()).unwrap_err();
        assert_eq!(err.status(), 501, "{options}: {err}");
        println!("{options}: {err}");
    }
    println!("bm25 inference objects: {} option errors, 3 unsupported, unknown model", bad_input.len());
}

/// Ingest speed: the 20,000 demo texts as documents with one model. Run it optimised:
/// `cargo test --release --test bm25_edge bm25_ingest_speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn bm25_ingest_speed() {
    let demo = demo_texts();
    let bm25 = Bm25::new(None).unwrap();
    let mut best = f64::INFINITY;
    let mut nonzeros = 0;
    for _ in 0..5 {
        let started = std::time::Instant::now();
        nonzeros = demo.iter().map(|t| bm25.embed_document(t).indices.len()).sum::<usize>();
        best = best.min(started.elapsed().as_secs_f64());
    }
    let bytes: usize = demo.iter().map(|t| t.len()).sum();
    println!("bm25: 20,000 documents ({bytes} bytes, {nonzeros} nonzeros) in {:.1} ms", best * 1e3);
    assert!(best < 1.0);
}
