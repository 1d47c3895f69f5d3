//! One error type for the whole engine.
//!
//! Each variant carries structured fields; `Display` renders Qdrant's own wording (from
//! `lib/segment/src/common/operation_error.rs` and `lib/storage/src/content_manager/errors.rs`)
//! so messages match a server's `status.error`, and [`Error::status`] gives the HTTP code the
//! server would answer with.

use std::fmt;

/// Everything that can go wrong in a request. No variant is ever produced by a panic.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// 400: the JSON body is not valid JSON or does not have the expected shape.
    Format { description: String },
    /// 422: the JSON has the right shape but violates a validation rule (e.g. `limit: 0`).
    Validation { description: String },
    /// 400: a request the server rejects as a bad request.
    BadRequest { description: String },
    /// 400: a value inside the request is wrong (Qdrant's "Wrong input").
    WrongInput { description: String },
    /// 400: a vector's length differs from the configured size.
    DimensionMismatch { expected: usize, got: usize },
    /// 400: the named vector is not configured in the collection.
    VectorNameNotFound { name: String },
    /// 404: the collection (or alias) does not exist.
    CollectionNotFound { name: String },
    /// 404: a referenced point does not exist.
    PointNotFound { id: String },
    /// 404: the point exists but has no vector under that name.
    PointVectorNotFound { name: String },
    /// 404: another missing thing (unknown route, payload index...).
    NotFound { description: String },
    /// 409: creating something that already exists.
    Conflict { description: String },
    /// 507: the memory budget (shared by every database of a wasm instance) would be exceeded;
    /// nothing was changed. `used` counts every database of the pool, `database` names the one
    /// that asked (empty: a collection outside any database).
    MemoryBudget { requested: usize, budget: usize, used: usize, database: String },
    /// 507 as well: the allocator refused (the address space is full before the budget is);
    /// nothing was changed.
    OutOfMemory { requested: usize },
    /// 501: a Qdrant feature simile does not implement yet.
    Unsupported { what: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The HTTP status a Qdrant server answers with for this error.
    pub fn status(&self) -> u16 {
        match self {
            Error::Format { .. }
            | Error::BadRequest { .. }
            | Error::WrongInput { .. }
            | Error::DimensionMismatch { .. }
            | Error::VectorNameNotFound { .. } => 400,
            Error::Validation { .. } => 422,
            Error::CollectionNotFound { .. }
            | Error::PointNotFound { .. }
            | Error::PointVectorNotFound { .. }
            | Error::NotFound { .. } => 404,
            Error::Conflict { .. } => 409,
            Error::MemoryBudget { .. } | Error::OutOfMemory { .. } => 507,
            Error::Unsupported { .. } => 501,
        }
    }

    /// A stable machine-readable code, exposed to JS as `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Format { .. } => "format",
            Error::Validation { .. } => "validation",
            Error::BadRequest { .. } => "bad_request",
            Error::WrongInput { .. } => "wrong_input",
            Error::DimensionMismatch { .. } => "dimension_mismatch",
            Error::VectorNameNotFound { .. } => "vector_name_not_found",
            Error::CollectionNotFound { .. } => "collection_not_found",
            Error::PointNotFound { .. } => "point_not_found",
            Error::PointVectorNotFound { .. } => "point_vector_not_found",
            Error::NotFound { .. } => "not_found",
            Error::Conflict { .. } => "conflict",
            Error::MemoryBudget { .. } | Error::OutOfMemory { .. } => "memory_budget",
            Error::Unsupported { .. } => "unsupported",
        }
    }

    pub fn format(description: impl Into<String>) -> Self {
        Error::Format { description: description.into() }
    }
    pub fn validation(description: impl Into<String>) -> Self {
        Error::Validation { description: description.into() }
    }
    pub fn bad_request(description: impl Into<String>) -> Self {
        Error::BadRequest { description: description.into() }
    }
    pub fn wrong_input(description: impl Into<String>) -> Self {
        Error::WrongInput { description: description.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Format { description } => write!(f, "Format error in JSON body: {description}"),
            Error::Validation { description } => {
                write!(f, "Validation error in JSON body: {description}")
            }
            Error::BadRequest { description } => write!(f, "Bad request: {description}"),
            Error::WrongInput { description } => write!(f, "Wrong input: {description}"),
            Error::DimensionMismatch { expected, got } => write!(
                f,
                "Wrong input: Vector dimension error: expected dim: {expected}, got {got}"
            ),
            Error::VectorNameNotFound { name } => {
                write!(f, "Wrong input: Not existing vector name error: {name}")
            }
            Error::CollectionNotFound { name } => {
                write!(f, "Not found: Collection `{name}` doesn't exist!")
            }
            Error::PointNotFound { id } => write!(f, "Not found: No point with id {id} found"),
            Error::PointVectorNotFound { name } => {
                write!(f, "Not found: Vector with name {name:?} for point not found")
            }
            Error::NotFound { description } => write!(f, "Not found: {description}"),
            Error::Conflict { description } => write!(f, "Wrong input: {description}"),
            Error::MemoryBudget { requested, budget, used, database } => {
                let who = if database.is_empty() { "this operation".to_string() } else { format!("database \"{database}\"") };
                write!(
                    f,
                    "Memory budget exceeded: {who} needs {requested} more bytes, {} of the {budget}-byte \
                     budget are left ({used} in use by all databases); nothing was changed",
                    budget.saturating_sub(*used)
                )
            }
            Error::OutOfMemory { requested } => write!(
                f,
                "Memory budget exceeded: allocating {requested} more bytes failed (out of memory); nothing was changed"
            ),
            Error::Unsupported { what } => write!(f, "{what} is not supported by simile yet"),
        }
    }
}

impl std::error::Error for Error {}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::format(e.to_string())
    }
}

/// A failed reservation whose size the caller did not track (the reservations that matter are
/// made ahead with their size in the error; this is the fallback).
impl From<std::collections::TryReserveError> for Error {
    fn from(_: std::collections::TryReserveError) -> Self {
        Error::OutOfMemory { requested: 0 }
    }
}
