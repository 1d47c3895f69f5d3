//! Quantized copies ("codes") of dense vectors: Qdrant's scalar (int8) and binary
//! quantization, configured per collection or per named vector (`quantization_config`).
//!
//! When codes exist: Qdrant builds them with the segment optimizer. simile builds them when
//! the HNSW graphs are built — `optimize()` (all at once or stepwise) and the indexing
//! threshold — and from then on encodes every written row right away with the trained
//! parameters (range or statistics), as Qdrant's appendable binary quantization does. Until
//! codes exist, and after a config change drops them, queries scan the original vectors.
//! Compaction moves offsets, so codes are trained again right after it.
//!
//! Rows are read only through the store's row accessor ([`VectorStore::get`]), widened to f32;
//! float32, float16 and uint8 vectors are quantized. Multivectors are not (501).

pub mod binary;
pub mod config;
pub mod scalar;

use super::{Collection, VectorStore};
use crate::error::{Error, Result};
use binary::{BinaryCodes, BinaryQuery, StatsBuilder};
pub use config::{QuantizationConfig, QuantizationSearchParams};
use scalar::{ScalarCodes, ScalarQuery, ScalarRange};
use std::collections::BTreeMap;

/// The codes of one named vector.
#[derive(Debug, Clone, PartialEq)]
pub enum Codes {
    Scalar(ScalarCodes),
    Binary(BinaryCodes),
}

/// A query encoded for [`Codes::score`].
#[derive(Debug, Clone)]
pub enum CodeQuery {
    Scalar(ScalarQuery),
    Binary(BinaryQuery),
}

impl Codes {
    pub fn query(&self, q: &[f32]) -> CodeQuery {
        match self {
            Codes::Scalar(c) => CodeQuery::Scalar(c.query(q)),
            Codes::Binary(c) => CodeQuery::Binary(c.query(q)),
        }
    }

    /// The approximate internal similarity of row `offset` (−∞ for a query of the other kind).
    #[inline(always)]
    pub fn score(&self, q: &CodeQuery, offset: usize) -> f32 {
        match (self, q) {
            (Codes::Scalar(c), CodeQuery::Scalar(q)) => c.score(q, offset),
            (Codes::Binary(c), CodeQuery::Binary(q)) => c.score(q, offset),
            _ => f32::NEG_INFINITY,
        }
    }

    /// Reads one byte of every cache line of row `offset`'s codes, so that a graph walk's
    /// batch of rows is fetched from memory in parallel (`Rows::touch`).
    #[inline(always)]
    pub fn touch(&self, offset: usize) {
        let (codes, width) = match self {
            Codes::Scalar(c) => {
                crate::index::hnsw::touch_lines(c.corrections.get(offset..offset.saturating_add(1)).unwrap_or(&[]));
                (&c.codes, c.dim)
            }
            Codes::Binary(c) => (&c.codes, c.row_bytes()),
        };
        let start = offset.saturating_mul(width);
        crate::index::hnsw::touch_lines(codes.get(start..start.saturating_add(width)).unwrap_or(&[]));
    }

    /// Whether results are rescored with the original vectors when the request does not say
    /// (binary: yes, scalar: no; quantized_vectors/accessors.rs:16-30).
    pub fn default_rescore(&self) -> bool {
        matches!(self, Codes::Binary(_))
    }

    pub fn set(&mut self, offset: usize, v: &[f32]) {
        match self {
            Codes::Scalar(c) => c.set(offset, v),
            Codes::Binary(c) => c.set(offset, v),
        }
    }

    fn grow(&mut self, rows: usize) {
        match self {
            Codes::Scalar(c) => c.grow(rows),
            Codes::Binary(c) => c.grow(rows),
        }
    }

    pub fn rows(&self) -> usize {
        match self {
            Codes::Scalar(c) => c.rows(),
            Codes::Binary(c) => c.rows(),
        }
    }

