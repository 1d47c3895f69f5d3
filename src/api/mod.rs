//! Qdrant's REST surface: a router from `(method, path, JSON body)` to Qdrant's JSON response.
//!
//! Success: `{"result": …, "status": "ok", "time": <seconds>}`; failure: the HTTP status plus
//! `{"status": {"error": "<message>"}, "time": …}` (Qdrant `lib/api/src/rest/models.rs`). The
//! core has no clock (wasm32-unknown-unknown has none), so it answers with the status and the
//! result JSON (or the error): the JS layer wraps them with the measured time, and
//! [`Response::envelope`] renders the envelope with time 0.

mod collections;
mod facet;
mod groups;
mod matrix;
pub mod models;
pub mod output;
mod points;
mod query;
mod resolve;
mod search;
mod sparse_examples;

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;

pub use crate::database::{Database, DEFAULT_MEMORY_BUDGET};

/// A response: the HTTP-like status and what the envelope carries. The envelope itself
/// (`{"result": …, "status": "ok", "time": …}` or `{"status": {"error": …}, "time": …}`) is
/// assembled by the caller that owns a clock: the JS layer, or [`Response::envelope`].
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub outcome: Outcome,
}

/// What one request produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The envelope's `result`, serialised as JSON text.
    Result(String),
    /// Qdrant's error message and its stable [`Error::code`].
    Error { message: String, code: &'static str },
}

impl Response {
    fn ok(result_json: String) -> Self {
        Response { status: 200, outcome: Outcome::Result(result_json) }
    }

    fn error(e: &Error) -> Self {
        Response { status: e.status(), outcome: Outcome::Error { message: e.to_string(), code: e.code() } }
    }

    /// Qdrant's full JSON envelope with `time` 0 (native callers and tests; the JS layer
    /// builds the same text with the measured time).
    pub fn envelope(&self) -> String {
        match &self.outcome {
            Outcome::Result(result) => format!("{{\"result\":{result},\"status\":\"ok\",\"time\":0.0}}"),
            Outcome::Error { message, .. } => serde_json::json!({"status": {"error": message}, "time": 0.0}).to_string(),
        }
    }
}

impl Database {
    /// Answers one REST request. `path` may carry a query string (`?wait=true`), which is ignored.
    pub fn request(&mut self, method: &str, path: &str, body: &str) -> Response {
        match self.route(method, path, body) {
            Ok(result) => Response::ok(result),
            Err(e) => Response::error(&e),
        }
    }

    /// Dispatches on the path; every handler returns its `result` serialised as JSON.
    fn route(&mut self, method: &str, path: &str, body: &str) -> Result<String> {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let method = method.to_ascii_uppercase();
        match (method.as_str(), segs.as_slice()) {
            ("GET", []) => to_json(&version_info()),
            (_, ["collections", "aliases"]) | (_, ["aliases"]) | (_, ["collections"]) => {
                collections::handle(self, &method, &segs, body)
            }
            (_, ["collections", name, "points", rest @ ..]) => {
                let name = self.resolve_alias(name);
                self.points_route(&method, &name, rest, body)
            }
            ("POST", ["collections", name, "facet"]) => facet::facet(self, name, body),
            (_, ["collections", _name, ..]) => collections::handle(self, &method, &segs, body),
            _ => Err(unknown_route(&method, path)),
        }
    }

    fn points_route(&mut self, method: &str, name: &str, rest: &[&str], body: &str) -> Result<String> {
        if method == "POST" {
            if let Some(answer) = search::route(self, name, rest, body) {
                return answer;
            }
        }
        match (method, rest) {
            ("POST", ["query"]) => query::query(self, name, body),
            ("POST", ["query", "batch"]) => query::query_batch(self, name, body),
            ("POST", ["query", "groups"]) => query::query_groups(self, name, body),
            ("POST", ["search", "matrix", "pairs"]) => matrix::pairs(self, name, body),
            ("POST", ["search", "matrix", "offsets"]) => matrix::offsets(self, name, body),
            _ => points::handle(self, method, name, rest, body),
        }
    }

}

/// Parses a JSON body; an empty body counts as `{}`. Shape errors are 400 "Format error".
/// Straight from the text, not through a `Value` of the whole body (`crate::json` says why).
pub(crate) fn parse_body<T: DeserializeOwned>(body: &str) -> Result<T> {
    let text = if body.trim().is_empty() { "{}" } else { body };
    serde_json::from_str(text).map_err(|e| Error::format(e.to_string()))
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::bad_request(format!("cannot serialise response: {e}")))
}

fn unknown_route(method: &str, path: &str) -> Error {
    Error::NotFound { description: format!("no route for {method} {path}") }
}

/// The Qdrant server version whose REST API and answers simile reproduces.
pub const QDRANT_VERSION: &str = "1.19.0";

fn version_info() -> serde_json::Value {
    // `version` is the Qdrant version whose API this answers: the official clients compare it with
    // their own on connect (`checkCompatibility`). simile's own version is `simile_version`.
    serde_json::json!({"title": "simile - Qdrant-compatible local engine", "version": QDRANT_VERSION, "simile_version": env!("CARGO_PKG_VERSION")})
}
