// Regression cases for the JS ↔ wasm border, found by the fuzz suite: arguments the
// wasm-bindgen glue used to copy into wasm memory with an aborting allocation (a trap that lost
// every Database of the instance), and user code throwing while a Database method runs (which
// left that Database borrowed forever: "recursive use of an object detected").
import assert from "node:assert/strict";
import { test } from "node:test";
import { Database, instanceLost } from "simile";

function fixture() {
  const db = new Database();
  db.request("PUT", "/collections/c", { vectors: { size: 4, distance: "Dot" } });
  db.upsertFlat("c", [1, 2], Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8));
  return db;
}

function stillWhole(db) {
  assert.equal(instanceLost(), false);
  assert.equal(db.request("POST", "/collections/c/points/count", {}).count, 2);
  assert.equal(Database.fromBytes(db.toBytes()).request("POST", "/collections/c/points/count", {}).count, 2);
}

const throwing = () => new Proxy([1, 2], { get(t, k) { if (k === "0" || k === "length") throw new Error("trap in user code"); return t[k]; } });
const revoked = () => {
  const p = Proxy.revocable([], {});
  p.revoke();
  return p.proxy;
};

test("array-likes claiming billions of elements are refused with a 507, the instance lives", () => {
  const db = fixture();
  for (const [what, call] of [
    ["upsertFlat vectors", () => db.upsertFlat("c", [3], { length: 3e9 })],
    ["searchFlat vector", () => db.searchFlat("c", { length: 1e10 }, 1)],
    ["bareScan vector", () => db.bareScan("c", { length: 6e8 })],
  ]) {
    assert.throws(call, (e) => e.name === "SimileError" && e.status === 507, what);
    stillWhole(db);
  }
});

test("user code throwing inside a call (Proxy traps, revoked proxies) is a 400, the Database stays usable", () => {
  const db = fixture();
  for (const [what, call] of [
    ["ids proxy", () => db.upsertFlat("c", throwing(), Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8))],
    ["ids revoked", () => db.upsertFlat("c", revoked(), new Float32Array(4))],
    ["vectors proxy", () => db.upsertFlat("c", [3], throwing())],
    ["vector revoked", () => db.searchFlat("c", revoked(), 1)],
  ]) {
    assert.throws(call, (e) => e.name === "SimileError" && e.status === 400 && /trap in user code|revoked/.test(e.message), what);
    stillWhole(db);
  }
});

test("vectors that are not arrays are a 400, plain arrays still work", () => {
  const db = fixture();
  for (const bad of [null, undefined, 7, "abcd", { length: 4 }]) {
    assert.throws(() => db.searchFlat("c", bad, 1), (e) => e.name === "SimileError" && e.status === 400, String(bad));
  }
  assert.deepEqual(db.searchFlat("c", [1, 0, 0, 0], 1).ids, [2]);
  db.upsertFlat("c", [3n], [0, 0, 0, 9]);
  assert.deepEqual(db.searchFlat("c", Float32Array.of(0, 0, 0, 1), 1).ids, [3]);
});
