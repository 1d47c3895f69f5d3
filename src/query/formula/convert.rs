//! From the raw tree to the evaluable one, with Qdrant's checks in Qdrant's order:
//!
//! 1. request validation (422, lib/api/src/rest/validate.rs:116-147 and 262-284): the filter
//!    conditions inside the expression — except under `pow`, whose params carry no
//!    `#[validate(nested)]` (schema.rs:1021-1032) — then the `defaults` keys, each a variable
//!    name, a `$score…` default needing a number;
//! 2. conversion (400 "Wrong input: Validation failed: …", lib/shard/src/query/formula.rs:19-
//!    196): variable names, datetime constants and decay parameters, depth first, a decay's
//!    parameters before its `x` and `target`.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::expr::{decay_lambda, failed, DecayKind, Expr, VariableId};
use super::parse::Raw;
use super::values::datetime_micros;
use crate::error::{Error, Result};
use crate::filter::{Condition, Filter};

/// Step 1, conditions: the first failing one, its message prefixed with its place in `path`.
pub(super) fn validate_conditions(raw: &Raw, path: &str) -> Result<()> {
    let at = |suffix: &str| format!("{path}.{suffix}");
    match raw {
        Raw::Condition(c) => validate_condition(c, path),
        Raw::Mult(items) | Raw::Sum(items) => {
            let key = if matches!(raw, Raw::Mult(_)) { "mult" } else { "sum" };
            items.iter().enumerate().try_for_each(|(i, r)| validate_conditions(r, &at(&format!("{key}[{i}]"))))
        }
        Raw::Neg(r) => validate_conditions(r, &at("neg")),
        Raw::Abs(r) => validate_conditions(r, &at("abs")),
        Raw::Sqrt(r) => validate_conditions(r, &at("sqrt")),
        Raw::Exp(r) => validate_conditions(r, &at("exp")),
        Raw::Log10(r) => validate_conditions(r, &at("log10")),
        Raw::Ln(r) => validate_conditions(r, &at("ln")),
        Raw::Div { left, right, .. } => {
            validate_conditions(left, &at("div.left"))?;
            validate_conditions(right, &at("div.right"))
        }
        Raw::Decay { kind, x, target, .. } => {
            let key = decay_key(*kind);
            validate_conditions(x, &at(&format!("{key}.x")))?;
            target.as_ref().map_or(Ok(()), |t| validate_conditions(t, &at(&format!("{key}.target"))))
        }
        // `PowParams` is not validated; leaves hold no conditions.
        _ => Ok(()),
    }
}

fn decay_key(kind: DecayKind) -> &'static str {
    match kind {
        DecayKind::Lin => "lin_decay",
        DecayKind::Exp => "exp_decay",
        DecayKind::Gauss => "gauss_decay",
    }
}

/// A condition is validated as the only `must` of a filter, whose path prefix is replaced.
fn validate_condition(c: &Condition, path: &str) -> Result<()> {
    let wrapper = Filter { must: Some(vec![c.clone()]), ..Filter::default() };
    match wrapper.validate() {
        Err(Error::Validation { description }) => {
            let rest = description.strip_prefix("must[0]").unwrap_or(&description);
            Err(Error::validation(format!("{path}{rest}")))
        }
        other => other,
    }
}

/// Step 1, defaults (`impl Validate for FormulaQuery`, validate.rs:116-147): every failing key,
/// in document order, joined as Qdrant joins field errors.
pub(super) fn validate_defaults(defaults: &Map<String, Value>) -> Result<()> {
    let errors: Vec<String> = defaults
        .iter()
        .filter_map(|(key, value)| match VariableId::parse(key) {
            Err(msg) => Some(format!("defaults: {msg}")),
            Ok(VariableId::Score(_)) if !value.is_number() => {
                Some("defaults: Validation error: Score default must be a number [{}]".to_string())
            }
            Ok(_) => None,
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::validation(errors.join("; ")))
    }
}

/// The defaults by variable (already validated). Two keys naming one variable (`$score` and
/// `$score[0]`): the later one wins (Qdrant's map order is arbitrary there).
pub(super) fn defaults(defaults: &Map<String, Value>) -> HashMap<VariableId, Value> {
    defaults
        .iter()
        .filter_map(|(k, v)| VariableId::parse(k).ok().map(|id| (id, v.clone())))
        .collect()
}

/// Step 2 (`parse_and_convert`, formula.rs:88-196).
pub(super) fn convert(raw: Raw) -> Result<Expr> {
    let sub = |r: Box<Raw>| convert(*r).map(Box::new);
    Ok(match raw {
        Raw::Constant(c) => Expr::Constant(f64::from(c)),
        Raw::Variable(var) => match VariableId::parse(&var) {
            Ok(VariableId::Score(i)) => Expr::Score(i),
            Ok(VariableId::Payload(p)) => Expr::Payload(p),
            Err(msg) => return Err(failed(format!("failed to parse variable ID {var}: {msg}"))),
        },
        Raw::Condition(c) => Expr::Condition(Box::new(Filter { must: Some(vec![*c]), ..Filter::default() })),
        Raw::GeoDistance { origin, to } => Expr::GeoDistance { origin, key: to },
        Raw::Datetime(s) => match datetime_micros(&s) {
            Ok(micros) => Expr::DatetimeConst(micros),
            Err(msg) => return Err(failed(format!("failed to parse date-time {s}: {msg}"))),
        },
        Raw::DatetimeKey(p) => Expr::DatetimeKey(p),
        Raw::Mult(items) => Expr::Mult(items.into_iter().map(convert).collect::<Result<_>>()?),
        Raw::Sum(items) => Expr::Sum(items.into_iter().map(convert).collect::<Result<_>>()?),
        Raw::Neg(r) => Expr::Neg(sub(r)?),
        Raw::Abs(r) => Expr::Abs(sub(r)?),
        Raw::Sqrt(r) => Expr::Sqrt(sub(r)?),
        Raw::Exp(r) => Expr::Exp(sub(r)?),
        Raw::Log10(r) => Expr::Log10(sub(r)?),
        Raw::Ln(r) => Expr::Ln(sub(r)?),
        Raw::Div { left, right, by_zero_default } => {
            let (left, right) = (sub(left)?, sub(right)?);
            Expr::Div { left, right, by_zero_default: by_zero_default.map(f64::from) }
        }
        Raw::Pow { base, exponent } => Expr::Pow { base: sub(base)?, exponent: sub(exponent)? },
        Raw::Decay { kind, x, target, midpoint, scale } => {
            let lambda = decay_lambda(midpoint, scale, kind)?;
            let x = sub(x)?;
            let target = target.map(sub).transpose()?;
            Expr::Decay { kind, x, target, lambda }
        }
    })
}
