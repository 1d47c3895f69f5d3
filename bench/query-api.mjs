// The Query API beyond nearest on the 20,000 Debian packages of the demo (all-MiniLM-L6-v2,
// Cosine): groups by section, MMR, facets, formula rescoring, each against the same nearest
// query in the same process. Usage: node bench/query-api.mjs  (env BENCH_RUNS=30); part of
// `npm run bench`.
import { readFileSync } from "node:fs";
import { Database } from "simile";
import { halfToFloat } from "../www/load.js";
import { rng } from "./data.mjs";
import { measureInterleaved, RUNS } from "./measure.mjs";

const root = new URL("../www/data/", import.meta.url);
const items = JSON.parse(readFileSync(new URL("items.json", root), "utf8"));
const half = readFileSync(new URL("vectors.f16", root));
const { vectors } = halfToFloat(new Uint8Array(half.buffer, half.byteOffset, half.byteLength));
const DIM = items.dim;
const N = items.name.length;

const db = new Database();
db.request("PUT", "/collections/deb", { vectors: { size: DIM, distance: "Cosine" } });
db.upsertFlat("deb", Uint32Array.from({ length: N }, (_, i) => i), vectors);
// Payload by value, one request per section and per priority.
const idsWhere = (field, v) => Array.from({ length: N }, (_, i) => i).filter((i) => items[field][i] === v);
items.sections.forEach((section, k) => {
  db.request("POST", "/collections/deb/points/payload", { payload: { section }, points: idsWhere("section", k) });
});
items.priorities.forEach((_, k) => {
  db.request("POST", "/collections/deb/points/payload", { payload: { priority: k + 1 }, points: idsWhere("priority", k) });
});
db.request("PUT", "/collections/deb/index", { field_name: "section", field_schema: "keyword" });

const r = rng(17);
const picks = Array.from({ length: RUNS }, () => Math.floor(r() * N));
const queryVector = (i) => Array.from(vectors.subarray(picks[i] * DIM, (picks[i] + 1) * DIM));
const post = (path, body) => db.request("POST", `/collections/deb/${path}`, body);

const formula = { sum: ["$score", { mult: [0.01, "priority"] }] };
const ms = measureInterleaved({
  nearest: (i) => post("points/query", { query: queryVector(i), limit: 10 }),
  groups: (i) => post("points/query/groups", { query: queryVector(i), group_by: "section", limit: 10, group_size: 3 }),
  mmr: (i) => post("points/query", { query: { nearest: queryVector(i), mmr: { diversity: 0.5, candidates_limit: 100 } }, limit: 10 }),
  // MMR's own work is what it adds to fetching its 100 candidates (answered as 10 points).
  candidates: (i) => post("points/query", { prefetch: { query: queryVector(i), limit: 100 }, query: { rrf: {} }, limit: 10 }),
  facet: () => post("facet", { key: "section", limit: 100 }),
  prefetch: (i) => post("points/query", { prefetch: { query: queryVector(i), limit: 1000 }, query: { rrf: {} }, limit: 10 }),
  formula: (i) => post("points/query", { prefetch: { query: queryVector(i), limit: 1000 }, query: { formula, defaults: { priority: 0 } }, limit: 10 }),
});
const [nearestMs, groupsMs, mmrMs, candidatesMs, facetMs, prefetchMs, formulaMs] = [
  "nearest", "groups", "mmr", "candidates", "facet", "prefetch", "formula",
].map((name) => ms[name].p50);
const groups = post("points/query/groups", { query: queryVector(0), group_by: "section", limit: 10, group_size: 3 }).groups;

const f = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`\n## Query API, Debian packages (n = ${N}, dim ${DIM}, Cosine), ${RUNS} runs`);
console.log("| query | p50 ms | × nearest | target |");
console.log("| --- | ---: | ---: | --- |");
console.log(`| nearest, top-10 | ${f(nearestMs)} | 1.00 | |`);
console.log(`| groups by section (limit 10, size 3; ${groups.length} groups) | ${f(groupsMs)} | ${(groupsMs / nearestMs).toFixed(2)} | ≤ 1.5× |`);
console.log(`| MMR over 100 candidates (diversity 0.5; minus fetching the candidates: ${f(mmrMs - candidatesMs)} ms) | ${f(mmrMs)} | ${(mmrMs / nearestMs).toFixed(2)} | ≤ 2 ms MMR |`);
console.log(`| facet over section (keyword index, ${items.sections.length} values) | ${f(facetMs)} | ${(facetMs / nearestMs).toFixed(2)} | ≤ 1 ms |`);
console.log(`| formula rescoring of 1,000 prefetched (minus the prefetch: ${f(formulaMs - prefetchMs)} ms) | ${f(formulaMs)} | ${(formulaMs / nearestMs).toFixed(2)} | ≤ 1 ms rescoring |`);
db.free();
