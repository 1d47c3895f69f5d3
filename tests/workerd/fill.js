// The fill loop of the budget and capacity Workers: upsert deterministic batches through
// `upsertFlat` until the memory budget refuses one. A Worker module imported by both (miniflare
// finds it by following their static imports).
import { rng } from "../../bench/data.mjs";

// One input buffer, refilled for every batch: the Worker's own garbage would otherwise grow
// the JS heap by a batch per upsert until the next collection, hiding what simile holds.
let rowBuffer = new Float32Array(0);
let idBuffer = new Uint32Array(0);

function reserve(batch, dim) {
  if (rowBuffer.length < batch * dim) rowBuffer = new Float32Array(batch * dim);
  if (idBuffer.length < batch) idBuffer = new Uint32Array(batch);
}

/** The next `n` rows of `dim`: integers 0..255 for uint8, else floats in [-1, 1). */
function nextRows(rand, datatype, n, dim) {
  const out = rowBuffer.subarray(0, n * dim);
  if (datatype === "uint8") for (let i = 0; i < out.length; i++) out[i] = Math.floor(rand() * 256);
  else for (let i = 0; i < out.length; i++) out[i] = rand() * 2 - 1;
  return out;
}

/**
 * Upserts batches of `batch` points × `dim` into `collection` until one is refused with a
 * SimileError (or `limit` points fit); ids count up from `from`, `payload(id)` (if given) gives
 * each point's payload. Returns the points that fit, the refusal ({status, code, message} or
 * null) and the last batch's vectors (valid until the next call).
 */
export function fill(db, { collection, dim, batch, datatype, limit = 1e9, from = 0, payload = null }) {
  reserve(batch, dim);
  const rand = rng(384);
  let fitted = 0;
  let rows = rowBuffer.subarray(0, 0);
  while (fitted < limit) {
    const n = Math.min(batch, limit - fitted);
    const ids = idBuffer.subarray(0, n);
    for (let k = 0; k < n; k++) ids[k] = from + fitted + k;
    rows = nextRows(rand, datatype, n, dim);
    try {
      if (payload) db.upsertFlat(collection, ids, rows, Array.from(ids, payload));
      else db.upsertFlat(collection, ids, rows);
    } catch (err) {
      if (err?.name !== "SimileError") throw err;
      return { fitted, rejection: { status: err.status, code: err.code, message: err.message }, rows };
    }
    fitted += n;
  }
  return { fitted, rejection: null, rows };
}
