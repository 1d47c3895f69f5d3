//! REST JSON → an unconverted expression tree, as serde reads Qdrant's untagged `Expression`
//! (lib/api/src/rest/schema.rs:931-1080, v1.19.0).
//!
//! The variants are tried in Qdrant's order and the first that reads wins: a number
//! (`Constant(f32)`), a string (`Variable`), a filter condition, then the objects keyed
//! `geo_distance`, `datetime`, `datetime_key`, `mult`, `sum`, `neg`, `abs`, `div`, `sqrt`, `pow`,
//! `exp`, `log10`, `ln`, `lin_decay`, `exp_decay`, `gauss_decay`. Other keys of an object are
//! ignored (no `deny_unknown_fields`), so `{"neg": 1, "abs": 2}` is a `neg`; an empty object is
//! an empty filter, i.e. a condition that always holds. Each variant reads a different key, so
//! every subtree is read at most once per attempt at its parent: no exponential backtracking.
//!
//! Variables, datetime constants and decay parameters are kept raw here and converted later
//! (`convert.rs`), because Qdrant converts only after the whole request deserialized and
//! validated: a malformed subtree is a 400 format error even next to a bad variable name.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::expr::DecayKind;
use crate::filter::{Condition, GeoPoint};
use crate::payload::JsonPath;

/// Deepest expression nesting read. A server reads the body with serde_json's recursion limit
/// (128 JSON levels), and every expression level is at least one JSON level, so nothing it
/// accepts is deeper; this bound keeps evaluation's recursion finite for values built in code.
pub const MAX_EXPRESSION_DEPTH: usize = 128;

/// `ExpressionInternal` (lib/shard/src/query/formula.rs:50-85).
#[derive(Debug, Clone)]
pub(super) enum Raw {
    Constant(f32),
    Variable(String),
    Condition(Box<Condition>),
    GeoDistance { origin: GeoPoint, to: JsonPath },
    Datetime(String),
    DatetimeKey(JsonPath),
    Mult(Vec<Raw>),
    Sum(Vec<Raw>),
    Neg(Box<Raw>),
    Abs(Box<Raw>),
    Div { left: Box<Raw>, right: Box<Raw>, by_zero_default: Option<f32> },
    Sqrt(Box<Raw>),
    Pow { base: Box<Raw>, exponent: Box<Raw> },
    Exp(Box<Raw>),
    Log10(Box<Raw>),
    Ln(Box<Raw>),
    Decay { kind: DecayKind, x: Box<Raw>, target: Option<Box<Raw>>, midpoint: Option<f32>, scale: Option<f32> },
}

/// Why a value is not an expression.
pub(super) enum Fail {
    /// No variant reads it; the path of the deepest such value, for the message.
    NoVariant(String),
    /// Nested deeper than [`MAX_EXPRESSION_DEPTH`]: ends parsing.
    TooDeep,
}

type Parsed<T> = Result<T, Fail>;

/// Builds a one-operand node.
type Unary = fn(Box<Raw>) -> Raw;

/// The one-operand variants, by key.
const UNARY: [(&str, Unary); 6] = [
    ("neg", Raw::Neg),
    ("abs", Raw::Abs),
    ("sqrt", Raw::Sqrt),
    ("exp", Raw::Exp),
    ("log10", Raw::Log10),
    ("ln", Raw::Ln),
];

/// Reads `v` (at `path`, `depth` levels down) as an expression.
pub(super) fn expression(v: &Value, path: &str, depth: usize) -> Parsed<Raw> {
    if depth > MAX_EXPRESSION_DEPTH {
        return Err(Fail::TooDeep);
    }
    match v {
        Value::Number(n) => Ok(Raw::Constant(as_f32(n))),
        Value::String(s) => Ok(Raw::Variable(s.clone())),
        Value::Object(map) => object(v, map, path, depth),
        _ => Err(Fail::NoVariant(path.to_string())),
    }
}

/// serde's `f32` from a JSON number: a plain `as` cast of the u64, i64 or f64 read.
fn as_f32(n: &serde_json::Number) -> f32 {
    if let Some(u) = n.as_u64() {
        u as f32
    } else if let Some(i) = n.as_i64() {
        i as f32
    } else {
        n.as_f64().unwrap_or(f64::NAN) as f32
    }
}

/// Keys one of which every condition has; an object with none of them (and not empty) is no
/// condition, which spares reading it as one.
const CONDITION_KEYS: [&str; 10] = [
    "key", "is_empty", "is_null", "has_id", "has_vector", "nested", "must", "should", "must_not",
    "min_should",
];

