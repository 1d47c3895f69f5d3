//! Evaluating a formula for one point (Qdrant `FormulaScorer`, lib/segment/src/index/
//! query_optimization/rescore_formula/formula_scorer.rs, v1.19.0).
//!
//! Arithmetic is in f64; the result is cast to f32 and must be finite (lines 78-89). Only
//! `div`, `sqrt`, `pow`, `exp`, `log10` and `ln` check their own result (lines 172-252): a
//! `sum`, `mult`, `neg`, `abs` or decay may carry an infinity or NaN onwards, and `mult` and
//! `div` short-cut on a zero, skipping (and so never failing on) the remaining operands.
//! Recursion follows the expression's nesting, bounded by parsing.

use std::collections::HashMap;

use serde_json::Value;

use super::expr::{DecayKind, Expr, VariableId};
use super::values::{datetime_micros, payload_value, single_payload_value, type_error};
use crate::error::{Error, Result};
use crate::filter::{haversine, GeoPoint, PointView};
use crate::payload::JsonPath;

/// `DEFAULT_SCORE` (formula_scorer.rs:19): a missing prefetch score without a default.
const DEFAULT_SCORE: f64 = 0.0;
/// `DEFAULT_DECAY_TARGET` (formula_scorer.rs:20).
const DEFAULT_DECAY_TARGET: f64 = 0.0;

/// What evaluation reads: the point, its prefetch scores, the defaults.
pub(super) struct Ctx<'a> {
    pub(super) point: &'a dyn PointView,
    /// The point's score in prefetch `i`, if it is there.
    pub(super) score: &'a dyn Fn(usize) -> Option<f32>,
    pub(super) defaults: &'a HashMap<VariableId, Value>,
}

/// `FormulaScorer::score` (formula_scorer.rs:78-89).
pub(super) fn score(expr: &Expr, ctx: &Ctx<'_>) -> Result<f32> {
    let score = eval(expr, ctx)?;
    let score_f32 = score as f32;
    if !score_f32.is_finite() {
        return Err(non_finite(format!("{score} as f32 = {score_f32}")));
    }
    Ok(score_f32)
}

/// `OperationError::NonFiniteNumber`, a 400.
fn non_finite(expression: String) -> Error {
    Error::wrong_input(format!("The expression {expression} produced a non-finite number"))
}

/// A result that must be finite, else the error shows `shown`.
fn finite(value: f64, shown: impl FnOnce() -> String) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(non_finite(shown()))
    }
}

/// `eval_expression` (formula_scorer.rs:92-282).
fn eval(expr: &Expr, ctx: &Ctx<'_>) -> Result<f64> {
    match expr {
        Expr::Constant(c) => Ok(*c),
        Expr::Score(i) => Ok(prefetch_score(*i, ctx)),
        Expr::Payload(path) => number(path, ctx),
        Expr::Condition(filter) => Ok(if filter.check(ctx.point) { 1.0 } else { 0.0 }),
        Expr::GeoDistance { origin, key } => Ok(haversine(*origin, geo_point(key, ctx)?)),
        Expr::DatetimeConst(micros) => Ok(*micros as f64 / 1_000_000.0),
        Expr::DatetimeKey(path) => Ok(datetime(path, ctx)? as f64 / 1_000_000.0),
        Expr::Mult(items) => mult(items, ctx),
        Expr::Sum(items) => items.iter().try_fold(0.0, |acc, e| Ok(acc + eval(e, ctx)?)),
        Expr::Div { left, right, by_zero_default } => div(left, right, *by_zero_default, ctx),
        Expr::Neg(e) => Ok(-eval(e, ctx)?),
        Expr::Abs(e) => Ok(eval(e, ctx)?.abs()),
        Expr::Sqrt(e) => unary(e, ctx, f64::sqrt, |v, r| format!("√{v} = {r}")),
        Expr::Exp(e) => unary(e, ctx, f64::exp, |v, r| format!("exp({v}) = {r}")),
        Expr::Log10(e) => unary(e, ctx, f64::log10, |v, r| format!("log10({v}) = {r}")),
        Expr::Ln(e) => unary(e, ctx, f64::ln, |v, r| format!("ln({v}) = {r}")),
        Expr::Pow { base, exponent } => {
            let (b, x) = (eval(base, ctx)?, eval(exponent, ctx)?);
            let power = b.powf(x);
            finite(power, || format!("{b}^{x} = {power}"))
        }
        Expr::Decay { kind, x, target, lambda } => {
            let x = eval(x, ctx)?;
            let target = target.as_ref().map_or(Ok(DEFAULT_DECAY_TARGET), |t| eval(t, ctx))?;
            Ok(decay(*kind, x, target, *lambda))
        }
    }
}

