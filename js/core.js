// The runtime-independent part of the package: loading state and the friendly `Database`.
//
// Every entry (node, workerd, browser, slim) shares this module and the one wasm-bindgen
// `--target web` glue; they differ only in how they obtain the compiled module.

import initAsync, {
  initSync as initGlueSync,
  Database as RawDatabase,
  simdEnabled as rawSimdEnabled,
  debugTrap as rawDebugTrap,
  memoryBudget as rawMemoryBudget,
  setMemoryBudget as rawSetMemoryBudget,
  totalMemoryBytes as rawTotalMemoryBytes,
} from "../dist/simile.js";
import { hintFor } from "./hints.js";
import { guarded, instanceLost } from "./instance.js";
import { parse, stringify } from "./json.js";

export { instanceLost };

let ready = false;
let pending = null;
let autoLoad = null;

/** Instantiates `module` (a `WebAssembly.Module` or its bytes) unless already done. */
export function loadSync(module) {
  if (!ready) {
    initGlueSync({ module });
    loaded();
  }
}

/** The instance is ready: it starts with the entry's default budget, if it has one. */
function loaded() {
  ready = true;
  if (defaultBudget !== null) rawSetMemoryBudget(defaultBudget);
}

/** Instantiates from a module, URL, Response or bytes; idempotent, safe to call concurrently. */
export function loadAsync(input) {
  if (ready) return Promise.resolve();
  if (pending === null) {
    pending = initAsync({ module_or_path: input }).then(
      () => {
        loaded();
      },
      (err) => {
        pending = null;
        throw err;
      },
    );
  }
  return pending;
}

/** Entries that can load synchronously (Node, workerd) register how, so no `init()` is needed. */
export function setAutoLoad(fn) {
  autoLoad = fn;
}

let asyncLoad = null;

/** Entries that load asynchronously (browser) register how, for calls that can await it. */
export function setAsyncLoad(fn) {
  asyncLoad = fn;
}

/** Resolves once the module is loaded: a load in progress, the entry's own, or a sync one. */
export async function whenReady() {
  if (ready) return;
  if (pending !== null) return pending;
  if (asyncLoad !== null) return asyncLoad();
  ensureReady();
}

/** True once the module is instantiated. */
export function isReady() {
  return ready;
}

export function ensureReady() {
  if (ready) return;
  if (autoLoad === null) {
    throw new Error("simile: call `await init()` before using the database");
  }
  autoLoad();
}

/** True when the loaded artifact uses the simd128 kernels. */
export function simdEnabled() {
  ensureReady();
  return rawSimdEnabled();
}

function simileError(message, status, code, time) {
  const err = new Error(message);
  err.name = "SimileError";
  err.status = status;
  if (code !== undefined) err.code = code;
  if (time !== undefined) err.time = time;
  return err;
}

/** Rows `from..to` of a row-major array with `width` items per row, without copying views. */
function rows(array, from, to, width) {
  return ArrayBuffer.isView(array) ? array.subarray(from * width, to * width) : array.slice(from * width, to * width);
}

/** Snapshot input as a Uint8Array: views pass through, an ArrayBuffer is wrapped. */
function asBytes(bytes) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw new TypeError("simile: snapshot bytes must be a Uint8Array, another typed array view, or an ArrayBuffer");
}

/** JSON text of an optional argument (`undefined` when absent); bigints as integers. */
function encode(value) {
  return value === undefined || value === null ? undefined : stringify(value);
}

let defaultBudget = null;

/** Entries for constrained runtimes (workerd) lower the budget the instance starts with. */
export function setDefaultMemoryBudget(bytes) {
  defaultBudget = bytes;
}

function checkBudget(bytes) {
  if (!(bytes > 0)) throw new TypeError("simile: the memory budget must be a positive number of bytes");
}

/** Bytes all databases of this wasm instance may use together (one budget per instance:
 *  a Worker isolate, a page). */
export function memoryBudget() {
  ensureReady();
  return guarded(() => rawMemoryBudget());
}

/** Sets the budget shared by every database of this wasm instance; writes that would pass it
 *  fail with status 507 and change nothing. */
export function setMemoryBudget(bytes) {
  checkBudget(bytes);
  ensureReady();
  guarded(() => rawSetMemoryBudget(bytes));
}

/** Approximate bytes held by all live databases of this wasm instance together. */
export function totalMemoryBytes() {
  ensureReady();
  return guarded(() => rawTotalMemoryBytes());
}

/** Traps the instance on purpose (tests of the lost-instance handling; not exported by the
 *  package entries). */
export function debugTrap() {
  ensureReady();
  guarded(() => rawDebugTrap());
}

/** Qdrant's default request size limit (`service.max_request_size_mb` = 32). Larger bodies
 *  are refused before they reach wasm memory, where a huge copy could exhaust it. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/** Qdrant's answer to an oversized body (actix's payload error). */
