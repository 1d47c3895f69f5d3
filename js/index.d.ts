// Types for the `simile` entries (node, workerd, browser/default). Hand-written; no `any`.

/** Any JSON value as `request` returns it: what `JSON.parse` returns, except that integers
 *  beyond 2^53 (u64 point ids, large payload integers) are exact bigints. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/** A point id as returned: integers up to 2^53 − 1 as numbers, larger ones as bigint, UUIDs
 *  as canonical lowercase hyphenated strings. */
export type PointId = number | bigint | string;

/** Point ids accepted by `upsertFlat`. */
export type PointIds = Uint32Array | BigUint64Array | ReadonlyArray<number | bigint | string>;

/** What `init` can load from. */
export type InitInput =
  | WebAssembly.Module
  | URL
  | string
  | Request
  | Response
  | Promise<Response>
  | ArrayBuffer
  | ArrayBufferView;

/** Thrown for every request error: Qdrant's message, its HTTP status, and (from the flat API)
 *  a stable machine-readable `code` such as `"dimension_mismatch"` or `"collection_not_found"`. */
export interface SimileError extends Error {
  name: "SimileError";
  status: number;
  code?: string;
  /** A sentence a newcomer can act on, for common mistakes (the message stays Qdrant's). */
  hint?: string;
}

/** The HTTP-like status and Qdrant's JSON envelope text of one request. */
export interface RawResponse {
  status: number;
  body: string;
  /** For errors: a stable machine-readable code (e.g. "dimension_mismatch"). */
  code?: string;
}

/** `searchFlat`'s answer: ids and their reported scores, best first. */
export interface FlatHits {
  ids: PointId[];
  scores: Float32Array;
}

/** An in-memory Qdrant: collections, points and queries, answered in this thread. */
export declare class Database {
  /** Throws in the browser/slim entries until `init()` has resolved. `name`: what budget
   *  errors call this database (default "database N"). */
  constructor(options?: { name?: string });
  /**
   * A database kept in a store: restored now if the store has one, saved after every change
   * (debounced by `debounceMs`, default 300; each save atomic). Node: `name` is a file path (or
   * pass `path`). Browsers: `store: "opfs"` (default where available) or `"indexeddb"`, keyed
   * by `name`. Not available in Cloudflare Workers (keep `toBytes()` in KV/R2 instead).
   */
  static open(name: string, options?: OpenOptions): Promise<PersistentDatabase>;
  /**
   * One Qdrant REST call, e.g. `request("POST", "/collections/c/points/search", { vector, limit })`.
   * The body is sent as JSON (bigints as exact integers); returns the response envelope's
   * `result`, with integers beyond 2^53 (point ids above 2^53 − 1) as bigints.
   * @throws {SimileError} on a non-2xx status.
   */
  request<T = JsonValue>(method: string, path: string, body?: object | null): T;
  /** The same call on JSON text; never throws for request errors. */
  requestText(method: string, path: string, bodyText?: string): RawResponse;
  /**
   * Inserts or replaces points of the collection's unnamed vector. `vectors` holds
   * `ids.length` rows of the collection's dimension, row after row; `payloads`, if given, one
   * object (or null) per id.
   * @throws {SimileError}
   */
  upsertFlat(
    collection: string,
    ids: PointIds,
    vectors: Float32Array | ReadonlyArray<number>,
    payloads?: ReadonlyArray<object | null> | null,
  ): void;
  /**
   * `upsertFlat` for large inputs: chunks of `chunkRows` rows (default 10,000) with a macrotask
   * between them so a page can paint; `onProgress(done, total)` after each chunk. Each chunk is
   * one upsert: if one fails, earlier chunks stay.
   */
  upsertFlatChunked(
    collection: string,
    ids: PointIds,
    vectors: Float32Array | ReadonlyArray<number>,
    payloads?: ReadonlyArray<object | null> | null,
    options?: { chunkRows?: number; onProgress?: (done: number, total: number) => void },
  ): Promise<void>;
  /**
   * Sets sparse vector `name` of existing points without JSON: point `ids[i]` gets
   * `indices[offsets[i]..offsets[i + 1]]` and the same slice of `values` (`offsets` has
   * `ids.length + 1` ascending entries). Like `PUT /points/vectors`: a missing point is 404,
   * all or nothing.
   * @throws {SimileError}
   */
  setSparseFlat(
    collection: string,
    name: string,
    ids: PointIds,
    offsets: Uint32Array,
    indices: Uint32Array,
    values: Float32Array,
  ): void;
  /**
   * The `limit` nearest points to `vector` (unnamed vector), optionally restricted by a Qdrant
   * filter object. Scores are the ones Qdrant reports.
   * @throws {SimileError}
   */
  searchFlat(
    collection: string,
    vector: Float32Array | ReadonlyArray<number>,
    limit: number,
    filter?: object | null,
  ): FlatHits;
  /** A database restored from `toBytes()` output; the bytes are validated (checksums,
   *  bounds, invariants) before use. @throws {SimileError} status 400 on invalid bytes. */
  static fromBytes(bytes: Uint8Array | ArrayBuffer): Database;
  /** Every collection and alias as snapshot bytes (versioned, checksummed). */
  toBytes(): Uint8Array;
  /** One collection as snapshot bytes. @throws {SimileError} 404 for an unknown collection. */
  collectionToBytes(name: string): Uint8Array;
  /** Adds or replaces collection `name` from `collectionToBytes()` output (validated first).
   *  @throws {SimileError} 400 on invalid bytes, 507 beyond the memory budget. */
  loadCollection(name: string, bytes: Uint8Array | ArrayBuffer): void;
  /** Largest accepted request body in bytes (default 32 MiB, as Qdrant); bigger bodies answer
   *  400 "JSON payload … is larger than allowed". */
  setMaxRequestBytes(bytes: number): void;
  /** Sets the memory budget of the whole wasm instance, shared by every database in it (the
   *  same as the module's `setMemoryBudget`; default 1 GiB, 96 MiB in the Workers entry);
   *  upserts beyond it fail with status 507 and change nothing. */
  setMemoryBudget(bytes: number): void;
  /** The budget shared by every database of this wasm instance. */
  memoryBudget(): number;
  /** Approximate bytes held by this database's collections: vectors, payloads, bookkeeping. */
  memoryBytes(): number;
  /** The name budget errors give this database: `{ name }` at construction, the name given
   *  to `Database.open`, else "database N". */
  name(): string;
  setName(name: string): void;
  /**
   * Builds the HNSW graphs of `collection` (each dense vector with `m` > 0; Qdrant's indexing
   * optimizer, run when asked), `chunkPoints` points at a time (default 2,048) with a macrotask
   * between chunks so a page can paint. Resolves when complete; upserts then keep the graphs
   * linked. Until built, queries scan exactly. @throws {SimileError} 404 for an unknown collection.
   */
  optimize(
    collection: string,
    options?: { chunkPoints?: number; onProgress?: (done: number, total: number) => void },
  ): Promise<void>;
  /** `optimize` in one blocking call. @throws {SimileError} 404 for an unknown collection. */
  optimizeSync(collection: string, onProgress?: (done: number, total: number) => void): void;
  /** Benchmark baseline: one bare kernel pass over the unnamed vector's rows (sum of dots). */
  bareScan(collection: string, vector: Float32Array | ReadonlyArray<number>): number;
  /** Releases the database's wasm memory; later calls throw. Idempotent. */
  free(): void;
  [Symbol.dispose](): void;
}

