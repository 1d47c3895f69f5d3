// `QdrantClient`: the API of `@qdrant/js-client-rest` (1.19, plus the search/recommend/discover
// methods of 1.18 and earlier), answered by a local simile `Database` instead of a server.
//
// Each method builds the REST call the official client sends (its defaults included, the query
// parameters `wait`, `ordering`, `timeout`, `consistency` dropped), runs it synchronously on the
// database, and returns a promise of the response's `result`. Failures reject with an `ApiError`
// shaped like the official one: `status`, `statusText`, `data` (`{ status: { error } }`),
// `headers`, `url`, and `message` = the status text (for 501, simile's explanation instead).

import { Database } from "./core.js";

// ------------------------------------------------------------------------------------------
// Errors (the official client's classes and their observable shape)

const STATUS_TEXT = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
  507: "Insufficient Storage",
};

/** A non-2xx answer, like `@qdrant/openapi-typescript-fetch`'s `ApiError` the official client
 *  throws: `message` is the status text (`"Not Found"`), Qdrant's message is in
 *  `data.status.error`. For 501 (a feature simile lacks) the message is that explanation. */
export class ApiError extends Error {
  constructor(response) {
    super(response.statusText);
    Object.setPrototypeOf(this, new.target.prototype);
    this.headers = response.headers;
    this.url = response.url;
    this.status = response.status;
    this.statusText = response.statusText;
    this.data = response.data;
  }

  getActualType() {
    return { status: this.status, data: this.data };
  }
}

