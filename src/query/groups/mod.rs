//! Group-by: the best points of a plan, a few per value of a payload field (Qdrant's
//! `query/groups`, `search/groups`, `recommend/groups`; lib/shard/src/grouping/, v1.19.0).
//!
//! The plan's root runs several times, each run restricted to points that can still add to the
//! answer ([`driver`]), and its points are collected into groups ([`aggregator`]). How a run is
//! fetched is in [`fetch`].

mod aggregator;
mod driver;
mod fetch;
mod ranking;
#[cfg(test)]
mod tests;

use super::order_by::{Direction, OrderValue};
use super::plan::{Node, Plan, Scoring};
use crate::collection::Collection;
use crate::distance::Distance;
use crate::error::Result;
use crate::payload::JsonPath;
use aggregator::Aggregator;
use driver::Driver;
use serde_json::Value;
use std::cmp::Ordering;

/// What to group by and how much to return.
#[derive(Debug, Clone)]
pub struct GroupSpec {
    pub group_by: JsonPath,
    /// Most points per group.
    pub group_size: usize,
    /// Most groups.
    pub groups: usize,
}

/// A group's key: a string or an integer value of the field (`GroupId`,
/// lib/segment/src/data_types/groups.rs).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GroupKey {
    Str(String),
    U64(u64),
    I64(i64),
}

impl GroupKey {
    /// The key a payload value gives, if it can be one (`TryFrom<&Value> for GroupId`).
    pub fn of(v: &Value) -> Option<GroupKey> {
        match v {
            Value::String(s) => Some(GroupKey::Str(s.clone())),
            Value::Number(n) => n.as_u64().map(GroupKey::U64).or_else(|| n.as_i64().map(GroupKey::I64)),
            _ => None,
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            GroupKey::Str(s) => Value::from(s.as_str()),
            GroupKey::U64(n) => Value::from(*n),
            GroupKey::I64(n) => Value::from(*n),
        }
    }

    /// The integer a `match` condition can carry (`values_to_any_variants` reads `as_i64`).
    fn as_i64(&self) -> Option<i64> {
        match self {
            GroupKey::U64(n) => i64::try_from(*n).ok(),
            GroupKey::I64(n) => Some(*n),
            GroupKey::Str(_) => None,
        }
    }

    /// Whether a `match` condition can name this key: strings, and integers within i64.
    pub fn matchable(&self) -> bool {
        matches!(self, GroupKey::Str(_)) || self.as_i64().is_some()
    }
}

/// One point as a run returned it.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub offset: u32,
    pub score: f32,
    /// The payload value an `order_by` root listed the point by.
    pub order_value: Option<OrderValue>,
}

/// A finished group: its key and its best hits, best first.
#[derive(Debug, Clone)]
pub struct Group {
    pub key: GroupKey,
    pub hits: Vec<Hit>,
}

/// Which hits are better (`query_result_order`, lib/shard/src/query/mod.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    LargeBetter,
    SmallBetter,
    /// A random sample or MMR: no order to restore.
    None,
}

impl Order {
    /// `Less` when `a` is better than `b`. Points compare by `order_value` when both have one,
    /// a point with one is greater than one without, else by score with NaN greatest
    /// (`Ord for ScoredPoint`, lib/segment/src/types.rs).
    pub fn cmp(self, a: &Hit, b: &Hit) -> Ordering {
        let raw = match (&a.order_value, &b.order_value) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => Ordering::Greater,
            (None, Some(_)) => Ordering::Less,
            (None, None) => ordered_float(a.score, b.score),
        };
        match self {
            Order::LargeBetter => raw.reverse(),
            Order::SmallBetter => raw,
            Order::None => Ordering::Equal,
        }
    }

    /// The order of the root's results.
    fn of(coll: &Collection, root: &Node) -> Order {
        match &root.scoring {
            Scoring::Vector { using, query } if query.is_nearest() => {
                let distance = coll.config().params(using).map(|p| p.distance).unwrap_or(Distance::Dot);
                if distance.is_inner_product() { Order::LargeBetter } else { Order::SmallBetter }
            }
            Scoring::Vector { .. } | Scoring::Sparse { .. } | Scoring::Fusion(_) | Scoring::Formula(_) => Order::LargeBetter,
            Scoring::OrderBy(o) if o.direction == Direction::Desc => Order::LargeBetter,
            Scoring::OrderBy(_) | Scoring::ById => Order::SmallBetter,
            Scoring::Random | Scoring::Mmr(_) => Order::None,
        }
    }
}

/// `OrderedFloat`'s order: NaN equal to itself and greater than every number.
fn ordered_float(a: f32, b: f32) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// The groups of `plan`'s points (its offset is ignored: groups are not paged), best first.
pub fn group(coll: &Collection, plan: &Plan, spec: &GroupSpec) -> Result<Vec<Group>> {
    let order = Order::of(coll, &plan.root);
    let mut agg = Aggregator::new(spec.group_by.clone(), spec.groups, spec.group_size, order);
    let mut driver = Driver::new(spec.groups, spec.group_size);
    let mut fetcher = fetch::Fetcher::new(coll, plan, spec)?;
    while let Some(restriction) = driver.next(&agg) {
        let hits = fetcher.fetch(&restriction)?;
        agg.add(coll, &hits);
        driver.received(&agg, hits.len());
    }
    Ok(agg.distill())
}
