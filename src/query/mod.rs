//! Scoring: strategies as folds over similarities, a bounded top-k, and the scan that runs a
//! strategy over a collection.

pub mod candidates;
pub mod scan;
pub mod strategy;
#[cfg(test)]
mod strategy_tests;
pub mod topk;

pub use scan::{bare_scan, search, ScoringQuery, SearchParams, Strategy};
pub use strategy::{BestScore, Context, ContextPair, Discover, Nearest, Query, SumScores};
