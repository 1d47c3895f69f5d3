//! Bulk upsert into the unnamed vector, reading rows in place from a [`FloatSource`] (a slice,
//! or in the wasm bindings the caller's `Float32Array`): every row is copied once, to where it
//! ends up, then checked (finite) and preprocessed (Cosine normalises) there while in cache.
//!
//! Other element types (float16, uint8) go through a scratch piece: copied, checked and
//! prepared there, then encoded into the store.
//!
//! 1. Plan: each input row's destination — the offset of an existing point, or a fresh offset
//!    after the current rows (new ids in input order; a repeated new id maps to the offset of
//!    its first occurrence, so the last row wins). Then the budget check and the reservation.
//! 2. Copy: runs of fresh rows are appended straight into the room reserved in the store's
//!    chunks, one chunk at a time (all new, distinct ids — the common bulk load — is one run); rows for existing offsets and
//!    repeats go to a staging buffer, since writing them in place could not be undone.
//! 3. On a non-finite value, the appended rows are truncated away: nothing else has changed.
//! 4. Commit (infallible): ids, versions, payloads, the index, and staged rows into place.

use super::vectors::{extend_from_source, FloatSource};
use super::{all_finite, payload_bytes, Collection, DEFAULT_VECTOR};
use crate::error::{Error, Result};
use crate::payload::Payload;
use crate::point_id::{PointId, PointOffset};
use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

/// Floats copied, checked and preprocessed per step (256 KiB: the step is still in L2 when it
/// is checked, and a JS source's per-call cost is negligible).
const CHUNK_FLOATS: usize = 64 * 1024;

/// Where one input row goes.
#[derive(Debug, Clone, Copy)]
struct Slot {
    offset: usize,
    /// A new point, appended at `offset` (the first occurrence of a new id).
    fresh: bool,
}

impl Collection {
    /// [`Collection::upsert_rows`] from any [`FloatSource`]; same checks, same result.
    pub(crate) fn upsert_rows_from(&mut self, ids: &[PointId], rows: &dyn FloatSource, payloads: Option<Vec<Payload>>) -> Result<u64> {
        if self.multi_store(DEFAULT_VECTOR).is_some() {
            return Err(Error::wrong_input("bulk rows are single vectors; upsert multivectors as points"));
        }
        let dim = self.store(DEFAULT_VECTOR)?.dim();
        if rows.size() != ids.len().saturating_mul(dim) {
            return Err(Error::wrong_input(format!(
                "{} ids need {} floats ({} × dim {dim}), got {}",
                ids.len(),
                ids.len().saturating_mul(dim),
                ids.len(),
                rows.size()
            )));
        }
        let mut payloads = payloads.unwrap_or_default();
        if !payloads.is_empty() && payloads.len() != ids.len() {
            return Err(Error::wrong_input(format!("{} ids but {} payloads", ids.len(), payloads.len())));
        }
        payloads.resize_with(ids.len(), Payload::new);
        let slots = self.plan(ids)?;
        let new_rows = slots.iter().filter(|s| s.fresh).count();
        let incoming: usize = payloads.iter().map(payload_bytes).sum();
        let exact = self.plan_growth(new_rows, incoming)?;
        let before = Reserved::of(self);
        let copied = self.try_reserve(new_rows, exact).and_then(|()| self.copy_rows(&slots, rows, dim));
        match copied {
            Ok(staged) => {
                let version = self.commit(ids, &slots, &staged, payloads, dim);
                let written: Vec<usize> = slots.iter().map(|s| s.offset).collect();
                self.relink(&written)?;
                Ok(version)
            }
            Err(e) => {
                before.restore(self);
                Err(e)
            }
        }
    }

    /// Step 1: each input row's destination (see the module docs).
    fn plan(&self, ids: &[PointId]) -> Result<Vec<Slot>> {
        let mut slots = Vec::new();
        slots.try_reserve_exact(ids.len()).map_err(|_| oom(ids.len()))?;
        // Strictly increasing ids are distinct: no need to look for repeats.
        let distinct = ids.windows(2).all(|w| w[0] < w[1]);
        let mut fresh_ids: BTreeMap<PointId, usize> = BTreeMap::new();
        let mut next = self.ids.len();
        for id in ids {
            let slot = match self.index.get(id) {
                Some(&off) => Slot { offset: off as usize, fresh: false },
                None if distinct => Slot { offset: next, fresh: true },
                None => match fresh_ids.entry(*id) {
                    Entry::Occupied(e) => Slot { offset: *e.get(), fresh: false },
                    Entry::Vacant(e) => {
                        e.insert(next);
                        Slot { offset: next, fresh: true }
                    }
                },
            };
            next += usize::from(slot.fresh);
            slots.push(slot);
        }
        if next > PointOffset::MAX as usize {
            return Err(Error::wrong_input(format!("{next} points exceed the per-collection maximum")));
        }
        Ok(slots)
    }

