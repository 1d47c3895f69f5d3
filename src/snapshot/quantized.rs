//! The QUANT section (format 1.5): `quantization_config` (collection level and per vector)
//! and the codes of every vector that has complete ones, written for live rows in offset
//! order (the snapshot's own offsets).
//!
//! ```text
//! meta_len:u32 meta[meta_len] (JSON) pad-to-8
//! per codes in `meta.codes` order:
//!   codes: n × row_bytes u8  pad-to-8
//!   scalar only: corrections: n × f32 (LE)  pad-to-8
//! ```
//!
//! Reading checks every length against the row count and vector size, and that trained
//! parameters and corrections are finite: corrupt codes are an error, never a wrong answer.
//! Files without the section load with no quantization, as before 1.5.

use super::frame::Input;
use super::io::{pad, Reader};
use super::{invalid, kind};
use crate::collection::quantized::binary::{BinaryCodes, DimStats};
use crate::collection::quantized::config::{BinaryEncoding, QueryEncoding};
use crate::collection::quantized::scalar::{ScalarCodes, ScalarRange};
use crate::collection::quantized::{Codes, QuantState, QuantizationConfig};
use crate::collection::Collection;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    config: Option<QuantizationConfig>,
    per_vector: BTreeMap<String, QuantizationConfig>,
    codes: Vec<CodesMeta>,
}

/// The trained parameters of one vector's codes.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum CodesMeta {
    Scalar { name: String, range: ScalarRange },
    Binary { name: String, encoding: BinaryEncoding, query_encoding: QueryEncoding, stats: Option<Vec<DimStats>> },
}

/// Appends the section body for `c`, codes of the `live` offsets only.
pub(super) fn write(o: &mut Vec<u8>, c: &Collection, live: &[usize]) {
    let q = c.quantization();
    let complete: Vec<(&String, &Codes)> = q.codes.iter().filter(|(n, _)| c.codes(n).is_some()).collect();
    let codes = complete
        .iter()
        .map(|(name, codes)| match codes {
            Codes::Scalar(s) => CodesMeta::Scalar { name: (*name).clone(), range: s.range },
            Codes::Binary(b) => CodesMeta::Binary {
                name: (*name).clone(),
                encoding: b.encoding,
                query_encoding: b.query_encoding,
                stats: b.stats.clone(),
            },
        })
        .collect();
    let meta = Meta { config: q.config.clone(), per_vector: q.per_vector.clone(), codes };
    let json = serde_json::to_vec(&meta).unwrap_or_default();
    o.extend_from_slice(&(json.len() as u32).to_le_bytes());
    o.extend_from_slice(&json);
    pad(o, 8);
    for (_, codes) in complete {
        let (bytes, rb) = match codes {
            Codes::Scalar(s) => (&s.codes, s.dim),
            Codes::Binary(b) => (&b.codes, b.row_bytes()),
        };
        live.iter().for_each(|&i| o.extend_from_slice(bytes.get(i * rb..(i + 1) * rb).unwrap_or(&[])));
        pad(o, 8);
        if let Codes::Scalar(s) = codes {
            live.iter().for_each(|&i| o.extend_from_slice(&s.corrections.get(i).copied().unwrap_or(0.0).to_le_bytes()));
            pad(o, 8);
        }
    }
}

/// Reads the QUANT section if one comes next and puts it into `coll`.
pub(super) fn read_into(r: &mut Input<'_>, coll: &mut Collection) -> Result<()> {
    let Some(body) = r.optional_section(kind::QUANT)? else {
        return Ok(());
    };
    let mut rd = Reader::new(&body);
    let meta: Meta = rd.read_meta("quantization metadata")?;
    let mut codes = BTreeMap::new();
    for cm in meta.codes {
        let (name, c) = read_codes(&mut rd, coll, cm)?;
        codes.insert(name, c);
    }
    if !rd.at_end() {
        return Err(invalid("quantization section: bytes after the last codes"));
    }
    coll.check_quantization(Some(meta.config.clone()), &[]).map_err(invalid)?;
    for name in meta.per_vector.keys() {
        coll.config().params(name).map_err(|_| invalid(format!("quantization config of unknown vector `{name}`")))?;
    }
    coll.restore_quantization(QuantState { config: meta.config, per_vector: meta.per_vector, codes });
    Ok(())
}

fn read_codes(rd: &mut Reader<'_>, coll: &Collection, cm: CodesMeta) -> Result<(String, Codes)> {
    let n = coll.capacity_rows();
    let name = match &cm {
        CodesMeta::Scalar { name, .. } | CodesMeta::Binary { name, .. } => name.clone(),
    };
    let store = coll.store(&name).map_err(|_| invalid(format!("codes of unknown vector `{name}`")))?;
    let (dim, distance) = (store.dim(), store.params.distance);
    let mut codes = match cm {
        CodesMeta::Scalar { range, .. } if range.alpha.is_finite() && range.offset.is_finite() => {
            Codes::Scalar(ScalarCodes::new(dim, distance, range))
        }
        CodesMeta::Binary { encoding, query_encoding, stats, .. } if stats.as_ref().map_or(true, |s| valid_stats(s, dim)) => {
            Codes::Binary(BinaryCodes::new(dim, encoding, query_encoding, stats))
        }
        _ => return Err(invalid(format!("codes of `{name}`: bad trained parameters"))),
    };
    let rb = codes.bytes_per_point();
    let rb = if let Codes::Scalar(_) = codes { rb - 4 } else { rb };
    let total = n.checked_mul(rb).ok_or_else(|| invalid("codes too long"))?;
    let bytes = rd.take(total, "codes")?.to_vec();
    rd.pad(8)?;
    match &mut codes {
        Codes::Scalar(s) => {
            let raw = rd.take(n.checked_mul(4).ok_or_else(|| invalid("codes too long"))?, "code corrections")?;
            rd.pad(8)?;
            let corrections: Vec<f32> = raw.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
            if corrections.iter().any(|c| !c.is_finite()) || bytes.iter().any(|&b| b > 127) {
                return Err(invalid(format!("codes of `{name}`: values out of range")));
            }
            s.codes = bytes;
            s.corrections = corrections;
        }
        Codes::Binary(b) => b.codes = bytes,
    }
    Ok((name, codes))
}

fn valid_stats(stats: &[DimStats], dim: usize) -> bool {
    stats.len() == dim && stats.iter().all(|s| s.mean.is_finite() && s.sd.is_finite() && s.sd >= 0.0)
}