function tooLarge(length, limit) {
  const error = `Format error in JSON body: JSON payload (${length} bytes) is larger than allowed (limit: ${limit} bytes).`;
  return { status: 400, error, code: "format" };
}

/** Qdrant's JSON envelope around an answer of the core, with `time` in seconds. The result is
 *  already JSON text and goes in as it is. */
function envelope(res, time) {
  if (res.error === undefined) {
    return { status: res.status, body: `{"result":${res.result},"status":"ok","time":${time}}` };
  }
  return { status: res.status, body: JSON.stringify({ status: { error: res.error }, time }), code: res.code };
}

// The key of `Database`'s raw call, for this package's modules only (`exchange`).
const EXCHANGE = Symbol("simile.exchange");

// Request bodies reach the core as UTF-8 bytes: `TextEncoder` writes a 7 KB body (a 384-float
// query) in ~1 µs, the glue's per-character copy of a string argument takes ~35 µs.
const utf8 = new TextEncoder();

/**
 * One REST call on `db` with `body` as a value: the core's answer, `{ status, result }` with
 * the result as JSON text or `{ status, error, code }`, plus `time` (seconds). What both
 * `Database.request` and `QdrantClient` build on.
 */
export function exchange(db, method, path, body) {
  return db[EXCHANGE](method, path, encode(body) ?? "");
}

/** The hook a `Database` calls after each change (internal: js/persist.js). */
export const WRITTEN = Symbol("simile.written");

// POST routes that change data; every PUT, PATCH and DELETE does too (Qdrant's REST API).
const CHANGING_POSTS = /\/(collections\/aliases|points\/(delete|payload(\/delete|\/clear)?|vectors\/delete|batch))$/;

