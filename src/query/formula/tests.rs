//! The rules of formula parsing, evaluation and rescoring, each pinned to Qdrant's behaviour
//! (v1.19.0 sources cited in the modules).

use serde_json::{json, Value};

use super::*;
use crate::collection::{Collection, PointInsert, VectorParams, VectorsConfig};
use crate::distance::Distance;
use crate::point_id::PointId;
use crate::query::topk::Scored;

/// One point per payload, ids 1.., offsets 0...
fn coll(payloads: &[Value]) -> Collection {
    let config = VectorsConfig::Single(VectorParams { size: 2, distance: Distance::Dot, multivector_config: None, datatype: None });
    let mut c = Collection::new(config).unwrap();
    let points = payloads
        .iter()
        .enumerate()
        .map(|(i, p)| PointInsert {
            id: PointId::Num(i as u64 + 1),
            vectors: vec![(String::new(), vec![1.0, 0.0])],
            payload: p.as_object().unwrap().clone(),
        })
        .collect();
    c.upsert(points).unwrap();
    c
}

fn formula(f: Value) -> Formula {
    Formula::parse(&json!({ "formula": f })).unwrap()
}

fn parse_err(q: Value) -> (u16, String) {
    let e = Formula::parse(&q).unwrap_err();
    (e.status(), e.to_string())
}

/// Scores `f` on a point with `payload` and prefetch scores `[0.5, None]`.
fn eval(f: Value, payload: Value) -> Result<f32> {
    eval_with(json!({ "formula": f }), payload)
}

fn eval_with(q: Value, payload: Value) -> Result<f32> {
    let c = coll(&[payload]);
    Formula::parse(&q)?.score(&c, 0, &[Some(0.5), None])
}

fn err(r: Result<f32>) -> String {
    r.unwrap_err().to_string()
}

#[test]
fn untagged_variants_are_tried_in_qdrants_order() {
    assert!(matches!(formula(json!(2)).expr(), Expr::Constant(c) if *c == 2.0));
    // An empty object is an empty filter: a condition that always holds.
    assert!(matches!(formula(json!({})).expr(), Expr::Condition(_)));
    assert!(matches!(formula(json!({"neg": 1, "abs": -2})).expr(), Expr::Neg(_)));
    // A variant that fails to read lets a later one be tried.
    assert!(matches!(formula(json!({"mult": "bad", "sum": [1]})).expr(), Expr::Sum(_)));
    assert_eq!(eval(json!({"key": "t", "match": {"value": "x"}}), json!({"t": "x"})).unwrap(), 1.0);
    let (status, msg) = parse_err(json!({"formula": {"sum": [1, true]}}));
    assert_eq!(status, 400);
    assert!(msg.starts_with("Format error in JSON body: formula: data did not match any variant"), "{msg}");
    assert!(msg.contains("formula.sum[1]"), "{msg}");
    assert_eq!(parse_err(json!({"defaults": {}})).1, "Format error in JSON body: missing field `formula`");
}

#[test]
fn constants_are_f32_widened() {
    assert_eq!(eval(json!(0.1), json!({})).unwrap(), 0.1f32);
    assert!(matches!(formula(json!(0.1)).expr(), Expr::Constant(c) if *c == f64::from(0.1f32)));
    // 1e39 is an infinite f32, and the result must be finite.
    assert!(err(eval(json!(1e39), json!({}))).contains("as f32 = inf produced a non-finite number"));
}

#[test]
fn variable_names() {
    assert_eq!(VariableId::parse("$score"), Ok(VariableId::Score(0)));
    assert_eq!(VariableId::parse("$score[3]"), Ok(VariableId::Score(3)));
    assert_eq!(VariableId::parse("$score[]"), Err("Invalid reserved variable: $score[]".into()));
    assert_eq!(VariableId::parse("$score.x"), Err("Invalid reserved variable: $score.x".into()));
    assert_eq!(VariableId::parse("$foo"), Err("Invalid reserved word: $foo".into()));
    assert_eq!(VariableId::parse(""), Err("Invalid payload variable: ".into()));
    let (status, msg) = parse_err(json!({"formula": {"sum": [1, "$foo"]}}));
    assert_eq!(status, 400);
    assert_eq!(msg, "Wrong input: Validation failed: failed to parse variable ID $foo: Invalid reserved word: $foo");
}

