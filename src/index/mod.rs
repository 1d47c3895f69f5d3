//! Vector indexes: the HNSW graph of dense vectors, the inverted index of sparse vectors.

pub mod hnsw;
pub mod sparse;
