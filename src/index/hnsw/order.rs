//! The order a build links a collection's rows in: a fixed scramble of the offsets, not offset
//! order.
//!
//! Rows are often stored in a meaningful order (by name, by time). Linked in that order, the
//! last rows of a region get few links from later rows, and queries near them reach them
//! worse. On the Debian packages (sorted by name), held-out queries from the end of the
//! alphabet: recall@10 at ef 100 0.962 in offset order, 0.980 scrambled (the `timing`
//! module, 50 queries); 0.974 -> 0.983 in bench/hnsw.mjs (100 queries). Qdrant's build links
//! parts of the id range concurrently on its indexing threads
//! (lib/segment/src/index/hnsw_index/hnsw/build.rs: rayon splits the range), which mixes the
//! order the same way; its own graph on these rows measures 0.973 on one thread, 0.980–0.985 on
//! two (bench/hnsw_edge.py). The scramble is deterministic, so the same rows still give the
//! same graph.

/// Position `p` of a build over `n` rows links offset `p · stride mod n` (a bijection: the
/// stride is coprime to `n`, near `n / φ` so consecutive positions lie far apart); positions
/// from `n` on (rows appended after the build started) link their own offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InsertionOrder {
    n: u64,
    stride: u64,
    /// `stride⁻¹ mod n`: the position of an offset.
    inverse: u64,
}

impl InsertionOrder {
    /// The scrambled order of a build that starts over `n` rows.
    pub fn scrambled(n: usize) -> Self {
        let n = n as u64;
        if n < 2 {
            return InsertionOrder::default();
        }
        let mut stride = ((n as f64 * 0.618_033_988_749_895) as u64).max(1);
        while gcd(stride, n) != 1 {
            stride += 1; // ends at n − 1 at the latest, coprime to every n
        }
        InsertionOrder { n, stride, inverse: inverse_mod(stride, n) }
    }

    /// The offset linked at `position`.
    pub fn offset(&self, position: usize) -> usize {
        match position as u64 {
            p if p < self.n => (p * self.stride % self.n) as usize,
            _ => position,
        }
    }

    /// The position at which `offset` is linked.
    pub fn position(&self, offset: usize) -> usize {
        match offset as u64 {
            o if o < self.n => (o * self.inverse % self.n) as usize,
            _ => offset,
        }
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `a⁻¹ mod n` for `a` coprime to `n` (extended Euclid).
fn inverse_mod(a: u64, n: u64) -> u64 {
    let (mut r0, mut r1) = (n as i128, a as i128);
    let (mut t0, mut t1) = (0i128, 1i128);
    while r1 != 0 {
        let q = r0 / r1;
        (r0, r1) = (r1, r0 - q * r1);
        (t0, t1) = (t1, t0 - q * t1);
    }
    t0.rem_euclid(n as i128) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_offset_is_linked_once_and_position_inverts_offset() {
        for n in [0usize, 1, 2, 3, 10, 100, 1000, 19_900, 65_536] {
            let order = InsertionOrder::scrambled(n);
            let mut seen = vec![false; n];
            for p in 0..n {
                let o = order.offset(p);
                assert!(o < n && !seen[o], "n {n}: position {p} -> offset {o}");
                seen[o] = true;
                assert_eq!(order.position(o), p);
            }
            assert_eq!((order.offset(n + 3), order.position(n + 3)), (n + 3, n + 3));
        }
    }

    #[test]
    fn consecutive_positions_are_far_apart() {
        let order = InsertionOrder::scrambled(19_900);
        let gap = order.offset(1).abs_diff(order.offset(0));
        assert!(gap > 19_900 / 4, "gap {gap}");
    }
}
