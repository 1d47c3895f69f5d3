//! A query plan: Qdrant's universal query for one collection (lib/shard/src/query/
//! planned_query.rs, lib/collection/src/operations/universal_query/, v1.19.0).
//!
//! Every read request becomes a tree. A leaf scores the collection's points (or lists them by
//! id); an inner node takes the union of its prefetches' results and rescores it with its own
//! scoring, or fuses their rankings. The REST Query API parses straight into a plan; `search`,
//! `recommend` and `discover` are translations into a one-leaf plan.

use super::fusion::Fusion;
use super::mmr::Mmr;
use super::scan::ScoringQuery;
use super::sparse::SparseScoring;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::point_id::PointId;
use std::collections::HashSet;

/// Deepest prefetch nesting accepted (`MAX_PREFETCH_DEPTH`).
pub const MAX_PREFETCH_DEPTH: usize = 64;

/// How a node scores its points.
#[derive(Debug, Clone)]
pub enum Scoring {
    /// No query: points in id order, each scored 1.0 (a scroll, local_shard/scroll.rs).
    ById,
    /// Similarity to example vectors of the named vector `using`.
    Vector { using: String, query: ScoringQuery },
    /// Similarity to example vectors of the sparse vector `using`.
    Sparse { using: String, query: SparseScoring },
    /// The prefetches' rankings fused into one.
    Fusion(Fusion),
    /// Nearest candidates re-ranked for diversity. As a leaf below the root only the nearest
    /// search runs (`leaf_source_from_scoring_query` has no MMR stage).
    Mmr(Mmr),
    /// Points in random order, each scored 1.0 (`{"sample": "random"}`).
    Random,
    /// The prefetched points rescored by an expression over their scores and payload.
    Formula(Box<super::formula::Formula>),
    /// Points by a payload field's value, each scored 1.0; as a leaf a scroll by the field, over
    /// prefetches a scroll of their union (local_shard/query.rs `rescore`, `ScrollOrder::ByField`).
    OrderBy(super::order_by::OrderBy),
}

/// One node of the tree.
#[derive(Debug, Clone)]
pub struct Node {
    pub scoring: Scoring,
    /// Empty for a leaf, which reads the collection itself.
    pub prefetches: Vec<Node>,
    /// This node's own filter. Filters flow down: a leaf applies its ancestors' filters merged
    /// with its own (`recurse_prefetches`); an inner node rescores what its leaves let through.
    pub filter: Option<Filter>,
    /// How many points the node passes on (at the root: `limit + offset`).
    pub limit: usize,
    pub score_threshold: Option<f32>,
    /// The request's `params` for this node's vector search (`hnsw_ef`, `exact`).
    pub params: super::graph::GraphParams,
}

/// A whole request against one collection.
#[derive(Debug, Clone)]
pub struct Plan {
    pub root: Node,
    /// Points skipped from the root's results.
    pub offset: usize,
    /// Points never returned: the request's own id examples, which Qdrant turns into a
    /// `must_not: has_id` on the top-level filter (`exclude_referenced_ids`).
    pub exclude: HashSet<PointId>,
}

impl Node {
    /// A node without prefetches.
    pub fn leaf(scoring: Scoring, filter: Option<Filter>, limit: usize, score_threshold: Option<f32>) -> Self {
        Node { scoring, prefetches: Vec::new(), filter, limit, score_threshold, params: Default::default() }
    }

    /// 1 for a leaf, one more than the deepest prefetch otherwise (`ShardPrefetch::depth`).
    pub fn depth(&self) -> usize {
        1 + self.prefetches.iter().map(Node::depth).max().unwrap_or(0)
    }

    /// The planner's structural rules (planned_query.rs): prefetches need a query to merge
    /// them, and fusion needs prefetches to fuse. Filters are validated here, once.
    fn check(&self) -> Result<()> {
        if let Some(f) = &self.filter {
            f.validate()?;
        }
        match (&self.scoring, self.prefetches.is_empty()) {
            (Scoring::ById, false) => Err(Error::bad_request(
                "A query is needed to merge the prefetches. Can't have prefetches without defining a query.",
            )),
            (Scoring::Fusion(_), true) => Err(Error::wrong_input("cannot apply Fusion without prefetches")),
            (Scoring::Formula(_), true) => Err(Error::wrong_input("cannot apply Formula without prefetches")),
            _ => self.prefetches.iter().try_for_each(Node::check),
        }
    }
}

impl Plan {
    /// A plan whose root returns `limit` points after skipping `offset`.
    pub fn new(mut root: Node, offset: usize, exclude: HashSet<PointId>) -> Result<Self> {
        let depth = root.depth() - 1;
        if depth > MAX_PREFETCH_DEPTH {
            return Err(Error::wrong_input(format!(
                "prefetches depth {depth} exceeds max depth {MAX_PREFETCH_DEPTH}"
            )));
        }
        root.check()?;
        // MMR selects `limit` points and the offset is skipped from those (collection/query.rs
        // `intermediates_to_final_list`): `limit − offset` points come back.
        if !matches!(root.scoring, Scoring::Mmr(_)) {
            root.limit = root.limit.saturating_add(offset);
        }
        Ok(Plan { root, offset, exclude })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(depth: usize) -> Node {
        (1..depth).fold(Node::leaf(Scoring::ById, None, 1, None), |inner, _| Node {
            prefetches: vec![inner],
            ..Node::leaf(Scoring::Fusion(Fusion::Dbsf), None, 1, None)
        })
    }

    #[test]
    fn depth_is_limited_to_64_prefetch_levels() {
        assert!(Plan::new(chain(65), 0, HashSet::new()).is_ok());
        let err = Plan::new(chain(66), 0, HashSet::new()).unwrap_err();
        assert_eq!(err.to_string(), "Wrong input: prefetches depth 65 exceeds max depth 64");
    }

    #[test]
    fn the_root_limit_makes_room_for_the_offset() {
        let plan = Plan::new(Node::leaf(Scoring::ById, None, 10, None), 5, HashSet::new()).unwrap();
        assert_eq!(plan.root.limit, 15);
    }
}
