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
