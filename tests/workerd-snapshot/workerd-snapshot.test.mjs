// workerd (through miniflare): a Worker whose snapshots are shipped as modules. Setup builds a
// seeded collection in Node, writes its collection snapshot and a database snapshot into a
// temporary directory next to the worker with a two-line entry module importing them, and starts
// the Worker on 127.0.0.1. Recommend (and other) queries over fetch must answer exactly like the
// original database in Node. The first fetch's latency (cold start: wasm instantiation, restore,
// query) is printed. A second Worker restores the same snapshot from KV and from R2.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { startWorker } from "../workerd/miniflare.mjs";
import { Database } from "simile";
import { clustered, rng } from "../../bench/data.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const N = 400;
const DIM = 64;
const COLORS = ["red", "green", "blue", "black"];

let mf;
let url;
let tmp;
let original;
let bytes;

function seeded() {
  const db = new Database();
  db.request("PUT", "/collections/c", { vectors: { size: DIM, distance: "Cosine" } });
  const r = rng(3);
  const payloads = Array.from({ length: N }, (_, i) => ({ color: COLORS[i % 4], price: Math.round(r() * 1000) / 10, in_stock: i % 3 !== 0 }));
  db.upsertFlat("c", Uint32Array.from({ length: N }, (_, i) => i + 1), clustered(N, DIM, 11, 8), payloads);
  db.request("PUT", "/collections/c/index", { field_name: "color", field_schema: "keyword" });
  db.request("PUT", "/collections/other", { vectors: { a: { size: 3, distance: "Dot" } } });
  db.request("PUT", "/collections/other/points", { points: [{ id: 1, vector: { a: [1, 0, 0] } }, { id: 2, vector: { a: [0, 1, 0] } }, { id: 3, vector: { a: [0.7, 0.7, 0] } }] });
  db.request("POST", "/collections/aliases", { actions: [{ create_alias: { collection_name: "c", alias_name: "products" } }] });
  return db;
}

const QUERIES = [
  { query: { recommend: { positive: [1, 2, 3], negative: [4] } }, limit: 10 },
  { query: { recommend: { positive: [10, 20], negative: [30, 40], strategy: "best_score" } }, limit: 8, with_payload: true },
  { query: { recommend: { positive: [5], negative: [6], strategy: "sum_scores" } }, limit: 5, with_payload: ["color"] },
  {
    query: { recommend: { positive: [7, 8], strategy: "average_vector" } },
    filter: { must: [{ key: "color", match: { value: "red" } }], must_not: [{ key: "in_stock", match: { value: false } }] },
    limit: 10,
    with_payload: true,
    with_vector: true,
  },
  { query: { recommend: { positive: [9], negative: [11] } }, filter: { must: [{ key: "price", range: { gte: 20, lt: 60 } }] }, limit: 3, offset: 2 },
];

before(async () => {
  original = seeded();
  bytes = { collection: original.collectionToBytes("c"), database: original.toBytes() };
  // A directory next to the worker (inside modulesRoot), removed afterwards.
  tmp = mkdtempSync(join(HERE, ".run-"));
  writeFileSync(join(tmp, "points.snapshot"), bytes.collection);
  writeFileSync(join(tmp, "app.snapshot"), bytes.database);
  writeFileSync(
    join(tmp, "entry.js"),
    [
      'import collection from "./points.snapshot";',
      'import database from "./app.snapshot";',
      'import { createWorker } from "../worker.js";',
      "export default createWorker({ collection, database });",
      "",
    ].join("\n"),
  );
  mf = startWorker(join(tmp, "entry.js"), { rules: [{ type: "Data", include: ["**/*.snapshot"] }] });
  url = await mf.ready;
});

