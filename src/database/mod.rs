//! The database: every collection and alias one Qdrant server would hold, its seat in the
//! memory pool it shares with other databases (`pool.rs`), and the operations that change them. The REST router (`api/`) and the snapshot format
//! (`snapshot/`) are two ways in; neither owns this state.

mod aliases;
mod flat;
mod pool;

use crate::collection::{BudgetShare, Collection};
use crate::error::{Error, Result};
use std::collections::BTreeMap;

pub use aliases::AliasAction;
pub use pool::MemoryPool;

/// An in-memory set of collections and aliases: what one Qdrant server holds.
#[derive(Debug, Clone)]
pub struct Database {
    pub(crate) collections: BTreeMap<String, Collection>,
    pub(crate) aliases: BTreeMap<String, String>,
    /// Its place in the memory pool whose budget writes are checked against.
    seat: pool::Seat,
}

/// The default memory budget: 1 GiB, a quarter of wasm32's 4 GiB address space. The Workers
/// entry of the JS package lowers it to fit a 128 MB isolate.
pub const DEFAULT_MEMORY_BUDGET: usize = 1 << 30;

impl Default for Database {
    /// An empty database with a pool (and budget, [`DEFAULT_MEMORY_BUDGET`]) of its own.
    fn default() -> Self {
        Database::in_pool(&MemoryPool::new(DEFAULT_MEMORY_BUDGET), None)
    }
}

impl Database {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty database drawing on `pool`'s budget, called `name` (default "database N").
    pub fn in_pool(pool: &MemoryPool, name: Option<&str>) -> Self {
        Database { collections: BTreeMap::new(), aliases: BTreeMap::new(), seat: pool.join(name, 0) }
    }

    /// Moves this database into `pool` (leaving its old one), if its bytes fit what the pool's
    /// other members leave of the budget; else [`Error::MemoryBudget`] and nothing changes.
    pub fn join_pool(&mut self, pool: &MemoryPool, name: Option<&str>) -> Result<()> {
        let (bytes, used) = (self.memory_bytes(), pool.total_bytes());
        let name = name.map_or_else(|| self.seat.name(), str::to_string);
        if used.saturating_add(bytes) > pool.budget() {
            return Err(Error::MemoryBudget { requested: bytes, budget: pool.budget(), used, database: name });
        }
        self.seat = pool.join(Some(&name), bytes);
        Ok(())
    }

    /// The pool whose budget this database shares.
    pub fn pool(&self) -> &MemoryPool {
        self.seat.pool()
    }

    /// The name budget errors give this database.
    pub fn name(&self) -> String {
        self.seat.name()
    }

    pub fn set_name(&mut self, name: &str) {
        self.seat.rename(name);
    }

    /// Tells the pool this database's bytes (after every change).
    pub(crate) fn report_memory(&self) {
        self.seat.report(self.memory_bytes());
    }

    /// The collection an alias points to, or the name itself.
    pub(crate) fn resolve_alias(&self, name: &str) -> String {
        self.aliases.get(name).cloned().unwrap_or_else(|| name.to_string())
    }

    /// Whether `a` and `b` name the same collection (directly or through aliases).
    pub(crate) fn same_collection(&self, a: &str, b: &str) -> bool {
        self.resolve_alias(a) == self.resolve_alias(b)
    }

    pub fn collection(&self, name: &str) -> Result<&Collection> {
        let real = self.resolve_alias(name);
        self.collections.get(&real).ok_or_else(|| Error::CollectionNotFound { name: name.to_string() })
    }

