//! One memory budget shared by several databases: everything in one wasm instance (a Worker
//! isolate, a page) draws on the same linear memory, so four databases must not each get the
//! whole budget.
//!
//! A [`MemoryPool`] holds the budget and, per member database, the bytes it reported after its
//! last change. A database joins with a [`Seat`]; the seat reports after every write (the
//! write guard of `Database::collection_mut` does it on drop) and gives its bytes back when the
//! database is dropped. `Database` is `Clone`: a clone is a second copy of the data, so it
//! takes a seat of its own holding the same bytes.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug)]
struct Members {
    budget: usize,
    /// Seats handed out so far: numbers the seats and the default names ("database 2").
    joined: u64,
    /// Per seat: the database's name and its bytes at its last report.
    seats: BTreeMap<u64, (String, usize)>,
}

/// A memory budget and the databases sharing it. Cloning shares the same pool.
#[derive(Debug, Clone)]
pub struct MemoryPool(Arc<Mutex<Members>>);

impl MemoryPool {
    pub fn new(budget: usize) -> Self {
        MemoryPool(Arc::new(Mutex::new(Members { budget, joined: 0, seats: BTreeMap::new() })))
    }

    fn lock(&self) -> MutexGuard<'_, Members> {
        // A panic elsewhere cannot leave the counters half-updated (each update is one insert
        // or remove), so a poisoned lock is still consistent.
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn budget(&self) -> usize {
        self.lock().budget
    }

    /// Sets the budget every member database draws on.
    pub fn set_budget(&self, bytes: usize) {
        self.lock().budget = bytes;
    }

    /// Bytes reported by all member databases together.
    pub fn total_bytes(&self) -> usize {
        self.lock().seats.values().map(|(_, b)| *b).fold(0, usize::saturating_add)
    }

    /// Number of member databases (live seats).
    pub fn members(&self) -> usize {
        self.lock().seats.len()
    }

    /// A seat for a new member holding `bytes`; without a name it is called "database N" (N
    /// counts the seats handed out by this pool).
    pub(crate) fn join(&self, name: Option<&str>, bytes: usize) -> Seat {
        let mut m = self.lock();
        m.joined += 1;
        let id = m.joined;
        let name = name.map_or_else(|| format!("database {id}"), str::to_string);
        m.seats.insert(id, (name, bytes));
        Seat { pool: self.clone(), id }
    }
}

/// One database's place in a [`MemoryPool`].
#[derive(Debug)]
pub(crate) struct Seat {
    pool: MemoryPool,
    id: u64,
}

/// What a database may still use: the budget, what the other members use, and its name.
#[derive(Debug, Clone)]
pub(crate) struct Allowance {
    pub(crate) budget: usize,
    pub(crate) others: usize,
    pub(crate) name: String,
}

impl Seat {
    pub(crate) fn pool(&self) -> &MemoryPool {
        &self.pool
    }

    /// Records this database's bytes after a change.
    pub(crate) fn report(&self, bytes: usize) {
        if let Some(seat) = self.pool.lock().seats.get_mut(&self.id) {
            seat.1 = bytes;
        }
    }

    pub(crate) fn name(&self) -> String {
        self.pool.lock().seats.get(&self.id).map(|s| s.0.clone()).unwrap_or_default()
    }

    pub(crate) fn rename(&self, name: &str) {
        if let Some(seat) = self.pool.lock().seats.get_mut(&self.id) {
            seat.0 = name.to_string();
        }
    }

    /// The budget, the bytes of every other member, and this database's name.
    pub(crate) fn allowance(&self) -> Allowance {
        let m = self.pool.lock();
        let others = m.seats.iter().filter(|(id, _)| **id != self.id).map(|(_, s)| s.1).fold(0, usize::saturating_add);
        let name = m.seats.get(&self.id).map(|s| s.0.clone()).unwrap_or_default();
        Allowance { budget: m.budget, others, name }
    }

    /// This seat's last reported bytes.
    pub(crate) fn bytes(&self) -> usize {
        self.pool.lock().seats.get(&self.id).map_or(0, |s| s.1)
    }
}

impl Clone for Seat {
    /// A clone of a database is a second copy of its data: a new seat with the same bytes.
    fn clone(&self) -> Self {
        let (name, bytes) = (self.name(), self.bytes());
        self.pool.join(Some(&name), bytes)
    }
}

impl Drop for Seat {
    /// A dropped (or freed) database gives its bytes back.
    fn drop(&mut self) {
        self.pool.lock().seats.remove(&self.id);
    }
}
