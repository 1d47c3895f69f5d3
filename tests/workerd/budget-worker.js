// A Worker that fills one collection with 384-dim upserts until the workerd entry's default
// memory budget (96 MiB, shared by the wasm instance) rejects one, then checks the database
// still answers correctly.
// Answers with JSON: how many points fit, the rejection, memory figures, and the checks.
import * as simile from "../../js/workerd.js";
import { initSync } from "../../dist/simile.js";
import { fill } from "./fill.js";

const DIM = 384;
const BATCH = 1000;

/** Upserts until the budget refuses a batch (at most 10,000 batches); ids count from 0. */
function fillUntilRefused(db) {
  return fill(db, { collection: "b", dim: DIM, batch: BATCH, limit: 10_000 * BATCH, payload: (id) => ({ n: id }) });
}

function run() {
  const db = new simile.Database();
  const budget = db.memoryBudget();
  db.request("PUT", "/collections/b", { vectors: { size: DIM, distance: "Cosine" } });
  const { fitted, rejection, rows } = fillUntilRefused(db);
  const memoryBytes = db.memoryBytes();
  // The same batch through the REST router is refused too, and changes nothing.
  const points = Array.from({ length: BATCH }, (_, k) => ({ id: fitted + k, vector: Array.from(rows.subarray(k * DIM, (k + 1) * DIM)) }));
  const rest = db.requestText("PUT", "/collections/b/points", JSON.stringify({ points }));
  const count = db.request("POST", "/collections/b/points/count", {}).count;
  const filtered = db.request("POST", "/collections/b/points/count", { filter: { must: [{ has_id: [0, 1, fitted - 1, fitted] }, { key: "n", range: { gte: 1 } }] } }).count;
  // Searching for a stored point's own vector finds it first (cosine ≈ 1).
  const probe = Math.floor(fitted / 2);
  const stored = db.request("POST", "/collections/b/points", { ids: [probe], with_vector: true, with_payload: true })[0];
  const hits = db.request("POST", "/collections/b/points/search", { vector: stored.vector, limit: 5 });
  const flat = db.searchFlat("b", Float32Array.from(stored.vector), 3, { must: [{ key: "n", match: { value: probe } }] });
  const result = {
    dim: DIM,
    batch: BATCH,
    budget,
    fitted,
    rejection,
    restStatus: rest.status,
    count,
    filtered,
    memoryBytes,
    memoryBytesAfter: db.memoryBytes(),
    wasmMemoryBytes: initSync().memory.buffer.byteLength,
    probe: { id: probe, payload: stored.payload, top: hits[0].id, topScore: hits[0].score, hits: hits.length, flatIds: flat.ids },
    lost: simile.instanceLost(),
  };
  db.free();
  return result;
}

export default {
  async fetch() {
    try {
      return Response.json({ ok: true, ...run() });
    } catch (err) {
      return Response.json({ ok: false, lost: simile.instanceLost(), error: String(err?.stack ?? err) }, { status: 500 });
    }
  },
};
