//! Loads arbitrary bytes as a snapshot: must return `Ok` or `Err`, never panic; a loaded
//! snapshot must re-serialise, reload and answer a scroll.
//!
//! Random bytes rarely get past the checksums, so when header byte 20 (reserved, normally 0) has
//! its low bit set, the target clears it and fixes up every checksum (framing as in
//! docs/snapshot-format.md): the fuzzer then explores the section decoders themselves.

#![no_main]

use libfuzzer_sys::fuzz_target;
use simile::snapshot::xxh64;
use simile::{collection::Collection, Database};

/// Recomputes every section checksum, the file length and the header checksum, in place.
fn reseal(b: &mut Vec<u8>) {
    if b.len() < 40 {
        return;
    }
    let mut pos = 40;
    while pos + 24 <= b.len() {
        let len = u64::from_le_bytes(b[pos + 8..pos + 16].try_into().unwrap());
        let Some(end) = usize::try_from(len).ok().and_then(|l| (pos + 24).checked_add(l)).filter(|&e| e <= b.len()) else {
            break;
        };
        let sum = xxh64(&b[pos + 24..end], xxh64(&b[pos..pos + 16], 0));
        b[pos + 16..pos + 24].copy_from_slice(&sum.to_le_bytes());
        pos = end.next_multiple_of(8);
    }
    let len = b.len() as u64;
    b[24..32].copy_from_slice(&len.to_le_bytes());
    let sum = xxh64(&b[..32], 0);
    b[32..40].copy_from_slice(&sum.to_le_bytes());
}

fuzz_target!(|data: &[u8]| {
    let mut bytes = data.to_vec();
    if bytes.len() >= 40 && bytes[20] & 1 == 1 {
        bytes[20] &= !1;
        reseal(&mut bytes);
    }
    if let Ok(mut db) = Database::from_bytes(&bytes) {
        for c in db.collection_names() {
            db.request("POST", &format!("/collections/{c}/points/scroll"), r#"{"limit":100,"with_payload":true,"with_vector":true}"#);
        }
        Database::from_bytes(&db.to_bytes()).expect("a loaded database reloads");
    }
    if let Ok(c) = Collection::from_bytes(&bytes) {
        Collection::from_bytes(&c.to_bytes()).expect("a loaded collection reloads");
    }
});
