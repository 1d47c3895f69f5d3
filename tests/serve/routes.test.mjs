// The read/write split of `simile serve` (what the log records, what a read-only key may do)
// checked against the engine itself: a request classified as a read leaves the database's
// snapshot bytes unchanged, and every request that changed them is classified as a write.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Database } from "simile";
import { isMutating, waits } from "../../bin/lib/serve/routes.mjs";

const P = "/collections/c/points";
const REQUESTS = [
  ["GET", "/"], ["GET", "/collections"], ["GET", "/aliases"], ["GET", "/collections/c"], ["GET", "/collections/c/exists"],
  ["GET", "/collections/c/aliases"], ["GET", `${P}/1`], ["POST", P, { ids: [1] }], ["POST", `${P}/scroll`, {}],
  ["POST", `${P}/count`, {}], ["POST", `${P}/query`, { query: [1, 0] }], ["POST", `${P}/query/batch`, { searches: [{ query: [1, 0] }] }],
  ["POST", `${P}/query/groups`, { query: [1, 0], group_by: "k" }], ["POST", `${P}/search`, { vector: [1, 0], limit: 2 }],
  ["POST", `${P}/search/batch`, { searches: [{ vector: [1, 0], limit: 2 }] }], ["POST", `${P}/recommend`, { positive: [1], limit: 2 }],
  ["POST", `${P}/recommend/batch`, { searches: [{ positive: [1], limit: 2 }] }],
  ["POST", `${P}/discover`, { target: 1, context: [{ positive: 2, negative: 3 }], limit: 2 }],
  ["POST", `${P}/discover/batch`, { searches: [{ target: 1, limit: 2 }] }], ["POST", "/collections/c/facet", { key: "k" }],
  ["PUT", `${P}?wait=true`, { points: [{ id: 9, vector: [1, 1] }] }], ["POST", `${P}/payload`, { payload: { a: 1 }, points: [1] }],
  ["PUT", `${P}/payload`, { payload: { b: 1 }, points: [2] }], ["POST", `${P}/payload/delete`, { keys: ["k"], points: [3] }],
  ["POST", `${P}/payload/clear`, { points: [1] }], ["PUT", `${P}/vectors`, { points: [{ id: 2, vector: [3, 3] }] }],
  ["POST", `${P}/batch`, { operations: [{ delete: { points: [9] } }] }], ["POST", `${P}/delete`, { points: [3] }],
  ["PUT", "/collections/c/index", { field_name: "n", field_schema: "integer" }], ["DELETE", "/collections/c/index/k"],
  ["POST", "/collections/aliases", { actions: [{ create_alias: { collection_name: "c", alias_name: "a" } }] }],
  ["PATCH", "/collections/c", { optimizers_config: {} }], ["PUT", "/collections/d", { vectors: { size: 2, distance: "Dot" } }],
  ["DELETE", "/collections/d"],
];

test("reads leave the database unchanged; whatever changed it is classified as a write", () => {
  const db = new Database();
  let writes = 0;
  try {
    db.request("PUT", "/collections/c", { vectors: { size: 2, distance: "Dot" } });
    const points = [1, 2, 3, 4].map((id) => ({ id, vector: [id, 1], payload: { k: `v${id % 2}` } }));
    db.request("PUT", `${P}?wait=true`, { points });
    db.request("PUT", "/collections/c/index", { field_name: "k", field_schema: "keyword" });
    for (const [method, path, body] of REQUESTS) {
      const before = Buffer.from(db.toBytes());
      const res = db.requestText(method, path, body === undefined ? "" : JSON.stringify(body));
      assert.ok(res.status === 200 || res.status === 501, `${method} ${path}: ${res.body}`);
      const changed = !before.equals(Buffer.from(db.toBytes()));
      writes += changed ? 1 : 0;
      if (changed) assert.ok(isMutating(method, path), `${method} ${path} changed the database but counts as a read`);
    }
    assert.ok(writes >= 12, `only ${writes} requests changed the database: the list lost its writes`);
  } finally {
    db.free();
  }
});

test("wait=true only when the query string says so (Qdrant's default is false)", () => {
  assert.equal(waits("/collections/c/points?wait=true"), true);
  assert.equal(waits("/collections/c/points?ordering=weak&wait=true"), true);
  assert.equal(waits("/collections/c/points?wait=false"), false);
  assert.equal(waits("/collections/c/points"), false);
});
