//! One VECTORS section: a named vector's presence bitmap and its rows as one contiguous block.
//!
//! ```text
//! name_len:u32 dim:u32 name[name_len] pad-to-8
//! presence[ceil(n/8)]   bit i (LSB first) of byte i/8 = point i has this vector; spare bits 0
//! pad-to-8
//! rows: n × dim elements LE   f32, or (1.3) f16 bits / u8 when the config's `datatype` says
//!                             so; a point without the vector has an all-zero row
//! ```
//!
//! Loading is one pass over the block in cache-sized chunks of whole rows: each chunk is copied
//! from the input straight into the new store's reserved `Vec<f32>` (through a byte view of its
//! spare capacity; a plain copy on little-endian targets), then hashed and checked there while
//! it is in cache. The store is kept only if the checksum of the copied bytes matches; only then
//! are the semantic checks (finite values, zero absent rows) reported, so a flipped bit always
//! reads as a checksum error.

use super::frame::Section;
use super::hash::Xxh64;
use super::invalid;
use super::io::{pad, Reader};
use super::source::{append_le, ByteSource};
use crate::collection::{Chunked, ChunkedRows, Datatype, VectorParams, VectorStore};
use crate::error::{Error, Result};
use std::mem::MaybeUninit;

/// Bytes copied per step: big enough that the per-call cost of a JS source is negligible,
/// small enough that the chunk is still in L2 when it is hashed and checked.
const CHUNK_BYTES: usize = 256 * 1024;

/// Appends the block for `store`, rows of the `live` offsets in order.
pub(super) fn write(o: &mut Vec<u8>, name: &str, store: &VectorStore, live: &[usize]) {
    o.extend_from_slice(&(name.len() as u32).to_le_bytes());
    o.extend_from_slice(&(store.dim() as u32).to_le_bytes());
    o.extend_from_slice(name.as_bytes());
    pad(o, 8);
    let mut bitmap = vec![0u8; live.len().div_ceil(8)];
    for (k, &off) in live.iter().enumerate() {
        if store.has(off) {
            bitmap[k / 8] |= 1 << (k % 8);
        }
    }
    o.extend_from_slice(&bitmap);
    pad(o, 8);
    let row_bytes = store.row_bytes();
    o.reserve(live.len().saturating_mul(row_bytes));
    for &off in live {
        match store.get(off) {
            Some(row) => row.put_le(o),
            None => o.resize(o.len() + row_bytes, 0),
        }
    }
}

/// Decodes the block of vector `name` for `n` points; its checksum is verified in the same pass.
pub(super) fn read(s: Section<'_>, name: &str, params: VectorParams, n: usize) -> Result<VectorStore> {
    let head = s.part(0, s.len.min(8))?;
    let mut r = Reader::new(&head);
    let name_len = r.u32("vector name length")? as usize;
    let dim = r.u32("vector size")? as usize;
    // Header, name and bitmap, each padded to 8, read together once their length is known.
    let round8 = |x: usize| x.saturating_add(7) & !7;
    let prefix_len = round8(round8(8usize.saturating_add(name_len)).saturating_add(n.div_ceil(8)));
    if prefix_len > s.len {
        return Err(invalid(format!("vector block: name and presence bitmap need {prefix_len} bytes, it has {}", s.len)));
    }
    let prefix = s.part(0, prefix_len)?;
    let mut r = Reader::new(&prefix);
    r.take(8, "vector header")?;
    let got = r.take(name_len, "vector name")?;
    r.pad(8)?;
    let bitmap = r.take(n.div_ceil(8), "presence bitmap")?;
    r.pad(8)?;
    let rows_at = prefix.len() - r.remaining();
    let mut hasher = s.hasher();
    hasher.update(&prefix[..rows_at]);
    let want = n.checked_mul(dim).and_then(|x| x.checked_mul(params.datatype().bytes()));
    if got != name.as_bytes() || dim != params.size || dim == 0 || want != Some(s.len - rows_at) {
        s.verify_only()?;
        return Err(invalid(format!("vector block for `{name}` does not match the config (size {}, {n} points)", params.size)));
    }
    let (src, at) = s.source_at(rows_at);
    let (store, flaws) = match params.datatype() {
        Datatype::Float16 | Datatype::Uint8 => fill_packed(params, bitmap, src, at, n, &mut hasher)?,
        Datatype::Float32 | Datatype::Turbo4 => fill(params, bitmap, src, at, n, &mut hasher)?,
    };
    s.check(hasher.finish())?;
    let spare = if n % 8 == 0 { 0 } else { bitmap.last().map_or(0, |b| b >> (n % 8)) };
    match flaws {
        _ if spare != 0 => Err(invalid(format!("vector `{name}`: presence bits set past the last point"))),
        Flaws { non_finite: true, .. } => Err(invalid(format!("vector `{name}`: NaN or infinite component"))),
        Flaws { dirty_absent: true, .. } => Err(invalid(format!("vector `{name}`: a missing vector's row is not zero"))),
        _ => Ok(store),
    }
}

/// Content problems found while copying; reported only after the checksum passed.
#[derive(Debug, Default, Clone, Copy)]
struct Flaws {
    non_finite: bool,
    dirty_absent: bool,
}

