// Seeds fuzz/corpus/router for the `router` cargo-fuzz target: every golden request body (with
// its endpoint's selector byte) plus hand-written valid and invalid requests for the target's
// collections (dim 4; "named" has a: 3 and b: 2). Run from the repository root:
//   node fuzz/seed_router.mjs && cargo +nightly fuzz run router -- -dict=fuzz/router.dict
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

const ROUTE = { search: 0, search_batch: 1, recommend: 2, recommend_batch: 3, discover: 4,
  discover_batch: 5, query: 6, query_batch: 7, scroll: 8, count: 9, retrieve: 10, upsert: 11,
  delete: 12, set_payload: 13, overwrite_payload: 14, delete_payload: 15, clear_payload: 16,
  update_vectors: 17, delete_vectors: 18, batch: 19, get: 20, index: 21, patch: 22 };
const ROUTES = 26;
const sel = (route, coll = 0) => route + ROUTES * coll; // coll: 0 cos, 1 dot, 2 euc, 3 man, 4 named

const out = "fuzz/corpus/router";
mkdirSync(out, { recursive: true });
let n = 0;
function seed(...requests) {
  const parts = requests.map(([s, body]) => Buffer.concat([Buffer.from([s]), Buffer.from(typeof body === "string" ? body : JSON.stringify(body))]));
  const bytes = Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from([0xff]), p] : [p])));
  writeFileSync(`${out}/${createHash("sha1").update(bytes).digest("hex")}`, bytes);
  n += 1;
}

for (const f of readdirSync("tests/golden").filter((f) => /^\d+_.*\.json$/.test(f))) {
  const c = JSON.parse(readFileSync(`tests/golden/${f}`, "utf8"));
  seed([sel(ROUTE[c.request.endpoint], n % 4), c.request.body]);
}
const f = { must: [{ key: "i", range: { gte: 2, lt: 9 } }], should: [{ key: "s", match: { any: ["k1", "k2"] } }],
  must_not: [{ nested: { key: "n", filter: { must: [{ key: "x", match: { value: 3 } }] } } }] };
const geo = { key: "g", geo_radius: { center: { lon: 0, lat: 0 }, radius: 1e6 } };
const v = [0.5, -1, 2, 0.25];
seed([sel(ROUTE.search), { vector: v, limit: 3, filter: f, with_payload: true }]);
seed([sel(ROUTE.search, 4), { vector: { name: "a", vector: [1, 2, 3] }, limit: 2, with_vector: ["a"] }]);
seed([sel(ROUTE.recommend, 1), { positive: [1, 2], negative: [3], strategy: "best_score", limit: 4, filter: { must: [geo] } }]);
seed([sel(ROUTE.discover, 2), { target: 1, context: [{ positive: 2, negative: 3 }], limit: 5, offset: 1 }]);
seed([sel(ROUTE.query, 3), { query: { recommend: { positive: [1], negative: [v], strategy: "sum_scores" } }, limit: 3 }]);
seed([sel(ROUTE.query), { query: { context: [{ positive: 1, negative: 2 }] }, score_threshold: -0.5 }]);
seed([sel(ROUTE.query, 4), { query: 1, using: "a", lookup_from: { collection: "cos", vector: "" } }]);
seed([sel(ROUTE.query), { filter: { must: [{ key: "d", range: { gte: "2024-01-03", lt: "2024-01-08T00:00:00+02:00" } }] } }]);
seed([sel(ROUTE.scroll), { limit: 3, offset: 4, with_payload: { exclude: ["t"] } }], [sel(ROUTE.count), { filter: f }]);
seed([sel(ROUTE.upsert), { points: [{ id: 99, vector: v, payload: { __proto__: 1 } }, { id: 99, vector: v }] }],
  [sel(ROUTE.search), { vector: v, limit: 18446744073709551615, offset: 18446744073709551615 }]);
seed([sel(ROUTE.upsert, 4), { batch: { ids: [7, 8], vectors: { a: [[1, 2, 3], [3, 2, 1]] }, payloads: [{ a: 1 }, null] } }]);
seed([sel(ROUTE.set_payload), { payload: { z: { y: 1 } }, points: [1, 2], key: "n[0]" }],
  [sel(ROUTE.delete_payload), { keys: ["z.y", "t[]"], filter: f }]);
seed([sel(ROUTE.update_vectors, 4), { points: [{ id: 1, vector: { b: [5, 5] } }] }],
  [sel(ROUTE.delete_vectors, 4), { points: [1], vector: ["a"] }]);
seed([sel(ROUTE.delete), { filter: { must: [{ key: "i", range: { lt: 11 } }] } }], [sel(ROUTE.upsert), { points: [{ id: 5, vector: v }] }]);
seed([sel(ROUTE.batch), { operations: [{ upsert: { points: [{ id: 3, vector: v }] } }, { clear_payload: { points: [3] } }] }]);
seed([sel(ROUTE.index), { field_name: "s", field_schema: "keyword" }], [sel(ROUTE.patch), { vectors: { "": { on_disk: true } } }]);
seed([sel(ROUTE.search), '{"vector":[1e999,0,0,0],"limit":1}'], [sel(ROUTE.retrieve), '{"ids":[-1, 1.5, "42"]}']);
console.log(`${n} seeds in ${out}`);
