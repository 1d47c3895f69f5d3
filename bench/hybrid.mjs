// Hybrid search on the 20,000 Debian packages of the demo: BM25 over "{name}: {summary}" (Qdrant's
// `qdrant/bm25` inference, in process), the all-MiniLM-L6-v2 embeddings, and both fused by RRF.
// Usage: node bench/hybrid.mjs  (env BENCH_RUNS=30); part of `npm run bench`.
import { readFileSync } from "node:fs";
import { Database } from "simile";
import { halfToFloat } from "../www/load.js";
import { rng } from "./data.mjs";
import { measure, RUNS } from "./measure.mjs";

const root = new URL("../www/data/", import.meta.url);
const items = JSON.parse(readFileSync(new URL("items.json", root), "utf8"));
const half = readFileSync(new URL("vectors.f16", root));
const { vectors } = halfToFloat(new Uint8Array(half.buffer, half.byteOffset, half.byteLength));
const DIM = items.dim;
const texts = items.name.map((name, i) => `${name}: ${items.summary[i]}`);
const bm25 = (text) => ({ text, model: "qdrant/bm25" });

const p50 = (fn) => measure(fn).p50;

/** `PUT …/points/vectors` with every package's BM25 document, in batches; total ms. */
function addDocuments(db, batch = 2000) {
  const t0 = performance.now();
  for (let from = 0; from < texts.length; from += batch) {
    const points = texts.slice(from, from + batch).map((text, j) => ({ id: from + j, vector: { bm25: bm25(text) } }));
    db.request("PUT", "/collections/deb/points/vectors", { points });
  }
  return performance.now() - t0;
}

const db = new Database();
db.request("PUT", "/collections/deb", { vectors: { size: DIM, distance: "Cosine" }, sparse_vectors: { bm25: { modifier: "idf" } } });
db.upsertFlat("deb", Uint32Array.from(texts, (_, i) => i), vectors);
const denseBytes = db.request("GET", "/collections/deb").memory_bytes;
const ingestMs = addDocuments(db);
const sparseBytes = db.request("GET", "/collections/deb").memory_bytes - denseBytes;

const r = rng(11);
const picks = Array.from({ length: RUNS }, () => Math.floor(r() * texts.length));
const queryText = (i) => items.summary[picks[i]];
const queryVector = (i) => Array.from(vectors.subarray(picks[i] * DIM, (picks[i] + 1) * DIM));
const query = (body) => db.request("POST", "/collections/deb/points/query", { ...body, limit: 10 });
const bm25Ms = p50((i) => query({ query: bm25(queryText(i)), using: "bm25" }));
const denseMs = p50((i) => query({ query: queryVector(i) }));
const hybridMs = p50((i) =>
  query({
    prefetch: [
      { query: bm25(queryText(i)), using: "bm25", limit: 100 },
      { query: queryVector(i), limit: 100 },
    ],
    query: { fusion: "rrf" },
  }),
);
const nonzeros = db.request("POST", "/collections/deb/points/scroll", { limit: texts.length, with_vector: ["bm25"] })
  .points.reduce((sum, p) => sum + p.vector.bm25.indices.length, 0);

const f = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`\n## Hybrid search, Debian packages (n = ${texts.length}, dim ${DIM}, BM25 over name + summary), top-10, ${RUNS} runs`);
console.log("| query | p50 ms | × dense nearest | target |");
console.log("| --- | ---: | ---: | --- |");
console.log(`| dense nearest (Query API, JSON vector) | ${f(denseMs)} | 1.00 | |`);
console.log(`| BM25 text query (inference + sparse idf search) | ${f(bm25Ms)} | ${f(bm25Ms / denseMs)} | ≤ 0.5 ms |`);
console.log(`| hybrid: BM25 prefetch 100 + dense prefetch 100 + RRF | ${f(hybridMs)} | ${f(hybridMs / denseMs)} | ≤ 1.2 × dense |`);
console.log(`\nBM25 inference + sparse ingest of ${texts.length} documents: ${f(ingestMs)} ms (target ≤ 1000 ms)`);
console.log(`sparse memory: ${(sparseBytes / texts.length).toFixed(0)} B per point, ${(sparseBytes / nonzeros).toFixed(1)} B per nonzero (${nonzeros} nonzeros)`);
db.free();
