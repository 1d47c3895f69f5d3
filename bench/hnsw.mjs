// HNSW benchmark, the targets of the index in one run: graph build time; nearest, best_score
// recommend (3+/2−) and a 10 %-selective filter through the graph vs `exact: true` (p50 ratio
// and recall@10 against the exact answer); loading a snapshot that carries the graph vs a
// memcpy of its bytes. On seeded clustered unit vectors (bench/data.mjs) and on the 20,000
// Debian packages of the demo (real all-MiniLM-L6-v2 embeddings, www/data).
//
//   node bench/hnsw.mjs [--n 100000] [--dim 384] [--queries 100] [--peer] [--no-debian] [--int8]
//
// `--int8` gives the collections scalar int8 quantization: the graph walk then scores the codes
// (no rescoring, Qdrant's scalar default); `exact: true` still scans the originals.
//
// `--peer` also builds hnswlib-wasm's HierarchicalNSW (same M = 16, ef_construction = 100,
// ef = 100) on the clustered rows and reports its build time and recall.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Database } from "simile";
import { halfToFloat } from "../www/load.js";
import { clustered, rng } from "./data.mjs";

const { values: opt } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    dim: { type: "string", default: "384" },
    queries: { type: "string", default: "100" },
    peer: { type: "boolean", default: false },
    "no-debian": { type: "boolean", default: false },
    int8: { type: "boolean", default: false },
  },
});
const nq = Number(opt.queries);
const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const recallOf = (got, want) => (want.length ? got.filter((g) => want.includes(g)).length / want.length : 1);
const BUCKETS = 10;

/** A collection of `data`'s rows with `bucket` = id mod 10 (integer index) and the same value
 *  as `plain` (no index), graph built. */
function load(data, n, dim) {
  const db = new Database();
  db.setMemoryBudget(2 ** 31);
  // A full-scan threshold of 10 KB: the graph answers at every size (Qdrant's default
  // 10,000 KB would keep 6,666 × 384 and smaller collections exact).
  const quantization_config = opt.int8 ? { scalar: { type: "int8", quantile: 0.99, always_ram: true } } : undefined;
  db.request("PUT", "/collections/c", { vectors: { size: dim, distance: "Cosine" }, hnsw_config: { full_scan_threshold: 10 }, quantization_config });
  const payloads = Array.from({ length: n }, (_, i) => ({ bucket: i % BUCKETS, plain: i % BUCKETS }));
  db.upsertFlat("c", Uint32Array.from({ length: n }, (_, i) => i), data, payloads);
  db.request("PUT", "/collections/c/index", { field_name: "bucket", field_schema: "integer" });
  const t0 = performance.now();
  db.optimizeSync("c");
  return { db, buildMs: performance.now() - t0 };
}

/** p50 of graph and exact times and the mean recall of `body` (a function of the query index). */
function compare(db, body, graphParams = {}) {
  const ask = (i, params) => {
    const t = performance.now();
    const ids = db.request("POST", "/collections/c/points/query", { ...body(i), limit: 10, params }).points.map((p) => p.id);
    return [ids, performance.now() - t];
  };
  const [graph, exact, recalls] = [[], [], []];
  for (let i = 0; i < nq; i++) {
    const [e, te] = ask(i, { exact: true });
    const [g, tg] = ask(i, graphParams);
    exact.push(te);
    graph.push(tg);
    recalls.push(recallOf(g, e));
  }
  return { graph: p50(graph), exact: p50(exact), recall: mean(recalls) };
}

/** Loading the collection's snapshot (graph included) vs copying its bytes. */
function snapshotLoad(db) {
  const bytes = db.collectionToBytes("c");
  const [load, copy] = [[], []];
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const fresh = new Database();
    fresh.setMemoryBudget(2 ** 31);
    fresh.loadCollection("c", bytes);
    load.push(performance.now() - t);
    fresh.free();
    t = performance.now();
    bytes.slice();
    copy.push(performance.now() - t);
  }
  return { mb: bytes.length / 2 ** 20, load: p50(load), copy: p50(copy) };
}

