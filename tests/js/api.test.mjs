// The package as Node users get it: imported by name (self-reference through package.json
// `exports`, condition `node`), loaded synchronously on first use.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import * as simile from "simile";
import { checkSummary, runScenario } from "./scenario.mjs";

test("node entry: create, upsert, search, errors, keeps working", () => {
  checkSummary(assert, runScenario(simile));
});

test("node 20 validates simd128 and loads the SIMD artifact", () => {
  assert.equal(simile.simdSupported(), true);
  assert.equal(simile.simdEnabled(), true);
});

test("init() is optional and idempotent in Node", async () => {
  await simile.init();
  await simile.init();
  assert.equal(simile.simdEnabled(), true);
});

test("request returns the result; requestText returns status and envelope text", () => {
  const db = new simile.Database();
  assert.equal(db.request("PUT", "/collections/c", { vectors: { size: 2, distance: "Dot" } }), true);
  const raw = db.requestText("POST", "/collections/missing/points/search", '{"vector":[1,0],"limit":1}');
  assert.equal(raw.status, 404);
  const envelope = JSON.parse(raw.body);
  assert.match(envelope.status.error, /Collection `missing` doesn't exist/);
  const bad = db.requestText("PUT", "/collections/c", "{not json");
  assert.equal(bad.status, 400);
  db.free();
});

test("free() is idempotent; a freed database throws; Symbol.dispose frees", () => {
  const db = new simile.Database();
  db.free();
  db.free();
  assert.throws(() => db.request("GET", "/collections"), /freed/);
  const other = new simile.Database();
  assert.equal(typeof other[Symbol.dispose], "function");
  other[Symbol.dispose]();
  assert.throws(() => other.searchFlat("c", [1], 1), /freed/);
});

test("searchFlat rejects a non-integer limit before crossing into wasm", () => {
  const db = new simile.Database();
  assert.throws(() => db.searchFlat("c", [1], -1), TypeError);
  assert.throws(() => db.searchFlat("c", [1], 1.5), TypeError);
  db.free();
});

test("ids above 2^53 come back as bigint, exactly", () => {
  const db = new simile.Database();
  db.request("PUT", "/collections/big", { vectors: { size: 2, distance: "Dot" } });
  const big = 2n ** 63n + 5n;
  db.upsertFlat("big", new BigUint64Array([big]), new Float32Array([1, 0]));
  const hits = db.searchFlat("big", new Float32Array([1, 0]), 1);
  assert.deepEqual(hits.ids, [big]);
  db.free();
});

test("require('simile') works where Node supports require(esm)", { skip: !process.features.require_module }, () => {
  const required = createRequire(import.meta.url)("simile");
  assert.equal(typeof required.Database, "function");
  assert.equal(required.simdEnabled(), true);
  checkSummary(assert, runScenario(required));
});
