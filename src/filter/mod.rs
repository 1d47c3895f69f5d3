//! Qdrant's filter language: the AST, its JSON form, validation and evaluation against a point.
//!
//! JSON (Qdrant `lib/segment/src/types.rs`, `Filter` / `Condition`):
//! `{"must": C|[C], "should": C|[C], "must_not": C|[C], "min_should": {"conditions": [C],
//! "min_count": n}}`, unknown keys rejected. A condition `C` is, tried in this order: a field
//! condition ([`FieldCondition`]), `{"is_empty": {"key": k}}`, `{"is_null": {"key": k}}`,
//! `{"has_id": [ids]}`, `{"has_vector": name}`, `{"nested": {"key": k, "filter": F}}`, or a
//! nested filter. (`slice` is not supported: it fails to parse.)
//!
//! * Parsing ([`parse`]): shape errors are serde errors, which callers report as 400 "Format
//!   error in JSON body"; filters nested deeper than [`MAX_DEPTH`] are a parse error too.
//! * [`Filter::validate`]: Qdrant's validator rules, each a 422 [`crate::Error::Validation`].
//! * [`Filter::check`] ([`check`]): the v1.19.0 semantics of QDRANT_SEMANTICS.md §8.

mod bounded;
mod check;
mod condition;
pub(crate) mod datetime;
mod geo;
mod merge;
mod parse;
mod validate;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_parse;

pub use check::PointView;
pub use condition::{
    AnyList, FieldCondition, Match, MatchValue, Range, RangeInterface, ValuesCount,
};
pub use datetime::Timestamp;
pub use geo::{
    haversine, GeoBoundingBox, GeoLineString, GeoPoint, GeoPolygon, GeoRadius, MEAN_EARTH_RADIUS,
};

use crate::payload::JsonPath;
use crate::point_id::PointId;

/// Deepest accepted nesting of filters (a filter inside a condition or a `nested` counts one
/// level; the top-level filter is level 1).
pub const MAX_DEPTH: usize = 64;

/// A boolean combination of conditions; every present clause must hold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    /// At least one must hold (an empty list: see [`Filter::check`]).
    pub should: Option<Vec<Condition>>,
    /// At least `min_count` must hold.
    pub min_should: Option<MinShould>,
    /// All must hold.
    pub must: Option<Vec<Condition>>,
    /// None may hold.
    pub must_not: Option<Vec<Condition>>,
}

/// `min_should`: at least `min_count` of `conditions` hold (`min_count` ≥ 1, see validation).
#[derive(Debug, Clone, PartialEq)]
pub struct MinShould {
    pub conditions: Vec<Condition>,
    pub min_count: usize,
}

/// One condition of a filter clause.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// `{"key": k, "match": ...}` and friends.
    Field(Box<FieldCondition>),
    /// `{"is_empty": {"key": k}}`: no value, or only `null`s and `[]`s.
    IsEmpty(JsonPath),
    /// `{"is_null": {"key": k}}`: some extracted value is `null`.
    IsNull(JsonPath),
    /// `{"has_id": [...]}`: the point id is in the list (sorted, deduplicated).
    HasId(Vec<PointId>),
    /// `{"has_vector": name}`: the point has that named vector (`""` = unnamed).
    HasVector(String),
    /// `{"nested": {"key": k, "filter": F}}`.
    Nested(Box<Nested>),
    /// A filter used as a condition.
    Filter(Filter),
}

/// A `nested` condition: `filter` must hold for one object element of the array at `key`.
#[derive(Debug, Clone, PartialEq)]
pub struct Nested {
    pub key: JsonPath,
    pub filter: Filter,
}

impl Filter {
    /// Every condition of every clause, in the order must, must_not, should, min_should.
    pub fn conditions(&self) -> impl Iterator<Item = &Condition> {
        let min = self.min_should.as_ref().map(|m| &m.conditions);
        [
            self.must.as_ref(),
            self.must_not.as_ref(),
            self.should.as_ref(),
            min,
        ]
        .into_iter()
        .flatten()
        .flatten()
    }
}
