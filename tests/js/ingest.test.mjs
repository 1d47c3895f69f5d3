// Typed arrays read in place: `upsertFlat` copies rows from the caller's Float32Array straight
// into storage, `Database.fromBytes` / `loadCollection` read snapshot bytes from the caller's
// Uint8Array piece by piece. Failures must leave everything as it was, odd inputs (views at an
// offset, subclasses, shared or detached buffers, throwing getters) must work or fail cleanly,
// and the instance must keep working afterwards.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Database } from "simile";
import { rng } from "../../bench/data.mjs";

const DIM = 8;

function db(distance = "Dot") {
  const d = new Database();
  d.request("PUT", "/collections/c", { vectors: { size: DIM, distance } });
  return d;
}

const rows = (n, seed = 1) => {
  const r = rng(seed);
  return Float32Array.from({ length: n * DIM }, () => r() * 2 - 1);
};

function vectorOf(d, id) {
  const [p] = d.request("POST", "/collections/c/points", { ids: [id], with_vector: true });
  return p.vector;
}

const count = (d) => d.request("POST", "/collections/c/points/count", { exact: true }).count;

function expectSimileError(fn, status, what) {
  assert.throws(fn, (err) => {
    assert.equal(err.name, "SimileError", `${what}: ${err}`);
    if (status !== undefined) assert.equal(err.status, status, `${what}: ${err.message}`);
    return true;
  });
}

test("upsertFlat with a NaN in the last row changes nothing, memory accounting included", () => {
  const d = db("Cosine");
  d.upsertFlat("c", Uint32Array.from([1, 2, 3]), rows(3));
  const before = { bytes: d.toBytes(), memory: d.memoryBytes() };
  for (const bad of [NaN, Infinity, -Infinity]) {
    const v = rows(1000, 2);
    v[v.length - 1] = bad;
    // New ids (appended in place, then truncated) and existing ones (staged) in one batch.
    const ids = Uint32Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 + (i % 3) : 100 + i));
    expectSimileError(() => d.upsertFlat("c", ids, v), 400, `last component ${bad}`);
    assert.deepEqual(d.toBytes(), before.bytes);
    assert.equal(d.memoryBytes(), before.memory);
  }
  assert.equal(count(d), 3);
  d.upsertFlat("c", [4], rows(1)); // still writable
  assert.equal(count(d), 4);
  d.free();
});

test("duplicate ids in one batch: the last row wins, for new and existing ids", () => {
  const d = db("Dot");
  const v = new Float32Array(4 * DIM);
  for (let i = 0; i < 4; i++) v.fill(i + 1, i * DIM, (i + 1) * DIM);
  d.upsertFlat("c", [7, 8, 7, 8], v, [{ n: 1 }, { n: 2 }, { n: 3 }, null]);
  assert.equal(count(d), 2);
  assert.deepEqual(vectorOf(d, 7), Array(DIM).fill(3));
  assert.deepEqual(vectorOf(d, 8), Array(DIM).fill(4));
  const [p7, p8] = d.request("POST", "/collections/c/points", { ids: [7, 8], with_payload: true });
  assert.deepEqual([p7.payload, p8.payload], [{ n: 3 }, {}]);
  d.upsertFlat("c", [8, 9, 8], v.subarray(0, 3 * DIM));
  assert.deepEqual(vectorOf(d, 8), Array(DIM).fill(3));
  assert.deepEqual(vectorOf(d, 9), Array(DIM).fill(2));
  d.free();
});

test("Cosine rows are normalised in place; zero and unit rows are kept", () => {
  const d = db("Cosine");
  const v = new Float32Array(3 * DIM);
  v.set([3, 4], 0);
  v.set([1], 2 * DIM);
  d.upsertFlat("c", [1, 2, 3], v);
  const close = (got, want) => got.forEach((x, i) => assert.ok(Math.abs(x - want[i]) < 1e-6, `${got} vs ${want}`));
  close(vectorOf(d, 1), [0.6, 0.8, 0, 0, 0, 0, 0, 0]);
  close(vectorOf(d, 2), Array(DIM).fill(0));
  close(vectorOf(d, 3), [1, 0, 0, 0, 0, 0, 0, 0]);
  d.free();
});

test("ids as Uint32Array, BigUint64Array, numbers, bigints and UUID strings give the same points", () => {
  const v = rows(4, 3);
  const uuid = "6f1b0d2e-3c4a-4b5d-8e9f-0a1b2c3d4e5f";
  const forms = [Uint32Array.from([5, 6, 7, 8]), BigUint64Array.from([5n, 6n, 7n, 8n]), [5, 6, 7, 8], [5n, 6, 7n, 8]];
  const snapshots = forms.map((ids) => {
    const d = db();
    d.upsertFlat("c", ids, v);
    const out = d.toBytes();
    d.free();
    return out;
  });
  for (const s of snapshots.slice(1)) assert.deepEqual(s, snapshots[0]);
  const d = db();
  d.upsertFlat("c", [uuid, 2n ** 64n - 1n], v.subarray(0, 2 * DIM));
  assert.deepEqual(d.searchFlat("c", v.subarray(0, DIM), 1).ids, [uuid]);
  expectSimileError(() => d.upsertFlat("c", [1, 2], v), 400, "4 rows for 2 ids");
  expectSimileError(() => d.upsertFlat("c", [-1], v.subarray(0, DIM)), 400, "negative id");
  d.free();
});

