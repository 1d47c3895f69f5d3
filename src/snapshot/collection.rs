//! The sections of one collection: CONFIG, SCHEMA, IDS, VERSIONS, VECTORS (one per configured
//! name, in name order) and PAYLOADS. Only live points are written, in offset order.

use super::frame::Input;
use super::io::{pad, put_varint, Reader, Writer};
use super::{hnsw, invalid, kind, sparse, vectors};
use crate::collection::parts::OwnedParts;
use crate::collection::{Collection, VectorsConfig};
use crate::error::Result;
use crate::payload::Payload;
use crate::point_id::PointId;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// Largest vector size a snapshot may declare (Qdrant's limit on `size`).
const MAX_DIM: usize = 65_536;

const TAG_NUM: u8 = 0;
const TAG_UUID: u8 = 1;

/// A guess at the snapshot size, to reserve the output once: vectors plus ~32 bytes a point.
pub(super) fn size_hint(c: &Collection) -> usize {
    let p = c.to_parts();
    let rows = p.alive.iter().filter(|&&a| a).count();
    let floats: usize = p.stores.values().map(|s| s.dim().saturating_mul(rows)).sum();
    let sparse: usize = p.sparse.values().map(|s| s.nonzeros().saturating_mul(8).saturating_add(s.rows().saturating_mul(24))).sum();
    floats.saturating_mul(4).saturating_add(rows.saturating_mul(32)).saturating_add(sparse).saturating_add(4096)
}

/// Appends the collection's sections.
pub(super) fn write(w: &mut Writer, c: &Collection) {
    let p = c.to_parts();
    let live: Vec<usize> = (0..p.ids.len()).filter(|&i| p.alive.get(i) == Some(&true)).collect();
    w.section(kind::CONFIG, |o| put_json(o, p.config));
    w.section(kind::SCHEMA, |o| put_json(o, p.payload_schema));
    w.section(kind::IDS, |o| write_ids(o, p.ids, &live));
    w.section(kind::VERSIONS, |o| {
        o.extend_from_slice(&p.op_counter.to_le_bytes());
        live.iter().for_each(|&i| o.extend_from_slice(&p.versions[i].to_le_bytes()));
    });
    for (name, store) in p.stores {
        w.section(kind::VECTORS, |o| vectors::write(o, name, store, &live));
    }
    for (name, store) in c.multi_stores() {
        w.section(kind::MULTI, |o| super::multi::write(o, name, store, &live));
    }
    w.section(kind::PAYLOADS, |o| write_payloads(o, p.payloads, &live));
    if let Some(config) = p.sparse_config {
        w.section(kind::SPARSE, |o| sparse::write(o, config, p.sparse, &live));
    }
    let all_live = live.len() == p.ids.len();
    w.section(kind::HNSW, |o| hnsw::write(o, c, all_live));
    if !c.quantization().is_empty() {
        w.section(kind::QUANT, |o| super::quantized::write(o, c, &live));
    }
}

/// JSON text of a value whose serialisation cannot fail (string keys, `serde_json::Value`s).
fn put_json<T: serde::Serialize + ?Sized>(o: &mut Vec<u8>, value: &T) {
    let ok = serde_json::to_writer(&mut *o, value).is_ok();
    debug_assert!(ok, "config, schema and payloads always serialise");
}

/// `n:u64`, one tag byte per id, zero padding to 8, then each id's value (u64 or u128).
fn write_ids(o: &mut Vec<u8>, ids: &[PointId], live: &[usize]) {
    o.extend_from_slice(&(live.len() as u64).to_le_bytes());
    o.extend(live.iter().map(|&i| if matches!(ids[i], PointId::Num(_)) { TAG_NUM } else { TAG_UUID }));
    pad(o, 8);
    for &i in live {
        match ids[i] {
            PointId::Num(n) => o.extend_from_slice(&n.to_le_bytes()),
            PointId::Uuid(u) => o.extend_from_slice(&u.to_le_bytes()),
        }
    }
}

/// Per point: a varint byte length, then the payload as JSON text; an empty payload is `0`.
fn write_payloads(o: &mut Vec<u8>, payloads: &[Payload], live: &[usize]) {
    let mut text = Vec::new();
    for &i in live {
        text.clear();
        if !payloads[i].is_empty() {
            put_json(&mut text, &payloads[i]);
        }
        put_varint(o, text.len() as u64);
        o.extend_from_slice(&text);
    }
}

