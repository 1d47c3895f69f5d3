//! Property tests of the graph against the exact scan (seeds printed).

use super::*;
use crate::distance::Distance;

/// Uniform floats in [-1, 1) from a seeded linear congruential generator.
fn random_rows(seed: u64, n: usize, dim: usize) -> Vec<f32> {
    let mut state = seed;
    (0..n * dim)
        .map(|_| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((state >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
        })
        .collect()
}

fn build(rows: &Rows<'_>, n: usize, m: usize, ef_construct: usize, alive: &impl Fn(u32) -> bool) -> HnswIndex {
    let mut index = HnswIndex::new(m, ef_construct);
    for node in 0..n as u32 {
        if alive(node) {
            index.insert(rows, node, alive).unwrap();
        }
    }
    index
}

/// The exact top `k` passing `gate`, best first, ties to the lower offset.
fn exact(rows: &Rows<'_>, q: &[f32], n: usize, k: usize, gate: impl Fn(u32) -> bool) -> Vec<u32> {
    let mut all: Vec<Scored> = (0..n as u32)
        .filter(|&i| gate(i))
        .map(|i| Scored { score: rows.distance.similarity(q, rows.row(i)), offset: i })
        .collect();
    all.sort_unstable_by(|a, b| b.cmp(a));
    all.into_iter().take(k).map(|s| s.offset).collect()
}

fn graph_top(index: &HnswIndex, rows: &Rows<'_>, q: &[f32], ef: usize, k: usize, gate: impl Fn(u32) -> bool) -> Vec<u32> {
    index.search((ef, k), &mut |i, _| rows.distance.similarity(q, rows.row(i)), &gate, &mut [], &|n| rows.touch(n)).into_iter().map(|s| s.offset).collect()
}

fn recall(got: &[u32], want: &[u32]) -> f64 {
    got.iter().filter(|g| want.contains(g)).count() as f64 / want.len().max(1) as f64
}

#[test]
fn with_ef_at_least_n_the_graph_search_is_the_exact_scan() {
    for seed in 1..=6u64 {
        for distance in [Distance::Dot, Distance::Euclid, Distance::Manhattan] {
            // Qdrant's default m: with a small m (4) the heuristic can leave a node with no
            // in-links (seed 3, Dot), unreachable by any walk, as in Qdrant.
            let (n, dim) = (300, 8);
            println!("seed {seed} {distance:?}");
            let raw = random_rows(seed, n, dim);
            let rows = Rows::contiguous(&raw, dim, distance);
            let index = build(&rows, n, 16, 100, &|_| true);
            let queries = random_rows(seed + 1000, 10, dim);
            for q in queries.chunks_exact(dim) {
                let want = exact(&rows, q, n, 10, |_| true);
                assert_eq!(graph_top(&index, &rows, q, n, 10, |_| true), want, "seed {seed}");
            }
        }
    }
}

#[test]
fn the_same_rows_build_the_same_graph() {
    let (n, dim) = (500, 16);
    let raw = random_rows(7, n, dim);
    let rows = Rows::contiguous(&raw, dim, Distance::Euclid);
    let a = build(&rows, n, 8, 32, &|_| true);
    let b = build(&rows, n, 8, 32, &|_| true);
    assert_eq!(a, b);
    assert!(a.graph.entry().is_some());
}

#[test]
fn filtered_and_deleted_points_are_skipped_and_recall_holds() {
    for seed in 11..=13u64 {
        println!("seed {seed}");
        let (n, dim) = (2000, 16);
        let raw = random_rows(seed, n, dim);
        let rows = Rows::contiguous(&raw, dim, Distance::Euclid);
        let mut index = build(&rows, n, 16, 100, &|_| true);
        let deleted = |i: u32| i % 10 == 3;
        let even = |i: u32| i % 2 == 0;
        let queries = random_rows(seed + 1000, 20, dim);
        let (mut got_recall, mut count) = (0.0, 0.0);
        for q in queries.chunks_exact(dim) {
            let gate = |i: u32| !deleted(i) && even(i);
            let got = graph_top(&index, &rows, q, 64, 10, gate);
            assert!(got.iter().all(|&i| gate(i)), "seed {seed}: a gated point came back");
            got_recall += recall(&got, &exact(&rows, q, n, 10, gate));
            count += 1.0;
        }
        assert!(got_recall / count >= 0.9, "seed {seed}: recall {}", got_recall / count);
        // Relinking points (their vectors changed) keeps the graph searchable.
        for node in (0..n as u32).step_by(7) {
            index.insert(&rows, node, &|i| !deleted(i)).unwrap();
        }
        let q = &queries[..dim];
        let got = graph_top(&index, &rows, q, n, 10, |i| !deleted(i));
        assert_eq!(got, exact(&rows, q, n, 10, |i| !deleted(i)), "seed {seed}");
    }
}

#[test]
fn tiny_and_empty_graphs_answer() {
    let raw = vec![1.0f32, 0.0];
    let rows = Rows::contiguous(&raw, 2, Distance::Dot);
    let empty = HnswIndex::new(16, 100);
    assert!(graph_top(&empty, &rows, &[1.0, 0.0], 10, 10, |_| true).is_empty());
    let one = build(&rows, 1, 16, 100, &|_| true);
    assert_eq!(graph_top(&one, &rows, &[1.0, 0.0], 1, 10, |_| true), vec![0]);
    assert!(graph_top(&one, &rows, &[1.0, 0.0], 1, 10, |_| false).is_empty());
    assert!(graph_top(&one, &rows, &[1.0, 0.0], 0, 0, |_| true).is_empty());
}

#[test]
fn levels_follow_the_geometric_distribution() {
    let mut rng = LevelRng(LEVEL_SEED);
    let levels: Vec<usize> = (0..100_000).map(|_| rng.level(16)).collect();
    let above0 = levels.iter().filter(|&&l| l >= 1).count() as f64 / levels.len() as f64;
    // round(−ln u / ln 16) ≥ 1 ⇔ u < 16^-0.5 = 0.25.
    assert!((above0 - 0.25).abs() < 0.01, "share above level 0: {above0}");
}

#[test]
fn the_heuristic_drops_a_candidate_closer_to_a_kept_neighbour() {
    // Points on a line: 0 at 0.0, 1 at 1.0, 2 at 1.1, 3 at −1.0; the new point sits at 0.0.
    let pos = [0.0f32, 1.0, 1.1, -1.0];
    let sim = |a: u32, b: u32| -(pos[a as usize] - pos[b as usize]).abs();
    let sorted: Vec<Scored> = [1u32, 3, 2].iter().map(|&i| Scored { score: sim(0, i), offset: i }).collect();
    let mut out = Vec::new();
    select_with_heuristic(&sorted, 4, sim, &mut out);
    assert_eq!(out, vec![1, 3]);
}

#[test]
fn stored_arrays_are_validated() {
    let (n, dim) = (200, 8);
    let raw = random_rows(3, n, dim);
    let rows = Rows::contiguous(&raw, dim, Distance::Dot);
    let index = build(&rows, n, 4, 16, &|_| true);
    let g = &index.graph;
    let a = g.arrays();
    assert_eq!(Graph::from_arrays(4, a, g.entry()).as_ref(), Ok(g));
    let mut base = a.base.to_vec();
    base[1] = n as u32 + 5; // a link past the last node
    assert!(Graph::from_arrays(4, GraphArrays { base: &base, ..a }, g.entry()).is_err());
    let mut base = a.base.to_vec();
    base[0] = 9; // more links than m0 = 8
    assert!(Graph::from_arrays(4, GraphArrays { base: &base, ..a }, g.entry()).is_err());
    let mut upper_at = a.upper_at.to_vec();
    if let Some(i) = (0..n).find(|&i| a.levels[i] > 0) {
        upper_at[i] = a.upper.len() as u32; // upper block outside the array
        assert!(Graph::from_arrays(4, GraphArrays { upper_at: &upper_at, ..a }, g.entry()).is_err());
    }
    let low = (0..n as u32).find(|&i| g.level(i) == Some(0)).unwrap();
    assert!(Graph::from_arrays(4, a, Some((low, 0))).is_err(), "entry below the top level");
    assert!(Graph::from_arrays(4, GraphArrays { levels: &a.levels[1..], ..a }, g.entry()).is_err());
}

/// Builds over `raw`, then relinks every 5th node with its row replaced by `moved`'s;
/// `forget` clears the heuristic-order hints after every insertion (every list re-pruned
/// by the full heuristic, as before the hints existed).
fn build_and_move(raw: &Vec<f32>, moved: &[f32], dim: usize, distance: Distance, forget: bool) -> HnswIndex {
    let n = raw.len() / dim;
    let mut index = HnswIndex::new(6, 24);
    let insert = |index: &mut HnswIndex, rows: &Rows<'_>, node: u32| {
        index.insert(rows, node, &|_| true).unwrap();
        if forget {
            index.graph.forget_sorted();
        }
    };
    let rows = Rows::contiguous(raw, dim, distance);
    (0..n as u32).for_each(|node| insert(&mut index, &rows, node));
    let mut changed = raw.clone();
    for node in (0..n).step_by(5) {
        changed[node * dim..(node + 1) * dim].copy_from_slice(&moved[node * dim..(node + 1) * dim]);
    }
    let rows = Rows::contiguous(&changed, dim, distance);
    (0..n as u32).step_by(5).for_each(|node| insert(&mut index, &rows, node));
    index
}

