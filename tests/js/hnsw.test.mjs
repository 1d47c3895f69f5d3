// The HNSW build from JS: `optimize` yields between chunks and reports progress; afterwards
// the collection reports its indexed vectors, graph answers equal `exact: true` at ef ≥ n,
// and `optimizeSync` builds in one call.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Database } from "simile";

const n = 3_000, dim = 16;
const vectors = Float32Array.from({ length: n * dim }, (_, i) => Math.sin(i * 12.9898) * 0.5 + ((i * 7919) % 101) / 200);
const ids = Uint32Array.from({ length: n }, (_, i) => i + 1);

function fresh() {
  const db = new Database();
  db.request("PUT", "/collections/c", { vectors: { size: dim, distance: "Cosine" }, hnsw_config: { full_scan_threshold: 10 } });
  db.upsertFlat("c", ids, vectors);
  return db;
}

test("optimize builds the graph in chunks, yielding, and queries use it", async () => {
  const db = fresh();
  assert.equal(db.request("GET", "/collections/c").indexed_vectors_count, 0);
  const progress = [];
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  await db.optimize("c", { chunkPoints: 1_000, onProgress: (done, total) => progress.push([done, total]) });
  clearInterval(timer);
  assert.deepEqual(progress, [[1000, n], [2000, n], [3000, n]]);
  assert.ok(ticks > 0, "other tasks ran between chunks");
  assert.equal(db.request("GET", "/collections/c").indexed_vectors_count, n);
  const q = Array.from(vectors.subarray(5 * dim, 6 * dim));
  const ask = (params) => db.request("POST", "/collections/c/points/query", { query: q, limit: 10, params }).points.map((p) => p.id);
  assert.deepEqual(ask({ hnsw_ef: n }), ask({ exact: true }));
  await assert.rejects(db.optimize("nope"), (e) => e.status === 404);
  await assert.rejects(db.optimize("c", { chunkPoints: 0 }), TypeError);
});

test("optimizeSync builds the same graph in one call", () => {
  const db = fresh();
  let last = null;
  db.optimizeSync("c", (done, total) => (last = [done, total]));
  assert.deepEqual(last, [n, n]);
  assert.equal(db.request("GET", "/collections/c").indexed_vectors_count, n);
});
