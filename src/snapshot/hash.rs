//! XXH64, the snapshot checksum: Yann Collet's 64-bit xxHash, bit-exact with the reference
//! (`xxhash.h`, `XXH64`), so any xxHash library can verify a snapshot.
//!
//! Four independent lanes consume 32-byte stripes (`acc = rotl(acc + w·P2, 31)·P1`), which keeps
//! the multiplier busy and runs near memory bandwidth; the tail (< 32 bytes) is folded in 8-, 4-
//! and 1-byte steps, then the avalanche mixes the bits. [`Xxh64`] is the streaming form: feeding
//! the same bytes in any split gives the same digest as [`xxh64`] over the whole.

const P1: u64 = 0x9E37_79B1_85EB_CA87;
const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const P3: u64 = 0x1656_67B1_9E37_79F9;
const P4: u64 = 0x85EB_CA77_C2B2_AE63;
const P5: u64 = 0x27D4_EB2F_1656_67C5;

/// XXH64 of `data` with `seed`.
pub fn xxh64(data: &[u8], seed: u64) -> u64 {
    let mut h = Xxh64::new(seed);
    h.update(data);
    h.finish()
}

/// Streaming XXH64 state: four lane accumulators, a partial stripe, the total length.
#[derive(Debug, Clone)]
pub(crate) struct Xxh64 {
    seed: u64,
    lanes: [u64; 4],
    buf: [u8; 32],
    buf_len: usize,
    total: u64,
}

/// Little-endian u64 from the first (up to) 8 bytes of `b`; shorter input is zero-extended.
#[inline(always)]
fn le64(b: &[u8]) -> u64 {
    // A whole word is one load; the copy below would be a call per word at opt-level "z".
    if let Some(word) = b.get(..8) {
        return u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]);
    }
    let mut a = [0u8; 8];
    let n = b.len().min(8);
    a[..n].copy_from_slice(&b[..n]);
    u64::from_le_bytes(a)
}

#[inline(always)]
fn round(acc: u64, word: u64) -> u64 {
    acc.wrapping_add(word.wrapping_mul(P2)).rotate_left(31).wrapping_mul(P1)
}

#[inline(always)]
fn merge(h: u64, lane: u64) -> u64 {
    (h ^ round(0, lane)).wrapping_mul(P1).wrapping_add(P4)
}

/// Folds every whole 32-byte stripe of `data` into `lanes`; returns the unconsumed tail.
#[inline(always)]
fn stripes<'a>(lanes: &mut [u64; 4], data: &'a [u8]) -> &'a [u8] {
    // Stripes by index: a `chunks_exact` iterator is a call per stripe at opt-level "z".
    let whole = data.len() / 32 * 32;
    let [mut a, mut b, mut c, mut d] = *lanes;
    let mut at = 0;
    while at < whole {
        let s = &data[at..at + 32];
        a = round(a, le64(&s[0..8]));
        b = round(b, le64(&s[8..16]));
        c = round(c, le64(&s[16..24]));
        d = round(d, le64(&s[24..32]));
        at += 32;
    }
    *lanes = [a, b, c, d];
    &data[whole..]
}

impl Xxh64 {
    pub(crate) fn new(seed: u64) -> Self {
        let lanes = [seed.wrapping_add(P1).wrapping_add(P2), seed.wrapping_add(P2), seed, seed.wrapping_sub(P1)];
        Xxh64 { seed, lanes, buf: [0; 32], buf_len: 0, total: 0 }
    }

    /// Feeds more bytes.
    pub(crate) fn update(&mut self, mut data: &[u8]) {
        self.total = self.total.wrapping_add(data.len() as u64);
        if self.buf_len > 0 {
            let take = (32 - self.buf_len).min(data.len());
            self.buf[self.buf_len..self.buf_len + take].copy_from_slice(&data[..take]);
            self.buf_len += take;
            data = &data[take..];
            if self.buf_len < 32 {
                return;
            }
            let buf = self.buf;
            stripes(&mut self.lanes, &buf);
            self.buf_len = 0;
        }
        let tail = stripes(&mut self.lanes, data);
        self.buf[..tail.len()].copy_from_slice(tail);
        self.buf_len = tail.len();
    }

    /// The digest of everything fed so far.
    pub(crate) fn finish(&self) -> u64 {
        let [a, b, c, d] = self.lanes;
        let mut h = if self.total >= 32 {
            let h = a.rotate_left(1).wrapping_add(b.rotate_left(7)).wrapping_add(c.rotate_left(12));
            let h = h.wrapping_add(d.rotate_left(18));
            merge(merge(merge(merge(h, a), b), c), d)
        } else {
            self.seed.wrapping_add(P5)
        };
        h = h.wrapping_add(self.total);
        let mut rest = &self.buf[..self.buf_len];
        while rest.len() >= 8 {
            h = (h ^ round(0, le64(rest))).rotate_left(27).wrapping_mul(P1).wrapping_add(P4);
            rest = &rest[8..];
        }
        if rest.len() >= 4 {
            h = (h ^ (le64(&rest[..4]).wrapping_mul(P1))).rotate_left(23).wrapping_mul(P2).wrapping_add(P3);
            rest = &rest[4..];
        }
        for &byte in rest {
            h = (h ^ u64::from(byte).wrapping_mul(P5)).rotate_left(11).wrapping_mul(P1);
        }
        h ^= h >> 33;
        h = h.wrapping_mul(P2);
        h ^= h >> 29;
        h = h.wrapping_mul(P3);
        h ^ (h >> 32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference digests (xxHash's own test vectors and the python-xxhash documentation).
    #[test]
    fn matches_reference_vectors() {
        let cases: [(&[u8], u64, u64); 4] = [
            (b"", 0, 0xEF46_DB37_51D8_E999),
            (b"a", 0, 0xD24E_C4F1_A98C_6E5B),
            (b"abc", 0, 0x44BC_2CF5_AD77_0999),
            (b"Nobody inspects the spammish repetition", 0, 0xFBCE_A83C_8A37_8BF1),
        ];
        for (data, seed, want) in cases {
            assert_eq!(xxh64(data, seed), want, "{:?}", String::from_utf8_lossy(data));
        }
    }

    #[test]
    fn streaming_equals_one_shot() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        let whole = xxh64(&data, 7);
        for split in [0, 1, 5, 31, 32, 33, 64, 100, 999, 1000] {
            let mut h = Xxh64::new(7);
            h.update(&data[..split]);
            for piece in data[split..].chunks(17) {
                h.update(piece);
            }
            assert_eq!(h.finish(), whole, "split at {split}");
        }
    }
}
