//! Evaluating a [`Filter`] against one point (QDRANT_SEMANTICS.md §8.1–8.5, v1.19.0).
//!
//! Qdrant evaluates a request's filter through the optimizer (`index/struct_payload_index/
//! read_view/optimizer.rs`, `query_optimization/optimized_filter.rs`), which drops empty clauses:
//! an empty `should: []` is no constraint there, at the top level and in filters used as
//! conditions. Inside `nested`, the inner filter runs through the plain checker
//! (`payload_storage/query_checker.rs`), where `should: []` is `any([])` = false; `has_id` and
//! `has_vector` are always false there (no point id, no vector storages).
//!
//! Recursion follows the filter's nesting, which parsing bounds by [`super::MAX_DEPTH`].

use serde_json::Value;

use super::{Condition, Filter, MinShould, Nested};
use crate::payload::path::visit;
use crate::payload::{JsonPath, PathItem, Payload};
use crate::point_id::PointId;

/// What a filter needs to know about a point.
pub trait PointView {
    fn id(&self) -> PointId;
    fn payload(&self) -> &Payload;
    /// Whether the point has a vector under `name` (`""` is the unnamed vector).
    fn has_vector(&self, name: &str) -> bool;
}

/// Where a filter is being evaluated.
struct Scope<'a, P: ?Sized> {
    payload: &'a Payload,
    /// The point, at the top level; `None` inside `nested`.
    point: Option<&'a P>,
}

impl Filter {
    /// Whether `point` passes this filter: every present clause holds —
    /// `must`: all; `must_not`: none; `should`: at least one (an empty list constrains nothing,
    /// except inside `nested` where it matches nothing); `min_should`: at least `min_count`.
    pub fn check<P: PointView + ?Sized>(&self, point: &P) -> bool {
        let scope = Scope {
            payload: point.payload(),
            point: Some(point),
        };
        check_filter(self, &scope)
    }
}

fn check_filter<P: PointView + ?Sized>(f: &Filter, s: &Scope<'_, P>) -> bool {
    let one = |c: &Condition| check_condition(c, s);
    let should = match &f.should {
        None => true,
        // Optimizer (top level, has a point) drops it; the plain checker (nested) fails it.
        Some(list) if list.is_empty() => s.point.is_some(),
        Some(list) => list.iter().any(one),
    };
    should
        && f.min_should
            .as_ref()
            .map_or(true, |m| check_min_should(m, s))
        && f.must.as_ref().map_or(true, |list| list.iter().all(one))
        && f.must_not
            .as_ref()
            .map_or(true, |list| !list.iter().any(one))
}

fn check_min_should<P: PointView + ?Sized>(m: &MinShould, s: &Scope<'_, P>) -> bool {
    let hits = m
        .conditions
        .iter()
        .filter(|c| check_condition(c, s))
        .take(m.min_count)
        .count();
    hits == m.min_count
}

fn check_condition<P: PointView + ?Sized>(c: &Condition, s: &Scope<'_, P>) -> bool {
    match c {
        Condition::Filter(f) => check_filter(f, s),
        Condition::Field(fc) => visit(s.payload, &fc.key, &mut |v| fc.check_value(v))
            .unwrap_or_else(|| fc.check_missing()),
        Condition::IsEmpty(key) => is_empty(s.payload, key),
        Condition::IsNull(key) => visit(s.payload, key, &mut Value::is_null).unwrap_or(false),
        Condition::HasId(ids) => s.point.is_some_and(|p| ids.binary_search(&p.id()).is_ok()),
        Condition::HasVector(name) => s.point.is_some_and(|p| p.has_vector(name)),
        Condition::Nested(n) => check_nested(n, s),
    }
}

/// `nested {key, filter}`: the key gets `[]` appended (unless it ends with `[]`), and the filter
/// must hold for some object element, evaluated with keys relative to that element.
fn check_nested<P: PointView + ?Sized>(n: &Nested, s: &Scope<'_, P>) -> bool {
    let inner = |v: &Value| {
        v.as_object().is_some_and(|obj| {
            check_filter(
                &n.filter,
                &Scope::<P> {
                    payload: obj,
                    point: None,
                },
            )
        })
    };
    let elements_already = n.key.rest().last() == Some(&PathItem::Wildcard);
    visit(s.payload, &n.key, &mut |v| {
        if elements_already {
            inner(v)
        } else {
            v.as_array().is_some_and(|items| items.iter().any(inner))
        }
    })
    .unwrap_or(false)
}

/// No value, or every value is `null` or `[]` (`[null]` is not empty).
fn is_empty(payload: &Payload, key: &JsonPath) -> bool {
    let non_empty = |v: &Value| !(v.is_null() || v.as_array().is_some_and(Vec::is_empty));
    !visit(payload, key, &mut |v| non_empty(v)).unwrap_or(false)
}
