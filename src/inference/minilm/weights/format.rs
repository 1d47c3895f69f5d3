//! The model file (written by `scripts/minilm/convert.py`):
//!
//! ```text
//! "SIMILEML" | u32 LE version = 1 | u32 LE header length H | H bytes JSON header | data
//! ```
//!
//! The header gives the model's shape, vocabulary and tokenizer tables, the data section's
//! length and XXH64 (seed 0), and each tensor's dtype (`f16` or `f32`, little-endian), shape and
//! offset. Tensors are read in a fixed order and must follow each other without gaps, so the
//! checksum streams over the data as it is copied. Every length is checked before anything is
//! allocated or read: a truncated or corrupt file is an error, never a trap.

use super::super::chars::CharTables;
use crate::error::{Error, Result};
use crate::snapshot::Xxh64;
use crate::snapshot::ByteSource;
use serde::Deserialize;
use std::collections::HashMap;

pub(crate) const MAGIC: &[u8; 8] = b"SIMILEML";
pub(crate) const VERSION: u32 = 1;
const PREFIX: usize = 16;
/// Bytes copied per read: tensors are decoded chunk by chunk, never held twice.
const CHUNK: usize = 1 << 16;

pub(crate) fn invalid(what: impl std::fmt::Display) -> Error {
    Error::wrong_input(format!("Invalid model file: {what}"))
}

/// The JSON header.
#[derive(Debug, Deserialize)]
pub struct Header {
    pub name: String,
    pub dim: usize,
    pub layers: usize,
    pub heads: usize,
    pub intermediate: usize,
    pub max_tokens: usize,
    pub layer_norm_eps: f32,
    pub vocab: Vec<String>,
    pub normalizer: CharTables,
    pub data_bytes: usize,
    pub data_xxh64: u64,
    pub tensors: HashMap<String, TensorEntry>,
}

#[derive(Debug, Deserialize)]
pub struct TensorEntry {
    pub dtype: String,
    pub shape: Vec<usize>,
    pub offset: usize,
}

fn read_vec(src: &dyn ByteSource, at: usize, len: usize) -> Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(len);
    let filled = src.read(at, &mut buf.spare_capacity_mut()[..len])?.len();
    if filled != len {
        return Err(invalid("a read returned the wrong length"));
    }
    // SAFETY: `read` initialised exactly the `len` spare bytes it was given (it returns that
    // same slice, whose length is checked above).
    unsafe { buf.set_len(len) };
    Ok(buf)
}

impl Header {
    /// Checks magic, version and lengths; parses the header. Returns it and where data starts.
    pub fn read(src: &dyn ByteSource) -> Result<(Header, usize)> {
        if src.size() < PREFIX {
            return Err(invalid("too short"));
        }
        let prefix = read_vec(src, 0, PREFIX)?;
        let word = |i: usize| prefix.get(i..i + 4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes);
        if prefix.get(..8) != Some(&MAGIC[..]) {
            return Err(invalid("not a simile model file (bad magic)"));
        }
        if word(8) != Some(VERSION) {
            return Err(invalid(format!("version {} (this build reads {VERSION})", word(8).unwrap_or(0))));
        }
        let len = word(12).unwrap_or(u32::MAX) as usize;
        let start = PREFIX.checked_add(len).filter(|&e| e <= src.size()).ok_or_else(|| invalid("truncated header"))?;
        let header: Header = crate::json::parse_slice(&read_vec(src, PREFIX, len)?).map_err(|e| invalid(format!("header: {e}")))?;
        if start.checked_add(header.data_bytes) != Some(src.size()) {
            return Err(invalid(format!("{} bytes, the header announces {}", src.size(), start.saturating_add(header.data_bytes))));
        }
        header.check_shape()?;
        Ok((header, start))
    }

    /// Bounds that keep every later size computation small and the attention well formed.
    fn check_shape(&self) -> Result<()> {
        let ok = (1..=8192).contains(&self.dim)
            && (1..=self.dim).contains(&self.heads)
            && self.dim % self.heads == 0
            && (1..=64).contains(&self.layers)
            && (1..=65_536).contains(&self.intermediate)
            && (3..=8192).contains(&self.max_tokens)
            && (1..=1 << 22).contains(&self.vocab.len())
            && self.layer_norm_eps.is_finite()
            && self.layer_norm_eps > 0.0;
        if ok { Ok(()) } else { Err(invalid("model dimensions out of range")) }
    }
}

