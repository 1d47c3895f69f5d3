//! Where snapshot bytes come from: a slice in this memory, or anything read by position (the
//! wasm bindings read a JS `Uint8Array` this way, so the input is never copied whole into wasm
//! memory: small sections are copied while they are parsed, vector rows straight into storage).

use super::hash::Xxh64;
use super::invalid;
use crate::error::{Error, Result};
use std::borrow::Cow;
use std::mem::MaybeUninit;

/// Snapshot input, read by position.
///
/// Readers only ask for ranges within `0..size()`, and verify every byte they use after it was
/// read (checksums are computed over the copy, never over the source), so a source whose bytes
/// change while it is read (a shared buffer) can only cause a load error.
pub trait ByteSource {
    /// Total length in bytes.
    fn size(&self) -> usize;

    /// Copies bytes `at..at + dst.len()` into `dst` and returns `dst`, now initialised. Must
    /// return exactly `dst` (same memory, same length); anything else is rejected as an error.
    fn read<'d>(&self, at: usize, dst: &'d mut [MaybeUninit<u8>]) -> Result<&'d mut [u8]>;

    /// The whole input, when it already lies in this memory: sections are then borrowed, not
    /// copied.
    fn as_slice(&self) -> Option<&[u8]> {
        None
    }
}

impl ByteSource for &[u8] {
    fn size(&self) -> usize {
        self.len()
    }

    fn read<'d>(&self, at: usize, dst: &'d mut [MaybeUninit<u8>]) -> Result<&'d mut [u8]> {
        let src = at.checked_add(dst.len()).and_then(|end| self.get(at..end)).ok_or_else(|| out_of_range(at, dst.len()))?;
        // SAFETY: `src` and `dst` have the same length, `dst` is exclusively borrowed (so they
        // cannot overlap) and u8 needs no alignment; afterwards every byte of `dst` is written,
        // so viewing it as `[u8]` (same layout as `[MaybeUninit<u8>]`) is sound.
        unsafe {
            std::ptr::copy_nonoverlapping(src.as_ptr(), dst.as_mut_ptr().cast::<u8>(), src.len());
            Ok(&mut *(dst as *mut [MaybeUninit<u8>] as *mut [u8]))
        }
    }

    fn as_slice(&self) -> Option<&[u8]> {
        Some(self)
    }
}

fn out_of_range(at: usize, len: usize) -> crate::Error {
    invalid(format!("read of {len} bytes at {at} is past the end of the input"))
}

/// Bytes `at..at + len` of `src`: borrowed when the source is a slice, else copied into a new
/// vector (whose allocation may fail, giving an error instead of an abort).
pub(crate) fn fetch(src: &dyn ByteSource, at: usize, len: usize) -> Result<Cow<'_, [u8]>> {
    if !matches!(at.checked_add(len), Some(end) if end <= src.size()) {
        return Err(out_of_range(at, len));
    }
    if let Some(all) = src.as_slice() {
        return all.get(at..at + len).map(Cow::Borrowed).ok_or_else(|| out_of_range(at, len));
    }
    let mut out = Vec::new();
    out.try_reserve_exact(len).map_err(|_| Error::OutOfMemory { requested: len })?;
    read_into_spare(src, at, len, &mut out)?;
    Ok(Cow::Owned(out))
}

/// Appends bytes `at..at + len` of `src` to `out`, written once into its spare capacity.
fn read_into_spare(src: &dyn ByteSource, at: usize, len: usize, out: &mut Vec<u8>) -> Result<()> {
    out.try_reserve(len).map_err(|_| Error::OutOfMemory { requested: len })?;
    let old = out.len();
    let dst = out.spare_capacity_mut().get_mut(..len).ok_or_else(|| out_of_range(at, len))?;
    let start = dst.as_ptr().cast::<u8>();
    let got = src.read(at, dst)?;
    if got.as_ptr() != start || got.len() != len {
        return Err(invalid("the input source returned other memory than it was given"));
    }
    // SAFETY: the source returned exactly the `len` spare bytes after `old` (checked above),
    // initialised; the reservation above made room for them.
    unsafe { out.set_len(old + len) };
    Ok(())
}

/// A 4-byte value whose every bit pattern is valid, stored little-endian in snapshots.
pub(super) trait LeWord: Copy {
    /// The value from its little-endian representation (a no-op on little-endian targets).
    fn from_le(self) -> Self;
}

impl LeWord for f32 {
    fn from_le(self) -> Self {
        f32::from_bits(u32::from_le(self.to_bits()))
    }
}

impl LeWord for u32 {
    fn from_le(self) -> Self {
        u32::from_le(self)
    }
}

/// Appends `count` little-endian words read from `src` at `at` to `out`, copied once, into
/// its spare capacity (viewed as bytes); `hasher` sees the bytes exactly as read.
pub(super) fn append_le<T: LeWord>(out: &mut Vec<T>, count: usize, src: &dyn ByteSource, at: usize, hasher: &mut Xxh64) -> Result<()> {
    const { assert!(std::mem::size_of::<T>() == 4) };
    let old = out.len();
    let spare = out.spare_capacity_mut().get_mut(..count).ok_or_else(|| invalid("words exceed the reserved room"))?;
    let bytes = count * 4; // no overflow: `count` words fit in the reserved allocation
    let start = spare.as_mut_ptr().cast::<MaybeUninit<u8>>();
    // SAFETY: `spare` is `count` exclusively borrowed `MaybeUninit<T>` of 4 bytes, i.e. exactly
    // `bytes` bytes of one allocation; `MaybeUninit<u8>` has alignment 1 and no validity
    // requirement, and the view lives no longer than the borrow of `spare`.
    let view = unsafe { std::slice::from_raw_parts_mut(start, bytes) };
    let got = src.read(at, view)?;
    if got.as_ptr() != start.cast::<u8>().cast_const() || got.len() != bytes {
        return Err(invalid("the input source returned other memory than it was given"));
    }
    hasher.update(got);
    // SAFETY: the source initialised exactly these `count` words after `old` (checked above),
    // within the capacity; every bit pattern is a valid `T` (`LeWord`).
    unsafe { out.set_len(old + count) };
    if cfg!(target_endian = "big") {
        out[old..].iter_mut().for_each(|x| *x = x.from_le());
    }
    Ok(())
}
