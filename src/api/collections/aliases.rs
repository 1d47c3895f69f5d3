//! Alias routes over [`Database::update_aliases`] (Qdrant `collection_meta_ops.rs`
//! `AliasOperations`, `toc/collection_meta_ops.rs` `update_aliases`, `alias_mapping.rs`).

use super::super::{parse_body, to_json, Database};
use crate::database::AliasAction;
use crate::error::Result;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Debug, Deserialize)]
struct ChangeBody {
    actions: Vec<AliasAction>,
}

/// `POST /collections/aliases` → `true` (see [`Database::update_aliases`]).
pub(super) fn change(db: &mut Database, body: &str) -> Result<String> {
    let req: ChangeBody = parse_body(body)?;
    db.update_aliases(req.actions)?;
    to_json(&true)
}

/// `{"aliases": [{"alias_name", "collection_name"}]}` by alias name: all of them, or those of
/// one collection (`of` may itself be an alias; an unknown collection is 404).
pub(super) fn list(db: &Database, of: Option<&str>) -> Result<String> {
    let target = match of {
        Some(name) => {
            db.collection(name)?;
            Some(db.resolve_alias(name))
        }
        None => None,
    };
    let aliases: Vec<Value> = db
        .aliases()
        .filter(|(_, coll)| target.as_deref().map_or(true, |t| t == *coll))
        .map(|(alias, coll)| json!({ "alias_name": alias, "collection_name": coll }))
        .collect();
    to_json(&json!({ "aliases": aliases }))
}
