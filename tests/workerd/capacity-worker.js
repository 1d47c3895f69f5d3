// A Worker that measures what fits the Workers entry's default budget (96 MiB, one budget for
// the whole wasm instance). The path picks the scenario; each runs in a fresh isolate:
//   /float16  fill one 384-dim float16 collection until an upsert is refused
//   /uint8    the same with uint8 vectors
//   /four     four databases: the first fills the budget, the other three are refused, and
//             freeing the first gives its bytes back
//   /idle     nothing: workerd's own resident memory, the baseline for the others
// Answers with JSON: points that fit, the refusal, memory figures (wasm memory size).
import * as simile from "../../js/workerd.js";
import { initSync } from "../../dist/simile.js";
import { fill } from "./fill.js";

const DIM = 384;
const BATCH = 2000;

/** Upserts float16/uint8 batches into collection "c" until one is refused (or `limit` points). */
function fillUntilRefused(db, datatype, limit = 1e9, from = 0) {
  return fill(db, { collection: "c", dim: DIM, batch: BATCH, datatype, limit, from });
}

function open(name, datatype) {
  const db = new simile.Database({ name });
  db.request("PUT", "/collections/c", { vectors: { size: DIM, distance: "Cosine", datatype } });
  return db;
}

/** The stored point in the middle is its own nearest neighbour. */
function probe(db, fitted) {
  const id = Math.floor(fitted / 2);
  const stored = db.request("POST", "/collections/c/points", { ids: [id], with_vector: true })[0];
  const hits = db.request("POST", "/collections/c/points/search", { vector: stored.vector, limit: 3 });
  return { id, top: hits[0].id, topScore: hits[0].score };
}

function single(datatype) {
  const db = open("filled", datatype);
  const t0 = Date.now();
  const { fitted, rejection } = fillUntilRefused(db, datatype);
  const seconds = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  const check = probe(db, fitted);
  const searchMs = Date.now() - t1;
  return { fitted, rejection, seconds, searchMs, probe: check, memoryBytes: db.memoryBytes(), count: db.request("POST", "/collections/c/points/count", {}).count };
}

function four() {
  const dbs = [1, 2, 3, 4].map((k) => open(`db-${k}`, "float16"));
  const first = fillUntilRefused(dbs[0], "float16");
  const refused = dbs.slice(1).map((db) => fillUntilRefused(db, "float16", BATCH).rejection);
  const totalFull = simile.totalMemoryBytes();
  dbs[0].free();
  const afterFree = simile.totalMemoryBytes();
  const second = fillUntilRefused(dbs[1], "float16", 20_000);
  return { fitted: first.fitted, rejection: first.rejection, refused, totalFull, afterFree, secondFitted: second.fitted, total: simile.totalMemoryBytes() };
}

const SCENARIOS = { "/float16": () => single("float16"), "/uint8": () => single("uint8"), "/four": four, "/idle": () => ({}) };

export default {
  async fetch(request) {
    const scenario = SCENARIOS[new URL(request.url).pathname];
    try {
      const result = scenario();
      return Response.json({ ok: true, budget: simile.memoryBudget(), wasmMemoryBytes: initSync().memory.buffer.byteLength, lost: simile.instanceLost(), ...result });
    } catch (err) {
      return Response.json({ ok: false, lost: simile.instanceLost(), error: String(err?.stack ?? err) }, { status: 500 });
    }
  },
};
