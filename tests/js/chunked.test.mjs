// Bulk loads in chunks with progress: same result as one upsertFlat, progress reported per
// chunk, and the event loop gets a turn between chunks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Database } from "simile";

test("upsertFlatChunked loads everything, reports progress and yields between chunks", async () => {
  const n = 2_500, dim = 8;
  const vectors = Float32Array.from({ length: n * dim }, (_, i) => ((i * 7919) % 101) / 50 - 1);
  const ids = Uint32Array.from({ length: n }, (_, i) => i + 1);
  const payloads = Array.from(ids, (id) => ({ id }));
  // Versions differ (one operation per chunk), so compare what a scroll shows.
  const all = (db) => db.request("POST", "/collections/c/points/scroll", { limit: n, with_payload: true, with_vector: true });
  const [a, b] = [new Database(), new Database()];
  for (const db of [a, b]) db.request("PUT", "/collections/c", { vectors: { size: dim, distance: "Euclid" } });
  a.upsertFlat("c", ids, vectors, payloads);
  const progress = [];
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  await b.upsertFlatChunked("c", ids, vectors, payloads, { chunkRows: 1_000, onProgress: (done, total) => progress.push([done, total]) });
  clearInterval(timer);
  assert.deepEqual(progress, [[1000, n], [2000, n], [2500, n]]);
  assert.ok(ticks > 0, "other tasks ran between chunks");
  assert.deepEqual(all(b), all(a), "same points as one upsertFlat");
  const plain = Array.from(vectors), plainIds = Array.from(ids);
  const c = new Database();
  c.request("PUT", "/collections/c", { vectors: { size: dim, distance: "Euclid" } });
  await c.upsertFlatChunked("c", plainIds, plain, payloads, { chunkRows: 999 });
  assert.deepEqual(all(c), all(a), "plain arrays too");
  await assert.rejects(c.upsertFlatChunked("c", ids, vectors.subarray(1)), TypeError);
  for (const db of [a, b, c]) db.free();
});