/// Reads the tensors in file order, checking each against the header and hashing the data.
#[allow(missing_debug_implementations)] // a transient reader over a borrowed source
pub struct TensorReader<'a> {
    src: &'a dyn ByteSource,
    header: &'a Header,
    data_start: usize,
    next: usize,
    hash: Xxh64,
    chunk: Vec<u8>,
}

impl<'a> TensorReader<'a> {
    pub fn new(src: &'a dyn ByteSource, header: &'a Header, data_start: usize) -> TensorReader<'a> {
        TensorReader { src, header, data_start, next: 0, hash: Xxh64::new(0), chunk: Vec::new() }
    }

    /// The entry `name`, checked: dtype, shape, offset right after the previous tensor, inside
    /// the data. Returns the element count.
    fn entry(&self, name: &str, dtype: &str, shape: &[usize], size: usize) -> Result<usize> {
        let e = self.header.tensors.get(name).ok_or_else(|| invalid(format!("no tensor {name}")))?;
        if e.dtype != dtype || e.shape != shape {
            return Err(invalid(format!("tensor {name} is {} {:?}, expected {dtype} {shape:?}", e.dtype, e.shape)));
        }
        if e.offset != self.next {
            return Err(invalid(format!("tensor {name} is not where the previous one ends")));
        }
        let count = shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d));
        let end = count.and_then(|c| c.checked_mul(size)).and_then(|b| b.checked_add(self.next));
        match (count, end) {
            (Some(c), Some(end)) if end <= self.header.data_bytes => Ok(c),
            _ => Err(invalid(format!("tensor {name} runs past the data"))),
        }
    }

    /// Streams `count · size` bytes from the next tensor through `decode`, chunk by chunk.
    fn stream(&mut self, count: usize, size: usize, mut decode: impl FnMut(&[u8])) -> Result<()> {
        let mut left = count * size;
        if self.chunk.capacity() < CHUNK {
            self.chunk = Vec::with_capacity(CHUNK);
        }
        while left > 0 {
            let len = left.min(CHUNK - CHUNK % size);
            let at = self.data_start + self.next;
            let bytes = self.src.read(at, &mut self.chunk.spare_capacity_mut()[..len])?;
            self.hash.update(bytes);
            decode(bytes);
            self.next += len;
            left -= len;
        }
        Ok(())
    }

    /// The f16 tensor `name` of `shape` (bits); ∞ or NaN is an error.
    pub fn f16(&mut self, name: &str, shape: &[usize]) -> Result<Vec<u16>> {
        let count = self.entry(name, "f16", shape, 2)?;
        let mut out = Vec::with_capacity(count);
        self.stream(count, 2, |b| out.extend(b.chunks_exact(2).map(|h| u16::from_le_bytes([h[0], h[1]]))))?;
        if out.iter().any(|h| h & 0x7c00 == 0x7c00) {
            return Err(invalid(format!("tensor {name} holds a non-finite value")));
        }
        Ok(out)
    }

    /// The f32 tensor `name` of `shape`; ∞ or NaN is an error.
    pub fn f32(&mut self, name: &str, shape: &[usize]) -> Result<Vec<f32>> {
        let count = self.entry(name, "f32", shape, 4)?;
        let mut out = Vec::with_capacity(count);
        self.stream(count, 4, |b| out.extend(b.chunks_exact(4).map(|f| f32::from_le_bytes([f[0], f[1], f[2], f[3]]))))?;
        if !out.iter().all(|x| x.is_finite()) {
            return Err(invalid(format!("tensor {name} holds a non-finite value")));
        }
        Ok(out)
    }

    /// Every data byte was read and the checksum matches.
    pub fn finish(self) -> Result<()> {
        if self.next != self.header.data_bytes {
            return Err(invalid("data left over after the last tensor"));
        }
        if self.hash.finish() != self.header.data_xxh64 {
            return Err(invalid("checksum mismatch (the file is corrupt)"));
        }
        Ok(())
    }
}
