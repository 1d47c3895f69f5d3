//! Sparse vectors: the vector type, per-name storage with an inverted index, and scoring.
//!
//! Storage cost: [`BYTES_PER_NONZERO`] bytes per stored entry (index and value in the point's
//! row, offset and weight in the posting list; posting lists grow amortised, so up to about
//! twice that for their part), plus a row slot per point and a small overhead per dimension.

mod search;
mod store;
#[cfg(test)]
mod tests;
mod vector;

pub use search::{average, idf, merge_positive_negative, prepare_query, score, search, search_plain, similarity, SparseQuery};
pub use store::{Posting, SparseStore, BYTES_PER_NONZERO};
pub(crate) use store::ROW_BYTES;
pub use vector::{score_sorted, SparseVector};
