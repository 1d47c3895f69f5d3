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

const DIM = 384;
const BATCH = 2000;

/** mulberry32: deterministic vectors. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// One input buffer, refilled for every batch: the Worker's own garbage would otherwise grow
// the JS heap by a batch per upsert until the next collection, hiding what simile holds.
const buffer = new Float32Array(BATCH * DIM);
const idBuffer = new Uint32Array(BATCH);

function rows(rand, datatype, n) {
  const out = buffer.subarray(0, n * DIM);
  if (datatype === "uint8") for (let i = 0; i < out.length; i++) out[i] = Math.floor(rand() * 256);
  else for (let i = 0; i < out.length; i++) out[i] = rand() * 2 - 1;
  return out;
}

/** Upserts batches into `db` until one is refused (or `limit` points); returns the count. */
function fill(db, datatype, limit = 1e9, from = 0) {
  const rand = random(384);
  let fitted = 0;
  while (fitted < limit) {
    const n = Math.min(BATCH, limit - fitted);
    const ids = idBuffer.subarray(0, n);
    for (let k = 0; k < n; k++) ids[k] = from + fitted + k;
    try {
      db.upsertFlat("c", ids, rows(rand, datatype, n));
    } catch (err) {
      if (err?.name !== "SimileError") throw err;
      return { fitted, rejection: { status: err.status, code: err.code, message: err.message } };
    }
    fitted += n;
  }
  return { fitted, rejection: null };
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
  const { fitted, rejection } = fill(db, datatype);
  const seconds = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  const check = probe(db, fitted);
  const searchMs = Date.now() - t1;
  return { fitted, rejection, seconds, searchMs, probe: check, memoryBytes: db.memoryBytes(), count: db.request("POST", "/collections/c/points/count", {}).count };
}

function four() {
  const dbs = [1, 2, 3, 4].map((k) => open(`db-${k}`, "float16"));
  const first = fill(dbs[0], "float16");
  const refused = dbs.slice(1).map((db) => fill(db, "float16", BATCH).rejection);
  const totalFull = simile.totalMemoryBytes();
  dbs[0].free();
  const afterFree = simile.totalMemoryBytes();
  const second = fill(dbs[1], "float16", 20_000);
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
