// HNSW benchmark: graph build time, nearest p50 through the graph vs `exact: true`, and
// recall@10 against the exact scan, on seeded clustered unit vectors (bench/data.mjs).
//
//   node bench/hnsw.mjs [--n 100000] [--dim 384] [--queries 100] [--peer]
//
// `--peer` also builds hnswlib-wasm's HierarchicalNSW (same M = 16, ef_construction = 100,
// ef = 100) on the same rows and reports its build time and recall.
import { parseArgs } from "node:util";
import { Database } from "simile";
import { clustered } from "./data.mjs";

const { values: opt } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    dim: { type: "string", default: "384" },
    queries: { type: "string", default: "100" },
    peer: { type: "boolean", default: false },
  },
});
const [n, dim, nq] = [Number(opt.n), Number(opt.dim), Number(opt.queries)];
const all = clustered(n + nq, dim, 1);
const data = all.subarray(0, n * dim);
const queries = Array.from({ length: nq }, (_, i) => all.subarray((n + i) * dim, (n + i + 1) * dim));
const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const recallOf = (got, want) => got.filter((g) => want.includes(g)).length / want.length;

const db = new Database();
// A full-scan threshold of 10 KB: the graph answers at every size (Qdrant's default
// 10,000 KB would keep 6,666 × 384 and smaller collections exact).
db.request("PUT", "/collections/c", { vectors: { size: dim, distance: "Cosine" }, hnsw_config: { full_scan_threshold: 10 } });
db.upsertFlat("c", Uint32Array.from({ length: n }, (_, i) => i), data);
let t0 = performance.now();
db.optimizeSync("c");
const buildMs = performance.now() - t0;

const ask = (q, params) => {
  const t = performance.now();
  const ids = db.request("POST", "/collections/c/points/query", { query: Array.from(q), limit: 10, params }).points.map((p) => p.id);
  return [ids, performance.now() - t];
};
const [graphMs, exactMs, recalls, exactIds] = [[], [], [], []];
for (const q of queries) {
  const [e, te] = ask(q, { exact: true });
  const [g, tg] = ask(q, {});
  exactMs.push(te);
  graphMs.push(tg);
  exactIds.push(e);
  recalls.push(recallOf(g, e));
}
const recall = recalls.reduce((a, b) => a + b, 0) / recalls.length;
const rows = [
  { what: `simile HNSW build (m 16, ef_construct 100)`, value: `${(buildMs / 1000).toFixed(1)} s` },
  { what: "nearest p50, graph (ef 100)", value: `${p50(graphMs).toFixed(3)} ms` },
  { what: "nearest p50, exact: true", value: `${p50(exactMs).toFixed(3)} ms` },
  { what: "graph / exact p50", value: (p50(graphMs) / p50(exactMs)).toFixed(3) },
  { what: "recall@10 vs exact", value: recall.toFixed(4) },
];

if (opt.peer) {
  await import("fake-indexeddb/auto");
  globalThis.window ??= globalThis;
  const { loadHnswlib } = await import("hnswlib-wasm/dist/hnswlib.js");
  const lib = await loadHnswlib();
  const index = new lib.HierarchicalNSW("ip", dim, "");
  index.initIndex(n, 16, 100, 100);
  t0 = performance.now();
  for (let i = 0; i < n; i++) index.addPoint(data.subarray(i * dim, (i + 1) * dim), i, false);
  const peerMs = performance.now() - t0;
  index.setEfSearch(100);
  const peerRecall = queries.map((q, i) => recallOf(index.searchKnn(q, 10, undefined).neighbors, exactIds[i]));
  rows.push({ what: "hnswlib-wasm build (M 16, ef_construction 100)", value: `${(peerMs / 1000).toFixed(1)} s` });
  rows.push({ what: "hnswlib-wasm recall@10 (ef 100)", value: (peerRecall.reduce((a, b) => a + b, 0) / nq).toFixed(4) });
}
console.log(`HNSW, ${n} × ${dim} clustered, ${nq} queries`);
console.table(rows);
