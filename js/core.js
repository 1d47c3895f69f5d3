// The runtime-independent part of the package: loading state and the friendly `Database`.
//
// Every entry (node, workerd, browser, slim) shares this module and the one wasm-bindgen
// `--target web` glue; they differ only in how they obtain the compiled module.

import initAsync, {
  initSync as initGlueSync,
  Database as RawDatabase,
  simdEnabled as rawSimdEnabled,
} from "../dist/simile.js";

let ready = false;
let pending = null;
let autoLoad = null;

/** Instantiates `module` (a `WebAssembly.Module` or its bytes) unless already done. */
export function loadSync(module) {
  if (!ready) {
    initGlueSync({ module });
    ready = true;
  }
}

/** Instantiates from a module, URL, Response or bytes; idempotent, safe to call concurrently. */
export function loadAsync(input) {
  if (ready) return Promise.resolve();
  if (pending === null) {
    pending = initAsync({ module_or_path: input }).then(
      () => {
        ready = true;
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

function ensureReady() {
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

function simileError(message, status, code) {
  const err = new Error(message);
  err.name = "SimileError";
  err.status = status;
  if (code !== undefined) err.code = code;
  return err;
}

function encode(value) {
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}

/** An in-memory Qdrant: collections, points and queries, answered in this thread. */
export class Database {
  #raw;

  constructor() {
    ensureReady();
    this.#raw = new RawDatabase();
  }

  #handle() {
    if (this.#raw === null) throw new Error("simile: this Database has been freed");
    return this.#raw;
  }

  /** A Qdrant REST call; returns the envelope's `result`, throws a SimileError on non-2xx. */
  request(method, path, body) {
    const res = this.#handle().request(method, path, encode(body) ?? "");
    const envelope = JSON.parse(res.body);
    if (res.status >= 200 && res.status < 300) return envelope.result;
    const message = envelope?.status?.error ?? `request failed with status ${res.status}`;
    throw simileError(message, res.status, res.code);
  }

  /** The raw call: JSON text in, `{ status, body }` with Qdrant's envelope text out. */
  requestText(method, path, bodyText = "") {
    return this.#handle().request(method, path, bodyText);
  }

  /** Inserts or replaces points of the unnamed vector; `vectors` is row-major, ids.length rows. */
  upsertFlat(collection, ids, vectors, payloads) {
    this.#handle().upsertFlat(collection, ids, vectors, encode(payloads));
  }

  /** Nearest `limit` points: `{ ids, scores }`, best first, scores as Qdrant reports them. */
  searchFlat(collection, vector, limit, filter) {
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new TypeError("simile: limit must be a non-negative integer");
    }
    return this.#handle().searchFlat(collection, vector, Math.min(limit, 0xffffffff), encode(filter));
  }

  /** Releases the wasm memory held by this database; later calls throw. Idempotent. */
  free() {
    if (this.#raw !== null) {
      this.#raw.free();
      this.#raw = null;
    }
  }
}

if (typeof Symbol.dispose === "symbol") {
  Database.prototype[Symbol.dispose] = function dispose() {
    this.free();
  };
}
