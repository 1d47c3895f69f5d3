//! One VECTORS section: a named vector's presence bitmap and its rows as one contiguous block.
//!
//! ```text
//! name_len:u32 dim:u32 name[name_len] pad-to-8
//! presence[ceil(n/8)]   bit i (LSB first) of byte i/8 = point i has this vector; spare bits 0
//! pad-to-8
//! rows: n × dim f32 LE   a point without the vector has an all-zero row
//! ```
//!
//! Loading is one pass over the block in cache-sized chunks: hash the chunk, convert it with
//! `f32::from_le_bytes` over `chunks_exact(4)` (a plain copy on little-endian targets) and
//! append its rows to the store, which was reserved once for `n` rows. The store is kept only if
//! the checksum matches; only then are the semantic checks (finite values, zero absent rows)
//! reported, so a flipped bit always reads as a checksum error.

use super::hash::Xxh64;
use super::invalid;
use super::io::{pad, Reader, Section};
use crate::collection::{VectorParams, VectorStore};
use crate::error::Result;

/// Bytes converted per step: small enough that the chunk and its scratch copy stay in L1/L2.
const CHUNK_BYTES: usize = 16 * 1024;

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
    let row_bytes = store.dim() * 4;
    o.reserve(live.len().saturating_mul(row_bytes));
    for &off in live {
        match store.get(off) {
            Some(row) => row.iter().for_each(|x| o.extend_from_slice(&x.to_le_bytes())),
            None => o.resize(o.len() + row_bytes, 0),
        }
    }
}

/// Decodes the block of vector `name` for `n` points; its checksum is verified in the same pass.
pub(super) fn read(s: Section<'_>, name: &str, params: VectorParams, n: usize) -> Result<VectorStore> {
    let mut r = Reader::new(s.body);
    let name_len = r.u32("vector name length")? as usize;
    let dim = r.u32("vector size")? as usize;
    let got = r.take(name_len, "vector name")?;
    r.pad(8)?;
    let bitmap = r.take(n.div_ceil(8), "presence bitmap")?;
    r.pad(8)?;
    let mut hasher = s.hasher();
    hasher.update(&s.body[..s.body.len() - r.remaining()]);
    let rows = r.take(r.remaining(), "vector rows")?;
    let want = n.checked_mul(dim).and_then(|x| x.checked_mul(4));
    if got != name.as_bytes() || dim != params.size || dim == 0 || want != Some(rows.len()) {
        s.verify()?;
        return Err(invalid(format!("vector block for `{name}` does not match the config (size {}, {n} points)", params.size)));
    }
    let (store, flaws) = fill(params, bitmap, rows, n, &mut hasher)?;
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

/// Copies `n` rows of `params.size` floats from `rows` (exactly `n × dim × 4` bytes, dim ≥ 1)
/// into a new store, feeding every byte to `hasher`. Peak extra memory: one chunk of scratch.
fn fill(params: VectorParams, bitmap: &[u8], rows: &[u8], n: usize, hasher: &mut Xxh64) -> Result<(VectorStore, Flaws)> {
    let dim = params.size;
    let mut store = VectorStore::new(params);
    store.try_reserve(n).map_err(|_| invalid(format!("out of memory reserving {n} vectors of size {dim}")))?;
    let per_chunk = (CHUNK_BYTES / (dim * 4)).max(1);
    let mut scratch: Vec<f32> = Vec::with_capacity(per_chunk.min(n) * dim);
    let mut flaws = Flaws::default();
    for (c, chunk) in rows.chunks(per_chunk * dim * 4).enumerate() {
        hasher.update(chunk);
        scratch.clear();
        scratch.extend(chunk.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])));
        flaws.non_finite |= scratch.iter().fold(false, |bad, x| bad | !x.is_finite());
        for (k, row) in scratch.chunks_exact(dim).enumerate() {
            let off = c * per_chunk + k;
            if bitmap.get(off / 8).is_some_and(|b| b >> (off % 8) & 1 == 1) {
                store.set(off, row);
            } else {
                flaws.dirty_absent |= row.iter().any(|x| x.to_bits() != 0);
            }
        }
    }
    store.resize(n);
    Ok((store, flaws))
}