#[test]
fn checks_run_in_qdrants_order() {
    // Shape (400) before validation (422) before conversion (400).
    let (status, _) = parse_err(json!({"formula": {"sum": ["$foo", true]}, "defaults": {"$bad": 1}}));
    assert_eq!(status, 400);
    let (status, msg) = parse_err(json!({"formula": "$foo", "defaults": {"$bad": 1, "$score": "x"}}));
    assert_eq!(status, 422);
    assert_eq!(
        msg,
        "Validation error in JSON body: defaults: Invalid reserved word: $bad; \
         defaults: Validation error: Score default must be a number [{}]"
    );
    let (status, msg) = parse_err(json!({"formula": {"neg": {"key": "a"}}}));
    assert_eq!((status, msg.as_str()), (422, "Validation error in JSON body: formula.neg: At least one field condition must be specified"));
    // `pow` params are not validated.
    assert!(Formula::parse(&json!({"formula": {"pow": {"base": {"key": "a"}, "exponent": 1}}})).is_ok());
}

#[test]
fn decay_parameters() {
    let lin = |m: f64| Formula::parse(&json!({"formula": {"lin_decay": {"x": 1, "midpoint": m}}}));
    assert!(lin(0.0).is_ok() && lin(1.0).is_ok());
    assert_eq!(
        lin(1.5).unwrap_err().to_string(),
        "Wrong input: Validation failed: Linear decay midpoint should be in the range [0.0, 1.0], got 1.5."
    );
    let (_, msg) = parse_err(json!({"formula": {"exp_decay": {"x": 1, "midpoint": 1}}}));
    assert!(msg.ends_with("Decay midpoint should be in the range (0.0, 1.0), got 1."), "{msg}");
    let (_, msg) = parse_err(json!({"formula": {"gauss_decay": {"x": "$bad", "scale": 0}}}));
    assert!(msg.ends_with("Decay scale should be non-zero positive, got 0."), "{msg}");
    // Defaults: midpoint 0.5 at |x - target| = scale = 1.
    for kind in ["lin_decay", "exp_decay", "gauss_decay"] {
        assert_eq!(eval(json!({kind: {"x": 3, "target": 2}}), json!({})).unwrap(), 0.5, "{kind}");
    }
    assert_eq!(eval(json!({"lin_decay": {"x": 10}}), json!({})).unwrap(), 0.0);
}

#[test]
fn payload_values() {
    assert_eq!(eval(json!("a"), json!({"a": [3]})).unwrap(), 3.0);
    assert_eq!(eval(json!("a.b"), json!({"a": {"b": 2.5}})).unwrap(), 2.5);
    assert_eq!(eval(json!("a[1]"), json!({"a": [1, 7]})).unwrap(), 7.0);
    assert_eq!(eval(json!("a[]"), json!({"a": [4]})).unwrap(), 4.0);
    let msg = err(eval(json!("a"), json!({"a": [1, 2]})));
    assert_eq!(
        msg,
        "Wrong input: Expected number value for a in the payload and/or in the formula defaults. \
         Error: Value is not a number"
    );
    assert!(err(eval(json!("a"), json!({"a": "1"}))).ends_with("Error: Value is not a number"));
    assert!(err(eval(json!("a"), json!({"a": []}))).ends_with("Error: No value found in a payload nor defaults"));
    let with_default = json!({"formula": "a", "defaults": {"a": 9}});
    assert_eq!(eval_with(with_default.clone(), json!({"a": []})).unwrap(), 9.0);
    assert_eq!(eval_with(with_default, json!({"a": 2})).unwrap(), 2.0);
}

#[test]
fn prefetch_scores_and_their_defaults() {
    assert_eq!(eval(json!("$score"), json!({})).unwrap(), 0.5);
    assert_eq!(eval(json!("$score[1]"), json!({})).unwrap(), 0.0);
    assert_eq!(eval(json!("$score[7]"), json!({})).unwrap(), 0.0);
    let q = json!({"formula": "$score[1]", "defaults": {"$score[1]": 4}});
    assert_eq!(eval_with(q, json!({})).unwrap(), 4.0);
    let q = json!({"formula": "$score", "defaults": {"$score": 4}});
    assert_eq!(eval_with(q, json!({})).unwrap(), 0.5);
}

#[test]
fn arithmetic_short_cuts_and_non_finite_results() {
    // `mult` stops at a zero; `div` with a zero numerator never reads the denominator.
    assert_eq!(eval(json!({"mult": [0, "missing"]}), json!({})).unwrap(), 0.0);
    assert!(eval(json!({"mult": ["missing", 0]}), json!({})).is_err());
    assert_eq!(eval(json!({"div": {"left": 0, "right": "missing"}}), json!({})).unwrap(), 0.0);
    assert_eq!(eval(json!({"div": {"left": 1, "right": 0, "by_zero_default": 7}}), json!({})).unwrap(), 7.0);
    let nf = |f: Value| err(eval(f, json!({})));
    assert_eq!(nf(json!({"div": {"left": 1, "right": 0}})), "Wrong input: The expression 1/0 = inf produced a non-finite number");
    assert!(nf(json!({"sqrt": -3})).contains("√-3 = NaN"));
    assert!(nf(json!({"pow": {"base": -1, "exponent": 0.4000000059604645}})).contains("-1^0.4000000059604645 = NaN"));
    assert!(nf(json!({"log10": 0})).contains("log10(0) = -inf"));
    assert!(nf(json!({"ln": 0})).contains("ln(0) = -inf"));
    assert!(nf(json!({"exp": 1000})).contains("exp(1000) = inf"));
    // Sums and products carry infinities to the final check.
    assert!(nf(json!({"mult": [1e30, 1e30]})).contains("as f32 = inf"));
    assert_eq!(eval(json!({"abs": {"neg": 2}}), json!({})).unwrap(), 2.0);
}