/** True once the wasm instance has trapped: the data of every Database in it is lost, and
 *  every later call throws a `SimileInstanceLostError` saying so. */
export declare function instanceLost(): boolean;

/** The memory budget shared by every database of this wasm instance (a Worker isolate, a
 *  page): default 1 GiB, 96 MiB in the Workers entry. */
export declare function memoryBudget(): number;

/** Sets the budget shared by every database of this wasm instance; a write that would pass it
 *  fails with status 507 ("Memory budget exceeded: database \"…\" needs …") and changes nothing. */
export declare function setMemoryBudget(bytes: number): void;

/** Approximate bytes held by all live databases of this wasm instance together. */
export declare function totalMemoryBytes(): number;

/** Loads the wasm module (SIMD when the engine supports it). Idempotent. Required before use
 *  in the browser/default entry; optional in Node and workerd, which load on first use. */
export declare function init(input?: InitInput): Promise<void>;

/** True when the loaded artifact uses the simd128 kernels. */
export declare function simdEnabled(): boolean;

/** Where `loadModel` reads a model file from: its bytes, a URL (in Node also a file path) or a
 *  fetch `Response`. */
export type ModelSource = Uint8Array | ArrayBuffer | URL | string | Response;

/** What `loadModel` reports: the model's name (lowercase), its output dimension and the
 *  memory its parameters hold. */
export interface ModelInfo {
  name: string;
  dim: number;
  bytes: number;
}

/** Loads a model file (made by `scripts/fetch-model.sh`) into this wasm instance, shared by
 *  every Database. Afterwards `{ "text": "...", "model": "sentence-transformers/all-MiniLM-L6-v2" }`
 *  works wherever a dense vector does. @throws {SimileError} 400 for a truncated or corrupt file. */
export declare function loadModel(source: ModelSource | Promise<ModelSource>): Promise<ModelInfo>;

/** Whether `name` (compared case-insensitively) is the loaded model. */
export declare function modelLoaded(name: string): boolean;

/** The unit-length embedding of `text` (384 floats for MiniLM), as requests compute it.
 *  @throws {SimileError} 400 when the model is not loaded. */
export declare function embed(text: string, model?: string): Float32Array;

/** True when this engine validates wasm simd128 (what the loader uses to pick the artifact). */
export declare function simdSupported(): boolean;

// QdrantClient: the API of @qdrant/js-client-rest, answered by a local Database.
export * from "./client.js";

export interface OpenOptions {
  store?: "file" | "opfs" | "indexeddb";
  /** Node: the file (default: `name`). */
  path?: string;
  /** Quiet time after the last change before saving (ms, default 300). */
  debounceMs?: number;
  /** Called when a background save fails; the changes stay pending and `flush()` rejects. */
  onError?: (err: unknown) => void;
}

/** A `Database` that saves itself (see `Database.open`). */
export declare class PersistentDatabase extends Database {
  /** Saves pending changes now. */
  flush(): Promise<void>;
  /** Flushes, then frees the database. */
  close(): Promise<void>;
}
