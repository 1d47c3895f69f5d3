//! MurmurHash3, x86 32-bit variant — the hash behind Qdrant's BM25 token ids (`token_id` in
//! `lib/bm25/src/lib.rs`, through the `murmur3_32` crate): 4-byte little-endian blocks, the
//! tail zero-padded, then the length and the finalizer mix.

const C1: u32 = 0xcc9e_2d51;
const C2: u32 = 0x1b87_3593;

fn scramble(k: u32) -> u32 {
    k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2)
}

/// `murmur3_32(seed, data)`.
pub(super) fn murmur3_32(seed: u32, data: &[u8]) -> u32 {
    let mut h = seed;
    let mut blocks = data.chunks_exact(4);
    for block in blocks.by_ref() {
        let k = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        h = (h ^ scramble(k)).rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        let mut last = [0u8; 4];
        last[..tail.len()].copy_from_slice(tail);
        h ^= scramble(u32::from_le_bytes(last));
    }
    h ^= data.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

#[cfg(test)]
mod tests {
    use super::murmur3_32;

    /// Reference values of MurmurHash3_x86_32.
    #[test]
    fn reference_values() {
        assert_eq!(murmur3_32(0, b""), 0);
        assert_eq!(murmur3_32(1, b""), 0x514e_28b7);
        assert_eq!(murmur3_32(0, b"hello"), 0x248b_fa47);
        assert_eq!(murmur3_32(0, b"The quick brown fox jumps over the lazy dog"), 0x2e4f_f723);
        assert_eq!(murmur3_32(0x9747_b28c, b"Hello, world!"), 0x2488_4cba);
    }
}