    /// Step 2: copies every row to its place — runs of fresh rows appended to the store, the
    /// others to the returned staging buffer in input order — checking and preparing each
    /// piece right after it is copied. An f32 store takes fresh rows straight into its
    /// capacity; other element types prepare them in a scratch piece first, then encode them.
    /// On error the caller truncates the store.
    fn copy_rows(&mut self, slots: &[Slot], src: &dyn FloatSource, dim: usize) -> Result<Vec<f32>> {
        let staged_rows = slots.iter().filter(|s| !s.fresh).count();
        let mut staged = Vec::new();
        staged.try_reserve_exact(staged_rows.saturating_mul(dim)).map_err(|_| oom(staged_rows))?;
        let store = self.stores.get_mut(DEFAULT_VECTOR).ok_or_else(|| Error::VectorNameNotFound { name: String::new() })?;
        let params = store.params;
        let in_place = store.is_float32();
        let mut scratch = Vec::new();
        let per_step = (CHUNK_FLOATS / dim).max(1);
        let mut i = 0;
        while i < slots.len() {
            let fresh = slots[i].fresh;
            let mut n = slots[i..].iter().take(per_step).take_while(|s| s.fresh == fresh).count();
            let piece = if fresh && in_place {
                // Never past the end of the store's current chunk: `n` shrinks to what fitted.
                let appended = store.append_from(src, i * dim, n)?;
                n = appended.len() / dim.max(1);
                appended
            } else {
                let out = if fresh { &mut scratch } else { &mut staged };
                if fresh {
                    out.clear();
                }
                extend_from_source(out, src, i * dim, n * dim)?;
                let start = out.len() - n * dim;
                &mut out[start..]
            };
            if !all_finite(piece) {
                return Err(Error::wrong_input("vector components must be finite numbers (no NaN or Infinity)"));
            }
            params.prepare(piece)?;
            if fresh && !in_place {
                store.append_prepared(&scratch)?;
            }
            i += n;
        }
        Ok(staged)
    }

    /// Step 4: records the rows (already in place or staged) under a new version.
    fn commit(&mut self, ids: &[PointId], slots: &[Slot], staged: &[f32], payloads: Vec<Payload>, dim: usize) -> u64 {
        heap_headroom(slots.iter().filter(|s| s.fresh).count().saturating_mul(INDEX_BYTES_PER_POINT));
        let version = self.next_version();
        let mut staged = staged.chunks_exact(dim);
        for ((id, slot), payload) in ids.iter().zip(slots).zip(payloads) {
            let off = slot.offset;
            if slot.fresh {
                self.ids.push(*id);
                self.payloads.push(Payload::new());
                self.versions.push(version);
                self.alive.push(true);
                self.index.insert(*id, off as PointOffset);
            } else {
                self.versions[off] = version;
                let row = staged.next();
                for (name, store) in self.stores.iter_mut() {
                    match row {
                        Some(row) if name == DEFAULT_VECTOR => store.set(off, row),
                        _ => store.remove(off),
                    }
                }
                self.multi.values_mut().for_each(|m| m.remove(off));
            }
            self.payload_bytes -= payload_bytes(&self.payloads[off]);
            self.payload_bytes += payload_bytes(&payload);
            self.payloads[off] = payload;
        }
        let len = self.ids.len();
        self.stores.values_mut().for_each(|s| s.resize(len));
        // Overwritten points are replaced whole: their sparse vectors go too.
        let overwritten: Vec<usize> = slots.iter().filter(|s| !s.fresh).map(|s| s.offset).collect();
        self.clear_sparse(&overwritten);
        version
    }
}

/// About what one more entry of the id index costs in heap (a `BTreeMap` node share).
pub(super) const INDEX_BYTES_PER_POINT: usize = 80;

/// Grows the heap once by about `bytes` before many small allocations (id index nodes).
///
/// On wasm32 the allocator grows linear memory in small steps whenever it runs out, and each
/// `memory.grow` costs the engine far more than the allocation itself (V8 may start a garbage
/// collection on each): indexing 100k new ids in a fresh instance took ~120 ms instead of ~10.
/// Allocating and freeing one block first makes the allocator grow memory once and carve the
/// small allocations out of it. A no-op on other targets.
pub(super) fn heap_headroom(bytes: usize) {
    if cfg!(target_arch = "wasm32") {
        let mut block: Vec<u8> = Vec::new();
        // Best effort: without the headroom the allocations below still succeed or fail alone.
        let _ = block.try_reserve_exact(bytes);
        drop(std::hint::black_box(block));
    }
}

/// Lengths and capacities before an upsert, so that a failed one leaves the collection exactly
/// as it was, its memory accounting (which counts capacity) included.
#[derive(Debug)]
struct Reserved {
    len: usize,
    caps: [usize; 4],
    stores: Vec<super::vectors::StoreMark>,
    sparse: Vec<usize>,
}

impl Reserved {
    fn of(c: &Collection) -> Reserved {
        let caps = [c.ids.capacity(), c.payloads.capacity(), c.versions.capacity(), c.alive.capacity()];
        let sparse = c.sparse.values().map(|s| s.rows_capacity()).collect();
        Reserved { len: c.ids.len(), caps, stores: c.stores.values().map(|s| s.mark()).collect(), sparse }
    }

    /// Drops appended rows and gives back what was reserved (only rows were appended: ids,
    /// payloads, versions and the flags are pushed at commit).
    fn restore(self, c: &mut Collection) {
        for (s, mark) in c.stores.values_mut().zip(self.stores) {
            s.undo_appends(self.len, mark);
        }
        for (s, cap) in c.sparse.values_mut().zip(self.sparse) {
            s.shrink_rows_to(cap);
        }
        c.ids.shrink_to(self.caps[0]);
        c.payloads.shrink_to(self.caps[1]);
        c.versions.shrink_to(self.caps[2]);
        c.alive.shrink_to(self.caps[3]);
    }
}

/// The allocator refused room for `rows` more points: the one out-of-memory error (507).
fn oom(rows: usize) -> Error {
    Error::OutOfMemory { requested: rows.saturating_mul(std::mem::size_of::<crate::point_id::PointId>()) }
}
