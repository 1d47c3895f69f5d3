// The golden corpus (tests/golden, Qdrant 1.19.0 answers) over HTTP through the official
// @qdrant/js-client-rest against a spawned `simile serve`: collections created and filled
// through the client, the request made with the method a user would call. Version 1.19 of the
// client no longer has search, recommend and discover methods, so those cases go through the
// official 1.18 client (the server still answers those routes).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { QdrantClient } from "@qdrant/js-client-rest";
import { QdrantClient as QdrantClient118 } from "qdrant-js-client-rest-1.18";
import { compareError, compareResult, loadCases } from "../support/golden.mjs";
import { startServer } from "./server.mjs";

let server;
let client;
let legacy;
before(async () => {
  server = await startServer(["--quiet"]);
  const { port } = new URL(server.url);
  client = new QdrantClient({ host: "127.0.0.1", port: Number(port), checkCompatibility: false });
  legacy = new QdrantClient118({ host: "127.0.0.1", port: Number(port), checkCompatibility: false });
});
after(async () => {
  const { code } = await server.stop();
  assert.equal(code, 0, server.stderr());
});

/** The client call for the case's request. The 1.18 `search` and `recommend` default
 *  `with_payload` to true (REST: false), so an absent one is sent as false. */
function call({ collection, endpoint, body }) {
  const bare = { with_payload: body.with_payload ?? false, with_vector: body.with_vector ?? false };
  switch (endpoint) {
    case "search":
      return legacy.search(collection, { ...body, ...bare });
    case "recommend":
      return legacy.recommend(collection, { ...body, ...bare });
    case "recommend_batch":
      return legacy.recommendBatch(collection, body);
    case "discover":
      // 1.18's `discoverPoints` drops `filter` from its arguments; its typed REST layer does not.
      return legacy.api().discoverPoints({ collection_name: collection, ...body }).then((r) => r.data.result);
    case "discover_batch":
      return legacy.discoverBatchPoints(collection, body);
    case "query":
      return client.query(collection, body);
    case "query_batch":
      return client.queryBatch(collection, body);
    default:
      throw new Error(`unknown endpoint ${endpoint}`);
  }
}

async function runCase(c) {
  const names = Object.keys(c.collections);
  try {
    for (const [name, coll] of Object.entries(c.collections)) {
      assert.equal(await client.createCollection(name, { vectors: coll.vectors }), true);
      const up = await client.upsert(name, { wait: true, points: coll.points });
      assert.equal(up.status, "completed");
    }
    const outcome = call(c.request);
    if (!c.expected_error) return compareResult(c, await outcome);
    const err = await outcome.then(() => assert.fail(`${c.name}: expected an error`), (e) => e);
    compareError(c, err.status, err.data?.status?.error ?? String(err));
  } finally {
    for (const name of names) await client.deleteCollection(name);
  }
}

test("golden corpus over HTTP through @qdrant/js-client-rest", async () => {
  const cases = loadCases();
  assert.ok(cases.length > 0);
  const failures = [];
  for (const c of cases) {
    try {
      await runCase(c);
    } catch (err) {
      failures.push(`${c.name}: ${err.message.split("\n")[0]}`);
    }
  }
  console.log(`golden (official JS client over HTTP): ${cases.length - failures.length} passed, ${failures.length} failed`);
  assert.deepEqual(failures, []);
});