#[test]
fn skipping_pairs_the_heuristic_already_compared_builds_the_same_graph() {
    for seed in 21..=24u64 {
        for distance in [Distance::Dot, Distance::Euclid, Distance::Manhattan] {
            println!("seed {seed} {distance:?}");
            let (n, dim) = (600, 8);
            let (raw, moved) = (random_rows(seed, n, dim), random_rows(seed + 500, n, dim));
            let hinted = build_and_move(&raw, &moved, dim, distance, false);
            let full = build_and_move(&raw, &moved, dim, distance, true);
            assert_eq!(hinted.graph, full.graph, "seed {seed} {distance:?}");
        }
    }
}

#[test]
fn a_score_below_the_beam_floor_may_be_anything_below_it() {
    for seed in 31..=33u64 {
        println!("seed {seed}");
        let (n, dim) = (1500, 12);
        let raw = random_rows(seed, n, dim);
        let rows = Rows::contiguous(&raw, dim, Distance::Euclid);
        let index = build(&rows, n, 8, 40, &|_| true);
        let queries = random_rows(seed + 1000, 20, dim);
        for q in queries.chunks_exact(2 * dim) {
            let (a, b) = q.split_at(dim);
            let best = |i: u32| rows.distance.similarity(a, rows.row(i)).max(rows.distance.similarity(b, rows.row(i)));
            let gate = |i: u32| i % 3 != 0;
            let search = |score: &dyn Fn(u32, f32) -> f32| index.search((16, 10), &mut |i, f| score(i, f), &gate, &mut [], &|n| rows.touch(n));
            let exact = search(&|i, _| best(i));
            let dropped = search(&|i, floor| if best(i) < floor { f32::NEG_INFINITY } else { best(i) });
            let lowered = search(&|i, floor| if best(i) < floor { floor - 1.0 - best(i).abs() } else { best(i) });
            assert_eq!(exact, dropped, "seed {seed}");
            assert_eq!(exact, lowered, "seed {seed}");
            assert_eq!(exact.len(), 10);
        }
    }
}
