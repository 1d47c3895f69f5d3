//! One run of a group-by's plan under a [`Restriction`].
//!
//! The root is shaped once as `shape_candidates_query` does (lib/shard/src/grouping/mod.rs):
//! it returns `groups × group_size` points with the field present, and every prefetch's limit
//! is multiplied by `group_size`. Each run adds the restriction to the root's filter and
//! excludes the placed points, as the server's follow-up requests do.
//!
//! A root that scores the collection directly (a vector query or an id-ordered listing, no
//! prefetches) ranks points the same way whatever the filter: a restricted run is then the
//! first points of the unrestricted ranking that pass the restriction. Such roots are ranked
//! once under the request's own filter (the "field present" condition and the restriction
//! are checked only on the points walked), so a group-by costs about one search instead of up
//! to ten. A run the ranking cannot answer re-runs the plan when the payload index narrows the
//! restriction to a candidate list (filling a few rare groups), else ranks deeper.

use super::driver::Restriction;
use super::ranking::Ranking;
use super::{GroupKey, GroupSpec, Hit};
use crate::collection::Collection;
use crate::error::Result;
use crate::filter::{Filter, PointView};
use crate::payload::JsonPath;
use crate::query::candidates::{candidates, Candidates};
use crate::query::execute::execute_ordered;
use crate::query::plan::{Node, Plan, Scoring};
use serde_json::{json, Value};
use std::collections::HashSet;

/// The first ranking's depth for a run of `limit` points (deep enough that the follow-up runs
/// usually find their points in it: a ranking costs one scan, keeping it deeper costs little),
/// and how much deeper each re-ranking goes. On the Debian packages (10 groups of 3 by
/// section) a first depth of 1,024 left a fifth of the queries re-ranking at 8,192 (2.5× a
/// nearest query each); 4,096 made the p50 1.3× nearest and the mean 1.2×. A ranking read
/// from an HNSW graph walks a beam as wide as its depth, so there the first depth stays 1,024.
/// The unit tests use small depths so that their small collections need re-ranking too.
#[cfg(not(test))]
const FIRST_DEPTH_FACTOR: usize = 32;
#[cfg(not(test))]
const MIN_DEPTH_SCANNED: usize = 4096;
#[cfg(not(test))]
const MIN_DEPTH_WALKED: usize = 1024;
#[cfg(test)]
const FIRST_DEPTH_FACTOR: usize = 2;
#[cfg(test)]
const MIN_DEPTH_SCANNED: usize = 8;
#[cfg(test)]
const MIN_DEPTH_WALKED: usize = 8;
const GROWTH: usize = 8;

pub(super) struct Fetcher<'a> {
    coll: &'a Collection,
    plan: Plan,
    group_by: JsonPath,
    limit: usize,
    /// The unrestricted ranking, when the root allows reusing it.
    ranked: Option<Ranking>,
    /// What the ranking is ranked by: the shaped plan without the "field present" condition.
    ranking_plan: Plan,
    /// The "field present" condition, checked on the ranked points a run walks.
    present: Filter,
}

impl<'a> Fetcher<'a> {
    pub(super) fn new(coll: &'a Collection, plan: &Plan, spec: &GroupSpec) -> Result<Self> {
        let ranking_plan = shape(plan, spec);
        let present = present_filter(&spec.group_by)?;
        let mut plan = ranking_plan.clone();
        plan.root.filter = Filter::merge_opts(plan.root.filter.take(), Some(present.clone()));
        let reusable = plan.root.prefetches.is_empty() && matches!(plan.root.scoring, Scoring::Vector { .. } | Scoring::ById);
        let ranked = reusable.then(|| Ranking::new(coll, &spec.group_by, Vec::new(), 0));
        Ok(Fetcher { coll, limit: plan.root.limit, plan, group_by: spec.group_by.clone(), ranked, ranking_plan, present })
    }

    /// The same fetcher re-running the plan for every run (the reference the walk is tested
    /// against).
    #[cfg(test)]
    pub(super) fn replanning(mut self) -> Self {
        self.ranked = None;
        self
    }

    /// The points of one run, best first.
    pub(super) fn fetch(&mut self, r: &Restriction<'_>) -> Result<Vec<Hit>> {
        let filter = restriction_filter(&self.group_by, r)?;
        if self.ranked.is_none() {
            return self.replan(filter, r);
        }
        let walked = Filter::merge_opts(Some(self.present.clone()), filter.clone());
        match self.walk(walked.as_ref(), r)? {
            Some(hits) => Ok(hits),
            None => self.replan(filter, r),
        }
    }

    fn replan(&self, filter: Option<Filter>, r: &Restriction<'_>) -> Result<Vec<Hit>> {
        let mut plan = self.plan.clone();
        plan.root.filter = Filter::merge_opts(plan.root.filter.take(), filter);
        plan.exclude.extend(r.placed.iter().map(|&o| self.coll.point(o).id()));
        run(self.coll, &plan)
    }