    /// A collection for writing, its budget set to what the other collections and the other
    /// databases of the pool leave free. The guard reports the database's bytes to the pool
    /// when the write is over.
    pub fn collection_mut(&mut self, name: &str) -> Result<CollectionMut<'_>> {
        let real = self.resolve_alias(name);
        let others: usize =
            self.collections.iter().filter(|(n, _)| **n != real).map(|(_, c)| c.memory_bytes()).sum();
        let allowance = self.seat.allowance();
        let share = BudgetShare {
            budget: allowance.budget,
            elsewhere: allowance.others.saturating_add(others),
            database: allowance.name,
        };
        let coll =
            self.collections.get_mut(&real).ok_or_else(|| Error::CollectionNotFound { name: name.to_string() })?;
        coll.set_budget(share);
        Ok(CollectionMut { coll, others, seat: &self.seat })
    }

    /// Adds a collection. Qdrant's checks, in its order (`toc/create_collection.rs`): the name
    /// must be free among collections (400 "already exists") and among aliases (400).
    pub fn create_collection(&mut self, name: &str, collection: Collection) -> Result<()> {
        validate_collection_name(name)?;
        if self.collections.contains_key(name) {
            return Err(Error::wrong_input(format!("Collection `{name}` already exists!")));
        }
        if self.aliases.contains_key(name) {
            return Err(Error::wrong_input(format!(
                "Can't create collection with name {name}. Alias with the same name already exists"
            )));
        }
        self.collections.insert(name.to_string(), collection);
        self.report_memory();
        Ok(())
    }

    /// Removes a collection; whether one was removed. The name is not resolved as an alias;
    /// aliases pointing at it are dropped either way (`toc/collection_meta_ops.rs`).
    pub fn delete_collection(&mut self, name: &str) -> bool {
        self.aliases.retain(|_, target| target != name);
        let removed = self.collections.remove(name).is_some();
        self.report_memory();
        removed
    }

    /// Builds the HNSW graphs of collection `name` (Qdrant's indexing optimizer, run when
    /// asked): every dense vector with `m` > 0 gets a complete graph, after which upserts keep
    /// it linked. `on_progress(done, total)` is called after each chunk of points.
    pub fn optimize(&mut self, name: &str, on_progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
        self.collection_mut(name)?.build_hnsw(on_progress)
    }

    /// One chunk of [`Database::optimize`]: links up to `budget` points and returns
    /// `(done, total)`; the build is complete when they are equal. Lets a caller yield
    /// between chunks.
    pub fn optimize_step(&mut self, name: &str, budget: usize) -> Result<(usize, usize)> {
        self.collection_mut(name)?.build_hnsw_step(budget)
    }

    /// Sets the memory budget in bytes (see [`DEFAULT_MEMORY_BUDGET`]) of the pool: every
    /// database sharing it draws on the new budget.
    pub fn set_memory_budget(&mut self, bytes: usize) {
        self.pool().set_budget(bytes);
    }

    /// The budget of the pool this database shares.
    pub fn memory_budget(&self) -> usize {
        self.pool().budget()
    }

    /// Approximate bytes used by all collections (vectors, payloads, bookkeeping): the one
    /// place the database's use is summed.
    pub fn memory_bytes(&self) -> usize {
        self.collections.values().map(Collection::memory_bytes).sum()
    }

    /// Names of all collections, ascending.
    pub fn collection_names(&self) -> Vec<String> {
        self.collections.keys().cloned().collect()
    }

    /// Every `(alias, collection)` pair, by alias.
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &str)> {
        self.aliases.iter().map(|(a, c)| (a.as_str(), c.as_str()))
    }
}

/// A collection being written: derefs to the collection; when dropped, reports the
/// database's new byte count to the memory pool (so other databases see it at once).
#[derive(Debug)]
pub struct CollectionMut<'a> {
    coll: &'a mut Collection,
    /// Bytes of the database's other collections.
    others: usize,
    seat: &'a pool::Seat,
}

impl std::ops::Deref for CollectionMut<'_> {
    type Target = Collection;
    fn deref(&self) -> &Collection {
        self.coll
    }
}

impl std::ops::DerefMut for CollectionMut<'_> {
    fn deref_mut(&mut self) -> &mut Collection {
        self.coll
    }
}

impl Drop for CollectionMut<'_> {
    fn drop(&mut self) {
        self.seat.report(self.others.saturating_add(self.coll.memory_bytes()));
    }
}

/// Qdrant's `validate_collection_name` (lib/storage/src/content_manager/collection_meta_ops.rs):
/// 1 to 255 characters, none of `< > : " / \ | ? *`, NUL or U+001F (422).
pub fn validate_collection_name(name: &str) -> Result<()> {
    const INVALID: [char; 11] = ['<', '>', ':', '"', '/', '\\', '|', '?', '*', '\0', '\u{1F}'];
    if name.is_empty() || name.chars().count() > 255 {
        return Err(Error::validation("collection_name: length must be between 1 and 255"));
    }
    match name.chars().find(|c| INVALID.contains(c)) {
        Some(c) => Err(Error::validation(format!("collection_name: Collection name cannot contain \"{c}\" char"))),
        None => Ok(()),
    }
}
