// Seeded clustered unit vectors and payloads for the benchmark.

/** mulberry32: a small seeded generator, so every run scores the same data. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gauss(r) {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

function normalize(v, off, dim) {
  let s = 0;
  for (let j = 0; j < dim; j++) s += v[off + j] * v[off + j];
  const inv = 1 / Math.sqrt(s || 1);
  for (let j = 0; j < dim; j++) v[off + j] *= inv;
}

/** `n × dim` unit vectors around `clusters` random centres (row-major Float32Array). */
export function clustered(n, dim, seed, clusters = 64) {
  const r = rng(seed);
  const centres = new Float32Array(clusters * dim);
  for (let i = 0; i < centres.length; i++) centres[i] = gauss(r);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(r() * clusters) * dim;
    for (let j = 0; j < dim; j++) out[i * dim + j] = centres[c + j] + 0.6 * gauss(r);
    normalize(out, i * dim, dim);
  }
  return out;
}

/** Payloads with keyword fields matching 1 %, 10 % and 50 % of points. */
export function payloads(n) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = { p1: i % 100 === 0 ? "yes" : "no", p10: i % 10 === 0 ? "yes" : "no", p50: i % 2 === 0 ? "yes" : "no" };
  }
  return out;
}

export function filterFor(field) {
  return { must: [{ key: field, match: { value: "yes" } }] };
}

/**
 * `clustered` in batches, for row counts too large to hold at once: `next(rows)` returns the
 * next `rows × dim` unit vectors (a new Float32Array each call). Without `rowSeed` the rows are
 * exactly `clustered(n, dim, seed, clusters)`'s, in order; with it, the same centres (same
 * distribution) but rows drawn from their own stream, e.g. held-out queries that need not
 * follow a million data rows.
 */
export function clusteredBatches(dim, seed, { clusters = 64, rowSeed } = {}) {
  const r = rng(seed);
  const centres = new Float32Array(clusters * dim);
  for (let i = 0; i < centres.length; i++) centres[i] = gauss(r);
  const rows = rowSeed === undefined ? r : rng(rowSeed);
  return {
    next(count) {
      const out = new Float32Array(count * dim);
      for (let i = 0; i < count; i++) {
        const c = Math.floor(rows() * clusters) * dim;
        for (let j = 0; j < dim; j++) out[i * dim + j] = centres[c + j] + 0.6 * gauss(rows);
        normalize(out, i * dim, dim);
      }
      return out;
    },
  };
}

/**
 * Embedding-like rows in batches: each row is one of `centres`' rows (real embeddings, picked
 * at random) plus a random mix of `spread` shared directions, normalised. Neighbourhoods then
 * have a low intrinsic dimension, as real embeddings' do, unlike `clustered`'s isotropic noise
 * (whose neighbours are nearly equidistant in 384 dimensions, a worst case for any graph).
 * `rowSeed` as in `clusteredBatches`.
 */
export function debianMixBatches(centres, dim, seed, { spread = 8, weight = 0.15, rowSeed } = {}) {
  const r = rng(seed);
  const directions = new Float32Array(spread * dim);
  for (let i = 0; i < directions.length; i++) directions[i] = gauss(r);
  for (let k = 0; k < spread; k++) normalize(directions, k * dim, dim);
  const count = centres.length / dim;
  const rows = rowSeed === undefined ? r : rng(rowSeed);
  return {
    next(n) {
      const out = new Float32Array(n * dim);
      for (let i = 0; i < n; i++) {
        const c = Math.floor(rows() * count) * dim;
        for (let j = 0; j < dim; j++) out[i * dim + j] = centres[c + j];
        for (let k = 0; k < spread; k++) {
          const w = weight * (rows() * 2 - 1);
          for (let j = 0; j < dim; j++) out[i * dim + j] += w * directions[k * dim + j];
        }
        normalize(out, i * dim, dim);
      }
      return out;
    },
  };
}
