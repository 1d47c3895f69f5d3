//! Alias changes (Qdrant `lib/storage/src/content_manager/collection_meta_ops.rs`
//! `AliasOperations`, `toc/collection_meta_ops.rs` `update_aliases`).

use super::Database;
use crate::error::{Error, Result};
use serde::Deserialize;

/// One action: `{"create_alias": {…}}`, `{"delete_alias": {…}}` or `{"rename_alias": {…}}`.
#[derive(Debug, Clone, Deserialize)]
pub enum AliasAction {
    #[serde(rename = "create_alias")]
    Create { collection_name: String, alias_name: String },
    #[serde(rename = "delete_alias")]
    Delete { alias_name: String },
    #[serde(rename = "rename_alias")]
    Rename { old_alias_name: String, new_alias_name: String },
}

impl Database {
    /// Applies actions in order, all or nothing (Qdrant applies the ones before a failing
    /// action; simile keeps the old aliases on any error).
    /// * create: the target must be a collection, not an alias (404); the alias must not be a
    ///   collection name (400); an existing alias of that name is repointed.
    /// * delete: a missing alias is not an error.
    /// * rename: a missing old alias is 404 "Alias {old} does not exists!".
    pub fn update_aliases(&mut self, actions: Vec<AliasAction>) -> Result<()> {
        let mut aliases = self.aliases.clone();
        for action in actions {
            match action {
                AliasAction::Create { collection_name, alias_name } => {
                    if !self.collections.contains_key(&collection_name) {
                        return Err(Error::CollectionNotFound { name: collection_name });
                    }
                    if self.collections.contains_key(&alias_name) {
                        return Err(Error::wrong_input(format!("Collection `{alias_name}` already exists!")));
                    }
                    aliases.insert(alias_name, collection_name);
                }
                AliasAction::Delete { alias_name } => {
                    aliases.remove(&alias_name);
                }
                AliasAction::Rename { old_alias_name, new_alias_name } => {
                    let target = aliases.remove(&old_alias_name).ok_or_else(|| Error::NotFound {
                        description: format!("Alias {old_alias_name} does not exists!"),
                    })?;
                    aliases.insert(new_alias_name, target);
                }
            }
        }
        self.aliases = aliases;
        Ok(())
    }
}