    /// The first `limit` ranked points passing `filter` (the field present and the
    /// restriction), ranking deeper as needed; `None` when re-running the plan is cheaper than
    /// ranking deeper (the index lists the points the restriction allows).
    fn walk(&mut self, filter: Option<&Filter>, r: &Restriction<'_>) -> Result<Option<Vec<Hit>>> {
        loop {
            let Some(ranking) = &self.ranked else { return Ok(Some(Vec::new())) };
            let out = ranking.first_passing(self.coll, filter, r, self.limit);
            let depth_so_far = ranking.depth;
            if out.len() == self.limit || ranking.complete {
                return Ok(Some(out));
            }
            if depth_so_far > 0 && filter.is_some_and(|f| self.few_candidates(f)) {
                return Ok(None);
            }
            let depth = depth_so_far.saturating_mul(GROWTH).max(self.limit.saturating_mul(FIRST_DEPTH_FACTOR)).max(self.min_depth());
            let mut plan = self.ranking_plan.clone();
            plan.root.limit = depth;
            let hits = run(self.coll, &plan)?;
            self.ranked = Some(Ranking::new(self.coll, &self.group_by, hits, depth));
        }
    }
}

impl Fetcher<'_> {
    /// The first ranking's least depth: shallower when the root's vector has a graph.
    fn min_depth(&self) -> usize {
        let graph = match &self.ranking_plan.root.scoring {
            Scoring::Vector { using, .. } => self.coll.hnsw_index(using).is_some(),
            _ => false,
        };
        if graph {
            MIN_DEPTH_WALKED
        } else {
            MIN_DEPTH_SCANNED
        }
    }

    /// Whether the payload index lists so few points for `filter` that scoring them costs less
    /// than ranking the collection deeper (measured on the Debian packages: re-running on a
    /// list of a few big sections cost more than one deeper ranking that later runs reuse).
    fn few_candidates(&self, filter: &Filter) -> bool {
        match candidates(self.coll, filter) {
            Candidates::Offsets(list) => list.len().saturating_mul(16) <= self.coll.len(),
            Candidates::None => true,
            Candidates::All => false,
        }
    }
}

fn run(coll: &Collection, plan: &Plan) -> Result<Vec<Hit>> {
    let hits = execute_ordered(coll, plan)?;
    Ok(hits.into_iter().map(|(s, order_value)| Hit { offset: s.offset, score: s.score, order_value }).collect())
}

/// The plan every run starts from (`shape_candidates_query`): no offset, `groups × group_size`
/// points, prefetch limits × `group_size`; [`present_filter`] is added by the caller.
fn shape(plan: &Plan, spec: &GroupSpec) -> Plan {
    let mut plan = plan.clone();
    plan.offset = 0;
    plan.root.limit = spec.groups.saturating_mul(spec.group_size);
    plan.root.prefetches.iter_mut().for_each(|p| scale_limits(p, spec.group_size));
    plan
}

/// Only points with a value at the field (`shape_candidates_query`'s `is_empty` condition).
fn present_filter(group_by: &JsonPath) -> Result<Filter> {
    Ok(crate::json::from_value(&json!({"must_not": [{"is_empty": {"key": group_by.to_string()}}]}))?)
}

/// `increase_limit_for_group`, saturating where the server's multiplication would wrap.
fn scale_limits(node: &mut Node, group_size: usize) {
    node.limit = node.limit.saturating_mul(group_size);
    node.prefetches.iter_mut().for_each(|p| scale_limits(p, group_size));
}

/// The restriction's group conditions as a filter (`except_on`, `match_on`): one `match`
/// condition per value type, all of them required.
fn restriction_filter(group_by: &JsonPath, r: &Restriction<'_>) -> Result<Option<Filter>> {
    let key = group_by.to_string();
    let mut must = match_conditions(&key, &r.except, "except");
    if let Some(only) = &r.only {
        must.extend(match_conditions(&key, only, "any"));
    }
    if must.is_empty() {
        return Ok(None);
    }
    Ok(Some(crate::json::from_value(&json!({ "must": must }))?))
}

/// `values_to_any_variants`: the integer keys, then the string keys, each list non-empty.
fn match_conditions(key: &str, keys: &[GroupKey], kind: &str) -> Vec<Value> {
    let (mut ints, mut strs): (Vec<i64>, Vec<&str>) = (Vec::new(), Vec::new());
    let mut seen: HashSet<&GroupKey> = HashSet::new();
    for k in keys.iter().filter(|k| seen.insert(k)) {
        match (k.as_i64(), k) {
            (Some(i), _) => ints.push(i),
            (None, GroupKey::Str(s)) => strs.push(s),
            (None, _) => {}
        }
    }
    let mut out = Vec::new();
    if !ints.is_empty() {
        out.push(json!({"key": key, "match": { kind: ints }}));
    }
    if !strs.is_empty() {
        out.push(json!({"key": key, "match": { kind: strs }}));
    }
    out
}
