//! Runs a [`Plan`] against one collection, as Qdrant's shard resolves a planned query
//! (lib/collection/src/shards/local_shard/query.rs `recurse_prefetch`, `rescore`,
//! `fusion_rescore`, v1.19.0).
//!
//! Leaves scan the collection (exact scan, candidate lists from the payload index); an inner
//! node rescores the union of its prefetches' points with its own query, or fuses their
//! rankings. Every list passed between nodes is best first, with the scores Qdrant reports
//! (nearest scores post-processed), so fusion sees what the server's fusion sees.

use super::formula;
use super::fusion::fuse;
use super::mmr;
use super::order_by::{should_pre_filter, OrderValue};
use super::plan::{Node, Plan, Scoring};
use super::scan::{search, ScoringQuery, SearchParams};
use super::scroll::{matches, matching, sample};
use super::sparse::{self, SparseScoring, SparseSearch};
use super::topk::Scored;
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::filter::Filter;
use std::collections::HashSet;

/// The plan's points, best first: `(reported score, offset)`, `offset` already skipped.
pub fn execute(coll: &Collection, plan: &Plan) -> Result<Vec<Scored>> {
    let exclude: HashSet<u32> = plan.exclude.iter().filter_map(|id| coll.offset_of(id)).collect();
    let run = Run { coll, exclude: &exclude };
    let hits = run.node(&plan.root, None, true)?;
    Ok(hits.into_iter().skip(plan.offset).collect())
}

/// Like [`execute`], each point with the `order_value` it was listed by when the root orders by
/// a payload field (local_shard/scroll.rs `query_scroll` carries `record.order_value`).
pub fn execute_ordered(coll: &Collection, plan: &Plan) -> Result<Vec<(Scored, Option<OrderValue>)>> {
    let exclude: HashSet<u32> = plan.exclude.iter().filter_map(|id| coll.offset_of(id)).collect();
    let run = Run { coll, exclude: &exclude };
    let hits: Vec<(Scored, Option<OrderValue>)> = match &plan.root.scoring {
        Scoring::OrderBy(_) => run
            .ordered(&plan.root, None)?
            .into_iter()
            .map(|(v, offset)| (Scored { score: 1.0, offset }, Some(v)))
            .collect(),
        _ => run.node(&plan.root, None, true)?.into_iter().map(|s| (s, None)).collect(),
    };
    Ok(hits.into_iter().skip(plan.offset).collect())
}

struct Run<'a> {
    coll: &'a Collection,
    exclude: &'a HashSet<u32>,
}

