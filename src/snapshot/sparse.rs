//! The SPARSE section (format 1.1): a collection's `sparse_vectors` config and every live
//! point's sparse vectors. Written after PAYLOADS only when the collection has a
//! `sparse_vectors` config, so files of collections without one are laid out as in 1.0.
//!
//! ```text
//! config_len:u64 config(JSON object {name: params}) pad-to-8
//! per configured name, in name order:
//!   name_len:u32 0:u32 name pad-to-8 count:u64
//!   per point having the vector, ascending point number:
//!     point:u64 nnz:u64 indices:nnz×u32 values:nnz×f32 pad-to-8
//! ```
//!
//! The inverted index is not stored: loading rebuilds it from the vectors.

use super::io::{pad, Reader};
use super::invalid;
use crate::collection::{SparseVectorParams, SparseVectorsConfig};
use crate::error::Result;
use crate::index::sparse::{SparseStore, SparseVector};
use std::collections::BTreeMap;

/// Appends the section body: `stores` by name, points numbered by their place in `live`.
pub(super) fn write(o: &mut Vec<u8>, config: &BTreeMap<String, SparseVectorParams>, stores: &BTreeMap<String, SparseStore>, live: &[usize]) {
    let text = serde_json::to_vec(config).unwrap_or_default();
    o.extend_from_slice(&(text.len() as u64).to_le_bytes());
    o.extend_from_slice(&text);
    pad(o, 8);
    for name in config.keys() {
        let rows: Vec<(usize, &SparseVector)> = match stores.get(name) {
            Some(s) => live.iter().enumerate().filter_map(|(k, &off)| Some((k, s.get(off)?))).collect(),
            None => Vec::new(),
        };
        o.extend_from_slice(&(name.len() as u32).to_le_bytes());
        o.extend_from_slice(&0u32.to_le_bytes());
        o.extend_from_slice(name.as_bytes());
        pad(o, 8);
        o.extend_from_slice(&(rows.len() as u64).to_le_bytes());
        for (k, v) in rows {
            o.extend_from_slice(&(k as u64).to_le_bytes());
            o.extend_from_slice(&(v.len() as u64).to_le_bytes());
            v.indices.iter().for_each(|i| o.extend_from_slice(&i.to_le_bytes()));
            v.values.iter().for_each(|x| o.extend_from_slice(&x.to_le_bytes()));
            pad(o, 8);
        }
    }
}

/// Decodes a verified section body for a collection of `n` points: the config and one store
/// per configured name. Vectors must be sorted with unique indices and finite values, points
/// ascending and below `n`.
pub(super) fn read(body: &[u8], n: usize) -> Result<(SparseVectorsConfig, BTreeMap<String, SparseStore>)> {
    let mut r = Reader::new(body);
    let len = r.len("sparse config length")?;
    let config: BTreeMap<String, SparseVectorParams> =
        crate::json::parse_slice(r.take(len, "sparse config")?).map_err(|e| invalid(format!("sparse config: {e}")))?;
    r.pad(8)?;
    let mut stores = BTreeMap::new();
    for name in config.keys() {
        let name_len = r.u32("sparse vector name length")? as usize;
        r.take(4, "reserved")?;
        if r.take(name_len, "sparse vector name")? != name.as_bytes() {
            return Err(invalid(format!("sparse vectors: expected the block of `{name}`")));
        }
        r.pad(8)?;
        stores.insert(name.clone(), read_store(&mut r, name, n)?);
    }
    if !r.at_end() {
        return Err(invalid("trailing bytes after the sparse vectors"));
    }
    Ok((Some(config), stores))
}

/// One name's vectors, into a fresh store.
fn read_store(r: &mut Reader<'_>, name: &str, n: usize) -> Result<SparseStore> {
    let count = r.len("sparse vector count")?;
    if count > n || count > r.remaining() / 16 {
        return Err(invalid(format!("sparse vector `{name}`: {count} vectors for {n} points")));
    }
    let mut rows = Vec::with_capacity(count);
    let mut last: Option<usize> = None;
    for _ in 0..count {
        let point = r.len("point number")?;
        if point >= n || last.is_some_and(|l| point <= l) {
            return Err(invalid(format!("sparse vector `{name}`: point numbers must ascend below {n}")));
        }
        last = Some(point);
        rows.push((point, Some(read_vector(r, name)?)));
    }
    let mut store = SparseStore::default();
    store.apply(rows);
    Ok(store)
}

fn read_vector(r: &mut Reader<'_>, name: &str) -> Result<SparseVector> {
    let nnz = r.len("sparse vector length")?;
    let bytes = nnz.checked_mul(8).filter(|&b| b <= r.remaining());
    let bytes = bytes.ok_or_else(|| invalid(format!("sparse vector `{name}`: {nnz} entries exceed the section")))?;
    let raw = r.take(bytes, "sparse vector entries")?;
    let (ib, vb) = raw.split_at(nnz * 4);
    let word = |c: &[u8]| [c[0], c[1], c[2], c[3]];
    let indices: Vec<u32> = ib.chunks_exact(4).map(|c| u32::from_le_bytes(word(c))).collect();
    let values: Vec<f32> = vb.chunks_exact(4).map(|c| f32::from_le_bytes(word(c))).collect();
    r.pad(8)?;
    let v = SparseVector { indices, values };
    if !v.is_sorted() || !v.values.iter().all(|x| x.is_finite()) {
        return Err(invalid(format!("sparse vector `{name}`: indices not ascending or a value not finite")));
    }
    Ok(v)
}
