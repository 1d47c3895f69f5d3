// Creates a collection, upserts a few hundred points, and prints one search and its timing.
//   node examples/node-basic.mjs        (after `bash scripts/build.sh`)
import { Database, simdEnabled } from "simile";

const DIM = 64;
const COUNT = 500;

// A small seeded generator (mulberry32) so every run prints the same points and results.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);
const colors = ["red", "green", "blue"];

const db = new Database();
db.request("PUT", "/collections/articles", { vectors: { size: DIM, distance: "Cosine" } });

// Bulk insert through the flat API: ids, one Float32Array of rows, payloads.
const ids = Uint32Array.from({ length: COUNT }, (_, i) => i + 1);
const vectors = Float32Array.from({ length: COUNT * DIM }, () => random() * 2 - 1);
const payloads = Array.from(ids, (id) => ({ color: colors[id % 3], rank: id }));
let t0 = performance.now();
db.upsertFlat("articles", ids, vectors, payloads);
const upsertMs = performance.now() - t0;

// A query close to point 7, through Qdrant's REST shape.
const query = Array.from(vectors.subarray(6 * DIM, 7 * DIM), (x) => x + (random() - 0.5) * 0.1);
t0 = performance.now();
const hits = db.request("POST", "/collections/articles/points/search", {
  vector: query,
  limit: 5,
  with_payload: true,
});
const searchMs = performance.now() - t0;

// The same query through the flat API, timed over many runs.
const runs = 200;
const q = Float32Array.from(query);
t0 = performance.now();
for (let i = 0; i < runs; i++) db.searchFlat("articles", q, 5);
const flatMs = (performance.now() - t0) / runs;

console.log(`simile: ${COUNT} points × ${DIM} dims, ${simdEnabled() ? "SIMD" : "scalar"} build`);
console.log(`upsertFlat: ${upsertMs.toFixed(2)} ms`);
console.log(`search (REST request, top 5): ${searchMs.toFixed(2)} ms`);
for (const h of hits) {
  console.log(`  id ${String(h.id).padStart(3)}  score ${h.score.toFixed(4)}  ${JSON.stringify(h.payload ?? null)}`);
}
console.log(`searchFlat (top 5): ${(flatMs * 1000).toFixed(1)} µs per query (mean of ${runs})`);
db.free();