    /// Bytes of codes per point (Scalar: `dim` + a 4-byte correction; binary: the bits).
    pub fn bytes_per_point(&self) -> usize {
        match self {
            Codes::Scalar(c) => c.dim + 4,
            Codes::Binary(c) => c.row_bytes(),
        }
    }

    pub fn bytes(&self) -> usize {
        match self {
            Codes::Scalar(c) => c.bytes(),
            Codes::Binary(c) => c.bytes(),
        }
    }
}

/// `quantization_config` (collection level and per vector) and the codes built from it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuantState {
    pub config: Option<QuantizationConfig>,
    pub per_vector: BTreeMap<String, QuantizationConfig>,
    pub codes: BTreeMap<String, Codes>,
}

impl QuantState {
    /// No configuration anywhere (no codes either).
    pub fn is_empty(&self) -> bool {
        self.config.is_none() && self.per_vector.is_empty()
    }
}

/// Trains codes for `store` under `config` (`None`: this method builds no codes).
pub(crate) fn train(store: &VectorStore, config: &QuantizationConfig) -> Option<Codes> {
    let rows = || (0..store.present().len()).filter_map(|o| store.get(o).map(|r| (o, r.to_f32())));
    let (dim, distance) = (store.dim(), store.params.distance);
    let mut codes = match config {
        QuantizationConfig::Scalar { scalar } => {
            let (min, max) = rows().fold((f32::MAX, f32::MIN), |acc, (_, r)| {
                let (lo, hi) = scalar::min_max(std::iter::once(&r[..]));
                (acc.0.min(lo), acc.1.max(hi))
            });
            let range = scalar.quantile.and_then(|q| sampled_interval(store, q as f32)).unwrap_or((min, max));
            Codes::Scalar(ScalarCodes::new(dim, distance, ScalarRange::from_min_max(range.0, range.1)))
        }
        QuantizationConfig::Binary { binary } => {
            let (enc, qe) = (binary.encoding.unwrap_or_default(), binary.query_encoding.unwrap_or_default());
            let stats = binary::needs_stats(enc, qe).then(|| {
                let mut sb = StatsBuilder::new(dim);
                rows().for_each(|(_, r)| sb.add(&r));
                sb.build()
            });
            Codes::Binary(BinaryCodes::new(dim, enc, qe, stats))
        }
        QuantizationConfig::Product { .. } | QuantizationConfig::Turbo { .. } => return None,
    };
    codes.grow(store.present().len());
    rows().for_each(|(o, r)| codes.set(o, &r));
    Some(codes)
}

/// The quantile interval over a seeded sample of up to [`scalar::SAMPLE_SIZE`] present rows
/// (Qdrant samples at random; a fixed seed keeps simile's codes reproducible).
fn sampled_interval(store: &VectorStore, quantile: f32) -> Option<(f32, f32)> {
    let mut present: Vec<usize> = (0..store.present().len()).filter(|&o| store.has(o)).collect();
    let count = present.len();
    let take = count.min(scalar::SAMPLE_SIZE);
    let mut state = 0x5151_AB1E_D00D_F00Du64;
    for i in 0..take {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let j = i + (state >> 33) as usize % (count - i);
        present.swap(i, j);
    }
    let mut values: Vec<f32> = Vec::with_capacity(take.saturating_mul(store.dim()));
    present[..take].iter().filter_map(|&o| store.get(o)).for_each(|r| values.extend_from_slice(&r.to_f32()));
    scalar::quantile_interval(&mut values, count, take, quantile)
}

impl Collection {
    pub fn quantization(&self) -> &QuantState {
        &self.quant
    }

    /// The effective `quantization_config` of vector `name`: its own, else the collection's
    /// (lib/collection/src/config.rs:663-667).
    pub fn quantization_for(&self, name: &str) -> Option<&QuantizationConfig> {
        self.quant.per_vector.get(name).or(self.quant.config.as_ref())
    }

