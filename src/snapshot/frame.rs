//! Framing over a [`ByteSource`]: the file header and checksummed sections, located by position.
//!
//! A section is first only *located* (its 24-byte header read and its body bounds-checked);
//! its body is read when a parser asks for it: [`Section::verify`] for small sections (borrowed
//! from a slice source, copied from any other, then checked), or piece by piece by the VECTORS
//! reader, which copies rows straight into storage and hashes the copy. See
//! docs/snapshot-format.md.

use super::hash::{xxh64, Xxh64};
use super::io::Reader;
use super::source::{fetch, ByteSource};
use super::{invalid, FileKind, HEADER_LEN, MAGIC, MAJOR, REQUIRED_FLAGS_MASK, SECTION_HEADER_LEN};
use crate::error::Result;
use std::borrow::Cow;

/// Section kinds with this bit set may be skipped by readers that do not know them.
pub(super) const IGNORABLE: u32 = 0x8000_0000;

/// Bytes hashed per step when a section is verified without being kept.
const VERIFY_PIECE: usize = 64 * 1024;

/// A section as framed in the file: its kind, where its body lies in the input, its checksum.
/// Nothing of the body has been read or verified yet.
#[derive(Clone, Copy)]
pub(super) struct Section<'s> {
    pub(super) kind: u32,
    src: &'s dyn ByteSource,
    /// Offset of the body in the input.
    at: usize,
    /// Body length (bounds-checked against the input).
    pub(super) len: usize,
    seed: u64,
    checksum: u64,
}

impl std::fmt::Debug for Section<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Section").field("kind", &self.kind).field("at", &self.at).field("len", &self.len).finish()
    }
}

impl<'s> Section<'s> {
    /// The body, once its checksum (computed over the bytes returned) matches.
    pub(super) fn verify(&self) -> Result<Cow<'s, [u8]>> {
        let body = fetch(self.src, self.at, self.len)?;
        self.check(xxh64(&body, self.seed))?;
        Ok(body)
    }

    /// Checks the checksum without keeping the body (read in pieces, so nothing big is held).
    pub(super) fn verify_only(&self) -> Result<()> {
        let mut h = self.hasher();
        let mut done = 0;
        while done < self.len {
            let piece = VERIFY_PIECE.min(self.len - done);
            h.update(&fetch(self.src, self.at + done, piece)?);
            done += piece;
        }
        self.check(h.finish())
    }

    /// Bytes `from..from + len` of the body (borrowed or copied), not verified.
    pub(super) fn part(&self, from: usize, len: usize) -> Result<Cow<'s, [u8]>> {
        if !matches!(from.checked_add(len), Some(end) if end <= self.len) {
            return Err(invalid(format!("section of kind {}: {len} bytes at {from} are past its end", self.kind)));
        }
        fetch(self.src, self.at + from, len)
    }

    /// The input and the offset of body byte `from` in it, for readers that copy in place.
    pub(super) fn source_at(&self, from: usize) -> (&'s dyn ByteSource, usize) {
        (self.src, self.at.saturating_add(from))
    }

    /// A hasher seeded for this section: feed it the whole body, then [`Section::check`].
    pub(super) fn hasher(&self) -> Xxh64 {
        Xxh64::new(self.seed)
    }

    pub(super) fn check(&self, digest: u64) -> Result<()> {
        if digest != self.checksum {
            return Err(invalid(format!("checksum mismatch in section of kind {}", self.kind)));
        }
        Ok(())
    }
}

/// A cursor over a [`ByteSource`] that walks the file header and the sections.
#[derive(Clone, Copy)]
pub(super) struct Input<'s> {
    src: &'s dyn ByteSource,
    pos: usize,
}

impl std::fmt::Debug for Input<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Input").field("size", &self.src.size()).field("pos", &self.pos).finish()
    }
}

impl<'s> Input<'s> {
    pub(super) fn new(src: &'s dyn ByteSource) -> Self {
        Input { src, pos: 0 }
    }

    fn remaining(&self) -> usize {
        self.src.size().saturating_sub(self.pos)
    }

    pub(super) fn at_end(&self) -> bool {
        self.remaining() == 0
    }

    /// Skips `n` bytes (bounds-checked); returns where they start.
    fn skip(&mut self, n: usize, what: &str) -> Result<usize> {
        if n > self.remaining() {
            return Err(invalid(format!("{what}: needs {n} bytes, only {} remain", self.remaining())));
        }
        self.pos += n;
        Ok(self.pos - n)
    }

