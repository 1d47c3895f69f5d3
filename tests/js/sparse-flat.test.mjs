// `setSparseFlat`: sparse vectors from typed arrays (no JSON per point), beside `upsertFlat`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Database } from "simile";

function setup() {
  const db = new Database();
  db.request("PUT", "/collections/h", { vectors: { size: 2, distance: "Dot" }, sparse_vectors: { s: {} } });
  db.upsertFlat("h", Uint32Array.of(1, 2, 3), Float32Array.of(1, 0, 0, 1, 1, 1));
  return db;
}

test("setSparseFlat sets each point's slice, sorted, and queries find it", () => {
  const db = setup();
  // Point 1 gets {7: 1, 3: 2} (unsorted), point 2 {7: 3}, point 3 nothing.
  db.setSparseFlat("h", "s", Uint32Array.of(1, 2, 3), Uint32Array.of(0, 2, 3, 3), Uint32Array.of(7, 3, 7), Float32Array.of(1, 2, 3));
  const [p1] = db.request("POST", "/collections/h/points", { ids: [1], with_vector: true });
  assert.deepEqual(p1.vector.s, { indices: [3, 7], values: [2, 1] });
  const { points } = db.request("POST", "/collections/h/points/query", { query: { indices: [7], values: [1] }, using: "s" });
  assert.deepEqual(points.map((p) => [p.id, p.score]), [[2, 3], [1, 1]]);
  db.free();
});

test("setSparseFlat refuses bad input and changes nothing", () => {
  const db = setup();
  const before = db.memoryBytes();
  const fails = (status, args) => assert.throws(() => db.setSparseFlat("h", ...args), (err) => err.status === status, JSON.stringify(args));
  fails(404, ["s", Uint32Array.of(1, 9), Uint32Array.of(0, 1, 2), Uint32Array.of(1, 2), Float32Array.of(1, 1)]);
  fails(400, ["s", Uint32Array.of(1), Uint32Array.of(0, 2, 3), Uint32Array.of(1, 2), Float32Array.of(1, 1)]);
  fails(400, ["s", Uint32Array.of(1), Uint32Array.of(0, 2), Uint32Array.of(1, 2), Float32Array.of(1)]);
  fails(422, ["s", Uint32Array.of(1), Uint32Array.of(0, 2), Uint32Array.of(4, 4), Float32Array.of(1, 1)]);
  fails(400, ["nope", Uint32Array.of(1), Uint32Array.of(0, 1), Uint32Array.of(4), Float32Array.of(1)]);
  assert.equal(db.memoryBytes(), before);
  db.free();
});
