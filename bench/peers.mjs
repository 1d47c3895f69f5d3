// Peer libraries measured on the same data in the same run as simile. Neither has recommend or
// discover, so "recommend" is emulated as their users do it: one search per example, merged
// (best score per id over the positives, ids found near a negative dropped).
import { readFileSync } from "node:fs";

/** voy-search ships wasm-pack "bundler" output; instantiate its wasm by hand for Node. */
async function loadVoy() {
  const glue = await import("voy-search/voy_search_bg.js");
  const bytes = readFileSync(new URL(import.meta.resolve("voy-search/voy_search_bg.wasm")));
  const { instance } = await WebAssembly.instantiate(bytes, { "./voy_search_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  return glue;
}

function mergeRecommend(searchOne, positives, negatives, k) {
  const best = new Map();
  for (const p of positives) for (const [id, s] of searchOne(p, k)) best.set(id, Math.max(best.get(id) ?? -Infinity, s));
  for (const n of negatives) for (const [id] of searchOne(n, k)) best.delete(id);
  return [...best].sort((a, b) => b[1] - a[1]).slice(0, k);
}

function rowsFor(name, search, data, dim, qs, ex, measure, k) {
  const row = (i) => data.subarray(i * dim, (i + 1) * dim);
  return [
    { name: `${name}: nearest`, ...measure((i) => search(qs[i], k)) },
    {
      name: `${name}: recommend 3+/2- (5 searches merged)`,
      ...measure((i) => mergeRecommend(search, [0, 1, 2].map((j) => row(ex[5 * i + j])), [3, 4].map((j) => row(ex[5 * i + j])), k)),
    },
  ];
}

const hnswlib = {
  name: "hnswlib-wasm brute force",
  async run(data, n, dim, qs, ex, measure, k) {
    // hnswlib-wasm is built for browsers only: it insists on `window` and stores its files in
    // IndexedDB. fake-indexeddb (an in-memory IndexedDB) and a `window` alias let it run in
    // Node; searches never touch the file system. Its package has only a "module" field,
    // which Node does not read, so the file is imported by path.
    await import("fake-indexeddb/auto");
    globalThis.window ??= globalThis;
    const { loadHnswlib } = await import("hnswlib-wasm/dist/hnswlib.js");
    const lib = await loadHnswlib();
    const index = new lib.BruteforceSearch("ip", dim);
    index.initIndex(n);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) index.addPoint(data.subarray(i * dim, (i + 1) * dim), i);
    const ingestMs = performance.now() - t0;
    const search = (q, kk) => {
      const r = index.searchKnn(q, kk, undefined);
      return r.neighbors.map((id, j) => [id, 1 - r.distances[j]]);
    };
    const rows = rowsFor(this.name, search, data, dim, qs, ex, measure, k);
    rows.push({ name: `${this.name}: ingest`, p50: ingestMs, p95: ingestMs });
    return rows;
  },
};

const voy = {
  name: "voy",
  async run(data, n, dim, qs, ex, measure, k) {
    const glue = await loadVoy();
    const embeddings = Array.from({ length: n }, (_, i) => ({
      id: String(i),
      title: "",
      url: "",
      embeddings: Array.from(data.subarray(i * dim, (i + 1) * dim)),
    }));
    const t0 = performance.now();
    const index = new glue.Voy({ embeddings });
    const ingestMs = performance.now() - t0;
    const search = (q, kk) => index.search(q, kk).neighbors.map((nb, j) => [Number(nb.id), -j]);
    const rows = rowsFor(this.name, search, data, dim, qs, ex, measure, k);
    rows.push({ name: `${this.name}: ingest`, p50: ingestMs, p95: ingestMs });
    index.free?.();
    return rows;
  },
};

export const peers = [hnswlib, voy];
