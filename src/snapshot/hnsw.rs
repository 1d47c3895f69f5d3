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
//! indexing threshold. Reading validates every graph ([`Graph::from_arrays`]): a corrupt graph
//! is an error, never a wrong answer. Files without the section load with default settings.

use super::frame::Input;
use super::io::{pad, Reader};
use super::{invalid, kind};
use crate::collection::hnsw::{HnswState, IndexEntry};
use crate::collection::Collection;
use crate::error::Result;
use crate::index::hnsw::{Graph, GraphArrays, HnswConfigDiff, HnswIndex, LevelRng};
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

/// Reads the HNSW section if one comes next and puts it into `coll`.
pub(super) fn read_into(r: &mut Input<'_>, coll: &mut Collection) -> Result<()> {
    let Some(body) = r.optional_section(kind::HNSW)? else {
        return Ok(());
    };
    let mut rd = Reader::new(&body);
    let meta: Meta = rd.read_meta("HNSW metadata")?;
    let rows = coll.capacity_rows();
    let mut indexes = BTreeMap::new();
    for gm in &meta.graphs {
        coll.store(&gm.name).map_err(|_| invalid(format!("HNSW graph of unknown vector `{}`", gm.name)))?;
        let graph = read_graph(&mut rd, gm, rows)?;
        let index = HnswIndex::from_parts(graph, gm.ef_construct.max(1), LevelRng(gm.rng));
        indexes.insert(gm.name.clone(), IndexEntry { index, cursor: rows, complete: true });
    }
    if !rd.at_end() {
        return Err(invalid("HNSW section: bytes after the last graph"));
    }
    coll.restore_hnsw(HnswState { config: meta.config, per_vector: meta.per_vector, indexing_threshold: meta.indexing_threshold, indexes })
}

fn read_graph(rd: &mut Reader<'_>, gm: &GraphMeta, n: usize) -> Result<Graph> {
    if gm.m == 0 || gm.m > crate::index::hnsw::config::MAX_M {
        return Err(invalid(format!("HNSW graph `{}`: m = {}", gm.name, gm.m)));
    }
    let levels = rd.take(n, "HNSW levels")?;
    rd.pad(8)?;
    let words = |count: usize, rd: &mut Reader<'_>, what: &str| -> Result<Vec<u32>> {
        let bytes = rd.take(count.checked_mul(4).ok_or_else(|| invalid("HNSW array too long"))?, what)?;
        // By index into a sized vector: an iterator chain is a call per word at opt-level "z".
        let mut out = vec![0u32; count];
        for (i, w) in out.iter_mut().enumerate() {
            let b = &bytes[i * 4..i * 4 + 4];
            *w = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        }
        Ok(out)
    };
    let base_len = n.checked_mul(2 * gm.m + 1).ok_or_else(|| invalid("HNSW array too long"))?;
    let base = words(base_len, rd, "HNSW level-0 links")?;
    let upper_at = words(n, rd, "HNSW upper offsets")?;
    let upper = words(gm.upper_len, rd, "HNSW upper links")?;
    rd.pad(8)?;
    let arrays = GraphArrays { levels, base: &base, upper_at: &upper_at, upper: &upper };
    Graph::from_arrays(gm.m, arrays, gm.entry)
}
