//! Formula rescoring: Qdrant's `{"formula": <expression>, "defaults": {...}}` query (v1.19.0).
//!
//! An inner node of a query plan with a formula scores the union of its prefetches' points by
//! evaluating an expression per point, then keeps the best `limit` at or above
//! `score_threshold` ([`rescore`]).
//!
//! * Expressions (lib/api/src/rest/schema.rs:931-1080): numbers, `"$score"` / `"$score[i]"`
//!   (the point's score in prefetch `i`), payload key paths (`"price"`, `"a.b[0]"`), filter
//!   conditions (1.0 / 0.0), `mult`, `sum`, `neg`, `abs`, `div` (`left`, `right`,
//!   `by_zero_default`), `sqrt`, `pow` (`base`, `exponent`), `exp`, `log10`, `ln`,
//!   `geo_distance` (`origin`, `to`), `datetime`, `datetime_key`, and `lin_decay` /
//!   `exp_decay` / `gauss_decay` (`x`, `target`, `scale`, `midpoint`). Reading rules:
//!   `parse.rs`.
//! * Defaults: a value per variable name, used when the point lacks the variable — a payload
//!   value of any JSON type (converted like a payload value), a number for `$score[i]`. Without
//!   a default a missing score is 0 and a missing payload value an error.
//! * Errors, as a server reports them: malformed JSON shapes are 400 format errors; conditions
//!   and defaults failing validation are 422; bad variable names, datetime constants and decay
//!   parameters are 400 "Wrong input: Validation failed: …" (`convert.rs`); at evaluation, a
//!   missing or mistyped variable or a non-finite result is a 400 "Wrong input: …" for the
//!   whole request (`eval.rs`).

mod convert;
mod eval;
mod expr;
mod parse;
mod rescore;
mod values;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::collection::Collection;
use crate::error::{Error, Result};

pub use expr::{DecayKind, Expr, VariableId};
pub use parse::MAX_EXPRESSION_DEPTH;
pub use rescore::rescore;

/// A parsed, validated formula.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    expr: Expr,
    defaults: HashMap<VariableId, Value>,
}

impl Formula {
    /// Parses the REST query value `{"formula": <expression>, "defaults": {...}}` (other keys
    /// are ignored, as serde does for `FormulaQuery`), checking what a server checks before
    /// running it, in the same order: shape (400), validation (422), conversion (400).
    pub fn parse(query: &Value) -> Result<Formula> {
        let obj = query.as_object().ok_or_else(|| {
            Error::format(format!("invalid type: {}, expected struct FormulaQuery", kind(query)))
        })?;
        let formula = obj.get("formula").ok_or_else(|| Error::format("missing field `formula`"))?;
        let empty = Map::new();
        let defaults = match obj.get("defaults") {
            None => &empty,
            Some(Value::Object(map)) => map,
            Some(other) => {
                return Err(Error::format(format!(
                    "defaults: invalid type: {}, expected a map",
                    kind(other)
                )))
            }
        };
        let raw = parse::expression(formula, "formula", 1).map_err(shape_error)?;
        convert::validate_conditions(&raw, "formula")?;
        convert::validate_defaults(defaults)?;
        let expr = convert::convert(raw)?;
        Ok(Formula { expr, defaults: convert::defaults(defaults) })
    }

    /// The expression tree.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// Score of the live point at `offset`; `prefetch_scores[i]` is its score in prefetch `i`
    /// (`None` when the point is not in that prefetch's results, or there is no prefetch `i`).
    pub fn score(&self, coll: &Collection, offset: u32, prefetch_scores: &[Option<f32>]) -> Result<f32> {
        self.score_with(coll, offset, &|i| prefetch_scores.get(i).copied().flatten())
    }

    /// [`Formula::score`] with the prefetch scores looked up by `score(i)`.
    pub fn score_with(&self, coll: &Collection, offset: u32, score: &dyn Fn(usize) -> Option<f32>) -> Result<f32> {
        if !coll.is_alive(offset as usize) {
            return Err(Error::wrong_input(format!("no live point at offset {offset}")));
        }
        let point = coll.point(offset);
        let ctx = eval::Ctx { point: &point, score, defaults: &self.defaults };
        eval::score(&self.expr, &ctx)
    }
}

fn shape_error(fail: parse::Fail) -> Error {
    const NO_VARIANT: &str = "data did not match any variant of untagged enum Expression";
    Error::format(match fail {
        parse::Fail::NoVariant(at) if at == "formula" => format!("formula: {NO_VARIANT}"),
        parse::Fail::NoVariant(at) => format!("formula: {NO_VARIANT} (no expression reads `{at}`)"),
        parse::Fail::TooDeep => {
            format!("formula: recursion limit exceeded: expressions nest at most {MAX_EXPRESSION_DEPTH} levels")
        }
    })
}

/// serde's name for a JSON value's type in "invalid type" messages.
fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}
