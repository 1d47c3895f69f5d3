//! Aliases (Qdrant `lib/storage/src/content_manager/collection_meta_ops.rs` `AliasOperations`,
//! `toc/collection_meta_ops.rs` `update_aliases`, `alias_mapping.rs`).

use super::super::{parse_body, to_json, Database};
use crate::error::{Error, Result};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Debug, Deserialize)]
struct ChangeBody {
    actions: Vec<Action>,
}

/// One action: `{"create_alias": {…}}`, `{"delete_alias": {…}}` or `{"rename_alias": {…}}`.
#[derive(Debug, Deserialize)]
enum Action {
    #[serde(rename = "create_alias")]
    Create { collection_name: String, alias_name: String },
    #[serde(rename = "delete_alias")]
    Delete { alias_name: String },
    #[serde(rename = "rename_alias")]
    Rename { old_alias_name: String, new_alias_name: String },
}

/// `POST /collections/aliases` → `true`. Actions apply in order, all or nothing (Qdrant
/// applies the ones before a failing action; simile keeps the old aliases on any error).
/// * create: the target must be a collection, not an alias (404); the alias must not be a
///   collection name (400); an existing alias of that name is repointed.
/// * delete: a missing alias is not an error.
/// * rename: a missing old alias is 404 "Alias {old} does not exists!".
pub(super) fn change(db: &mut Database, body: &str) -> Result<String> {
    let req: ChangeBody = parse_body(body)?;
    let mut aliases = db.aliases.clone();
    for action in req.actions {
        match action {
            Action::Create { collection_name, alias_name } => {
                if !db.collections.contains_key(&collection_name) {
                    return Err(Error::CollectionNotFound { name: collection_name });
                }
                if db.collections.contains_key(&alias_name) {
                    return Err(Error::wrong_input(format!("Collection `{alias_name}` already exists!")));
                }
                aliases.insert(alias_name, collection_name);
            }
            Action::Delete { alias_name } => {
                aliases.remove(&alias_name);
            }
            Action::Rename { old_alias_name, new_alias_name } => {
                let target = aliases.remove(&old_alias_name).ok_or_else(|| Error::NotFound {
                    description: format!("Alias {old_alias_name} does not exists!"),
                })?;
                aliases.insert(new_alias_name, target);
            }
        }
    }
    db.aliases = aliases;
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
        .aliases
        .iter()
        .filter(|(_, coll)| target.as_ref().map_or(true, |t| t == *coll))
        .map(|(alias, coll)| json!({ "alias_name": alias, "collection_name": coll }))
        .collect();
    to_json(&json!({ "aliases": aliases }))
}