function measure(label, data, n, dim, queries) {
  const { db, buildMs } = load(data, n, dim);
  const r = rng(7);
  const pick = () => Math.floor(r() * n);
  const examples = queries.map(() => ({ positive: [pick(), pick(), pick()], negative: [pick(), pick()] }));
  const vec = (i) => Array.from(queries[i]);
  const bestScore = (i) => ({ query: { recommend: { ...examples[i], strategy: "best_score" } } });
  const cases = [
    ["nearest", compare(db, (i) => ({ query: vec(i) })), "≤ 0.1×, recall ≥ 0.98"],
    ["recommend best_score 3+/2−", compare(db, bestScore), "≤ 0.2×, recall ≥ 0.95"],
    ["recommend best_score 3+/2−, hnsw_ef 120", compare(db, bestScore, { hnsw_ef: 120 }), "≤ 0.2×, recall ≥ 0.95"],
    ["recommend best_score 3+/2−, hnsw_ef 200", compare(db, bestScore, { hnsw_ef: 200 }), "≤ 0.2×, recall ≥ 0.95"],
    ["recommend best_score 3+/2−, hnsw_ef 400", compare(db, bestScore, { hnsw_ef: 400 }), "≤ 0.2×, recall ≥ 0.95"],
    ["nearest, filter 10 % (integer index: its list is scanned)", compare(db, (i) => ({ query: vec(i), filter: { must: [{ key: "bucket", match: { value: i % BUCKETS } }] } })), "recall ≥ 0.95"],
    ["nearest, filter 10 % (no index: filtered walk)", compare(db, (i) => ({ query: vec(i), filter: { must: [{ key: "plain", match: { value: i % BUCKETS } }] } })), "recall ≥ 0.95"],
  ];
  const snap = snapshotLoad(db);
  db.free();
  const codes = opt.int8 ? "; int8 codes in the walk" : "";
  console.log(`\n### HNSW: ${label} (n = ${n.toLocaleString("en-US")}, dim ${dim}, Cosine; m 16, ef_construct 100, ef 100${codes}; ${nq} queries)`);
  console.log(`- build: ${(buildMs / 1000).toFixed(1)} s`);
  console.log("\n| query | graph p50 ms | exact p50 ms | graph / exact | recall@10 | target |");
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  for (const [what, c, target] of cases) {
    console.log(`| ${what} | ${c.graph.toFixed(3)} | ${c.exact.toFixed(2)} | ${(c.graph / c.exact).toFixed(3)} | ${c.recall.toFixed(4)} | ${target} |`);
  }
  console.log(`\n- snapshot with graph (${snap.mb.toFixed(1)} MiB): load ${snap.load.toFixed(1)} ms = ${(snap.load / snap.copy).toFixed(2)} × a copy of its bytes (${snap.copy.toFixed(1)} ms; target ≤ 2 ×)`);
  return buildMs;
}

function peer(data, n, dim, queries) {
  return async () => {
    await import("fake-indexeddb/auto");
    globalThis.window ??= globalThis;
    const { loadHnswlib } = await import("hnswlib-wasm/dist/hnswlib.js");
    const lib = await loadHnswlib();
    const index = new lib.HierarchicalNSW("ip", dim, "");
    index.initIndex(n, 16, 100, 100);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) index.addPoint(data.subarray(i * dim, (i + 1) * dim), i, false);
    const ms = performance.now() - t0;
    index.setEfSearch(100);
    // Ground truth: the exact scan of a plain database over the same rows.
    const exact = new Database();
    exact.setMemoryBudget(2 ** 31);
    exact.request("PUT", "/collections/c", { vectors: { size: dim, distance: "Cosine" } });
    exact.upsertFlat("c", Uint32Array.from({ length: n }, (_, i) => i), data);
    const want = (q) => exact.request("POST", "/collections/c/points/query", { query: Array.from(q), limit: 10, params: { exact: true } }).points.map((p) => p.id);
    const recall = mean(queries.map((q) => recallOf(index.searchKnn(q, 10, undefined).neighbors, want(q))));
    exact.free();
    return { ms, recall };
  };
}

const [n, dim] = [Number(opt.n), Number(opt.dim)];
const all = clustered(n + nq, dim, 1);
const data = all.subarray(0, n * dim);
const queries = Array.from({ length: nq }, (_, i) => all.subarray((n + i) * dim, (n + i + 1) * dim));
const ownBuild = measure("clustered", data, n, dim, queries);
if (opt.peer) {
  const p = await peer(data, n, dim, queries)();
  console.log(`- hnswlib-wasm, same rows (M 16, ef_construction 100, ef 100): build ${(p.ms / 1000).toFixed(1)} s, recall@10 ${p.recall.toFixed(4)}; simile's build = ${(ownBuild / p.ms).toFixed(2)} × hnswlib-wasm's (target ≤ 0.5 ×)`);
}

const demo = new URL("../www/data/", import.meta.url);
if (!opt["no-debian"] && existsSync(new URL("vectors.f16", demo))) {
  const items = JSON.parse(readFileSync(new URL("items.json", demo), "utf8"));
  const half = readFileSync(new URL("vectors.f16", demo));
  const { vectors } = halfToFloat(new Uint8Array(half.buffer, half.byteOffset, half.byteLength));
  const dn = items.name.length;
  // Queries are held-out packages: the last nq rows are not in the collection.
  const kept = dn - nq;
  const qs = Array.from({ length: nq }, (_, i) => vectors.subarray((kept + i) * items.dim, (kept + i + 1) * items.dim));
  measure("Debian packages (real embeddings)", vectors.subarray(0, kept * items.dim), kept, items.dim, qs);
}
