//! Validation of a parsed [`Filter`]: Qdrant's `validator` rules, reported as 422.
//!
//! * A field condition with no sub-condition: "At least one field condition must be specified"
//!   (Qdrant `types.rs`, `validate_field_condition`).
//! * `min_should.min_count` must be at least 1 (QDRANT_SEMANTICS.md §8.1).
//! * Nesting deeper than [`MAX_DEPTH`] (only reachable for filters built in code: parsing
//!   already refuses it).
//!
//! Geo polygon rings and geo point ranges are checked while parsing (a 400), as Qdrant does.

use super::{Condition, Filter, MAX_DEPTH};
use crate::error::{Error, Result};

impl Filter {
    /// Checks the rules above; the error names the offending condition by its path in the filter
    /// (e.g. `must[0].should[1]`).
    pub fn validate(&self) -> Result<()> {
        let mut path = String::new();
        validate_filter(self, &mut path, 1)
    }
}

fn validate_filter(f: &Filter, path: &mut String, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::validation(format!(
            "{}: filter is nested too deeply: the limit is {MAX_DEPTH} levels",
            shown(path)
        )));
    }
    let clauses = [
        ("must", &f.must),
        ("should", &f.should),
        ("must_not", &f.must_not),
    ];
    for (name, list) in clauses {
        for (i, c) in list.iter().flatten().enumerate() {
            with_segment(path, &format!("{name}[{i}]"), |p| {
                validate_condition(c, p, depth)
            })?;
        }
    }
    if let Some(m) = &f.min_should {
        if m.min_count == 0 {
            return Err(Error::validation(format!(
                "{}: min_count: value 0 invalid, must be 1 or larger",
                shown(&join(path, "min_should"))
            )));
        }
        for (i, c) in m.conditions.iter().enumerate() {
            let seg = format!("min_should.conditions[{i}]");
            with_segment(path, &seg, |p| validate_condition(c, p, depth))?;
        }
    }
    Ok(())
}

fn validate_condition(c: &Condition, path: &mut String, depth: usize) -> Result<()> {
    match c {
        Condition::Field(fc) if fc.is_blank() => Err(Error::validation(format!(
            "{}: At least one field condition must be specified",
            shown(path)
        ))),
        Condition::Filter(f) => validate_filter(f, path, depth + 1),
        Condition::Nested(n) => with_segment(path, "nested.filter", |p| {
            validate_filter(&n.filter, p, depth + 1)
        }),
        _ => Ok(()),
    }
}

/// Runs `f` with `seg` appended to `path`, then restores `path`.
fn with_segment(
    path: &mut String,
    seg: &str,
    f: impl FnOnce(&mut String) -> Result<()>,
) -> Result<()> {
    let len = path.len();
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(seg);
    let r = f(path);
    path.truncate(len);
    r
}

fn join(path: &str, seg: &str) -> String {
    if path.is_empty() {
        seg.to_string()
    } else {
        format!("{path}.{seg}")
    }
}

fn shown(path: &str) -> &str {
    if path.is_empty() {
        "filter"
    } else {
        path
    }
}