impl Run<'_> {
    /// One node, `inherited` being its ancestors' filters merged (`recurse_prefetches`).
    fn node(&self, node: &Node, inherited: Option<&Filter>, root: bool) -> Result<Vec<Scored>> {
        if let Scoring::OrderBy(_) = &node.scoring {
            return Ok(scored_one(self.ordered(node, inherited)?.into_iter().map(|e| e.1).collect()));
        }
        let filter = Filter::merge_opts(inherited.cloned(), node.filter.clone());
        if node.prefetches.is_empty() {
            let hits = self.leaf(node, filter.as_ref())?;
            return match &node.scoring {
                Scoring::Mmr(m) if root => mmr::select(self.coll, m, hits, node.limit),
                _ => Ok(hits),
            };
        }
        let lists = node
            .prefetches
            .iter()
            .map(|p| self.node(p, filter.as_ref(), false))
            .collect::<Result<Vec<_>>>()?;
        match &node.scoring {
            Scoring::Fusion(fusion) => Ok(fuse(lists, fusion)?
                .into_iter()
                .take_while(|s| node.score_threshold.map_or(true, |t| s.score >= t))
                .take(node.limit)
                .collect()),
            Scoring::Vector { using, query } => self.rescore(node, using, query, &lists, node.limit),
            Scoring::Sparse { using, query } => {
                let within = union(&lists);
                self.sparse(node, using, query, None, Some(&within))
            }
            Scoring::Mmr(m) => {
                let query = ScoringQuery::nearest(m.vector.clone());
                let candidates = self.rescore(node, &m.using, &query, &lists, m.candidates_limit)?;
                mmr::select(self.coll, m, candidates, node.limit)
            }
            Scoring::Random => Ok(scored_one(sample(union(&lists), node.limit))),
            Scoring::Formula(f) => formula::rescore(self.coll, f, &lists, node.limit, node.score_threshold),
            Scoring::ById => Err(Error::bad_request("A query is needed to merge the prefetches.")),
            Scoring::OrderBy(_) => unreachable_order_by(),
        }
    }

    /// An `order_by` node: a leaf scrolls the matching points by the field; over prefetches the
    /// union of their points is scrolled (`filter_with_sources_ids`, local_shard/query.rs).
    fn ordered(&self, node: &Node, inherited: Option<&Filter>) -> Result<Vec<(OrderValue, u32)>> {
        let Scoring::OrderBy(order_by) = &node.scoring else { return Ok(Vec::new()) };
        let filter = Filter::merge_opts(inherited.cloned(), node.filter.clone());
        if node.prefetches.is_empty() {
            let candidates = matching(self.coll, filter.as_ref()).filter(|o| !self.exclude.contains(o));
            // A filtered leaf is read as a stream: simile has no cardinality estimate to choose
            // Qdrant's index read with.
            return order_by.entries(self.coll, candidates, node.limit, false);
        }
        let lists = node
            .prefetches
            .iter()
            .map(|p| self.node(p, filter.as_ref(), false))
            .collect::<Result<Vec<_>>>()?;
        // The filter is the prefetched ids, whose cardinality is exact.
        let ids = union(&lists);
        let by_index = should_pre_filter(ids.len(), self.coll.len(), node.limit);
        order_by.entries(self.coll, ids.into_iter(), node.limit, by_index)
    }

    /// Rescoring searches the prefetched ids only (`filter_with_sources_ids`): the filters
    /// were applied by the leaves.
    fn rescore(&self, node: &Node, using: &str, query: &ScoringQuery, lists: &[Vec<Scored>], limit: usize) -> Result<Vec<Scored>> {
        let within = union(lists);
        let params = SearchParams { using, within: Some(&within), limit, ..self.params(node, None) };
        search(self.coll, query, &params)
    }

    fn leaf(&self, node: &Node, filter: Option<&Filter>) -> Result<Vec<Scored>> {
        match &node.scoring {
            Scoring::Vector { using, query } => {
                search(self.coll, query, &SearchParams { using, ..self.params(node, filter) })
            }
            Scoring::Mmr(m) => {
                let query = ScoringQuery::nearest(m.vector.clone());
                let params = SearchParams { using: &m.using, limit: m.candidates_limit, ..self.params(node, filter) };
                search(self.coll, &query, &params)
            }
            Scoring::Sparse { using, query } => self.sparse(node, using, query, filter, None),
            Scoring::ById => Ok(self.by_id(filter, node.limit)),
            Scoring::Random => {
                let matching: Vec<u32> = matching(self.coll, filter).filter(|o| !self.exclude.contains(o)).collect();
                Ok(scored_one(sample(matching, node.limit)))
            }
            Scoring::Fusion(_) => Err(Error::wrong_input("cannot apply Fusion without prefetches")),
            Scoring::Formula(_) => Err(Error::wrong_input("cannot apply Formula without prefetches")),
            Scoring::OrderBy(_) => unreachable_order_by(),
        }
    }

    fn params<'a>(&'a self, node: &Node, filter: Option<&'a Filter>) -> SearchParams<'a> {
        SearchParams {
            using: "",
            filter,
            exclude: Some(self.exclude),
            within: None,
            limit: node.limit,
            offset: 0,
            score_threshold: node.score_threshold,
            hnsw: node.params,
        }
    }

    fn sparse(
        &self,
        node: &Node,
        using: &str,
        query: &SparseScoring,
        filter: Option<&Filter>,
        within: Option<&[u32]>,
    ) -> Result<Vec<Scored>> {
        let gate = |o: u32| !self.exclude.contains(&o) && matches(self.coll, filter, o);
        let s = SparseSearch { using, gate, within, limit: node.limit, score_threshold: node.score_threshold };
        sparse::search(self.coll, query, &s)
    }

    /// A query without `query`: matching points in id order, each scored 1.0
    /// (local_shard/scroll.rs).
    fn by_id(&self, filter: Option<&Filter>, limit: usize) -> Vec<Scored> {
        scored_one(matching(self.coll, filter).filter(|off| !self.exclude.contains(off)).take(limit).collect())
    }
}

/// `order_by` nodes are answered by `Run::ordered` before the leaf/inner split.
fn unreachable_order_by() -> Result<Vec<Scored>> {
    Err(Error::bad_request("order_by node reached the generic scorer"))
}

/// The distinct offsets of prefetched lists, ascending.
fn union(lists: &[Vec<Scored>]) -> Vec<u32> {
    let mut all: Vec<u32> = lists.iter().flatten().map(|s| s.offset).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// Scroll-like results carry score 1.0 (local_shard/scroll.rs `query_scroll`).
fn scored_one(offsets: Vec<u32>) -> Vec<Scored> {
    offsets.into_iter().map(|offset| Scored { score: 1.0, offset }).collect()
}
