//! Snapshots: a collection or a whole database as one versioned, checksummed byte string.
//!
//! ```text
//! file    = header(40) section*            every section starts 8-aligned
//! header  = "SIMILE\0\x01" major:u16 minor:u16 flags:u32 kind:u32 0:u32 file_len:u64 xxh64:u64
//! section = kind:u32 0:u32 len:u64 xxh64(body, seed = xxh64(kind..len)):u64 body[len] zero-pad-to-8
//! collection: CONFIG SCHEMA IDS VERSIONS VECTORS×(one per dense name, name order)
//!             MULTI×(1.2: one per multivector name, name order) PAYLOADS
//!             [SPARSE]   (1.1: only when the collection has a `sparse_vectors` config)
//!             [HNSW]     (1.4: hnsw_config, indexing_threshold, graphs; see `hnsw.rs`)
//!             [QUANT]    (1.5: quantization_config and codes; see `quantized.rs`)
//! 1.3: vector and multivector rows are stored in the config's `datatype` (f32, f16 bits, u8);
//!      files without `datatype` read as before.
//! database:   (NAME collection)* ALIASES
//! ```
//!
//! All integers little-endian. Only live points are written, in offset order, so a loaded
//! collection has no tombstones and keeps the relative order that breaks score ties. Vector rows
//! sit contiguously and 4-byte aligned in the file, so loading them is a bounds-checked bulk copy
//! hashed in the same pass. The byte-by-byte layout and the versioning rules are in
//! `docs/snapshot-format.md`.
//!
//! Loading reads its input through a [`ByteSource`] (a slice, or in the wasm bindings the
//! caller's JS array, read in place): small sections are copied only while they are parsed,
//! vector rows straight into the new storage, so loading needs about the collection's final
//! size in memory, not that plus the input.
//!
//! Loading never trusts its input: every length is checked against the bytes that remain
//! (checked arithmetic) before anything is reserved, every section's checksum is verified before
//! its contents are used (vector blocks: over the copied rows, before the store is kept), and semantic
//! invariants are checked (dims match the config, ids unique, payloads are JSON objects, alias
//! targets exist...). Every failure is an [`Error::WrongInput`] whose text starts with
//! "Invalid snapshot: ".

mod collection;
mod database;
mod frame;
mod hash;
mod hnsw;
mod io;
mod multi;
mod quantized;
mod source;
mod stream;
mod sparse;
mod vectors;

pub use hash::xxh64;
pub(crate) use hash::Xxh64;
pub use source::ByteSource;

use crate::collection::Collection;
use crate::error::{Error, Result};

/// The first 8 bytes of every snapshot.
pub const MAGIC: [u8; 8] = *b"SIMILE\0\x01";
/// Format major version: readers reject any other major version.
pub const MAJOR: u16 = 1;
/// Format minor version written by this build; readers accept any minor of their major.
pub const MINOR: u16 = 5;
/// Flag bits 0–15 must be understood (a reader rejects unknown ones); bits 16–31 are hints
/// a reader may ignore. This version defines no flags and writes 0.
pub const REQUIRED_FLAGS_MASK: u32 = 0x0000_ffff;

const HEADER_LEN: usize = 40;
const SECTION_HEADER_LEN: usize = 24;

/// What a snapshot file holds (header field `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub(crate) enum FileKind {
    Collection = 1,
    Database = 2,
}

impl FileKind {
    fn from_u32(v: u32) -> Option<FileKind> {
        match v {
            1 => Some(FileKind::Collection),
            2 => Some(FileKind::Database),
            _ => None,
        }
    }
}

/// Section kinds (the `kind` field of a section header).
pub(crate) mod kind {
    pub(crate) const CONFIG: u32 = 1;
    pub(crate) const SCHEMA: u32 = 2;
    pub(crate) const IDS: u32 = 3;
    pub(crate) const VERSIONS: u32 = 4;
    pub(crate) const VECTORS: u32 = 5;
    pub(crate) const PAYLOADS: u32 = 6;
    pub(crate) const NAME: u32 = 7;
    pub(crate) const ALIASES: u32 = 8;
    /// Format 1.1: sparse vectors config and data. Not ignorable: a 1.0 reader must refuse a
    /// file with sparse vectors rather than load it without them.
    pub(crate) const SPARSE: u32 = 9;
    /// Format 1.2: one multivector's rows (`multi.rs`), after the VECTORS sections. Not
    /// ignorable, for the same reason as SPARSE.
    pub(crate) const MULTI: u32 = 10;
    /// Format 1.4: `hnsw_config`, `indexing_threshold` and HNSW graphs (`hnsw.rs`), last.
    /// (1.3 is taken by vector datatypes.) A 1.2 reader refuses it rather than drop the graph.
    pub(crate) const HNSW: u32 = 12;
    /// Format 1.5: `quantization_config` and codes (`quantized.rs`), after HNSW. A 1.4 reader
    /// refuses it rather than drop the configuration.
    pub(crate) const QUANT: u32 = 13;
}

