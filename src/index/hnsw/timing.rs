//! A native timing of the graph build and walk, run by hand:
//! `cargo test --release --lib hnsw::timing -- --ignored --nocapture` (`HNSW_N`, `HNSW_DIM`
//! set the size; `HNSW_F16` names a file of float16 rows to use instead of generated ones;
//! `HNSW_ORDER` = `halves` | `stride` inserts the rows out of offset order, see
//! [`insertion_order`]). It prints wall times, the similarity evaluations counted during the build
//! and per query (a count does not depend on the machine's load, a time does), and recall@10
//! at ef 100 against the exact scan, on seeded clustered unit vectors (the benchmark's data
//! shape), stored in 1 MiB chunks as the collection stores them.

use super::*;
use crate::distance::Distance;
use std::cell::Cell;
use std::time::Instant;

/// `n` unit rows around 64 seeded centres (centre + 0.6 × noise), flattened, in chunks of
/// `chunk_rows` rows.
fn clustered(seed: u64, n: usize, dim: usize, chunk_rows: usize) -> Vec<Vec<f32>> {
    let mut state = seed;
    let mut uniform = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    };
    let centres: Vec<f32> = (0..64 * dim).map(|_| uniform()).collect();
    let mut rows: Vec<f32> = Vec::with_capacity(n * dim);
    for i in 0..n {
        let c = &centres[(i * 7919 % 64) * dim..][..dim];
        let row: Vec<f32> = c.iter().map(|x| x + 0.6 * uniform()).collect();
        let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(f32::MIN_POSITIVE);
        rows.extend(row.iter().map(|x| x / norm));
    }
    rows.chunks(chunk_rows * dim).map(<[f32]>::to_vec).collect()
}

/// Rows of a float16 file (`HNSW_F16`: little-endian rows of `dim` halves), normalised, the
/// first `n + 50` of them, in chunks of `chunk_rows` rows.
fn from_f16(path: &str, n: usize, dim: usize, chunk_rows: usize) -> Vec<Vec<f32>> {
    let bytes = std::fs::read(path).expect("HNSW_F16 file");
    let halves = bytes.chunks_exact(2).map(|b| crate::kernels::half::f32_from_f16(u16::from_le_bytes([b[0], b[1]])));
    let mut rows: Vec<f32> = halves.take((n + 50) * dim).collect();
    for row in rows.chunks_mut(dim) {
        let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(f32::MIN_POSITIVE);
        row.iter_mut().for_each(|x| *x /= norm);
    }
    assert_eq!(rows.len(), (n + 50) * dim, "HNSW_F16 holds fewer than n + 50 rows");
    rows.chunks(chunk_rows * dim).map(<[f32]>::to_vec).collect()
}

/// The `i`-th node to insert: in offset order, or with `HNSW_ORDER` `halves` the two halves
/// of the offsets interleaved (as Qdrant's build on two threads inserts: rayon splits the id
/// range, hnsw/build.rs), or `stride` every 7,919th offset mod `n` (a bijection unless `n` is a
/// multiple of 7,919). Rows stored in a meaningful order (the Debian packages are sorted by
/// name) give a worse graph when inserted in that order.
fn insertion_order(order: &str, i: u32, n: u32) -> u32 {
    match order {
        "halves" if i % 2 == 0 => i / 2,
        "halves" => n / 2 + i / 2,
        "stride" if n % 7919 != 0 => ((u64::from(i) * 7919) % u64::from(n)) as u32,
        _ => i,
    }
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
#[ignore = "a timing, run by hand in release"]
fn build_and_walk_timing() {
    let (n, dim, seed) = (env("HNSW_N", 20_000), env("HNSW_DIM", 384), 5);
    println!("seed {seed}, n {n}, dim {dim}");
    let chunk_rows = (1 << 20) / (dim * 4);
    let chunks = match std::env::var("HNSW_F16") {
        Ok(path) => from_f16(&path, n, dim, chunk_rows),
        Err(_) => clustered(seed, n + 50, dim, chunk_rows),
    };
    let rows = Rows::chunked(&chunks, chunk_rows, dim, Distance::Dot);
    let sims = Cell::new(0u64);
    let t = Instant::now();
    let mut index = HnswIndex::new(16, 100);
    let order = std::env::var("HNSW_ORDER").unwrap_or_default();
    for i in 0..n as u32 {
        index.insert(&rows, insertion_order(&order, i, n as u32), &|o| o < n as u32).unwrap();
    }
    let build = t.elapsed();
    println!("build {:.2} s", build.as_secs_f64());
    let (mut walk, mut scan, mut hits) = (0.0, 0.0, 0usize);
    for q in n as u32..n as u32 + 50 {
        let query = rows.row(q);
        let score = |o: u32, _floor: f32| {
            sims.set(sims.get() + 1);
            rows.distance.similarity(query, rows.row(o))
        };
        let t = Instant::now();
        let got = index.search((100, 10), &mut { score }, &|o| o < n as u32, &mut [], &|n| rows.touch(n));
        walk += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut all: Vec<Scored> = (0..n as u32).map(|o| Scored { score: rows.distance.similarity(query, rows.row(o)), offset: o }).collect();
        all.sort_unstable_by(|a, b| b.cmp(a));
        scan += t.elapsed().as_secs_f64();
        hits += got.iter().filter(|g| all[..10].iter().any(|w| w.offset == g.offset)).count();
    }
    println!("walk {:.3} ms/query ({} sims/query), scan {:.3} ms/query", walk * 20.0, sims.get() / 50, scan * 20.0);
    println!("recall@10 {:.4}", hits as f64 / 500.0);
}
