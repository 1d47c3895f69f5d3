//! One MULTI section: a multivector's rows for every point (see `collection/multi.rs`).
//!
//! ```text
//! name_len:u32 dim:u32 name[name_len] pad-to-8
//! n:u64
//! counts: n × u32      rows of point i (0 = the point lacks this vector)
//! pad-to-8
//! rows: Σcounts × dim elements LE, point after point: f32, or (1.3) f16 bits / u8 when the
//!       config's `datatype` says so
//! ```
//!
//! Written after the VECTORS sections, one per multivector name in name order. Snapshots
//! from before multivectors have none and configure none, so they load unchanged.

use super::frame::Input;
use super::io::{pad, Reader};
use super::{invalid, kind};
use crate::collection::multi::{MultiStore, MultiStores, MAX_FLATTENED_LEN};
use crate::collection::{Datatype, VectorParams, VectorsConfig};
use crate::kernels::half::f32_from_f16;
use crate::error::Result;

/// Appends the block for `store`, rows of the `live` offsets in order.
pub(super) fn write(o: &mut Vec<u8>, name: &str, store: &MultiStore, live: &[usize]) {
    let dim = store.dim().max(1);
    o.extend_from_slice(&(name.len() as u32).to_le_bytes());
    o.extend_from_slice(&(dim as u32).to_le_bytes());
    o.extend_from_slice(name.as_bytes());
    pad(o, 8);
    o.extend_from_slice(&(live.len() as u64).to_le_bytes());
    for &off in live {
        let rows = store.get(off).map_or(0, |v| v.len() / dim);
        o.extend_from_slice(&(rows as u32).to_le_bytes());
    }
    pad(o, 8);
    for &off in live {
        if let Some(row) = store.get(off) {
            row.put_le(o);
        }
    }
}

/// The multivector names of `config` with their params, in name order.
pub(super) fn names(config: &VectorsConfig) -> Vec<(String, VectorParams)> {
    let all = config.names().into_iter().filter_map(|n| config.params(&n).ok().map(|p| (n.clone(), *p)));
    all.filter(|(_, p)| p.multivector_config.is_some()).collect()
}

/// Reads one MULTI section per multivector name of `config`, for `n` points.
pub(super) fn read_all(r: &mut Input<'_>, config: &VectorsConfig, n: usize) -> Result<MultiStores> {
    let mut stores = MultiStores::new();
    for (name, params) in names(config) {
        let body = r.expect(kind::MULTI)?.verify()?;
        stores.insert(name.clone(), read(&body, &name, params, n)?);
    }
    Ok(stores)
}

fn read(body: &[u8], name: &str, params: VectorParams, n: usize) -> Result<MultiStore> {
    let mut r = Reader::new(body);
    let name_len = r.u32("multivector name length")? as usize;
    let dim = r.u32("multivector size")? as usize;
    let got = r.take(name_len, "multivector name")?;
    r.pad(8)?;
    let count = r.len("multivector point count")?;
    if got != name.as_bytes() || dim != params.size || count != n {
        return Err(invalid(format!("multivector block for `{name}` does not match the config ({n} points)")));
    }
    let mut counts = Vec::new();
    for _ in 0..n {
        counts.push(r.u32("multivector row count")? as usize);
    }
    r.pad(8)?;
    let mut store = MultiStore::new(params);
    for (off, &rows) in counts.iter().enumerate() {
        let floats = rows.checked_mul(dim).filter(|&f| f < MAX_FLATTENED_LEN);
        let floats = floats.ok_or_else(|| invalid(format!("multivector `{name}`: {rows} rows is too many")))?;
        if floats == 0 {
            continue;
        }
        let width = params.datatype().bytes();
        let bytes = r.take(floats * width, "multivector rows")?;
        let v: Vec<f32> = match params.datatype() {
            Datatype::Uint8 => bytes.iter().map(|&b| f32::from(b)).collect(),
            Datatype::Float16 => bytes.chunks_exact(2).map(|b| f32_from_f16(u16::from_le_bytes([b[0], b[1]]))).collect(),
            Datatype::Float32 | Datatype::Turbo4 => {
                bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
            }
        };
        if !v.iter().all(|x| x.is_finite()) {
            return Err(invalid(format!("multivector `{name}`: NaN or infinite component")));
        }
        store.set(off, &v);
    }
    if !r.at_end() {
        return Err(invalid(format!("trailing bytes after multivector `{name}`")));
    }
    Ok(store)
}