/// The error every loading failure becomes: `Wrong input: Invalid snapshot: <what>`.
pub(crate) fn invalid(what: impl std::fmt::Display) -> Error {
    Error::wrong_input(format!("Invalid snapshot: {what}"))
}

/// Checks the header and that the file holds a `want`; returns a cursor positioned after it.
fn open(src: &dyn ByteSource, want: FileKind) -> Result<frame::Input<'_>> {
    let mut r = frame::Input::new(src);
    let got = r.header()?;
    if got != want {
        let (is, use_) = match got {
            FileKind::Collection => ("a collection", "`db.loadCollection(name, bytes)` (Rust: `Collection::from_bytes`)"),
            FileKind::Database => ("a database", "`Database.fromBytes(bytes)` (Rust: `Database::from_bytes`)"),
        };
        return Err(invalid(format!("this is {is} snapshot; load it with {use_}")));
    }
    Ok(r)
}

/// Fails unless the reader consumed everything (ignorable trailing sections are skipped).
fn expect_end(r: &mut frame::Input<'_>) -> Result<()> {
    while !r.at_end() {
        let s = r.section()?;
        if s.kind & frame::IGNORABLE == 0 {
            return Err(invalid(format!("unexpected section of kind {} after the end", s.kind)));
        }
        s.verify_only()?;
    }
    Ok(())
}

impl Collection {
    /// This collection as a snapshot (see [`crate::snapshot`]): live points only, in offset order.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = io::Writer::new(FileKind::Collection, collection::size_hint(self));
        collection::write(&mut w, self);
        w.finish()
    }

    /// Loads a collection snapshot. Corrupt, truncated or foreign input is an
    /// [`Error::WrongInput`] ("Invalid snapshot: ..."), never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Collection> {
        Collection::from_source(&bytes)
    }

    /// [`Collection::from_bytes`] over any [`ByteSource`]: small sections are copied while
    /// they are parsed, vector rows straight into the new storage.
    pub fn from_source(src: &dyn ByteSource) -> Result<Collection> {
        let mut r = open(src, FileKind::Collection)?;
        let c = collection::read(&mut r)?;
        expect_end(&mut r)?;
        Ok(c)
    }
}

impl crate::database::Database {
    /// Every collection (by name) and every alias as one snapshot.
    pub fn to_bytes(&self) -> Vec<u8> {
        let hint = self.collections.values().map(collection::size_hint).sum();
        let mut w = io::Writer::new(FileKind::Database, hint);
        database::write(&mut w, self);
        w.finish()
    }

    /// Adds (or replaces) collection `name` from [`Collection::to_bytes`] output, if it fits the
    /// memory budget next to the other collections.
    pub fn load_collection(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.load_collection_from(name, &bytes)
    }

    /// [`crate::database::Database::load_collection`] over any [`ByteSource`].
    pub fn load_collection_from(&mut self, name: &str, src: &dyn ByteSource) -> Result<()> {
        crate::database::validate_collection_name(name)?;
        let coll = Collection::from_source(src)?;
        let others: usize =
            self.collections.iter().filter(|(n, _)| *n != name).map(|(_, c)| c.memory_bytes()).sum();
        let pooled = self.pool().total_bytes().saturating_sub(self.memory_bytes());
        let (requested, budget, used) = (coll.memory_bytes(), self.memory_budget(), others.saturating_add(pooled));
        if used.saturating_add(requested) > budget {
            return Err(crate::Error::MemoryBudget { requested, budget, used, database: self.name() });
        }
        self.collections.insert(name.to_string(), coll);
        self.report_memory();
        Ok(())
    }

    /// Loads a database snapshot: collections and aliases (every alias target must exist).
    pub fn from_bytes(bytes: &[u8]) -> Result<crate::database::Database> {
        Self::from_source(&bytes)
    }

    /// [`crate::database::Database::from_bytes`] over any [`ByteSource`].
    pub fn from_source(src: &dyn ByteSource) -> Result<crate::database::Database> {
        let mut r = open(src, FileKind::Database)?;
        let db = database::read(&mut r)?;
        expect_end(&mut r)?;
        db.report_memory();
        Ok(db)
    }
}