    /// The next `n` bytes (a small piece: a header, padding).
    fn take(&mut self, n: usize, what: &str) -> Result<Cow<'s, [u8]>> {
        let at = self.skip(n, what)?;
        fetch(self.src, at, n)
    }

    /// Skips zero bytes up to the next multiple of 8; non-zero padding is an error.
    fn pad8(&mut self) -> Result<()> {
        let n = (8 - self.pos % 8) % 8;
        if self.take(n, "padding")?.iter().any(|&b| b != 0) {
            return Err(invalid("non-zero padding"));
        }
        Ok(())
    }

    /// The next section, whatever its kind; its body is bounds-checked but not yet read.
    pub(super) fn section(&mut self) -> Result<Section<'s>> {
        let head = self.take(SECTION_HEADER_LEN, "section header")?;
        let mut h = Reader::new(&head);
        let kind = h.u32("section kind")?;
        if h.u32("section reserved field")? != 0 {
            return Err(invalid("section reserved field is not zero"));
        }
        let len = h.len("section length")?;
        let checksum = h.u64("section checksum")?;
        let seed = xxh64(&head[..16], 0);
        let at = self.skip(len, "section body")?;
        self.pad8()?;
        Ok(Section { kind, src: self.src, at, len, seed, checksum })
    }

    /// The next section, which must be of `kind` (unknown ignorable sections are skipped).
    pub(super) fn expect(&mut self, kind: u32) -> Result<Section<'s>> {
        let s = self.next_known()?;
        if s.kind != kind {
            return Err(invalid(format!("expected a section of kind {kind}, found kind {}", s.kind)));
        }
        Ok(s)
    }

    /// The body of the next section, verified, when that section is of `kind`; `None`, with the
    /// cursor left where it was, at the end of the input or when another kind comes next (the
    /// optional sections SPARSE, HNSW and QUANT, absent from older files).
    pub(super) fn optional_section(&mut self, kind: u32) -> Result<Option<Cow<'s, [u8]>>> {
        match self.optional_located(kind)? {
            Some(s) => s.verify().map(Some),
            None => Ok(None),
        }
    }

    /// [`Input::optional_section`], located only: its body is read by the caller.
    pub(super) fn optional_located(&mut self, kind: u32) -> Result<Option<Section<'s>>> {
        let mut ahead = *self;
        if ahead.at_end() {
            return Ok(None);
        }
        let s = ahead.next_known()?;
        if s.kind != kind {
            return Ok(None);
        }
        *self = ahead;
        Ok(Some(s))
    }

    /// The next section whose kind is not an ignorable one (those are verified, then skipped).
    pub(super) fn next_known(&mut self) -> Result<Section<'s>> {
        loop {
            let s = self.section()?;
            if s.kind & IGNORABLE == 0 {
                return Ok(s);
            }
            s.verify_only()?;
        }
    }

    /// Checks the 40-byte file header against the whole input and returns the file kind.
    ///
    /// Order: magic, header checksum, major version, must-understand flags, kind, reserved
    /// field, then the recorded file length against the input length (truncation or trailing
    /// bytes).
    pub(super) fn header(&mut self) -> Result<FileKind> {
        let input_len = self.src.size();
        let head = self.take(HEADER_LEN, "file header")?;
        if head[..8] != MAGIC {
            return Err(invalid("not a simile snapshot (wrong magic bytes)"));
        }
        let mut h = Reader::new(&head[8..]);
        let version = h.u32("format version")?;
        let (major, minor) = (version & 0xffff, version >> 16);
        let flags = h.u32("flags")?;
        let kind = h.u32("file kind")?;
        let reserved = h.u32("reserved")?;
        let file_len = h.u64("file length")?;
        if h.u64("header checksum")? != xxh64(&head[..32], 0) {
            return Err(invalid("header checksum mismatch"));
        }
        if major != u32::from(MAJOR) {
            return Err(invalid(format!("unsupported format version {major}.{minor} (this build reads {MAJOR}.x)")));
        }
        if flags & REQUIRED_FLAGS_MASK != 0 {
            return Err(invalid(format!("unknown required flags {:#x}", flags & REQUIRED_FLAGS_MASK)));
        }
        let kind = FileKind::from_u32(kind).ok_or_else(|| invalid(format!("unknown file kind {kind}")))?;
        if reserved != 0 {
            return Err(invalid("header reserved field is not zero"));
        }
        if file_len != input_len as u64 {
            return Err(invalid(format!("header says {file_len} bytes, input has {input_len} (truncated or extended)")));
        }
        Ok(kind)
    }
}
