//! Qdrant's REST surface: a router from `(method, path, JSON body)` to Qdrant's JSON response.
//!
//! Success: `{"result": …, "status": "ok", "time": <seconds>}`; failure: the HTTP status plus
//! `{"status": {"error": "<message>"}, "time": …}` (Qdrant `lib/api/src/rest/models.rs`). The
//! core has no clock (wasm32-unknown-unknown has none), so `time` is 0 here and the JS layer
//! fills in the measured time.

mod collections;
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

/// A response: HTTP-like status, Qdrant's JSON envelope as text, and for errors the stable
/// [`Error::code`].
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub body: String,
    pub code: Option<&'static str>,
}

impl Response {
    fn ok(result_json: &str) -> Self {
        let body = format!("{{\"result\":{result_json},\"status\":\"ok\",\"time\":0.0}}");
        Response { status: 200, body, code: None }
    }

    fn error(e: &Error) -> Self {
        let body = serde_json::json!({"status": {"error": e.to_string()}, "time": 0.0});
        Response { status: e.status(), body: body.to_string(), code: Some(e.code()) }
    }
}

impl Database {
    /// Answers one REST request. `path` may carry a query string (`?wait=true`), which is ignored.
    pub fn request(&mut self, method: &str, path: &str, body: &str) -> Response {
        match self.route(method, path, body) {
            Ok(result) => Response::ok(&result),
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
            ("POST", ["query", "groups"]) | ("POST", ["search", "groups"]) | ("POST", ["recommend", "groups"]) => {
                Err(Error::Unsupported { what: "Grouped queries (`groups`)".into() })
            }
            ("POST", ["facet"]) => Err(Error::Unsupported { what: "Facet counts".into() }),
            ("POST", ["search", "matrix", ..]) => Err(Error::Unsupported { what: "Search matrix".into() }),
            _ => points::handle(self, method, name, rest, body),
        }
    }

}

/// Parses a JSON body; an empty body counts as `{}`. Shape errors are 400 "Format error".
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

fn version_info() -> serde_json::Value {
    serde_json::json!({"title": "simile - Qdrant-compatible local engine", "version": env!("CARGO_PKG_VERSION"), "qdrant_compat": "1.19.0"})
}