test("upsertFlat and REST upserts of the same batches give the same snapshot", () => {
  const r = rng(11);
  const flat = db("Cosine");
  const rest = db("Cosine");
  for (let step = 0; step < 20; step++) {
    const n = Math.floor(r() * 40);
    const ids = Array.from({ length: n }, () => Math.floor(r() * 60));
    const v = rows(n, 100 + step);
    const payloads = ids.map((id) => (id % 3 ? { id, step } : null));
    flat.upsertFlat("c", ids, v, payloads);
    const points = ids.map((id, i) => ({ id, vector: Array.from(v.subarray(i * DIM, (i + 1) * DIM)), payload: payloads[i] ?? {} }));
    rest.request("PUT", "/collections/c/points", { points });
  }
  assert.deepEqual(flat.toBytes(), rest.toBytes());
  flat.free();
  rest.free();
});

test("vectors from a view at an offset, a subclass, a shared buffer or a plain array", () => {
  const v = rows(3, 4);
  const want = db();
  want.upsertFlat("c", [1, 2, 3], v);
  const expected = want.toBytes();
  want.free();
  const big = new Float32Array(v.length + 5);
  big.set(v, 3);
  class Sub extends Float32Array {}
  const shared = new Float32Array(new SharedArrayBuffer(v.byteLength));
  shared.set(v);
  for (const [what, input] of [["offset view", big.subarray(3, 3 + v.length)], ["subclass", Sub.from(v)], ["shared", shared], ["array", Array.from(v)]]) {
    const d = db();
    d.upsertFlat("c", [1, 2, 3], input);
    assert.deepEqual(d.toBytes(), expected, what);
    d.free();
  }
});

test("throwing getters, detached buffers and fake arrays fail cleanly; the database keeps working", () => {
  const d = db();
  d.upsertFlat("c", [1], rows(1));
  class Hostile extends Float32Array {
    get length() {
      throw new Error("boom");
    }
  }
  expectSimileError(() => d.upsertFlat("c", [2], new Hostile(DIM)), 400, "throwing getter");
  const detached = new Float32Array(DIM);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  expectSimileError(() => d.upsertFlat("c", [2], detached), undefined, "detached buffer");
  const fake = Object.create(Float32Array.prototype);
  expectSimileError(() => d.upsertFlat("c", [2], fake), undefined, "not really a Float32Array");
  assert.equal(count(d), 1);
  d.upsertFlat("c", [2], rows(1));
  assert.equal(count(d), 2);
  d.free();
});

test("snapshot bytes read in place: views, ArrayBuffer, shared memory, Buffer; odd inputs fail cleanly", () => {
  const src = db("Cosine");
  src.upsertFlat("c", Uint32Array.from({ length: 300 }, (_, i) => i), rows(300, 5));
  const bytes = src.toBytes();
  const coll = src.collectionToBytes("c");
  const padded = new Uint8Array(bytes.length + 11);
  padded.set(bytes, 7);
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  for (const [what, input] of [["view", padded.subarray(7, 7 + bytes.length)], ["ArrayBuffer", bytes.slice().buffer], ["shared", shared], ["Buffer", Buffer.from(bytes)]]) {
    const back = Database.fromBytes(input);
    assert.deepEqual(back.toBytes(), bytes, what);
    back.free();
  }
  class Hostile extends Uint8Array {
    get byteOffset() {
      throw new Error("boom");
    }
  }
  const hostile = new Hostile(bytes.length);
  hostile.set(bytes);
  expectSimileError(() => Database.fromBytes(hostile), 400, "throwing getter");
  const target = db();
  expectSimileError(() => target.loadCollection("c", hostile), 400, "throwing getter (loadCollection)");
  const detached = coll.slice();
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  expectSimileError(() => target.loadCollection("c", detached), 400, "detached buffer");
  target.loadCollection("d", coll);
  assert.equal(target.request("POST", "/collections/d/points/count", { exact: true }).count, 300);
  src.free();
  target.free();
});

test("a corrupted vector block is rejected after the rows were copied, and nothing is kept", () => {
  const src = db("Dot");
  src.upsertFlat("c", Uint32Array.from({ length: 500 }, (_, i) => i), rows(500, 6));
  const coll = src.collectionToBytes("c");
  const whole = src.toBytes();
  const target = db("Dot");
  target.upsertFlat("c", [1], rows(1));
  const before = { bytes: target.toBytes(), memory: target.memoryBytes() };
  const r = rng(9);
  // The rows sit near the end (before the small PAYLOADS and ALIASES sections): flip bits there.
  const flipped = (b) => {
    const bad = b.slice();
    const at = b.length - 2000 - Math.floor(r() * 500 * DIM * 4 * 0.85);
    bad[at] ^= 1 << Math.floor(r() * 8);
    return bad;
  };
  for (let k = 0; k < 30; k++) {
    assert.throws(() => target.loadCollection("c", flipped(coll)), /Invalid snapshot: checksum mismatch in section of kind 5/);
    assert.throws(() => Database.fromBytes(flipped(whole)), /Invalid snapshot: checksum mismatch in section of kind 5/);
  }
  assert.deepEqual(target.toBytes(), before.bytes);
  assert.equal(target.memoryBytes(), before.memory);
  src.free();
  target.free();
});
