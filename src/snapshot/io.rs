//! A bounds-checked little-endian cursor over bytes in memory (section bodies, headers), and the
//! writer. The framing of a file being read is in [`super::frame`].
//!
//! Every read is checked against the bytes that remain; every length goes through checked
//! arithmetic; padding must be zero. Nothing here allocates but the JSON metadata a section
//! carries ([`Reader::read_meta`]). See docs/snapshot-format.md.

use super::hash::xxh64;
use super::{invalid, FileKind, HEADER_LEN, MAGIC, MAJOR, MINOR, SECTION_HEADER_LEN};
use crate::error::Result;
use serde::de::DeserializeOwned;

/// A cursor over a byte slice; positions are relative to the slice start.
#[derive(Debug)]
pub(super) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    pub(super) fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos == self.buf.len()
    }

    /// The next `n` bytes, or an error naming `what` when fewer remain.
    pub(super) fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        if n > self.remaining() {
            return Err(invalid(format!("{what}: needs {n} bytes, only {} remain", self.remaining())));
        }
        let out = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    pub(super) fn u8(&mut self, what: &str) -> Result<u8> {
        Ok(self.take(1, what)?[0])
    }

    pub(super) fn u32(&mut self, what: &str) -> Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(super) fn u64(&mut self, what: &str) -> Result<u64> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8, what)?);
        Ok(u64::from_le_bytes(a))
    }

    pub(super) fn u128(&mut self, what: &str) -> Result<u128> {
        let mut a = [0u8; 16];
        a.copy_from_slice(self.take(16, what)?);
        Ok(u128::from_le_bytes(a))
    }

    /// A u64 count or length that must also fit in `usize`.
    pub(super) fn len(&mut self, what: &str) -> Result<usize> {
        let v = self.u64(what)?;
        usize::try_from(v).map_err(|_| invalid(format!("{what} {v} does not fit in memory")))
    }

    /// LEB128 unsigned varint, at most 10 bytes, value within u64.
    pub(super) fn varint(&mut self, what: &str) -> Result<u64> {
        let mut v = 0u64;
        for i in 0..10 {
            let b = self.u8(what)?;
            let bits = u64::from(b & 0x7f);
            if i == 9 && bits > 1 {
                break;
            }
            v |= bits << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(invalid(format!("{what}: malformed varint")))
    }

    /// A section's JSON metadata: `len:u32 json[len]` then padding to 8. Errors name `label`
    /// (`"{label} length"`, `"{label}"`, `"{label}: {serde error}"`).
    pub(super) fn read_meta<T: DeserializeOwned>(&mut self, label: &str) -> Result<T> {
        let len = self.u32(&format!("{label} length"))? as usize;
        let meta = meta_json(self.take(len, label)?, label)?;
        self.pad(8)?;
        Ok(meta)
    }

    /// Skips zero bytes up to the next multiple of `align`; non-zero padding is an error.
    pub(super) fn pad(&mut self, align: usize) -> Result<()> {
        let n = (align - self.pos % align) % align;
        zero_padding(self.take(n, "padding")?)
    }
}

/// A section's JSON metadata; errors name `label`.
pub(super) fn meta_json<T: DeserializeOwned>(json: &[u8], label: &str) -> Result<T> {
    crate::json::parse_slice(json).map_err(|e| invalid(format!("{label}: {e}")))
}

/// Padding must be zero bytes.
pub(super) fn zero_padding(bytes: &[u8]) -> Result<()> {
    if bytes.iter().any(|&b| b != 0) {
        return Err(invalid("non-zero padding"));
    }
    Ok(())
}

/// Writes sections after a header; [`Writer::finish`] fills in the length and checksums.
#[derive(Debug)]
pub(super) struct Writer {
    pub(super) out: Vec<u8>,
}

impl Writer {
    pub(super) fn new(kind: FileKind, capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity.max(HEADER_LEN));
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&(u32::from(MAJOR) | u32::from(MINOR) << 16).to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&(kind as u32).to_le_bytes());
        out.extend_from_slice(&[0; 20]);
        Writer { out }
    }

    /// Appends a section of `kind` whose body `body` writes; the body starts 8-aligned.
    pub(super) fn section(&mut self, kind: u32, body: impl FnOnce(&mut Vec<u8>)) {
        let start = self.out.len();
        self.out.extend_from_slice(&[0; SECTION_HEADER_LEN]);
        body(&mut self.out);
        let len = (self.out.len() - start - SECTION_HEADER_LEN) as u64;
        self.out[start..start + 4].copy_from_slice(&kind.to_le_bytes());
        self.out[start + 8..start + 16].copy_from_slice(&len.to_le_bytes());
        let seed = xxh64(&self.out[start..start + 16], 0);
        let sum = xxh64(&self.out[start + SECTION_HEADER_LEN..], seed);
        self.out[start + 16..start + 24].copy_from_slice(&sum.to_le_bytes());
        pad(&mut self.out, 8);
    }

    /// The finished file: length and header checksum filled in.
    pub(super) fn finish(mut self) -> Vec<u8> {
        let len = self.out.len() as u64;
        self.out[24..32].copy_from_slice(&len.to_le_bytes());
        let sum = xxh64(&self.out[..32], 0);
        self.out[32..40].copy_from_slice(&sum.to_le_bytes());
        self.out
    }
}

/// Appends zero bytes until the length is a multiple of `align` (sections start 8-aligned, so
/// this aligns relative to the section body too).
pub(super) fn pad(out: &mut Vec<u8>, align: usize) {
    out.resize(out.len().next_multiple_of(align), 0);
}

/// Appends a LEB128 varint.
pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}