/** Whether a successful `method path` changed the database. */
function changes(method, path) {
  const m = method.toUpperCase();
  if (m === "GET" || m === "HEAD") return false;
  return m !== "POST" || CHANGING_POSTS.test(path.split(/[?#]/)[0].replace(/\/+$/, ""));
}

/** An in-memory Qdrant: collections, points and queries, answered in this thread. */
export class Database {
  #raw;
  #maxRequestBytes = MAX_REQUEST_BYTES;
  /** Called after every change (persistence schedules its saves on it). */
  [WRITTEN] = null;

  /** `new Database()` or `new Database({ name })`: the name budget errors give it (default
   *  "database N"). A raw database is internal (used by `fromBytes`). */
  constructor(options) {
    ensureReady();
    const name = typeof options?.name === "string" ? options.name : undefined;
    this.#raw = options instanceof RawDatabase ? options : guarded(() => new RawDatabase(name));
  }

  /** A database restored from `toBytes()` output (validated before use). Takes a
   *  `Uint8Array` (or an `ArrayBuffer`). */
  static fromBytes(bytes) {
    ensureReady();
    // `this`: a subclass (the persistent database) restores as itself.
    return new this(guarded(() => RawDatabase.fromBytes(asBytes(bytes))));
  }

  #call(fn) {
    if (this.#raw === null) throw new Error("simile: this Database has been freed");
    return guarded(() => fn(this.#raw));
  }

  /** A Qdrant REST call; returns the envelope's `result`, throws a SimileError on non-2xx. */
  request(method, path, body) {
    const res = exchange(this, method, path, body);
    if (res.error !== undefined) {
      const err = simileError(res.error, res.status, res.code, res.time);
      const hint = hintFor(res.error, { method, path, body, db: this });
      if (hint !== undefined) err.hint = hint;
      throw err;
    }
    return parse(res.result);
  }

  /** The raw call: JSON text in, `{ status, body, code? }` with Qdrant's envelope text out. */
  requestText(method, path, bodyText = "") {
    const res = this[EXCHANGE](method, path, bodyText);
    return envelope(res, res.time);
  }

  /** The core's answer to one call on JSON text, timed: the core has no clock. */
  [EXCHANGE](method, path, bodyText) {
    if (bodyText.length > this.#maxRequestBytes) return { ...tooLarge(bodyText.length, this.#maxRequestBytes), time: 0 };
    const t0 = performance.now();
    const res = this.#call((raw) => raw.requestBytes(method, path, utf8.encode(bodyText)));
    res.time = (performance.now() - t0) / 1000;
    if (res.error === undefined && changes(method, path)) this[WRITTEN]?.();
    return res;
  }

  /** Inserts or replaces points of the unnamed vector; `vectors` is row-major, ids.length rows. */
  upsertFlat(collection, ids, vectors, payloads) {
    this.#call((raw) => raw.upsertFlat(collection, ids, vectors, encode(payloads)));
    this[WRITTEN]?.();
  }

  /**
   * `upsertFlat` for large inputs, in chunks of `chunkRows` rows (default 10,000) with a
   * macrotask between chunks so a page can paint and handle input; `onProgress(done, total)`
   * is called after each chunk. Each chunk is one upsert: if one fails, earlier chunks stay.
   */
  async upsertFlatChunked(collection, ids, vectors, payloads, { chunkRows = 10_000, onProgress } = {}) {
    const total = ids.length;
    if (!(Number.isSafeInteger(chunkRows) && chunkRows > 0)) throw new TypeError("simile: chunkRows must be a positive integer");
    if (total === 0) return this.upsertFlat(collection, ids, vectors, payloads);
    if (vectors.length % total !== 0) throw new TypeError("simile: vectors.length must be a multiple of ids.length");
    const dim = vectors.length / total;
    for (let done = 0; done < total; ) {
      const end = Math.min(total, done + chunkRows);
      this.upsertFlat(collection, rows(ids, done, end, 1), rows(vectors, done, end, dim), payloads?.slice(done, end));
      done = end;
      onProgress?.(done, total);
      if (done < total) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  /** Sets sparse vector `name` of existing points: point `ids[i]` gets `indices` and `values`
   *  from `offsets[i]` to `offsets[i + 1]` (Uint32Array, Uint32Array, Float32Array). */
  setSparseFlat(collection, name, ids, offsets, indices, values) {
    this.#call((raw) => raw.setSparseFlat(collection, name, ids, offsets, indices, values));
    this[WRITTEN]?.();
  }

  /** Nearest `limit` points: `{ ids, scores }`, best first, scores as Qdrant reports them. */
  searchFlat(collection, vector, limit, filter) {
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new TypeError("simile: limit must be a non-negative integer");
    }
    return this.#call((raw) => raw.searchFlat(collection, vector, Math.min(limit, 0xffffffff), encode(filter)));
  }

  /** Every collection and alias as snapshot bytes (a versioned, checksummed format). */
  toBytes() {
    return this.#call((raw) => raw.toBytes());
  }

  /** One collection as snapshot bytes. */
  collectionToBytes(name) {
    return this.#call((raw) => raw.collectionToBytes(name));
  }

  /** Adds or replaces collection `name` from `collectionToBytes()` output (validated first). */
  loadCollection(name, bytes) {
    this.#call((raw) => raw.loadCollection(name, asBytes(bytes)));
    this[WRITTEN]?.();
  }

  /** Largest accepted request body (default 32 MiB, as Qdrant); bigger ones answer 400. For
   *  bulk loads prefer `upsertFlat` or snapshots, which need no JSON. */
  setMaxRequestBytes(bytes) {
    if (!(bytes > 0)) throw new TypeError("simile: the request size limit must be a positive number of bytes");
    this.#maxRequestBytes = bytes;
  }

  /** Sets the budget of the whole wasm instance, shared by every database in it (the same
   *  as the module's `setMemoryBudget`); upserts beyond it fail with status 507. */
  setMemoryBudget(bytes) {
    checkBudget(bytes);
    this.#call((raw) => raw.setMemoryBudget(bytes));
  }

  /** The budget shared by every database of this wasm instance. */
  memoryBudget() {
    return this.#call((raw) => raw.memoryBudget());
  }

  /** Approximate bytes held by this database's collections: vectors, payloads, bookkeeping. */
  memoryBytes() {
    return this.#call((raw) => raw.memoryBytes());
  }

  /** The name budget errors give this database (`Database.open(name)` uses its name). */
  name() {
    return this.#call((raw) => raw.name());
  }

  setName(name) {
    this.#call((raw) => raw.setName(String(name)));
  }

  /**
   * Builds the HNSW graphs of `collection` (every dense vector with `m` > 0), in chunks of
   * `chunkPoints` points (default 2,048) with a macrotask between chunks so a page can paint;
   * `onProgress(done, total)` after each chunk. Resolves when the graphs are complete; from
   * then on upserts keep them linked. Until then queries scan exactly.
   */
  async optimize(collection, { chunkPoints = 2048, onProgress } = {}) {
    if (!(Number.isSafeInteger(chunkPoints) && chunkPoints > 0)) throw new TypeError("simile: chunkPoints must be a positive integer");
    for (;;) {
      const [done, total] = this.#call((raw) => raw.optimizeStep(collection, Math.min(chunkPoints, 0xffffffff)));
      onProgress?.(done, total);
      if (done >= total) return;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  /** `optimize` in one blocking call (Node scripts, workers); `onProgress(done, total)`. */
  optimizeSync(collection, onProgress) {
    this.#call((raw) => raw.optimize(collection, onProgress));
  }

  /** Benchmark baseline: one bare kernel pass over the unnamed vector's rows. */
  bareScan(collection, vector) {
    return this.#call((raw) => raw.bareScan(collection, vector));
  }

  /** Releases the wasm memory held by this database; later calls throw. Idempotent. */
  free() {
    if (this.#raw !== null) {
      if (!instanceLost()) this.#raw.free();
      this.#raw = null;
    }
  }
}

if (typeof Symbol.dispose === "symbol") {
  Database.prototype[Symbol.dispose] = function dispose() {
    this.free();
  };
}
