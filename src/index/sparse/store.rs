//! Storage of one named sparse vector: each point's sorted vector by offset, plus an inverted
//! index — per dimension, the `(offset, weight)` of every point whose vector has it, by
//! ascending offset (Qdrant `lib/sparse/src/index/inverted_index/inverted_index_ram.rs`).
//!
//! Changes are applied in batches ([`SparseStore::apply`]): removals and insertions are grouped
//! per dimension and each touched posting list is rewritten once, so deleting many points costs
//! the length of the lists they touch, not that times the number of points.

use super::vector::SparseVector;
use std::collections::{BTreeMap, HashMap};

/// One posting: a point offset and its weight for the list's dimension.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Posting {
    pub offset: u32,
    pub weight: f32,
}

/// Bytes the map spends per posting list besides its elements (key, `Vec` header, table slot).
const LIST_OVERHEAD: usize = 40;
/// Bytes of one row slot (`Option<SparseVector>`: two `Vec` headers).
pub(crate) const ROW_BYTES: usize = std::mem::size_of::<Option<SparseVector>>();
/// Bytes a stored nonzero costs: its index and value in the row, its posting in the index.
pub const BYTES_PER_NONZERO: usize = 8 + std::mem::size_of::<Posting>();

#[derive(Debug, Clone, Default)]
pub struct SparseStore {
    rows: Vec<Option<SparseVector>>,
    postings: HashMap<u32, Vec<Posting>>,
    /// Points whose vector has at least one entry: Qdrant's `vector_count`, the `N` of IDF
    /// (an empty vector is stored but never indexed, vector_index_impl.rs:178-190).
    indexed: usize,
    /// Stored entries over all rows.
    nonzeros: usize,
    /// Capacity (in postings) of all posting lists, kept in step by [`SparseStore::apply`].
    posting_capacity: usize,
}

impl SparseStore {
    /// The vector at `offset`, if the point has one (sorted by index).
    pub fn get(&self, offset: usize) -> Option<&SparseVector> {
        self.rows.get(offset)?.as_ref()
    }

    pub fn has(&self, offset: usize) -> bool {
        self.get(offset).is_some()
    }

    /// The posting list of dimension `dim` (ascending offsets; empty when no point has it).
    pub fn postings(&self, dim: u32) -> &[Posting] {
        self.postings.get(&dim).map_or(&[], Vec::as_slice)
    }

    /// Document frequency of `dim`: live points whose vector has that index.
    pub fn df(&self, dim: u32) -> usize {
        self.postings(dim).len()
    }

    /// Points with a non-empty vector.
    pub fn indexed(&self) -> usize {
        self.indexed
    }

    /// Stored entries over all points.
    pub fn nonzeros(&self) -> usize {
        self.nonzeros
    }

    /// Number of row slots (offsets), with or without a vector.
    pub fn rows(&self) -> usize {
        self.rows.len()
    }

    /// Offsets holding a vector, with it, in offset order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &SparseVector)> + '_ {
        self.rows.iter().enumerate().filter_map(|(o, r)| Some((o, r.as_ref()?)))
    }

    /// Bytes held: row slots, entries, posting lists. O(1).
    pub fn bytes(&self) -> usize {
        self.rows.capacity() * ROW_BYTES
            + self.nonzeros * 8
            + self.posting_capacity * std::mem::size_of::<Posting>()
            + self.postings.capacity() * LIST_OVERHEAD
    }

    /// Reserves room for `extra` more row slots; fails instead of aborting.
    pub fn try_reserve(&mut self, extra: usize) -> Result<(), std::collections::TryReserveError> {
        self.rows.try_reserve_exact(extra)
    }

    /// Gives back row capacity beyond `cap` (undoing a reservation).
    pub fn shrink_rows_to(&mut self, cap: usize) {
        self.rows.shrink_to(cap);
    }

    pub fn rows_capacity(&self) -> usize {
        self.rows.capacity()
    }

    /// Sets (`Some`, sorted and checked) or removes (`None`) the vector of each offset; an
    /// offset listed twice takes its last change. Offsets past the end grow the rows.
    pub fn apply(&mut self, changes: impl IntoIterator<Item = (usize, Option<SparseVector>)>) {
        let last: BTreeMap<usize, Option<SparseVector>> = changes.into_iter().collect();
        // (dim, offset, weight) of postings to drop (weight unused) and to add, each sorted by
        // dimension then offset, so every touched list is rewritten once.
        let (mut gone, mut added) = (Vec::new(), Vec::new());
        for (off, new) in last {
            if self.rows.len() <= off {
                self.rows.resize(off + 1, None);
            }
            if let Some(old) = self.rows[off].take() {
                self.account(&old, -1);
                gone.extend(old.indices.iter().map(|&d| (d, off as u32)));
            }
            if let Some(new) = &new {
                self.account(new, 1);
                added.extend(new.indices.iter().zip(&new.values).map(|(&d, &weight)| (d, Posting { offset: off as u32, weight })));
            }
            self.rows[off] = new;
        }
        gone.sort_unstable();
        added.sort_unstable_by_key(|&(d, p)| (d, p.offset));
        let (mut g, mut a) = (0, 0);
        while g < gone.len() || a < added.len() {
            let dim = match (gone.get(g), added.get(a)) {
                (Some(x), Some(y)) => x.0.min(y.0),
                (Some(x), None) => x.0,
                (None, Some(y)) => y.0,
                (None, None) => break,
            };
            let g_end = g + gone[g..].iter().take_while(|x| x.0 == dim).count();
            let a_end = a + added[a..].iter().take_while(|x| x.0 == dim).count();
            self.rewrite(dim, &gone[g..g_end], &added[a..a_end]);
            (g, a) = (g_end, a_end);
        }
    }

    fn account(&mut self, v: &SparseVector, sign: isize) {
        let step = |x: usize, by: usize| if sign > 0 { x + by } else { x.saturating_sub(by) };
        self.nonzeros = step(self.nonzeros, v.len());
        self.indexed = step(self.indexed, usize::from(!v.is_empty()));
    }

    /// Rewrites the list of `dim`: drops the postings of `gone` offsets, merges in `new` ones
    /// (both ascending by offset; offsets in `new` are distinct).
    fn rewrite(&mut self, dim: u32, gone: &[(u32, u32)], new: &[(u32, Posting)]) {
        let list = self.postings.entry(dim).or_default();
        let before = list.capacity();
        if !gone.is_empty() {
            list.retain(|p| gone.binary_search_by_key(&p.offset, |g| g.1).is_err());
        }
        let new = new.iter().map(|&(_, p)| p);
        if list.last().map_or(true, |l| new.clone().next().map_or(true, |f| l.offset < f.offset)) {
            list.extend(new);
        } else {
            let old = std::mem::take(list);
            *list = merge(old, new.collect());
        }
        let after = if list.is_empty() { 0 } else { list.capacity() };
        if list.is_empty() {
            self.postings.remove(&dim);
        }
        self.posting_capacity = self.posting_capacity.saturating_sub(before) + after;
    }
}

/// Two offset-ascending lists merged into one.
fn merge(a: Vec<Posting>, b: Vec<Posting>) -> Vec<Posting> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.offset <= y.offset => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(p) => out.push(p),
            None => return out,
        }
    }
}
