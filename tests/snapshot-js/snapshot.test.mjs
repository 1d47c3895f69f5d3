// The JS snapshot API in Node: toBytes / Database.fromBytes / collectionToBytes / loadCollection.
// File round trips, the golden corpus replayed after a round trip, corrupted input (SimileError
// 400, the instance keeps working), the memory budget (507), and the committed v1 fixture.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, test } from "node:test";
import { Database } from "simile";
import { rng } from "../../bench/data.mjs";
import { compareError, compareResult, loadCases, restPath } from "../support/golden.mjs";

const dir = mkdtempSync(join(tmpdir(), "simile-snapshot-js-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const FIXTURE = fileURLToPath(new URL("../fixtures/golden-v1.snapshot", import.meta.url));
const FIXTURE_CASE = "035_search_nearest_vec_cosine";

/** A database with an unnamed and a named-vector collection, payloads, UUIDs and an alias. */
function sample(n = 500) {
  const r = rng(42);
  const db = new Database();
  db.request("PUT", "/collections/flat", { vectors: { size: 16, distance: "Cosine" } });
  const v = Float32Array.from({ length: n * 16 }, () => r() * 2 - 1);
  const ids = Array.from({ length: n }, (_, i) => (i % 10 === 3 ? `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` : i));
  db.upsertFlat("flat", ids, v, Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : { i, color: ["red", "green", "blue"][i % 3], price: i / 7 })));
  db.request("PUT", "/collections/flat/index", { field_name: "color", field_schema: "keyword" });
  db.request("POST", "/collections/flat/points/delete", { points: [1, 2, 4] }); // compacted out in the snapshot
  db.request("PUT", "/collections/named", {
    vectors: { text: { size: 8, distance: "Dot" }, image: { size: 4, distance: "Euclid" } },
  });
  db.request("PUT", "/collections/named/points", {
    points: Array.from({ length: 60 }, (_, i) => ({
      id: i,
      vector: i % 4 === 0 ? { text: Array.from({ length: 8 }, () => r()) } : { text: Array.from({ length: 8 }, () => r()), image: Array.from({ length: 4 }, () => r()) },
      payload: { i },
    })),
  });
  db.request("POST", "/collections/aliases", { actions: [{ create_alias: { collection_name: "flat", alias_name: "current" } }] });
  return db;
}

const QUERIES = [
  ["current", { query: { recommend: { positive: [5, 6], negative: [7], strategy: "best_score" } }, limit: 10, with_payload: true }],
  ["flat", { query: { recommend: { positive: [5, 6], negative: [7] } }, filter: { must: [{ key: "color", match: { value: "red" } }] }, limit: 5, with_vector: true }],
  ["flat", { query: { discover: { target: 8, context: [{ positive: 9, negative: 10 }] } }, limit: 5 }],
  ["named", { query: { recommend: { positive: [1], negative: [2] } }, using: "image", limit: 5, with_payload: true }],
  ["named", { query: { context: [{ positive: 3, negative: 5 }] }, using: "text", limit: 5 }],
];

const answers = (db) => [
  ...QUERIES.map(([c, body]) => db.request("POST", `/collections/${c}/points/query`, body)),
  db.request("GET", "/collections"),
  db.request("GET", "/aliases"),
  db.request("GET", "/collections/flat").payload_schema,
  db.request("POST", "/collections/flat/points/count", { exact: true }),
];

test("file round trip: writeFileSync(db.toBytes()) → Database.fromBytes(readFileSync(file))", () => {
  const db = sample();
  const file = join(dir, "app.snapshot");
  writeFileSync(file, db.toBytes());
  const buf = readFileSync(file); // a Buffer: a Uint8Array subclass, accepted as is
  const restored = Database.fromBytes(buf);
  assert.deepEqual(answers(restored), answers(db));
  // Deterministic: the restored database writes the same bytes again.
  assert.deepEqual(restored.toBytes(), new Uint8Array(buf));
  // A slice of a larger buffer (non-zero byteOffset) works too.
  const padded = new Uint8Array(buf.length + 13);
  padded.set(buf, 5);
  const fromView = Database.fromBytes(padded.subarray(5, 5 + buf.length));
  assert.deepEqual(answers(fromView), answers(db));
  // The restored database is fully writable.
  restored.upsertFlat("flat", [100000], new Float32Array(16).fill(0.25), [{ color: "red" }]);
  assert.equal(restored.request("POST", "/collections/flat/points/count", { exact: true }).count, 498);
  for (const d of [db, restored, fromView]) d.free();
});

test("collection round trip: collectionToBytes → loadCollection under another name, and replacing", () => {
  const db = sample();
  const file = join(dir, "flat.snapshot");
  writeFileSync(file, db.collectionToBytes("flat"));
  const other = new Database();
  other.loadCollection("copy", readFileSync(file));
  const body = QUERIES[1][1];
  assert.deepEqual(other.request("POST", "/collections/copy/points/query", body), db.request("POST", "/collections/flat/points/query", body));
  // Loading over an existing collection replaces it.
  other.loadCollection("copy", db.collectionToBytes("named"));
  assert.deepEqual(Object.keys(other.request("GET", "/collections/copy").config.params.vectors).sort(), ["image", "text"]);
  assert.throws(() => db.collectionToBytes("nope"), { name: "SimileError", status: 404 });
  db.free();
  other.free();
});

