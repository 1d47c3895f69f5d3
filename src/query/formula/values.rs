//! Reading a formula's variables from a point: payload values, datetimes, the errors when a
//! value is missing or of the wrong type.

use serde_json::Value;

use crate::error::Error;
use crate::filter::Timestamp;
use crate::payload::path::visit;
use crate::payload::{extract, JsonPath, PathItem, Payload};

/// The value a payload retriever yields for `path` (Qdrant `payload_variable_retriever`,
/// lib/segment/src/index/struct_payload_index/read_view/value_retriever/helpers.rs:48-81, and
/// `get_payload_value`, formula_scorer.rs:284-295): the values at the path, an array among
/// them flattened one level unless the path ends in `[]`; none is `None`, one is itself, more
/// are one array (which is then no number, geo point or datetime).
///
/// Read from the payload, as Qdrant does for a field without a payload index; for an indexed
/// field Qdrant reads the index, which holds only the values of the index's type.
pub(super) fn payload_value(payload: &Payload, path: &JsonPath) -> Option<Value> {
    let mut found = Vec::new();
    extract(payload, path, &mut found);
    let wildcard_suffix = path.rest().last() == Some(&PathItem::Wildcard);
    let mut values: Vec<Value> = Vec::with_capacity(found.len());
    for v in found {
        match v {
            Value::Array(items) if !wildcard_suffix => values.extend(items.iter().cloned()),
            other => values.push(other.clone()),
        }
    }
    match values.len() {
        0 => None,
        1 => values.pop(),
        _ => Some(Value::Array(values)),
    }
}

/// The one value [`payload_value`] would yield, without building it: `None` when there are
/// none or several (the caller then takes the general path for defaults and errors).
pub(super) fn single_payload_value<'a>(payload: &'a Payload, path: &JsonPath) -> Option<&'a Value> {
    let flatten = path.rest().last() != Some(&PathItem::Wildcard);
    let (mut first, mut count) = (None, 0usize);
    visit(payload, path, &mut |v| {
        let flattened = match v {
            Value::Array(items) if flatten => items.as_slice(),
            other => std::slice::from_ref(other),
        };
        first = first.or(flattened.first());
        count += flattened.len();
        count > 1
    });
    first.filter(|_| count == 1)
}

/// `OperationError::VariableTypeError` (lib/segment/src/common/operation_error.rs), a 400.
pub(super) fn type_error(field: &JsonPath, expected: &str, description: &str) -> Error {
    Error::wrong_input(format!(
        "Expected {expected} value for {field} in the payload and/or in the formula defaults. \
         Error: {description}"
    ))
}

/// `DateTimePayloadType::from_str` then `timestamp()` (microseconds, chrono's
/// `timestamp_micros`), lib/segment/src/types.rs. The error is chrono's message for the last
/// format Qdrant tries, `%Y-%m-%d`.
pub(super) fn datetime_micros(s: &str) -> Result<i64, String> {
    let Some(Timestamp(nanos)) = Timestamp::parse(s) else { return Err(date_error(s)) };
    i64::try_from(nanos.div_euclid(1000)).map_err(|_| OUT_OF_RANGE.to_string())
}

const OUT_OF_RANGE: &str = "input is out of range";
const INVALID: &str = "input contains invalid characters";
const TOO_SHORT: &str = "premature end of input";
const TOO_LONG: &str = "trailing input";

/// chrono's `ParseError` text for `NaiveDate::parse_from_str(s, "%Y-%m-%d")` on a string that
/// fails to parse (chrono 0.4.45 `format/parse.rs`, `format/scan.rs`): numbers skip leading
/// whitespace; an unsigned year takes at most 4 digits, month and day at most 2, each range-
/// checked as it is read; then trailing input; then the calendar date.
fn date_error(s: &str) -> String {
    date_fields(s).err().unwrap_or(OUT_OF_RANGE).to_string()
}

fn date_fields(mut s: &str) -> Result<(), &'static str> {
    let year = signed_number(&mut s)?;
    if i32::try_from(year).is_err() {
        return Err(OUT_OF_RANGE);
    }
    literal(&mut s, '-')?;
    let month = field(&mut s, 2)?;
    if !(1..=12).contains(&month) {
        return Err(OUT_OF_RANGE);
    }
    literal(&mut s, '-')?;
    let day = field(&mut s, 2)?;
    if !(1..=31).contains(&day) {
        return Err(OUT_OF_RANGE);
    }
    if !s.is_empty() {
        return Err(TOO_LONG);
    }
    Ok(())
}

/// A literal of the format: too short if the input ended, invalid if it differs.
fn literal(s: &mut &str, c: char) -> Result<(), &'static str> {
    match s.strip_prefix(c) {
        Some(rest) => {
            *s = rest;
            Ok(())
        }
        None if s.is_empty() => Err(TOO_SHORT),
        None => Err(INVALID),
    }
}

fn signed_number(s: &mut &str) -> Result<i64, &'static str> {
    *s = s.trim_start();
    if let Some(rest) = s.strip_prefix('-') {
        *s = rest;
        return number(s, usize::MAX).map(|v| -v);
    }
    if let Some(rest) = s.strip_prefix('+') {
        *s = rest;
        return number(s, usize::MAX);
    }
    number(s, 4)
}

/// A month or day: whitespace, then `scan::number(s, 1, 2)`.
fn field(s: &mut &str, max: usize) -> Result<i64, &'static str> {
    *s = s.trim_start();
    number(s, max)
}

/// `scan::number(s, 1, max)`.
fn number(s: &mut &str, max: usize) -> Result<i64, &'static str> {
    if s.is_empty() {
        return Err(TOO_SHORT);
    }
    let digits = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Err(INVALID);
    }
    let (num, rest) = s.split_at(digits);
    *s = rest;
    num.parse::<i64>().map_err(|_| OUT_OF_RANGE)
}