after(async () => {
  await mf?.dispose();
  original?.free();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function post(path, body) {
  const res = await fetch(new URL(path, url), { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, envelope: await res.json() };
}

/** The same call on the original database in Node: status and parsed envelope. */
function local(path, body) {
  const res = original.requestText("POST", path, typeof body === "string" ? body : JSON.stringify(body));
  return { status: res.status, envelope: JSON.parse(res.body) };
}

const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test("workerd: a Worker restores shipped snapshots and answers recommend queries like the original", async () => {
  assert.equal(url.hostname, "127.0.0.1");
  // Cold start: the first request instantiates the wasm module and restores both snapshots.
  const t0 = performance.now();
  const first = await post("/collections/c/points/query", QUERIES[0]);
  const cold = performance.now() - t0;
  assert.equal(first.status, 200, JSON.stringify(first.envelope));
  assert.deepEqual(first.envelope.result, local("/collections/c/points/query", QUERIES[0]).envelope.result);

  const warm = [];
  for (const body of QUERIES) {
    for (const path of ["/collections/c/points/query", "/app/collections/c/points/query", "/app/collections/products/points/query"]) {
      const t = performance.now();
      const got = await post(path, body);
      warm.push(performance.now() - t);
      assert.equal(got.status, 200, JSON.stringify(got.envelope));
      const want = local("/collections/c/points/query", body);
      assert.deepEqual(got.envelope.result, want.envelope.result, `${path} ${JSON.stringify(body)}`);
      assert.ok(got.envelope.result.points.length > 0);
    }
  }
  // The database snapshot kept the other collection and the alias.
  const other = await post("/app/collections/other/points/query", { query: { recommend: { positive: [3] } }, using: "a", limit: 2 });
  assert.deepEqual(other.envelope.result, local("/collections/other/points/query", { query: { recommend: { positive: [3] } }, using: "a", limit: 2 }).envelope.result);

  // Baseline: a request the Worker answers without touching a database (loopback + miniflare).
  const trivial = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    const res = await fetch(new URL("/nothing", url));
    await res.arrayBuffer();
    trivial.push(performance.now() - t);
  }
  console.log(
    `workerd cold start (first fetch: instantiate wasm + restore ${(bytes.collection.length / 1024).toFixed(0)} KiB + ` +
      `${(bytes.database.length / 1024).toFixed(0)} KiB snapshots + query): ${cold.toFixed(1)} ms; ` +
      `warm fetch p50 ${p50(warm).toFixed(2)} ms over ${warm.length} queries (${N} points × ${DIM} dims); ` +
      `a fetch not touching the database: p50 ${p50(trivial).toFixed(2)} ms`,
  );
});

test("workerd: request errors come back as Qdrant's error envelope, and the Worker keeps answering", async () => {
  const bad = await post("/collections/c/points/query", { query: { recommend: { positive: [999999] } }, limit: 3 });
  const want = local("/collections/c/points/query", { query: { recommend: { positive: [999999] } }, limit: 3 });
  assert.equal(bad.status, want.status);
  assert.equal(bad.status, 404);
  assert.equal(bad.envelope.status.error, want.envelope.status.error);
  const malformed = await post("/collections/c/points/query", "{not json");
  assert.equal(malformed.status, 400);
  const after = await post("/collections/c/points/query", QUERIES[1]);
  assert.deepEqual(after.envelope.result, local("/collections/c/points/query", QUERIES[1]).envelope.result);
  const write = await post("/collections/c/points/delete", { points: [1] });
  assert.equal(write.status, 404, "the Worker routes read-only calls only");
});

test("workerd: the KV and R2 recipes restore the snapshot from a binding at the first request", async () => {
  const kvWorker = startWorker(join(HERE, "kv-worker.js"), { kvNamespaces: ["KV"], r2Buckets: ["BUCKET"] });
  try {
    const base = await kvWorker.ready;
    const body = JSON.stringify(QUERIES[1]);
    const missing = await fetch(new URL("/kv/collections/docs/points/query", base), { method: "POST", body });
    assert.equal(missing.status, 503, "no snapshot in KV yet");
    await missing.arrayBuffer();
    await (await kvWorker.getKVNamespace("KV")).put("docs.snapshot", bytes.collection);
    await (await kvWorker.getR2Bucket("BUCKET")).put("docs.snapshot", bytes.collection);
    const want = local("/collections/c/points/query", QUERIES[1]).envelope.result;
    for (const source of ["kv", "r2"]) {
      const t0 = performance.now();
      const res = await fetch(new URL(`/${source}/collections/docs/points/query`, base), { method: "POST", body });
      const ms = performance.now() - t0;
      const envelope = await res.json();
      assert.equal(res.status, 200, JSON.stringify(envelope));
      assert.deepEqual(envelope.result, want, source);
      console.log(`workerd: first query restored from ${source.toUpperCase()} in ${ms.toFixed(1)} ms`);
    }
  } finally {
    await kvWorker.dispose();
  }
});