    /// The codes of vector `name`, when built and covering every row.
    pub fn codes(&self, name: &str) -> Option<&Codes> {
        self.quant.codes.get(name).filter(|c| c.rows() >= self.capacity_rows())
    }

    /// Applies `quantization_config` changes: `collection` for the collection level, and per
    /// vector (`None`: `"Disabled"`, the vector's own config removed). Validated first
    /// ([`Collection::check_quantization`]), so a refused change leaves everything as it was.
    /// Codes whose effective config changed are dropped (queries scan exactly until the next
    /// build, as Qdrant searches old segments until the optimizer rebuilt them).
    pub fn update_quantization(
        &mut self,
        collection: Option<Option<QuantizationConfig>>,
        per_vector: &[(String, Option<QuantizationConfig>)],
    ) -> Result<()> {
        let (config, own) = self.check_quantization(collection, per_vector)?;
        let before: Vec<Option<QuantizationConfig>> = self.stores.keys().map(|n| self.quantization_for(n).cloned()).collect();
        self.quant.config = config;
        self.quant.per_vector = own;
        let names: Vec<String> = self.stores.keys().cloned().collect();
        for (name, old) in names.iter().zip(before) {
            if self.quantization_for(name) != old.as_ref() {
                self.quant.codes.remove(name);
            }
        }
        Ok(())
    }

    /// The configs a change would leave (collection level, per vector), or why it is refused:
    /// an unknown vector name (400), codes asked for a multivector (501).
    #[allow(clippy::type_complexity)]
    pub fn check_quantization(
        &self,
        collection: Option<Option<QuantizationConfig>>,
        per_vector: &[(String, Option<QuantizationConfig>)],
    ) -> Result<(Option<QuantizationConfig>, BTreeMap<String, QuantizationConfig>)> {
        let config = collection.unwrap_or_else(|| self.quant.config.clone());
        let mut own = self.quant.per_vector.clone();
        for (name, c) in per_vector {
            self.config.params(name)?;
            match c {
                Some(c) => own.insert(name.clone(), c.clone()),
                None => own.remove(name),
            };
        }
        for name in self.multi.keys() {
            if own.get(name).or(config.as_ref()).is_some_and(QuantizationConfig::builds_codes) {
                return Err(Error::Unsupported { what: format!("Quantization of the multivector `{name}`") });
            }
        }
        Ok((config, own))
    }

    /// Trains and encodes codes for every dense vector whose config asks for them and that
    /// has none yet (called with the HNSW build).
    pub fn build_codes(&mut self) {
        for (name, store) in &self.stores {
            if self.quant.codes.get(name).is_some_and(|c| c.rows() >= self.ids.len()) {
                continue;
            }
            let config = self.quant.per_vector.get(name).or(self.quant.config.as_ref());
            match config.and_then(|c| train(store, c)) {
                Some(codes) => self.quant.codes.insert(name.clone(), codes),
                None => self.quant.codes.remove(name),
            };
        }
    }

    /// Keeps codes true after dense rows at `offsets` were written, and encodes rows appended
    /// since the codes were last extended.
    pub(super) fn encode_written(&mut self, offsets: &[usize]) {
        let rows = self.ids.len();
        for (name, codes) in self.quant.codes.iter_mut() {
            let Some(store) = self.stores.get(name) else { continue };
            let appended = codes.rows()..rows;
            codes.grow(rows);
            for off in offsets.iter().copied().chain(appended) {
                if let Some(row) = store.get(off) {
                    codes.set(off, &row.to_f32());
                }
            }
        }
    }

    /// Installs settings and codes read from a snapshot (already validated by the reader).
    pub(crate) fn restore_quantization(&mut self, state: QuantState) {
        self.quant = state;
    }

    /// Bytes held by the codes.
    pub(super) fn codes_bytes(&self) -> usize {
        self.quant.codes.values().map(Codes::bytes).sum()
    }
}
