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

test("request bodies reach the core as UTF-8: non-ASCII payloads come back as sent", () => {
  const db = new simile.Database();
  db.request("PUT", "/collections/c", { vectors: { size: 2, distance: "Dot" } });
  const payload = { name: "café ÜBER naïve…", emoji: "😀☕", cjk: "検索", quote: '"\\' };
  db.request("PUT", "/collections/c/points", { points: [{ id: 1, vector: [1, 0], payload }] });
  assert.deepEqual(db.request("GET", "/collections/c/points/1").payload, payload);
  const text = db.requestText("POST", "/collections/c/points/scroll", '{"filter":{"must":[{"key":"cjk","match":{"value":"検索"}}]}}');
  assert.equal(JSON.parse(text.body).result.points[0].id, 1);
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

test("request() sends ids above 2^53 exactly and returns them as bigint", () => {
  const db = new simile.Database();
  db.request("PUT", "/collections/big", { vectors: { size: 2, distance: "Dot" } });
  const top = 2n ** 64n - 1n;
  const above = 2n ** 53n + 1n; // the first integer a number cannot hold
  const points = [
    { id: top, vector: [1, 0], payload: { n: above } },
    { id: above, vector: [0.5, 0] },
    { id: 7, vector: [0, 1] },
  ];
  assert.equal(db.request("PUT", "/collections/big/points", { points }).status, "completed");
  const found = db.request("POST", "/collections/big/points", { ids: [top, above], with_payload: true });
  assert.deepEqual(found.map((p) => p.id).sort(), [above, top].sort());
  assert.equal(found.find((p) => p.id === top).payload.n, above, "a payload integer above 2^53 too");
  const hits = db.request("POST", "/collections/big/points/query", { query: [1, 0], limit: 3 });
  assert.deepEqual(hits.points.map((p) => p.id), [top, above, 7], "safe ids stay numbers");
  assert.deepEqual(db.request("POST", "/collections/big/points/query", { query: top, limit: 1 }).points[0].id, above);
  assert.deepEqual(db.searchFlat("big", [1, 0], 1).ids, [top], "the flat API agrees");
  db.upsertFlat("big", [8], [0, 0.25], [{ n: -above }]);
  assert.equal(db.request("POST", "/collections/big/points", { ids: [8] })[0].payload.n, -above, "flat payloads share the codec");
  db.free();
});

test("requestText wraps the core's answer in Qdrant's envelope with the measured time", () => {
  const db = new simile.Database();
  const ok = db.requestText("PUT", "/collections/c", '{"vectors":{"size":2,"distance":"Dot"}}');
  assert.equal(ok.status, 200);
  assert.equal(ok.code, undefined);
  assert.match(ok.body, /^\{"result":true,"status":"ok","time":[0-9.e-]+\}$/);
  assert.ok(JSON.parse(ok.body).time > 0, "the time is measured, not the core's 0");
  const err = db.requestText("GET", "/collections/missing");
  assert.equal(err.status, 404);
  assert.equal(err.code, "collection_not_found");
  assert.deepEqual(Object.keys(JSON.parse(err.body)), ["status", "time"]);
  const thrown = assert.throws(() => db.request("GET", "/collections/missing"), (e) => {
    assert.equal(e.name, "SimileError");
    assert.equal(e.status, 404);
    assert.equal(e.code, "collection_not_found");
    assert.equal(e.message, JSON.parse(err.body).status.error);
    assert.equal(typeof e.time, "number");
    return true;
  });
  assert.equal(thrown, undefined);
  db.free();
});

test("require('simile') works where Node supports require(esm)", { skip: !process.features.require_module }, () => {
  const required = createRequire(import.meta.url)("simile");
  assert.equal(typeof required.Database, "function");
  assert.equal(required.simdEnabled(), true);
  checkSummary(assert, runScenario(required));
});
