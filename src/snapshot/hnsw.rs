//! The HNSW section (format 1.4): `hnsw_config`, `indexing_threshold` and the complete graphs.
//!
//! ```text
//! meta_len:u32 meta[meta_len] (JSON) pad-to-8
//! per graph in `meta.graphs` order:
//!   levels: n × u8  pad-to-8
//!   base: n × (2m + 1) u32   upper_at: n × u32   upper: upper_len × u32   (LE) pad-to-8
//! ```
//!
//! Graphs are written only when the collection has no tombstones (snapshot offsets are then
//! the collection's own); otherwise they are left out and built again by `optimize()` or the
//! indexing threshold. Reading validates every graph ([`Graph::from_owned`]): a corrupt graph
//! is an error, never a wrong answer. Files without the section load with default settings.

use super::frame::Input;
use super::io::pad;
use super::stream::Stream;
use super::{invalid, kind};
use crate::collection::hnsw::{HnswState, IndexEntry};
use crate::collection::Collection;
use crate::error::Result;
use crate::index::hnsw::{Graph, HnswConfigDiff, HnswIndex, LevelRng, OwnedArrays};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    config: HnswConfigDiff,
    per_vector: BTreeMap<String, HnswConfigDiff>,
    indexing_threshold: Option<usize>,
    graphs: Vec<GraphMeta>,
}

#[derive(Debug, Serialize, Deserialize)]
struct GraphMeta {
    name: String,
    m: usize,
    ef_construct: usize,
    rng: u64,
    entry: Option<(u32, usize)>,
    upper_len: usize,
}

/// Appends the section body for `c` (`rows` offsets, all live when graphs are written).
pub(super) fn write(o: &mut Vec<u8>, c: &Collection, all_live: bool) {
    let s = c.hnsw_state();
    let rows = c.capacity_rows();
    let graphs: Vec<(&String, &IndexEntry)> =
        s.indexes.iter().filter(|(_, e)| all_live && e.complete && e.cursor >= rows && e.index.graph.len() <= rows).collect();
    let meta = Meta {
        config: s.config.clone(),
        per_vector: s.per_vector.clone(),
        indexing_threshold: s.indexing_threshold,
        graphs: graphs
            .iter()
            .map(|(name, e)| GraphMeta {
                name: (*name).clone(),
                m: e.index.graph.m(),
                ef_construct: e.index.ef_construct,
                rng: e.index.rng.0,
                entry: e.index.graph.entry(),
                upper_len: e.index.graph.arrays().upper.len(),
            })
            .collect(),
    };
    let json = serde_json::to_vec(&meta).unwrap_or_default();
    o.extend_from_slice(&(json.len() as u32).to_le_bytes());
    o.extend_from_slice(&json);
    pad(o, 8);
    for (_, e) in graphs {
        // A graph shorter than the rows (trailing points without this vector) is padded with
        // absent nodes; the common case is written without a copy.
        let g = if e.index.graph.len() < rows {
            let mut padded = e.index.graph.clone();
            padded.grow(rows);
            std::borrow::Cow::Owned(padded)
        } else {
            std::borrow::Cow::Borrowed(&e.index.graph)
        };
        let a = g.arrays();
        o.extend_from_slice(a.levels);
        pad(o, 8);
        for w in a.base.iter().chain(a.upper_at).chain(a.upper) {
            o.extend_from_slice(&w.to_le_bytes());
        }
        pad(o, 8);
    }
}

/// Reads the HNSW section if one comes next and puts it into `coll`: decoded while it is
/// read (`stream.rs`), installed only once its checksum matched.
pub(super) fn read_into(r: &mut Input<'_>, coll: &mut Collection) -> Result<()> {
    let Some(section) = r.optional_located(kind::HNSW)? else {
        return Ok(());
    };
    let mut body = Stream::new(section);
    match read_state(&mut body, coll) {
        Ok(state) => {
            body.finish()?;
            coll.restore_hnsw(state)
        }
        Err(e) => {
            body.section().verify_only()?;
            Err(e)
        }
    }
}

fn read_state(body: &mut Stream<'_>, coll: &Collection) -> Result<HnswState> {
    let meta: Meta = body.meta("HNSW metadata")?;
    let rows = coll.capacity_rows();
    let mut indexes = BTreeMap::new();
    for gm in &meta.graphs {
        coll.store(&gm.name).map_err(|_| invalid(format!("HNSW graph of unknown vector `{}`", gm.name)))?;
        let graph = read_graph(body, gm, rows)?;
        let index = HnswIndex::from_parts(graph, gm.ef_construct.max(1), LevelRng(gm.rng));
        indexes.insert(gm.name.clone(), IndexEntry { index, cursor: rows, complete: true });
    }
    Ok(HnswState { config: meta.config, per_vector: meta.per_vector, indexing_threshold: meta.indexing_threshold, indexes })
}

fn read_graph(body: &mut Stream<'_>, gm: &GraphMeta, n: usize) -> Result<Graph> {
    if gm.m == 0 || gm.m > crate::index::hnsw::config::MAX_M {
        return Err(invalid(format!("HNSW graph `{}`: m = {}", gm.name, gm.m)));
    }
    let levels = body.bytes(n, "HNSW levels")?.into_owned();
    body.pad(8)?;
    let base_len = n.checked_mul(2 * gm.m + 1).ok_or_else(|| invalid("HNSW array too long"))?;
    let base = body.words(base_len, "HNSW level-0 links")?;
    let upper_at = body.words(n, "HNSW upper offsets")?;
    let upper = body.words(gm.upper_len, "HNSW upper links")?;
    body.pad(8)?;
    Graph::from_owned(gm.m, OwnedArrays { levels, base, upper_at, upper }, gm.entry)
}
