// `QdrantClient`: the API of `@qdrant/js-client-rest` (1.19, plus the search/recommend/discover
// methods of 1.18 and earlier), answered by a local simile `Database` instead of a server.
//
// Each method builds the REST call the official client sends (its defaults included, the query
// parameters `wait`, `ordering`, `timeout`, `consistency` dropped), runs it synchronously on the
// database, and returns a promise of the response's `result`. Failures reject with an `ApiError`
// shaped like the official one: `status`, `statusText`, `data` (`{ status: { error } }`),
// `headers`, `url`, and `message` = the status text (for 501, simile's explanation instead).

import { apiError, unsupported } from "./client-errors.js";
import { bodyOf, CALL, coll, CREATE_FIELDS, GROUP_FIELDS, MATRIX_FIELDS, pick, QUERY_FIELDS, seg, WRITE_QUERY } from "./client-body.js";
import { LEGACY_METHODS } from "./client-legacy.js";
import { Database, exchange } from "./core.js";
import { hintFor } from "./hints.js";
import { parse } from "./json.js";

export {
  ApiError,
  QdrantClientConfigError,
  QdrantClientResourceExhaustedError,
  QdrantClientTimeoutError,
  QdrantClientUnexpectedResponseError,
} from "./client-errors.js";

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

/** The `result` of one REST call on `db`, or the `ApiError` the official client would throw. */
function answer(db, method, path, body) {
  const res = exchange(db, method, path, body);
  if (res.error !== undefined) {
    const data = { status: { error: res.error }, time: res.time };
    const err = apiError(res.status, data, path, res.error);
    const hint = hintFor(res.error, { method, path, body, db });
    if (hint !== undefined) err.hint = hint;
    throw err;
  }
  const result = parse(res.result);
  if (result === undefined || result === null) throw new Error("Result came uninitialized");
  return result;
}

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
    if (this.#db !== null) {
      try {
        return Promise.resolve(answer(this.#db, method, path, body));
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return this.#open().then((db) => answer(db, method, path, body));
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

  /** Counts points per value of an indexed payload key (Qdrant `POST /collections/{name}/facet`). */
  facet(collection_name, args = {}) {
    return this.#call("POST", `${coll(collection_name)}/facet`, pick(args, ["shard_key", "key", "limit", "filter", "exact"]));
  }

  /** The distance matrix of a random sample as `{a, b, score}` pairs (Qdrant
   *  `POST /collections/{name}/points/search/matrix/pairs`). */
  searchMatrixPairs(collection_name, args = {}) {
    return this.#call("POST", `${coll(collection_name)}/points/search/matrix/pairs`, pick(args, MATRIX_FIELDS));
  }

  /** The same matrix in coordinate form (`.../search/matrix/offsets`). */
  searchMatrixOffsets(collection_name, args = {}) {
    return this.#call("POST", `${coll(collection_name)}/points/search/matrix/offsets`, pick(args, MATRIX_FIELDS));
  }

  // ---------------------------------------------------------------------------- queries

  query(collection_name, args) {
    return this.#call("POST", `${coll(collection_name)}/points/query`, pick(args, QUERY_FIELDS));
  }

  /** Groups of the best points by a payload field (`POST /points/query/groups`). */
  queryGroups(collection_name, args) {
    const body = pick(args, [...QUERY_FIELDS.filter((k) => k !== "offset" && k !== "limit"), ...GROUP_FIELDS]);
    return this.#call("POST", `${coll(collection_name)}/points/query/groups`, body);
  }

  queryBatch(collection_name, args) {
    return this.#call("POST", `${coll(collection_name)}/points/query/batch`, pick(args, ["searches"]));
  }

  /** The call every method ends in (for the methods defined in client-legacy.js). */
  [CALL](method, path, body) {
    return this.#call(method, path, body);
  }

}

// Methods of the official client that simile does not implement: they exist and reject with a
// 501 `ApiError` ("`<method>` is not supported by simile yet"); `api()` throws it.
export const UNSUPPORTED_METHODS = Object.freeze([
  "createVectorName", "deleteVectorName", "collectionClusterInfo",
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

for (const [name, value] of Object.entries(LEGACY_METHODS)) {
  Object.defineProperty(QdrantClient.prototype, name, { value, writable: true, configurable: true });
}

Object.defineProperty(QdrantClient.prototype, "api", {
  value: function api() {
    throw unsupported("api");
  },
  writable: true,
  configurable: true,
});