fn object(v: &Value, map: &Map<String, Value>, path: &str, depth: usize) -> Parsed<Raw> {
    let maybe_condition = map.is_empty() || CONDITION_KEYS.iter().any(|k| map.contains_key(*k));
    if maybe_condition {
        if let Ok(c) = Condition::deserialize(v) {
            return Ok(Raw::Condition(Box::new(c)));
        }
    }
    let mut deepest: Option<String> = None;
    let mut attempt = |r: Parsed<Raw>| -> Parsed<Option<Raw>> {
        match r {
            Ok(raw) => Ok(Some(raw)),
            Err(Fail::TooDeep) => Err(Fail::TooDeep),
            Err(Fail::NoVariant(p)) => {
                if deepest.as_ref().map_or(true, |d| p.len() > d.len()) {
                    deepest = Some(p);
                }
                Ok(None)
            }
        }
    };
    for key in ["geo_distance", "datetime", "datetime_key", "mult", "sum", "neg", "abs", "div"] {
        if let Some(inner) = map.get(key) {
            if let Some(raw) = attempt(keyed(key, inner, &format!("{path}.{key}"), depth))? {
                return Ok(raw);
            }
        }
    }
    let later = ["sqrt", "pow", "exp", "log10", "ln", "lin_decay", "exp_decay", "gauss_decay"];
    for key in later {
        if let Some(inner) = map.get(key) {
            if let Some(raw) = attempt(keyed(key, inner, &format!("{path}.{key}"), depth))? {
                return Ok(raw);
            }
        }
    }
    Err(Fail::NoVariant(deepest.unwrap_or_else(|| path.to_string())))
}

/// The variant keyed `key`, whose value is `v`.
fn keyed(key: &str, v: &Value, path: &str, depth: usize) -> Parsed<Raw> {
    let no = || Fail::NoVariant(path.to_string());
    let sub = |v: &Value, p: &str| expression(v, p, depth + 1).map(Box::new);
    match key {
        "geo_distance" => geo_distance(v).ok_or_else(no),
        "datetime" => v.as_str().map(|s| Raw::Datetime(s.to_string())).ok_or_else(no),
        "datetime_key" => json_path(v).map(Raw::DatetimeKey).ok_or_else(no),
        "mult" => list(v, path, depth).map(Raw::Mult),
        "sum" => list(v, path, depth).map(Raw::Sum),
        "div" => {
            let obj = v.as_object().ok_or_else(no)?;
            let left = sub(field(obj, "left").ok_or_else(no)?, &format!("{path}.left"))?;
            let right = sub(field(obj, "right").ok_or_else(no)?, &format!("{path}.right"))?;
            let by_zero_default = opt_f32(obj.get("by_zero_default")).ok_or_else(no)?;
            Ok(Raw::Div { left, right, by_zero_default })
        }
        "pow" => {
            let obj = v.as_object().ok_or_else(no)?;
            let base = sub(field(obj, "base").ok_or_else(no)?, &format!("{path}.base"))?;
            let exponent = sub(field(obj, "exponent").ok_or_else(no)?, &format!("{path}.exponent"))?;
            Ok(Raw::Pow { base, exponent })
        }
        "lin_decay" => decay(DecayKind::Lin, v, path, depth),
        "exp_decay" => decay(DecayKind::Exp, v, path, depth),
        "gauss_decay" => decay(DecayKind::Gauss, v, path, depth),
        _ => {
            let (_, make) = UNARY.iter().find(|(k, _)| *k == key).ok_or_else(no)?;
            Ok(make(sub(v, path)?))
        }
    }
}

/// A required field: serde treats an explicit `null` for a non-optional expression as a value
/// to read (which fails), and a missing one as missing.
fn field<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.get(key)
}

fn list(v: &Value, path: &str, depth: usize) -> Parsed<Vec<Raw>> {
    let items = v.as_array().ok_or_else(|| Fail::NoVariant(path.to_string()))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| expression(item, &format!("{path}[{i}]"), depth + 1))
        .collect()
}

/// `Option<f32>`: missing or `null` is `None`, a number is cast; anything else fails (outer
/// `None`).
fn opt_f32(v: Option<&Value>) -> Option<Option<f32>> {
    match v {
        None | Some(Value::Null) => Some(None),
        Some(Value::Number(n)) => Some(Some(as_f32(n))),
        Some(_) => None,
    }
}

fn json_path(v: &Value) -> Option<JsonPath> {
    JsonPath::parse(v.as_str()?).ok()
}

/// `{"origin": GeoPoint, "to": JsonPath}`; the origin must be a valid point (schema.rs:958-964).
fn geo_distance(v: &Value) -> Option<Raw> {
    let obj = v.as_object()?;
    let origin = GeoPoint::deserialize(obj.get("origin")?).ok()?;
    let to = json_path(obj.get("to")?)?;
    Some(Raw::GeoDistance { origin, to })
}

/// `DecayParamsExpression` (schema.rs:1071-1080): `x`, optional `target`, `scale`, `midpoint`.
fn decay(kind: DecayKind, v: &Value, path: &str, depth: usize) -> Parsed<Raw> {
    let no = || Fail::NoVariant(path.to_string());
    let obj = v.as_object().ok_or_else(no)?;
    let x = expression(obj.get("x").ok_or_else(no)?, &format!("{path}.x"), depth + 1)?;
    let target = match obj.get("target") {
        None | Some(Value::Null) => None,
        Some(t) => Some(Box::new(expression(t, &format!("{path}.target"), depth + 1)?)),
    };
    let scale = opt_f32(obj.get("scale")).ok_or_else(no)?;
    let midpoint = opt_f32(obj.get("midpoint")).ok_or_else(no)?;
    Ok(Raw::Decay { kind, x: Box::new(x), target, midpoint, scale })
}
