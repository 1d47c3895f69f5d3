// The benchmark: simile's queries against two baselines measured in the same process — a bare
// simd128 scan over the same wasm memory, and a plain-JS exact loop — plus peer libraries.
// Usage: npm run bench  (env BENCH_SIZES=10000,100000  BENCH_RUNS=30  BENCH_DIM=384
//        BENCH_PEERS=0 skips the peer libraries)
import { readFileSync } from "node:fs";
import os from "node:os";
import { Database, simdEnabled } from "simile";
import { clustered, payloads, filterFor, rng } from "./data.mjs";
import { measure, RUNS, stats } from "./measure.mjs";
import { peers } from "./peers.mjs";

const DIM = Number(process.env.BENCH_DIM ?? 384);
const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const K = 10;

/** The plain-JS exact loop: dot products and a sorted top-k array. */
function jsSearch(data, n, q, k) {
  const best = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * DIM;
    for (let j = 0; j < DIM; j++) s += data[o + j] * q[j];
    if (best.length < k || s > best[best.length - 1][0]) {
      best.push([s, i]);
      best.sort((a, b) => b[0] - a[0]);
      if (best.length > k) best.pop();
    }
  }
  return best;
}

function queries(data, n, count, seed) {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    const row = Math.floor(r() * n) * DIM;
    return data.slice(row, row + DIM);
  });
}

function exampleIds(n, count, seed) {
  const r = rng(seed);
  return Array.from({ length: count }, () => Math.floor(r() * n));
}

function ingest(n, data, withPayloads) {
  const db = new Database();
  db.request("PUT", "/collections/bench", { vectors: { size: DIM, distance: "Cosine" } });
  const ids = Uint32Array.from({ length: n }, (_, i) => i);
  const p = withPayloads ? payloads(n) : undefined;
  const t0 = performance.now();
  db.upsertFlat("bench", ids, data, p);
  return { db, ms: performance.now() - t0 };
}

/** Ingest into a fresh database: the first time in this process (wasm memory must grow) and
 *  the p50 of five more (memory already grown, as for any later load). */
function ingestTimes(n, data) {
  const times = [];
  for (let i = 0; i < 6; i++) {
    const { db, ms } = ingest(n, data, false);
    times.push(ms);
    db.free();
  }
  return { first: times[0], warm: stats(times.slice(1)).p50 };
}

/** The scalar artifact, instantiated through its own copy of the glue module (a query string
 *  makes Node load the glue again), so both builds run in one process on the same data. */
async function scalarBuild() {
  const glue = await import(new URL("../dist/simile.js?scalar", import.meta.url).href);
  glue.initSync({ module: new WebAssembly.Module(readFileSync(new URL("../dist/simile_scalar.wasm", import.meta.url))) });
  if (glue.simdEnabled()) throw new Error("the scalar artifact reports SIMD");
  return glue;
}

function scalarRows(glue, n, data, qs) {
  const raw = new glue.Database();
  raw.request("PUT", "/collections/bench", JSON.stringify({ vectors: { size: DIM, distance: "Cosine" } }));
  raw.upsertFlat("bench", Uint32Array.from({ length: n }, (_, i) => i), data);
  const rows = [
    { name: "scalar build: bare scan", ...measure((i) => raw.bareScan("bench", qs[i])) },
    { name: "scalar build: nearest", ...measure((i) => raw.searchFlat("bench", qs[i], K)), target: "≥ 1.4 × nearest (SIMD gain)" },
  ];
  raw.free();
  return rows;
}

