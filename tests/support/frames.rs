//! Snapshot framing for the integration tests that corrupt or rebuild snapshot files: split a
//! file into its sections and frame sections back with valid checksums.

use simile::snapshot::xxh64;

/// Sections as framed (docs/snapshot-format.md): 40-byte header, then `kind:u32 0:u32 len:u64
/// xxh64:u64 body` each padded to 8. Returns (kind, body) pairs; stops at malformed framing.
pub fn split(b: &[u8]) -> Vec<(u32, Vec<u8>)> {
    let (mut out, mut pos) = (Vec::new(), 40);
    while pos + 24 <= b.len() {
        let kind = u32::from_le_bytes(b[pos..pos + 4].try_into().unwrap());
        let len = u64::from_le_bytes(b[pos + 8..pos + 16].try_into().unwrap()) as usize;
        let Some(body) = b.get(pos + 24..pos + 24 + len) else { break };
        out.push((kind, body.to_vec()));
        pos = (pos + 24 + len).next_multiple_of(8);
    }
    out
}

/// A well-framed file with valid checksums around `sections`, header fields 0..24 from `head`.
pub fn build(head: &[u8], sections: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = head[..24].to_vec();
    out.extend_from_slice(&[0; 16]);
    for (kind, body) in sections {
        let mut h = kind.to_le_bytes().to_vec();
        h.extend_from_slice(&[0; 4]);
        h.extend_from_slice(&(body.len() as u64).to_le_bytes());
        let sum = xxh64(body, xxh64(&h, 0));
        out.extend_from_slice(&h);
        out.extend_from_slice(&sum.to_le_bytes());
        out.extend_from_slice(body);
        out.resize(out.len().next_multiple_of(8), 0);
    }
    let len = out.len() as u64;
    out[24..32].copy_from_slice(&len.to_le_bytes());
    let sum = xxh64(&out[..32], 0);
    out[32..40].copy_from_slice(&sum.to_le_bytes());
    out
}
