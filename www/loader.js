// Loading the demo's collection: the wasm module, the package catalogue and the vectors come
// down in parallel, and vectors are upserted in batches while the rest is still downloading.
import { init, Database, simdEnabled } from "simile";
import { fetchBytes, halfToFloat } from "./load.js";

export const COLLECTION = "debian";
const DATA = new URL("data/", import.meta.url);
const BATCH = 1000; // rows per upsertFlat call (see `Upserter`)
const BM25_BATCH = 1000; // documents per vectors update (about 50 ms: the page stays responsive)
/** The sparse vector BM25 searches: IDF from the collection, as Qdrant's docs set it up. */
const SPARSE = { bm25: { modifier: "idf" } };

/**
 * Downloads and builds the collection. `onBytes(got, all)` reports download progress (`all` is
 * 0 while unknown), `onStatus(text)` the current step. Resolves to the catalogue, the database
 * and timings (milliseconds since navigation).
 */
export async function loadDemo({ onBytes, onStatus }) {
  const loaded = { items: 0, vectors: 0 };
  const totals = { items: 0, vectors: 0 };
  const progress = (key, n, total) => {
    loaded[key] = n;
    totals[key] = total;
    onBytes(loaded.items + loaded.vectors, totals.items && totals.vectors ? totals.items + totals.vectors : 0);
  };
  const wasm = init().then(() => performance.now());
  const catalogue = fetchBytes(new URL("items.json", DATA), (n, total) => progress("items", n, total)).then((bytes) => ({
    items: JSON.parse(new TextDecoder().decode(bytes)),
    bytes: bytes.length,
  }));
  const upserter = new Upserter();
  const database = Promise.all([wasm, catalogue]).then(([tWasm, { items }]) => {
    upserter.start(items);
    return { tWasm, simd: simdEnabled() };
  });

  const vectorBytes = await fetchBytes(new URL("vectors.f16", DATA), (n, total, bytes) => {
    progress("vectors", n, total);
    upserter.received(bytes, n, false);
  });
  const tFetched = performance.now();
  const { items, bytes: itemBytes } = await catalogue;
  const { tWasm, simd } = await database;
  onStatus("Building the collection…");
  if (vectorBytes.length !== items.count * items.dim * 2) {
    throw new Error(`vectors.f16 has ${vectorBytes.length} bytes, expected ${items.count} × ${items.dim} half floats`);
  }
  upserter.received(vectorBytes, vectorBytes.length, true);
  const byName = new Map(items.name.map((n, i) => [n, i + 1]));
  return {
    items, byName, db: upserter.db, simd, float16: upserter.native,
    bytes: itemBytes + vectorBytes.length,
    timings: { wasm: tWasm, fetched: tFetched, collection: performance.now() },
  };
}

/** The text every package is searched by: its name and summary. */
export const documentText = (items, i) => `${items.name[i]} ${items.summary[i]}`;

/** Sets each package's sparse vector "bm25" from its text with the engine's `qdrant/bm25`
 *  inference (a vectors update, so the dense vectors and payloads stay). Runs after the page
 *  is ready, in batches between which it paints; `onProgress(done, total)` after each. */
export async function indexText(db, items, onProgress) {
  for (let start = 0; start < items.count; start += BM25_BATCH) {
    const points = [];
    for (let i = start; i < Math.min(start + BM25_BATCH, items.count); i++) {
      points.push({ id: i + 1, vector: { bm25: { text: documentText(items, i), model: "qdrant/bm25" } } });
    }
    db.request("PUT", `/collections/${COLLECTION}/points/vectors`, { points });
    onProgress?.(Math.min(start + BM25_BATCH, items.count), items.count);
    // Let the page paint and handle input between batches.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Upserts rows of half floats as they arrive, once the database and payloads exist. */
class Upserter {
  db = undefined;
  native = false;
  #items = null;
  #ids = null;
  #payloads = null;
  #rowsDone = 0;
  #bytes = new Uint8Array(0);
  #n = 0;

  /** Creates the collection and the payloads, then upserts what has arrived. */
  start(items) {
    const db = new Database();
    db.request("PUT", `/collections/${COLLECTION}`, { vectors: { size: items.dim, distance: "Cosine" }, sparse_vectors: SPARSE });
    this.#ids = new Uint32Array(items.count);
    this.#payloads = new Array(items.count);
    for (let i = 0; i < items.count; i++) {
      this.#ids[i] = i + 1;
      this.#payloads[i] = {
        name: items.name[i],
        section: items.sections[items.section[i]],
        priority: items.priorities[items.priority[i]],
        installed_size_kib: items.size[i],
      };
    }
    this.#items = items;
    this.db = db;
    this.#pump(false);
  }

  /** The first `n` bytes of `bytes` have arrived; `final` upserts every remaining row. */
  received(bytes, n, final) {
    this.#bytes = bytes;
    this.#n = n;
    this.#pump(final);
  }

  /** Upserts every complete batch received so far (every remaining row when `final`). */
  #pump(final) {
    if (this.db === undefined) return;
    const rowBytes = this.#items.dim * 2;
    const rows = Math.min(Math.floor(this.#n / rowBytes), this.#items.count);
    while (rows - this.#rowsDone >= BATCH || (final && this.#rowsDone < rows)) {
      const start = this.#rowsDone;
      const end = Math.min(start + BATCH, rows);
      const converted = halfToFloat(this.#bytes.subarray(start * rowBytes, end * rowBytes));
      this.native = converted.native;
      // Batches also help V8: a wasm function's first calls run in its baseline tier and the
      // optimised code is swapped in between calls, never during one long call.
      this.db.upsertFlat(COLLECTION, this.#ids.subarray(start, end), converted.vectors, this.#payloads.slice(start, end));
      this.#rowsDone = end;
    }
  }
}