class CustomError extends Error {
  constructor(message) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export class QdrantClientUnexpectedResponseError extends CustomError {
  static forResponse(response) {
    const reason = response.statusText ? `(${response.statusText})` : "(Unrecognized Status Code)";
    const data = response.data ? JSON.stringify(response.data, null, 2) : null;
    const content = data === null ? "" : data.length <= 200 ? data : `${data.slice(0, -4)} ...`;
    return new QdrantClientUnexpectedResponseError(
      `Unexpected Response: ${`${response.status} ${reason}`.trim()}\nRaw response content:\n${content}`,
    );
  }
}
export class QdrantClientConfigError extends CustomError {}
export class QdrantClientTimeoutError extends CustomError {}
export class QdrantClientResourceExhaustedError extends CustomError {
  constructor(message, retryAfter) {
    super(message);
    this.retry_after = Number(retryAfter);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

function jsonHeaders() {
  return typeof Headers === "function" ? new Headers({ "content-type": "application/json" }) : undefined;
}

function apiError(status, data, url, explanation) {
  const statusText = STATUS_TEXT[status] ?? "";
  const err = new ApiError({ headers: jsonHeaders(), url, status, statusText, data });
  if (status === 501 && explanation) err.message = explanation;
  return err;
}

/** What a method simile lacks throws (as a rejected promise): an `ApiError` with status 501. */
function unsupported(method) {
  const message = `\`${method}\` is not supported by simile yet`;
  return apiError(501, { status: { error: message }, time: 0 }, "", message);
}

// ------------------------------------------------------------------------------------------
// JSON: bigints in and out, as the official client (where the engine has `JSON.rawJSON`)

const rawJSON = typeof JSON.rawJSON === "function" ? JSON.rawJSON : null;
const BIG = "\u0000bigint:";

function stringify(body) {
  if (rawJSON !== null) {
    return JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? rawJSON(String(v)) : v));
  }
  let big = false;
  const text = JSON.stringify(body, (_k, v) => {
    if (typeof v !== "bigint") return v;
    big = true;
    return `${BIG}${v}\u0000`;
  });
  return big ? text.replace(/"\\u0000bigint:(-?\d+)\\u0000"/g, "$1") : text;
}

/** JSON text → value; unsafe integers become bigints where `JSON.parse` exposes the source. */
const parse = rawJSON === null ? (text) => JSON.parse(text) : (text) => JSON.parse(text, reviver);

function reviver(_k, v, context) {
  if (typeof v === "number" && Number.isInteger(v) && !Number.isSafeInteger(v) && context?.source) {
    try {
      return BigInt(context.source);
    } catch {
      return v;
    }
  }
  return v;
}

// ------------------------------------------------------------------------------------------
// Loading (browser entry: the wasm module loads on the first call, or via `create`)

let initHook = null;

/** Entries that load asynchronously register their `init` here (not part of the public API). */
export function setClientInit(init) {
  initHook = init;
}

/** Runs `fn` with `headers` as context headers of the official client; here they have no
 *  effect, `fn` just runs. */
export function withHeaders(_headers, fn) {
  return fn();
}

const READ_QUERY = ["consistency", "timeout"];
const WRITE_QUERY = ["wait", "ordering", "timeout"];

/** `args` without `drop` keys and without undefined values, plus `defaults` where unset. */
function bodyOf(args, drop, defaults) {
  const body = { ...defaults };
  for (const [k, v] of Object.entries(args ?? {})) {
    if (!drop.includes(k) && v !== undefined) body[k] = v;
  }
  return body;
}

/** Only the listed keys of `args` (the fields the official client forwards), with defaults. */
function pick(args, keys, defaults) {
  const body = { ...defaults };
  for (const k of keys) {
    if (args?.[k] !== undefined) body[k] = args[k];
  }
  return body;
}

/** A collection name or field as one path segment (the router does not percent-decode). */
function seg(name) {
  return String(name).replace(/[/?#%]/g, encodeURIComponent);
}

const coll = (name) => `/collections/${seg(name)}`;

const CREATE_FIELDS = [
  "vectors", "hnsw_config", "on_disk_payload", "optimizers_config", "quantization_config",
  "replication_factor", "shard_number", "sharding_method", "wal_config", "write_consistency_factor",
  "sparse_vectors", "strict_mode_config", "payload", "metadata",
];
const QUERY_FIELDS = [
  "shard_key", "prefetch", "query", "using", "filter", "params", "score_threshold", "limit", "offset",
  "with_vector", "with_payload", "lookup_from",
];

export class QdrantClient {
  #db = null;
  #opening = null;

  /** Accepts the official client's options (`url`, `host`, `port`, `apiKey`, `https`, `prefix`,
   *  `headers`, `timeout`, `maxConnections`, `checkCompatibility`) and ignores them; `database`
   *  shares an existing simile `Database` between clients. */
  constructor(options = {}) {
    const database = options?.database;
    if (database !== undefined && database !== null) {
      this.#db = database;
    } else {
      try {
        this.#db = new Database();
      } catch {
        this.#db = null; // not loaded yet (browser): the first call loads it
      }
    }
  }

  /** A client whose wasm module is loaded: `await QdrantClient.create()` in the browser. */
  static async create(options = {}) {
    const client = new QdrantClient(options);
    await client.#open();
    return client;
  }

  /** The simile `Database` this client answers from (shareable via `{ database }`). */
  get database() {
    if (this.#db === null) this.#db = new Database();
    return this.#db;
  }

  #open() {
    if (this.#db !== null) return Promise.resolve(this.#db);
    this.#opening ??= (async () => {
      try {
        if (initHook !== null) await initHook();
        this.#db ??= new Database();
        return this.#db;
      } finally {
        this.#opening = null;
      }
    })();
    return this.#opening;
  }

  /** One REST call → promise of its `result`; computed now when the database is ready. */
  #call(method, path, body) {
    const run = (db) => {
      const res = db.requestText(method, path, body === undefined ? "" : stringify(body));
      let data;
      try {
        data = res.body ? parse(res.body) : undefined;
      } catch {
        data = res.body;
      }
      if (res.status === 200 || res.status === 201) {
        const result = data?.result;
        if (result === undefined || result === null) throw new Error("Result came uninitialized");
        return result;
      }
      const response = { status: res.status, statusText: STATUS_TEXT[res.status] ?? "", data };
      if (res.status >= 200 && res.status < 300) throw QdrantClientUnexpectedResponseError.forResponse(response);
      throw apiError(res.status, data, path, data?.status?.error);
    };
    if (this.#db !== null) {
      try {
        return Promise.resolve(run(this.#db));
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return this.#open().then(run);
  }

  // ---------------------------------------------------------------------------- collections

  getCollections() {
    return this.#call("GET", "/collections");
  }

  getCollection(collection_name) {
    return this.#call("GET", coll(collection_name));
  }

  collectionExists(collection_name) {
    return this.#call("GET", `${coll(collection_name)}/exists`);
  }

  createCollection(collection_name, args) {
    return this.#call("PUT", coll(collection_name), pick(args, CREATE_FIELDS));
  }

  async recreateCollection(collection_name, args) {
    await this.#call("DELETE", coll(collection_name));
    return this.#call("PUT", coll(collection_name), pick(args, CREATE_FIELDS));
  }

  deleteCollection(collection_name, _args) {
    return this.#call("DELETE", coll(collection_name));
  }

  updateCollection(collection_name, args) {
    return this.#call("PATCH", coll(collection_name), bodyOf(args, ["timeout"]));
  }

  createPayloadIndex(collection_name, args) {
    return this.#call("PUT", `${coll(collection_name)}/index`, pick(args, ["field_name", "field_schema"]));
  }

  deletePayloadIndex(collection_name, field_name, _args) {
    return this.#call("DELETE", `${coll(collection_name)}/index/${seg(field_name)}`);
  }

  getAliases() {
    return this.#call("GET", "/aliases");
  }

  getCollectionAliases(collection_name) {
    return this.#call("GET", `${coll(collection_name)}/aliases`);
  }

  updateCollectionAliases(args) {
    return this.#call("POST", "/collections/aliases", pick(args, ["actions"]));
  }

  versionInfo() {
    return this.#call("GET", "/");
  }

  // ---------------------------------------------------------------------------- points

  upsert(collection_name, args) {
    return this.#call("PUT", `${coll(collection_name)}/points`, bodyOf(args, WRITE_QUERY));
  }

  retrieve(collection_name, args) {
    const body = pick(args, ["shard_key", "ids", "with_payload", "with_vector"], { with_payload: true });
    return this.#call("POST", `${coll(collection_name)}/points`, body);
  }

  delete(collection_name, args) {
    return this.#call("POST", `${coll(collection_name)}/points/delete`, bodyOf(args, WRITE_QUERY));
  }

  setPayload(collection_name, args) {
    const body = pick(args, ["payload", "points", "filter", "shard_key", "key"]);
    return this.#call("POST", `${coll(collection_name)}/points/payload`, body);
  }

  overwritePayload(collection_name, args) {
    const body = pick(args, ["payload", "points", "filter", "shard_key", "key"]);
    return this.#call("PUT", `${coll(collection_name)}/points/payload`, body);
  }

  deletePayload(collection_name, args) {
    const body = pick(args, ["keys", "points", "filter", "shard_key"]);
    return this.#call("POST", `${coll(collection_name)}/points/payload/delete`, body);
  }

  clearPayload(collection_name, args) {
    return this.#call("POST", `${coll(collection_name)}/points/payload/clear`, bodyOf(args, WRITE_QUERY));
  }

  updateVectors(collection_name, args) {
    // `update_filter` is part of Qdrant's UpdateVectors; the official client omits it.
    const body = pick(args, ["points", "shard_key", "update_filter"]);
    return this.#call("PUT", `${coll(collection_name)}/points/vectors`, body);
  }

  deleteVectors(collection_name, args) {
    const body = pick(args, ["points", "filter", "vector", "shard_key"]);
    return this.#call("POST", `${coll(collection_name)}/points/vectors/delete`, body);
  }

  batchUpdate(collection_name, args) {
    return this.#call("POST", `${coll(collection_name)}/points/batch`, bodyOf(args, WRITE_QUERY));
  }

  scroll(collection_name, args = {}) {
    const body = pick(args, ["shard_key", "filter", "limit", "offset", "with_payload", "with_vector", "order_by"], {
      limit: 10,
      with_payload: true,
      with_vector: false,
    });
    return this.#call("POST", `${coll(collection_name)}/points/scroll`, body);
  }

  count(collection_name, args = {}) {
    const body = pick(args, ["shard_key", "filter", "exact"], { exact: true });
    return this.#call("POST", `${coll(collection_name)}/points/count`, body);
  }

  // ---------------------------------------------------------------------------- queries

  query(collection_name, args) {
    return this.#call("POST", `${coll(collection_name)}/points/query`, pick(args, QUERY_FIELDS));
  }

  queryBatch(collection_name, args) {
    return this.#call("POST", `${coll(collection_name)}/points/query/batch`, pick(args, ["searches"]));
  }

  // The point APIs of client ≤ 1.18 (Qdrant 1.19 still serves them), with that client's defaults.

  search(collection_name, args) {
    const keys = ["shard_key", "vector", "limit", "offset", "filter", "params", "with_payload", "with_vector", "score_threshold"];
    const body = pick(args, keys, { limit: 10, offset: 0, with_payload: true, with_vector: false });
    return this.#call("POST", `${coll(collection_name)}/points/search`, body);
  }

  searchBatch(collection_name, args) {
    return this.#call("POST", `${coll(collection_name)}/points/search/batch`, pick(args, ["searches"]));
  }

  recommend(collection_name, args) {
    const keys = [
      "shard_key", "positive", "negative", "strategy", "filter", "params", "limit", "offset", "with_payload",
      "with_vector", "score_threshold", "using", "lookup_from",
    ];
    const body = pick(args, keys, { limit: 10, offset: 0, with_payload: true, with_vector: false });
    return this.#call("POST", `${coll(collection_name)}/points/recommend`, body);
  }

  recommendBatch(collection_name, args) {
    return this.#call("POST", `${coll(collection_name)}/points/recommend/batch`, pick(args, ["searches"]));
  }

  recommend_batch(collection_name, args) {
    return this.recommendBatch(collection_name, args);
  }

  discoverPoints(collection_name, args) {
    // `filter` is part of Qdrant's DiscoverRequest; the official 1.18 client drops it.
    const keys = [
      "shard_key", "target", "context", "filter", "params", "limit", "offset", "with_payload", "with_vector",
      "using", "lookup_from",
    ];
    return this.#call("POST", `${coll(collection_name)}/points/discover`, pick(args, keys));
  }

  discoverBatchPoints(collection_name, args) {
    return this.#call("POST", `${coll(collection_name)}/points/discover/batch`, pick(args, ["searches"]));
  }
}

// Methods of the official client that simile does not implement: they exist and reject with a
// 501 `ApiError` ("`<method>` is not supported by simile yet"); `api()` throws it.
export const UNSUPPORTED_METHODS = Object.freeze([
  "queryGroups", "searchPointGroups", "recommendPointGroups", "facet", "searchMatrixPairs",
  "searchMatrixOffsets", "createVectorName", "deleteVectorName", "collectionClusterInfo",
  "updateCollectionCluster", "listSnapshots", "createSnapshot", "deleteSnapshot", "listFullSnapshots",
  "createFullSnapshot", "deleteFullSnapshot", "recoverSnapshot", "recoverShardFromSnapshot",
  "listShardSnapshots", "createShardSnapshot", "deleteShardSnapshot", "listShardKeys", "createShardKey",
  "deleteShardKey", "clusterTelemetry", "getOptimizations", "getQuotas", "updateQuotas", "lockStorage",
  "unlockStorage", "getLocks",
]);

for (const name of UNSUPPORTED_METHODS) {
  Object.defineProperty(QdrantClient.prototype, name, {
    value: { [name]() { return Promise.reject(unsupported(name)); } }[name],
    writable: true,
    configurable: true,
  });
}

Object.defineProperty(QdrantClient.prototype, "api", {
  value: function api() {
    throw unsupported("api");
  },
  writable: true,
  configurable: true,
});
