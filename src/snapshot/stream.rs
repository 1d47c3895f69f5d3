//! Reading a big section front to back in pieces, hashing as it goes, so that its arrays are
//! copied straight into their final vectors: the body is never held whole next to them (at
//! a million points an HNSW graph is 130 MB; a whole-body copy, then the decoded words, then
//! the graph's own copy made loading peak at three times that). The checksum is only known
//! at the end: callers keep what they decoded only after [`Stream::finish`] passed.

use super::frame::Section;
use super::hash::Xxh64;
use super::invalid;
use super::io::{meta_json, zero_padding};
use super::source::append_le;
use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use std::borrow::Cow;

/// Words decoded per piece (a piece of 256 KB of input).
const PIECE_WORDS: usize = 64 * 1024;

/// A cursor over a section's body that hashes every byte it hands out.
pub(super) struct Stream<'s> {
    section: Section<'s>,
    pos: usize,
    hasher: Xxh64,
}

impl<'s> Stream<'s> {
    pub(super) fn new(section: Section<'s>) -> Self {
        Stream { section, pos: 0, hasher: section.hasher() }
    }

    /// The next `n` bytes (borrowed from a slice source, copied from any other), hashed.
    pub(super) fn bytes(&mut self, n: usize, what: &str) -> Result<Cow<'s, [u8]>> {
        let left = self.section.len - self.pos;
        if n > left {
            return Err(invalid(format!("{what}: needs {n} bytes, only {left} remain")));
        }
        let got = self.section.part(self.pos, n)?;
        self.hasher.update(&got);
        self.pos += n;
        Ok(got)
    }

    /// Skips zero bytes up to the next multiple of `align`; non-zero padding is an error.
    pub(super) fn pad(&mut self, align: usize) -> Result<()> {
        let n = (align - self.pos % align) % align;
        zero_padding(&self.bytes(n, "padding")?)
    }

    /// `len:u32 json[len]` then padding to 8, as `io::Reader::read_meta`.
    pub(super) fn meta<T: DeserializeOwned>(&mut self, label: &str) -> Result<T> {
        let head = self.bytes(4, &format!("{label} length"))?;
        let len = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let meta = meta_json(&self.bytes(len, label)?, label)?;
        self.pad(8)?;
        Ok(meta)
    }

    /// `count` little-endian u32, decoded piece by piece into one exactly reserved vector.
    pub(super) fn words(&mut self, count: usize, what: &str) -> Result<Vec<u32>> {
        let bytes = count.checked_mul(4).ok_or_else(|| invalid(format!("{what}: too long")))?;
        if bytes > self.section.len - self.pos {
            return Err(invalid(format!("{what}: needs {bytes} bytes, only {} remain", self.section.len - self.pos)));
        }
        let mut out: Vec<u32> = Vec::new();
        out.try_reserve_exact(count).map_err(|_| Error::OutOfMemory { requested: bytes })?;
        while out.len() < count {
            let piece = PIECE_WORDS.min(count - out.len());
            let (src, at) = self.section.source_at(self.pos);
            append_le(&mut out, piece, src, at, &mut self.hasher)?;
            self.pos += piece * 4;
        }
        Ok(out)
    }

    /// Checks that the body was read to its end and that its checksum matches.
    pub(super) fn finish(self) -> Result<()> {
        if self.pos != self.section.len {
            return Err(invalid(format!("section of kind {}: {} bytes after its last array", self.section.kind, self.section.len - self.pos)));
        }
        self.section.check(self.hasher.finish())
    }

    /// The section, to verify on its own when decoding failed half way (a flipped bit must
    /// read as a checksum error, not as whatever it broke).
    pub(super) fn section(&self) -> Section<'s> {
        self.section
    }
}
