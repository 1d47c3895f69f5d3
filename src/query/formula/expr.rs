//! The parsed expression tree (Qdrant `lib/segment/src/index/query_optimization/rescore_formula/
//! parsed_formula.rs`, v1.19.0): constants are already widened to f64, variables resolved to
//! scores or payload paths, and decay parameters folded into one `lambda`.

use crate::error::{Error, Result};
use crate::filter::{Filter, GeoPoint};
use crate::payload::JsonPath;

/// `DEFAULT_DECAY_MIDPOINT` (parsed_formula.rs:16).
const DEFAULT_DECAY_MIDPOINT: f32 = 0.5;
/// `DEFAULT_DECAY_SCALE` (parsed_formula.rs:17).
const DEFAULT_DECAY_SCALE: f32 = 1.0;

/// One node of a formula (`ParsedExpression`, parsed_formula.rs:55-93).
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number; REST constants are `f32`, widened (shard/src/query/formula.rs:94-96).
    Constant(f64),
    /// `$score` (= `$score[0]`) or `$score[i]`: the point's score in prefetch `i`.
    Score(usize),
    /// A payload value at a key path, which must be a number.
    Payload(JsonPath),
    /// A filter condition, held as the only `must` of a filter: 1.0 when it holds, else 0.0.
    Condition(Box<Filter>),
    /// Haversine metres from `origin` to the geo point at `key`.
    GeoDistance { origin: GeoPoint, key: JsonPath },
    /// A datetime constant, as microseconds since the epoch.
    DatetimeConst(i64),
    /// The datetime string at a key path.
    DatetimeKey(JsonPath),
    Mult(Vec<Expr>),
    Sum(Vec<Expr>),
    Div { left: Box<Expr>, right: Box<Expr>, by_zero_default: Option<f64> },
    Neg(Box<Expr>),
    Sqrt(Box<Expr>),
    Pow { base: Box<Expr>, exponent: Box<Expr> },
    Exp(Box<Expr>),
    Log10(Box<Expr>),
    Ln(Box<Expr>),
    Abs(Box<Expr>),
    Decay { kind: DecayKind, x: Box<Expr>, target: Option<Box<Expr>>, lambda: f64 },
}

/// The three decay shapes (`DecayKind`, parsed_formula.rs:95-102).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecayKind {
    Lin,
    Gauss,
    Exp,
}

/// A variable a default can be given for (`VariableId`, parsed_formula.rs:105-112; conditions
/// have no defaults).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VariableId {
    Score(usize),
    Payload(JsonPath),
}

impl VariableId {
    /// `VariableId::from_str` (parsed_formula.rs:281-316): `$score`, `$score[i]`, or a payload
    /// key path. The error is Qdrant's message.
    pub fn parse(var: &str) -> std::result::Result<VariableId, String> {
        let Some(reserved) = var.strip_prefix('$') else {
            return JsonPath::parse(var)
                .map(VariableId::Payload)
                .map_err(|_| format!("Invalid payload variable: {var}"));
        };
        let bad = || format!("Invalid reserved variable: {var}");
        let path = JsonPath::parse(reserved).map_err(|_| bad())?;
        if path.first_key() != "score" {
            return Err(format!("Invalid reserved word: {var}"));
        }
        match path.rest() {
            [] => Ok(VariableId::Score(0)),
            [crate::payload::PathItem::Index(i)] => Ok(VariableId::Score(*i)),
            _ => Err(bad()),
        }
    }
}

/// `decay_params_to_lambda` (parsed_formula.rs:186-224): checks midpoint and scale and folds
/// them into the decay's constant. Errors are Qdrant's `validation_error`, which the collection
/// reports as a 400 "Wrong input: Validation failed: …".
pub(super) fn decay_lambda(midpoint: Option<f32>, scale: Option<f32>, kind: DecayKind) -> Result<f64> {
    let midpoint = f64::from(midpoint.unwrap_or(DEFAULT_DECAY_MIDPOINT));
    let scale = f64::from(scale.unwrap_or(DEFAULT_DECAY_SCALE));
    let midpoint_ok = match kind {
        DecayKind::Lin => (0.0..=1.0).contains(&midpoint),
        DecayKind::Gauss | DecayKind::Exp => midpoint > 0.0 && midpoint < 1.0,
    };
    if !midpoint_ok {
        return Err(failed(match kind {
            DecayKind::Lin => {
                format!("Linear decay midpoint should be in the range [0.0, 1.0], got {midpoint}.")
            }
            _ => format!("Decay midpoint should be in the range (0.0, 1.0), got {midpoint}."),
        }));
    }
    if scale <= 0.0 {
        return Err(failed(format!("Decay scale should be non-zero positive, got {scale}.")));
    }
    Ok(match kind {
        DecayKind::Lin => (1.0 - midpoint) / scale,
        DecayKind::Exp => midpoint.ln() / scale,
        DecayKind::Gauss => midpoint.ln() / scale.powi(2),
    })
}

/// An `OperationError::ValidationError` as the collection reports it (a 400).
pub(super) fn failed(description: impl std::fmt::Display) -> Error {
    Error::wrong_input(format!("Validation failed: {description}"))
}
