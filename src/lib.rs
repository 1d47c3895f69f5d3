//! simile: Qdrant's example-based queries — recommend, discover, context search, plain search
//! and payload filters — answered client-side, with the same results as a Qdrant server.
//!
//! The core is pure Rust and builds natively; [`bindings`] (wasm32 only) is the one border where
//! JavaScript types appear. Requests enter through [`Database::request`], which takes Qdrant's
//! REST method, path and JSON body and answers with Qdrant's JSON response.

#![warn(unreachable_pub, missing_debug_implementations, rust_2018_idioms)]
#![deny(unsafe_op_in_unsafe_fn)]

pub mod api;
pub mod collection;
pub mod database;
pub mod distance;
pub mod error;
pub mod filter;
pub mod index;
pub mod inference;
pub mod json;
pub mod kernels;
pub mod payload;
pub mod point_id;
pub mod query;
pub mod snapshot;

#[cfg(target_arch = "wasm32")]
mod bindings;

pub use api::Response;
pub use database::Database;
pub use distance::Distance;
pub use error::{Error, Result};
pub use payload::Payload;
pub use point_id::PointId;
