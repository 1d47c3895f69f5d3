#!/usr/bin/env node
// Builds the demo's map: a 2-D position for each of the 20,000 packages, from their vectors.
//
//   node www/tools/project-map.mjs [cache.bin]   # reads www/data/vectors.f16, writes www/data/map.bin
//
// The neighbour search is the slow step (minutes): with a cache file argument, the neighbour
// lists are read from it when it exists and written to it otherwise.
//
// 1. PCA to 32 dimensions (covariance, then block power iteration with Gram-Schmidt).
// 2. The 12 nearest neighbours of every point in that space (exact, by dot product).
// 3. A small neighbour embedding from the first two principal components: every epoch pulls each
//    point towards its neighbours and pushes it from a few random points (negative sampling,
//    as UMAP does), which pulls clusters apart where PCA alone overlaps them.
// 4. Each axis is spread by blending the position with its rank (half each): clusters keep their
//    shape, and the empty space between far-apart clusters shrinks.
// Output `map.bin`: per point (id order) two little-endian uint16, x then y, scaled to 0…65535.
// Deterministic: the random numbers come from a seeded generator (seed printed).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { halfToFloat } from "../load.js";

const DATA = new URL("../data/", import.meta.url);
const DIM = 384;
const PCS = 32;
const NEIGHBOURS = 12;
const EPOCHS = 200;
const NEGATIVES = 4;
const SEED = 20261202;

/** mulberry32: a small seeded generator, enough for layout noise. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readVectors() {
  const bytes = readFileSync(new URL("vectors.f16", DATA));
  const data = halfToFloat(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).vectors;
  return { rows: data.length / DIM, data };
}

/** The top `k` principal directions (k × DIM, row-major) of the centred rows. */
function principalAxes({ rows, data }, k, random) {
  const mean = new Float64Array(DIM);
  for (let r = 0; r < rows; r++) for (let j = 0; j < DIM; j++) mean[j] += data[r * DIM + j] / rows;
  const cov = new Float64Array(DIM * DIM);
  const centred = new Float64Array(DIM);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < DIM; j++) centred[j] = data[r * DIM + j] - mean[j];
    for (let i = 0; i < DIM; i++) {
      const ci = centred[i];
      for (let j = i; j < DIM; j++) cov[i * DIM + j] += ci * centred[j];
    }
  }
  for (let i = 0; i < DIM; i++) for (let j = 0; j < i; j++) cov[i * DIM + j] = cov[j * DIM + i];
  let axes = Array.from({ length: k }, () => Float64Array.from({ length: DIM }, () => random() - 0.5));
  for (let iter = 0; iter < 60; iter++) {
    axes = orthonormal(axes.map((v) => multiply(cov, v)));
  }
  return { mean, axes };
}

function multiply(m, v) {
  const out = new Float64Array(DIM);
  for (let i = 0; i < DIM; i++) {
    let s = 0;
    for (let j = 0; j < DIM; j++) s += m[i * DIM + j] * v[j];
    out[i] = s;
  }
  return out;
}

function orthonormal(vectors) {
  const out = [];
  for (const v of vectors) {
    const w = Float64Array.from(v);
    for (const u of out) {
      let d = 0;
      for (let j = 0; j < DIM; j++) d += w[j] * u[j];
      for (let j = 0; j < DIM; j++) w[j] -= d * u[j];
    }
    const norm = Math.hypot(...w) || 1;
    out.push(w.map((x) => x / norm));
  }
  return out;
}

/** Rows projected on the axes: rows × k floats. */
function project({ rows, data }, { mean, axes }) {
  const k = axes.length;
  const out = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let j = 0; j < DIM; j++) s += (data[r * DIM + j] - mean[j]) * axes[a][j];
      out[r * k + a] = s;
    }
  }
  return out;
}

