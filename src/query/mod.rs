//! Queries: the plan (a tree of scorings over prefetches) and its executor; strategies as folds
//! over similarities; fusion; a bounded top-k; and the scan that runs a strategy over a
//! collection.

pub mod candidates;
pub mod execute;
pub mod formula;
pub mod facet;
pub mod feedback;
pub mod fusion;
pub mod graph;
pub mod groups;
pub mod matrix;
pub mod mmr;
pub mod multi;
pub mod order_by;
pub mod plan;
mod quantized;
pub mod scan;
mod scoring_query;
pub mod scroll;
pub mod sparse;
pub mod strategy;
#[cfg(test)]
mod strategy_tests;
mod best_first;
pub mod topk;
pub(crate) mod typed;

pub use execute::execute;
pub use feedback::{Feedback, NaiveCoefficients};
pub use fusion::{Fusion, DEFAULT_RRF_K};
pub use graph::GraphParams;
pub use mmr::Mmr;
pub use order_by::{OrderBy, OrderValue};
pub use plan::{Node, Plan, Scoring};
pub use scan::{bare_scan, search, ScoringQuery, SearchParams, Strategy};
pub use strategy::{BestScore, Context, ContextPair, Discover, Nearest, Query, SumScores};
