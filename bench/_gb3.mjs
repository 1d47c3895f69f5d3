import { readFileSync } from "node:fs";
import { Database } from "simile";
import { halfToFloat } from "../www/load.js";
const root = new URL("../www/data/", import.meta.url);
const items = JSON.parse(readFileSync(new URL("items.json", root), "utf8"));
const half = readFileSync(new URL("vectors.f16", root));
const { vectors } = halfToFloat(new Uint8Array(half.buffer, half.byteOffset, half.byteLength));
const DIM = items.dim, N = items.name.length;
const db = new Database();
db.request("PUT", "/collections/deb", { vectors: { size: DIM, distance: "Cosine" } });
db.upsertFlat("deb", Uint32Array.from({ length: N }, (_, i) => i), vectors);
const idsWhere = (field, v) => Array.from({ length: N }, (_, i) => i).filter((i) => items[field][i] === v);
items.sections.forEach((section, k) => db.request("POST", "/collections/deb/points/payload", { payload: { section }, points: idsWhere("section", k) }));
db.request("PUT", "/collections/deb/index", { field_name: "section", field_schema: "keyword" });
const post = (path, body) => db.request("POST", `/collections/deb/${path}`, body);
const q = (i) => Array.from(vectors.subarray(i * DIM, (i + 1) * DIM));
const variants = {
  n10: (i) => post("points/query", { query: q(i), limit: 10 }),
  bare: (i) => db.bareScan("deb", new Float32Array(q(i))),
  g10x3: (i) => post("points/query/groups", { query: q(i), group_by: "section", limit: 10, group_size: 3 }),
  g10x1: (i) => post("points/query/groups", { query: q(i), group_by: "section", limit: 10, group_size: 1 }),
  g1x1: (i) => post("points/query/groups", { query: q(i), group_by: "section", limit: 1, group_size: 1 }),
};
const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let r = 0; r < 60; r++) for (const [k, fn] of Object.entries(variants)) { const s = performance.now(); try { fn(r * 37); } catch (e) { console.log(k, e.message); delete variants[k]; } times[k].push(performance.now() - s); }
for (const [k, xs] of Object.entries(times)) { if (xs.length < 31) continue; xs.sort((a, b) => a - b); console.log(k, xs[30].toFixed(2)); }