/** Each row's `n` nearest rows by Euclidean distance in the k-dim projection: rows × n ids. */
function nearest(points, rows, k, n) {
  const out = new Int32Array(rows * n);
  const dist = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < rows; o++) {
      let s = 0;
      for (let a = 0; a < k; a++) {
        const d = points[r * k + a] - points[o * k + a];
        s += d * d;
      }
      dist[o] = s;
    }
    dist[r] = Infinity;
    const best = [];
    for (let o = 0; o < rows; o++) {
      if (best.length < n || dist[o] < dist[best[best.length - 1]]) {
        best.push(o);
        best.sort((x, y) => dist[x] - dist[y]);
        if (best.length > n) best.pop();
      }
    }
    out.set(best, r * n);
  }
  return out;
}

/** The neighbour embedding, started from PCA's first two components. */
function embed(points, k, neighbours, rows, random) {
  const pos = new Float32Array(rows * 2);
  let spread = 0;
  for (let r = 0; r < rows; r++) spread = Math.max(spread, Math.abs(points[r * k]), Math.abs(points[r * k + 1]));
  for (let r = 0; r < rows; r++) {
    pos[r * 2] = (points[r * k] / spread) * 10;
    pos[r * 2 + 1] = (points[r * k + 1] / spread) * 10;
  }
  const move = (i, j, rate, attract) => {
    const dx = pos[i * 2] - pos[j * 2];
    const dy = pos[i * 2 + 1] - pos[j * 2 + 1];
    const d2 = dx * dx + dy * dy + 1e-3;
    // UMAP's gradients with a = b = 1: attraction −2/(1 + d²), repulsion 2/(d²·(1 + d²)).
    const g = attract ? -2 / (1 + d2) : Math.min(2 / (d2 * (1 + d2)), 4);
    pos[i * 2] += clip(g * dx) * rate;
    pos[i * 2 + 1] += clip(g * dy) * rate;
  };
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const rate = 1 - epoch / EPOCHS;
    for (let i = 0; i < rows; i++) {
      for (let e = 0; e < NEIGHBOURS; e++) move(i, neighbours[i * NEIGHBOURS + e], rate, true);
      for (let e = 0; e < NEGATIVES; e++) move(i, Math.floor(random() * rows), rate, false);
    }
  }
  return pos;
}

const clip = (x) => Math.max(-4, Math.min(4, x));

function scaleToUint16(pos, rows) {
  const out = new Uint16Array(rows * 2);
  for (const axis of [0, 1]) {
    const order = Array.from({ length: rows }, (_, r) => r).sort((a, b) => pos[a * 2 + axis] - pos[b * 2 + axis]);
    const lo = pos[order[0] * 2 + axis];
    const hi = pos[order[rows - 1] * 2 + axis];
    order.forEach((r, rank) => {
      const t = 0.5 * ((pos[r * 2 + axis] - lo) / (hi - lo || 1)) + 0.5 * (rank / (rows - 1));
      out[r * 2 + axis] = Math.round((0.01 + t * 0.98) * 65535);
    });
  }
  return out;
}

/** The neighbour lists, from `cache` when it holds them, else computed (and saved there). */
function neighbourLists(points, rows, cache) {
  if (cache && existsSync(cache)) {
    const bytes = readFileSync(cache);
    return new Int32Array(bytes.buffer, bytes.byteOffset, rows * NEIGHBOURS);
  }
  const lists = nearest(points, rows, PCS, NEIGHBOURS);
  if (cache) writeFileSync(cache, new Uint8Array(lists.buffer));
  return lists;
}

function main() {
  console.log(`seed ${SEED}`);
  const random = rng(SEED);
  const vectors = readVectors();
  const t0 = performance.now();
  const points = project(vectors, principalAxes(vectors, PCS, random));
  console.log(`PCA to ${PCS} dims: ${Math.round(performance.now() - t0)} ms`);
  const neighbours = neighbourLists(points, vectors.rows, process.argv[2]);
  console.log(`${NEIGHBOURS} nearest neighbours: ${Math.round(performance.now() - t0)} ms`);
  const pos = embed(points, PCS, neighbours, vectors.rows, random);
  const out = scaleToUint16(pos, vectors.rows);
  writeFileSync(new URL("map.bin", DATA), new Uint8Array(out.buffer));
  console.log(`map.bin: ${vectors.rows} points, ${out.byteLength} bytes, ${Math.round(performance.now() - t0)} ms`);
}

main();