/// Whether a row of `rows` whose point has no vector (`present`, from the first row on) holds
/// an element that `nonzero` flags.
fn dirty_absent<T>(rows: &[T], dim: usize, present: &[bool], nonzero: impl Fn(&T) -> bool) -> bool {
    rows.chunks_exact(dim).zip(present).any(|(values, &has)| !has && values.iter().any(&nonzero))
}

fn has(bitmap: &[u8], i: usize) -> bool {
    bitmap.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1)
}

/// Copies `n` rows of `params.size` floats (`n × dim × 4` bytes of `src` from `at`, dim ≥ 1)
/// into a new store, step by step straight into its chunks (reserved up front, exactly),
/// feeding every byte copied to `hasher`. Peak extra memory: none beyond the store itself.
fn fill(params: VectorParams, bitmap: &[u8], src: &dyn ByteSource, at: usize, n: usize, hasher: &mut Xxh64) -> Result<(VectorStore, Flaws)> {
    let dim = params.size;
    let (mut data, present) = reserved::<f32>(params, bitmap, n)?;
    let per_step = (CHUNK_BYTES / (dim * 4)).max(1);
    let mut flaws = Flaws::default();
    let mut row = 0;
    while row < n {
        let (rows, chunk) = data.append_with(per_step.min(n - row), |v, count| append_le(v, count, src, at + row * dim * 4, hasher))?;
        flaws.non_finite |= !crate::kernels::all_finite_f32(chunk);
        flaws.dirty_absent |= dirty_absent(chunk, dim, &present[row..], |x| x.to_bits() != 0);
        row += rows;
    }
    Ok((VectorStore::from_chunked(params, ChunkedRows::F32(data), present), flaws))
}

/// An empty store for `n` rows, every chunk reserved exactly (a failed reservation is an
/// out-of-memory error, never an abort), and the presence flags of `bitmap`.
fn reserved<T: Copy + Default>(params: VectorParams, bitmap: &[u8], n: usize) -> Result<(Chunked<T>, Vec<bool>)> {
    let (dim, width) = (params.size, std::mem::size_of::<T>());
    let elems = n.checked_mul(dim).ok_or_else(|| invalid(format!("{n} vectors of size {dim} overflow")))?;
    let mut data = Chunked::<T>::new(dim);
    data.reserve(n, true).map_err(|_| Error::OutOfMemory { requested: elems.saturating_mul(width) })?;
    let mut present: Vec<bool> = Vec::new();
    present.try_reserve_exact(n).map_err(|_| Error::OutOfMemory { requested: n })?;
    present.extend((0..n).map(|i| has(bitmap, i)));
    Ok((data, present))
}

/// [`fill`] for float16 and uint8 rows: each step is read into a scratch buffer, hashed, then
/// decoded into the store's chunks. Stored f16 values are finite (upserts refuse larger
/// ones), so ∞/NaN is a flaw.
fn fill_packed(params: VectorParams, bitmap: &[u8], src: &dyn ByteSource, at: usize, n: usize, hasher: &mut Xxh64) -> Result<(VectorStore, Flaws)> {
    let (data, present, flaws) = match params.datatype() {
        Datatype::Float16 => {
            let decode = |b: &[u8], v: &mut Vec<u16>| v.extend(b.chunks_exact(2).map(|h| u16::from_le_bytes([h[0], h[1]])));
            let (data, present, flaws) = fill_with(params, bitmap, (src, at), n, hasher, decode, |h: &u16| h & 0x7c00 == 0x7c00)?;
            (ChunkedRows::F16(data), present, flaws)
        }
        Datatype::Uint8 => {
            let (data, present, flaws) = fill_with(params, bitmap, (src, at), n, hasher, |b, v: &mut Vec<u8>| v.extend_from_slice(b), |_| false)?;
            (ChunkedRows::U8(data), present, flaws)
        }
        Datatype::Float32 | Datatype::Turbo4 => return Err(invalid("float32 rows are read by `fill`")),
    };
    Ok((VectorStore::from_chunked(params, data, present), flaws))
}

/// The loop of [`fill_packed`] for one element type: `decode` appends a step's bytes to a
/// chunk, `non_finite` flags an element.
fn fill_with<T: Copy + Default + PartialEq>(
    params: VectorParams,
    bitmap: &[u8],
    (src, at): (&dyn ByteSource, usize),
    n: usize,
    hasher: &mut Xxh64,
    decode: impl Fn(&[u8], &mut Vec<T>),
    non_finite: impl Fn(&T) -> bool,
) -> Result<(Chunked<T>, Vec<bool>, Flaws)> {
    let (dim, width) = (params.size, std::mem::size_of::<T>());
    let (mut data, present) = reserved::<T>(params, bitmap, n)?;
    let per_step = (CHUNK_BYTES / (dim * width)).max(1);
    let mut scratch = vec![MaybeUninit::<u8>::uninit(); per_step.min(n) * dim * width];
    let mut flaws = Flaws::default();
    let mut row = 0;
    while row < n {
        let step = per_step.min(n - row);
        let (rows, chunk) = data.append_with(step, |v, count| -> Result<()> {
            let got = src.read(at + row * dim * width, &mut scratch[..count * width])?;
            hasher.update(got);
            decode(got, v);
            Ok(())
        })?;
        flaws.non_finite |= chunk.iter().any(&non_finite);
        flaws.dirty_absent |= dirty_absent(chunk, dim, &present[row..], |x| *x != T::default());
        row += rows;
    }
    Ok((data, present, flaws))
}