async function run(n) {
  const data = clustered(n, DIM, 42);
  const rows = [];
  const row = (name, r, target) => rows.push({ name, ...r, target });
  const copy = new Float32Array(data.length);
  const memcpy = measure(() => copy.set(data));
  const ingestMs = ingestTimes(n, data);
  const { db, ms: ingestPayloadMs } = ingest(n, data, true);
  const qs = queries(data, n, RUNS, 7);
  const bare = measure((i) => db.bareScan("bench", qs[i]));
  const js = measure((i) => jsSearch(data, n, qs[i], K));
  const ex = exampleIds(n, 5 * RUNS, 9);
  const q = (body) => db.request("POST", "/collections/bench/points/query", { ...body, limit: K });
  const nearest = measure((i) => db.searchFlat("bench", qs[i], K));
  row("nearest", nearest, "≤ 1.15 × bare");
  for (const strategy of ["average_vector", "best_score", "sum_scores"]) {
    const r = measure((i) => q({ query: { recommend: { positive: ex.slice(5 * i, 5 * i + 3), negative: ex.slice(5 * i + 3, 5 * i + 5), strategy } } }));
    row(`recommend ${strategy} 3+/2-`, r, strategy === "average_vector" ? "≤ 1.1 × nearest" : "≤ 2.5 × nearest");
  }
  const pair = (i, j) => ({ positive: ex[5 * i + j], negative: ex[5 * i + j + 1] });
  row("discover target+2 pairs", measure((i) => q({ query: { discover: { target: ex[5 * i + 4], context: [pair(i, 0), pair(i, 2)] } } })), "≤ 2.5 × nearest");
  row("context 3 pairs", measure((i) => q({ query: { context: [pair(i, 0), pair(i, 1), pair(i, 2)] } })), "≤ 2.5 × nearest");
  for (const [field, target] of [["p1", "≤ 0.1 × nearest"], ["p10", "≤ 0.35 × nearest"], ["p50", ""]]) {
    row(`nearest, filter ${field.slice(1)} %`, measure((i) => db.searchFlat("bench", qs[i], K, filterFor(field))), target);
  }
  rows.push(...scalarRows(await scalarBuild(), n, data, qs));
  for (const peer of process.env.BENCH_PEERS === "0" ? [] : peers) {
    try {
      for (const r of await peer.run(data, n, DIM, qs, ex, measure, K)) rows.push(r);
    } catch (err) {
      console.log(`(peer ${peer.name} failed: ${err.message})`);
    }
  }
  const info = db.request("GET", "/collections/bench");
  db.free();
  return { n, rows, bare, js, nearest, memcpy, ingestMs, ingestPayloadMs, info };
}

function fmt(x) {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function print(res) {
  const { n, rows, bare, js, nearest } = res;
  console.log(`\n## n = ${n.toLocaleString("en")}, dim ${DIM}, top-${K}, ${RUNS} runs`);
  console.log("| query | p50 ms | p95 ms | × bare scan | × JS loop | × nearest | target |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  const line = (name, r, target = "") =>
    console.log(`| ${name} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p50 / bare.p50)} | ${fmt(r.p50 / js.p50)} | ${fmt(r.p50 / nearest.p50)} | ${target} |`);
  line("baseline: bare simd128 scan", bare);
  line("baseline: plain JS loop", js);
  for (const r of rows) line(r.name, r, r.target);
  const mb = (n * DIM * 4) / 1e6;
  const { first, warm } = res.ingestMs;
  console.log(`\ningest ${mb.toFixed(0)} MB of vectors from one Float32Array (memcpy ${fmt(res.memcpy.p50)} ms): ${fmt(warm)} ms = ${fmt(warm / res.memcpy.p50)} × memcpy (target ≤ 3 ×); first call in the process ${fmt(first)} ms = ${fmt(first / res.memcpy.p50)} ×; with 3 payload fields ${fmt(res.ingestPayloadMs)} ms`);
  const { vector_bytes: v, payload_bytes: p, memory_bytes: all } = res.info;
  console.log(`memory: vectors ${(v / (n * DIM * 4)).toFixed(3)} × n × dim × 4 B (target ≤ 1.1 ×); payloads ${(p / n).toFixed(0)} B/point; total ${(all / n).toFixed(0)} B/point`);
}

console.log(`simile benchmark — ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, Node ${process.version}, ${os.platform()} ${os.arch()}, SIMD artifact: ${simdEnabled()}`);
for (const n of SIZES) print(await run(n));
