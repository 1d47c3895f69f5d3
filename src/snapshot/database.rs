//! A database snapshot: for each collection (ascending names) a NAME section followed by that
//! collection's sections, then one ALIASES section (a JSON object `{alias: collection}`).

use super::frame::Input;
use super::io::Writer;
use super::{collection, invalid, kind};
use crate::database::Database;
use crate::error::Result;
use std::collections::BTreeMap;

/// Appends every collection, then the aliases.
pub(super) fn write(w: &mut Writer, db: &Database) {
    for (name, c) in &db.collections {
        w.section(kind::NAME, |o| o.extend_from_slice(name.as_bytes()));
        collection::write(w, c);
    }
    w.section(kind::ALIASES, |o| {
        let ok = serde_json::to_writer(o, &db.aliases).is_ok();
        debug_assert!(ok, "a map of strings always serialises");
    });
}

/// Reads collections until the ALIASES section, then checks the aliases.
pub(super) fn read(r: &mut Input<'_>) -> Result<Database> {
    let mut db = Database::default();
    loop {
        let s = r.next_known()?;
        match s.kind {
            kind::NAME => {
                let body = s.verify()?;
                let name = std::str::from_utf8(&body).map_err(|_| invalid("collection name is not UTF-8"))?;
                crate::database::validate_collection_name(name)
                    .map_err(|e| invalid(format!("{name:?} is not a valid collection name ({e})")))?;
                if db.collections.last_key_value().is_some_and(|(last, _)| last.as_str() >= name) {
                    return Err(invalid(format!("collection `{name}` is duplicated or out of order")));
                }
                let c = collection::read(r)?;
                db.collections.insert(name.to_string(), c);
            }
            kind::ALIASES => {
                let aliases: BTreeMap<String, String> = crate::json::parse_slice(&s.verify()?)
                    .map_err(|e| invalid(format!("aliases: {e}")))?;
                check_aliases(&db, &aliases)?;
                db.aliases = aliases;
                return Ok(db);
            }
            other => return Err(invalid(format!("expected a collection or the aliases, found section kind {other}"))),
        }
    }
}

/// Every alias names an existing collection and is not itself a collection name.
fn check_aliases(db: &Database, aliases: &BTreeMap<String, String>) -> Result<()> {
    for (alias, target) in aliases {
        if !db.collections.contains_key(target) {
            return Err(invalid(format!("alias `{alias}` points to missing collection `{target}`")));
        }
        if db.collections.contains_key(alias) || alias.is_empty() {
            return Err(invalid(format!("alias `{alias}` clashes with a collection name or is empty")));
        }
    }
    Ok(())
}