test("every golden case's database survives toBytes/fromBytes (and collectionToBytes/loadCollection) in JS", () => {
  const cases = loadCases();
  assert.ok(cases.length > 0);
  const failures = [];
  for (const c of cases) {
    const db = new Database();
    let restored;
    let reloaded;
    try {
      for (const [name, coll] of Object.entries(c.collections)) {
        db.request("PUT", `/collections/${name}`, { vectors: coll.vectors });
        db.request("PUT", `/collections/${name}/points?wait=true`, { points: coll.points });
      }
      restored = Database.fromBytes(db.toBytes());
      reloaded = new Database();
      for (const name of Object.keys(c.collections)) reloaded.loadCollection(name, db.collectionToBytes(name));
      const { collection, endpoint, body } = c.request;
      for (const [label, target] of [["fromBytes", restored], ["loadCollection", reloaded]]) {
        const res = target.requestText("POST", restPath(collection, endpoint), JSON.stringify(body));
        const envelope = JSON.parse(res.body);
        try {
          if (c.expected_error) compareError(c, res.status, envelope.status?.error ?? "");
          else {
            assert.equal(res.status, 200, res.body.slice(0, 300));
            compareResult(c, envelope.result);
          }
        } catch (err) {
          failures.push(`${c.name} (${label}): ${err.message}`);
        }
      }
    } catch (err) {
      failures.push(`${c.name}: ${err.message}`);
    } finally {
      db.free();
      restored?.free();
      reloaded?.free();
    }
  }
  console.log(`golden corpus after a JS snapshot round trip: ${cases.length} cases × 2 ways, ${failures.length} failures`);
  assert.deepEqual(failures, []);
});

function expectInvalid(fn, what) {
  assert.throws(fn, (err) => {
    assert.equal(err.name, "SimileError", what);
    assert.equal(err.status, 400, what);
    assert.match(err.message, /Invalid snapshot: /, what);
    return true;
  });
}

test("corrupted bytes: SimileError 400 'Invalid snapshot', and the instance keeps working", () => {
  const db = sample(200);
  const good = db.toBytes();
  const coll = db.collectionToBytes("flat");
  const before = answers(db);
  const r = rng(7);
  const variants = [
    ["empty", new Uint8Array(0)],
    ["header only", good.subarray(0, 40)],
    ["truncated by one", good.subarray(0, good.length - 1)],
    ["extended by one", Uint8Array.from([...good, 0])],
    ["not a snapshot", new TextEncoder().encode("{\"collections\": []}".padEnd(64))],
  ];
  for (let k = 0; k < 60; k++) {
    const bad = good.slice();
    const at = Math.floor(r() * bad.length);
    bad[at] ^= 1 << Math.floor(r() * 8);
    variants.push([`bit flip at ${at}`, bad]);
  }
  for (const [what, bytes] of variants) {
    expectInvalid(() => Database.fromBytes(bytes), what);
    expectInvalid(() => db.loadCollection("flat", bytes), `loadCollection: ${what}`);
  }
  const flipped = coll.slice();
  flipped[coll.length - 3] ^= 0x80;
  expectInvalid(() => db.loadCollection("flat", flipped), "collection bit flip");
  // The wrong kind of snapshot for each call.
  expectInvalid(() => Database.fromBytes(coll), "collection snapshot given to fromBytes");
  expectInvalid(() => db.loadCollection("x", good), "database snapshot given to loadCollection");
  // Nothing changed, and the same instance still answers and accepts writes.
  assert.deepEqual(answers(db), before);
  assert.deepEqual(db.toBytes(), good);
  db.loadCollection("flat2", coll);
  assert.equal(db.request("POST", "/collections/flat2/points/count", { exact: true }).count, 197);
  assert.throws(() => db.loadCollection("bad/name", coll), { name: "SimileError", status: 422 }); // as Qdrant validates names
  db.free();
});

test("loadCollection beyond the memory budget: SimileError 507, nothing loaded", () => {
  const src = sample(500);
  const bytes = src.collectionToBytes("flat");
  const db = new Database();
  // The budget is the whole instance's (`src` counts too): set back afterwards.
  const budget = db.memoryBudget();
  db.setMemoryBudget(Math.floor(src.request("GET", "/collections/flat").memory_bytes / 2));
  assert.throws(() => db.loadCollection("flat", bytes), { name: "SimileError", status: 507 });
  assert.deepEqual(db.request("GET", "/collections").collections, []);
  db.setMemoryBudget(64 << 20);
  db.loadCollection("flat", bytes);
  assert.equal(db.request("POST", "/collections/flat/points/count", { exact: true }).count, 497);
  db.setMemoryBudget(budget);
  src.free();
  db.free();
});

test("the committed fixture tests/fixtures/golden-v1.snapshot loads through JS and answers its case", () => {
  const db = Database.fromBytes(readFileSync(FIXTURE));
  const c = loadCases().find((x) => x.name === FIXTURE_CASE);
  assert.ok(c, `golden case ${FIXTURE_CASE}`);
  const { collection, endpoint, body } = c.request;
  compareResult(c, db.request("POST", restPath(collection, endpoint), body));
  // Re-written by this build, it is still a 1.0 file with the same content.
  const again = Database.fromBytes(db.toBytes());
  compareResult(c, again.request("POST", restPath(collection, endpoint), body));
  db.free();
  again.free();
});