fn unary(e: &Expr, ctx: &Ctx<'_>, f: fn(f64) -> f64, shown: fn(f64, f64) -> String) -> Result<f64> {
    let v = eval(e, ctx)?;
    let r = f(v);
    finite(r, || shown(v, r))
}

/// The score in prefetch `i`, else a numeric default for `$score[i]`, else 0 (lines 100-111).
fn prefetch_score(i: usize, ctx: &Ctx<'_>) -> f64 {
    (ctx.score)(i)
        .map(f64::from)
        .or_else(|| ctx.defaults.get(&VariableId::Score(i)).and_then(Value::as_f64))
        .unwrap_or(DEFAULT_SCORE)
}

/// Product, returning 0 at the first zero operand (lines 156-167).
fn mult(items: &[Expr], ctx: &Ctx<'_>) -> Result<f64> {
    let mut product = 1.0;
    for e in items {
        let value = eval(e, ctx)?;
        if value == 0.0 {
            return Ok(0.0);
        }
        product *= value;
    }
    Ok(product)
}

/// Lines 172-197: a zero numerator is 0 without reading the denominator; a zero denominator
/// gives `by_zero_default` when set; otherwise the quotient must be finite.
fn div(left: &Expr, right: &Expr, by_zero_default: Option<f64>, ctx: &Ctx<'_>) -> Result<f64> {
    let left = eval(left, ctx)?;
    if left == 0.0 {
        return Ok(0.0);
    }
    let right = eval(right, ctx)?;
    if right == 0.0 {
        if let Some(default) = by_zero_default {
            return Ok(default);
        }
    }
    let quotient = left / right;
    finite(quotient, || format!("{left}/{right} = {quotient}"))
}

/// Lines 330-343; `lambda` comes from `decay_lambda`.
fn decay(kind: DecayKind, x: f64, target: f64, lambda: f64) -> f64 {
    match kind {
        DecayKind::Exp => (lambda * (x - target).abs()).exp(),
        DecayKind::Gauss => {
            let diff = x - target;
            (lambda * diff * diff).exp()
        }
        DecayKind::Lin => (-lambda * (x - target).abs() + 1.0).max(0.0),
    }
}

/// The payload value at `path`, else its default, else an error (`get_parsed_payload_value`,
/// lines 297-327).
fn variable(path: &JsonPath, expected: &str, ctx: &Ctx<'_>) -> Result<Value> {
    payload_value(ctx.point.payload(), path)
        .or_else(|| ctx.defaults.get(&VariableId::Payload(path.clone())).cloned())
        .ok_or_else(|| type_error(path, expected, "No value found in a payload nor defaults"))
}

fn number(path: &JsonPath, ctx: &Ctx<'_>) -> Result<f64> {
    // The common case (one number at the path) without copying the value.
    if let Some(n) = single_payload_value(ctx.point.payload(), path).and_then(Value::as_f64) {
        return Ok(n);
    }
    variable(path, "number", ctx)?
        .as_f64()
        .ok_or_else(|| type_error(path, "number", "Value is not a number"))
}

/// A geo point as serde reads Qdrant's `GeoPoint` (range-checked; serde's messages).
fn geo_point(path: &JsonPath, ctx: &Ctx<'_>) -> Result<GeoPoint> {
    let value = variable(path, "geo point", ctx)?;
    crate::json::from_value::<GeoPoint>(&value).map_err(|e| type_error(path, "geo point", &e.to_string()))
}

/// Microseconds of the datetime string at `path` (lines 132-155).
fn datetime(path: &JsonPath, ctx: &Ctx<'_>) -> Result<i64> {
    let value = variable(path, "datetime", ctx)?;
    let text = value.as_str().ok_or_else(|| type_error(path, "datetime", "Value is not a string"))?;
    datetime_micros(text).map_err(|e| type_error(path, "datetime", &e))
}
