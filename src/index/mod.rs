//! Vector indexes: the inverted index of sparse vectors and its scoring.

pub mod sparse;