#[test]
fn geo_and_datetime() {
    let geo = json!({"geo_distance": {"origin": {"lat": 0, "lon": 0}, "to": "loc"}});
    let d = eval(geo.clone(), json!({"loc": {"lat": 0, "lon": 1}})).unwrap();
    assert!((d - 111_195.08).abs() < 1.0, "{d}");
    let msg = err(eval(geo, json!({"loc": {"lat": 91, "lon": 0}})));
    assert!(msg.contains("Expected geo point value for loc") && msg.contains("Wrong format of GeoPoint payload"), "{msg}");
    let day = eval(json!({"datetime": "1970-01-02"}), json!({})).unwrap();
    assert_eq!(day, 86_400.0);
    assert_eq!(eval(json!({"datetime_key": "t"}), json!({"t": "1970-01-01T00:00:01.5Z"})).unwrap(), 1.5);
    assert!(err(eval(json!({"datetime_key": "t"}), json!({"t": 5}))).ends_with("Error: Value is not a string"));
    let msg = err(eval(json!({"datetime_key": "t"}), json!({"t": "yesterday"})));
    assert!(msg.ends_with("Error: input contains invalid characters"), "{msg}");
    let bad = |s: &str| parse_err(json!({"formula": {"datetime": s}})).1;
    assert_eq!(bad("2024-13-01"), "Wrong input: Validation failed: failed to parse date-time 2024-13-01: input is out of range");
    assert!(bad("2024-01").ends_with("premature end of input"));
    assert!(bad("2024-01-01 junk").ends_with("trailing input"));
}

/// `{"neg": {"neg": … 1}}`, `n` levels (built by hand: `json!` would copy the inner value).
fn nest(n: usize) -> Value {
    (0..n).fold(json!(1), |e, _| Value::Object([("neg".to_string(), e)].into_iter().collect()))
}

#[test]
fn nesting_is_bounded() {
    // The deepest formula parses and evaluates within 1 MiB of stack (a wasm stack's size)
    // even unoptimized, where frames are several times larger than in a release build.
    let deepest = nest(MAX_EXPRESSION_DEPTH - 1);
    let run = std::thread::Builder::new().stack_size(1024 * 1024).spawn(move || eval(deepest, json!({})));
    assert_eq!(run.unwrap().join().unwrap().unwrap(), -1.0);
    let (status, msg) = parse_err(json!({ "formula": nest(MAX_EXPRESSION_DEPTH) }));
    assert_eq!(status, 400);
    assert!(msg.contains("recursion limit exceeded"), "{msg}");
    // Far deeper values fail just as early (the value is leaked: dropping it recurses).
    let deep = Value::Object([("formula".to_string(), nest(100_000))].into_iter().collect());
    assert!(Formula::parse(&deep).unwrap_err().to_string().contains("recursion limit exceeded"));
    std::mem::forget(deep);
}

#[test]
fn rescore_keeps_the_best_above_the_threshold() {
    let c = coll(&[json!({"p": 1}), json!({"p": 3}), json!({"p": 2}), json!({"p": 3})]);
    let f = formula(json!({"sum": ["p", "$score[1]"]}));
    let s = |offset: u32, score: f32| Scored { score, offset };
    let lists = vec![vec![s(0, 0.9), s(1, 0.8)], vec![s(2, 0.5), s(3, 0.0), s(0, 0.25)]];
    let hits = rescore(&c, &f, &lists, 10, None).unwrap();
    let got: Vec<(u32, f32)> = hits.iter().map(|h| (h.offset, h.score)).collect();
    assert_eq!(got, vec![(1, 3.0), (3, 3.0), (2, 2.5), (0, 1.25)]);
    let top = rescore(&c, &f, &lists, 2, Some(2.5)).unwrap();
    assert_eq!(top.iter().map(|h| h.offset).collect::<Vec<_>>(), vec![1, 3]);
    assert_eq!(rescore(&c, &f, &lists, 10, Some(2.5)).unwrap().len(), 3);
    let failing = formula(json!("missing"));
    assert!(rescore(&c, &failing, &lists, 10, None).is_err());
    assert!(rescore(&c, &f, &lists, 0, None).unwrap().is_empty());
}