/// Reads and validates one collection's sections.
///
/// Each small section is read (copied, unless the input is a slice), verified and parsed, then
/// dropped; vector blocks go straight into their stores ([`vectors::read`]).
pub(super) fn read(r: &mut Input<'_>) -> Result<Collection> {
    let config: VectorsConfig = json(&r.expect(kind::CONFIG)?.verify()?, "collection config")?;
    check_config(&config)?;
    let payload_schema: BTreeMap<String, serde_json::Value> = json(&r.expect(kind::SCHEMA)?.verify()?, "payload schema")?;
    let ids = read_ids(&r.expect(kind::IDS)?.verify()?)?;
    let (op_counter, versions) = read_versions(&r.expect(kind::VERSIONS)?.verify()?, ids.len())?;
    let mut stores = BTreeMap::new();
    for name in config.names() {
        let params = *config.params(&name).map_err(invalid)?;
        if params.multivector_config.is_some() {
            continue;
        }
        let store = vectors::read(r.expect(kind::VECTORS)?, &name, params, ids.len())?;
        stores.insert(name, store);
    }
    let multi = super::multi::read_all(r, &config, ids.len())?;
    let payloads = read_payloads(&r.expect(kind::PAYLOADS)?.verify()?, ids.len())?;
    let (sparse_config, sparse) = read_sparse(r, ids.len())?;
    let parts = OwnedParts { config, payload_schema, op_counter, ids, versions, payloads, stores, sparse_config, sparse };
    let mut coll = Collection::from_parts(parts)?;
    coll.adopt_multi(multi)?;
    hnsw::read_into(r, &mut coll)?;
    super::quantized::read_into(r, &mut coll)?;
    Ok(coll)
}

/// The SPARSE section if one comes next (files before 1.1, and collections without sparse
/// vectors, have none; the next section then belongs to what follows).
fn read_sparse(r: &mut Input<'_>, n: usize) -> Result<(crate::collection::SparseVectorsConfig, BTreeMap<String, crate::index::sparse::SparseStore>)> {
    match r.optional_section(kind::SPARSE)? {
        Some(body) => sparse::read(&body, n),
        None => Ok((None, BTreeMap::new())),
    }
}

fn json<T: DeserializeOwned>(body: &[u8], what: &str) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| invalid(format!("{what}: {e}")))
}

/// Sizes must be 1..=65536, as Qdrant requires.
fn check_config(config: &VectorsConfig) -> Result<()> {
    config.validate().map_err(|e| invalid(format!("collection config: {e}")))?;
    for name in config.names() {
        let size = config.params(&name).map_err(invalid)?.size;
        if size > MAX_DIM {
            return Err(invalid(format!("vector `{name}` has size {size}, more than {MAX_DIM}")));
        }
    }
    Ok(())
}

fn read_ids(body: &[u8]) -> Result<Vec<PointId>> {
    let mut r = Reader::new(body);
    let n = r.len("point count")?;
    let tags = r.take(n, "id tags")?;
    r.pad(8)?;
    let mut ids = Vec::with_capacity(n);
    for &tag in tags {
        ids.push(match tag {
            TAG_NUM => PointId::Num(r.u64("numeric id")?),
            TAG_UUID => PointId::Uuid(r.u128("UUID id")?),
            t => return Err(invalid(format!("unknown id tag {t}"))),
        });
    }
    if !r.at_end() {
        return Err(invalid("trailing bytes after the ids"));
    }
    Ok(ids)
}

/// `op_counter:u64`, then one u64 version per point.
fn read_versions(body: &[u8], n: usize) -> Result<(u64, Vec<u64>)> {
    let mut r = Reader::new(body);
    let op_counter = r.u64("operation counter")?;
    if n.checked_mul(8) != Some(r.remaining()) {
        return Err(invalid(format!("versions: expected {n} of them, section has {} bytes", r.remaining())));
    }
    let versions = (0..n).map(|_| r.u64("version")).collect::<Result<Vec<u64>>>()?;
    Ok((op_counter, versions))
}

fn read_payloads(body: &[u8], n: usize) -> Result<Vec<Payload>> {
    if n > body.len() {
        return Err(invalid(format!("payloads: {n} points but only {} bytes", body.len())));
    }
    let mut r = Reader::new(body);
    let mut payloads = Vec::with_capacity(n);
    for _ in 0..n {
        let len = r.varint("payload length")?;
        let len = usize::try_from(len).map_err(|_| invalid("payload length does not fit in memory"))?;
        let text = r.take(len, "payload")?;
        payloads.push(if text.is_empty() { Payload::new() } else { json(text, "payload")? });
    }
    if !r.at_end() {
        return Err(invalid("trailing bytes after the payloads"));
    }
    Ok(payloads)
}
