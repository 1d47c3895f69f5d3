// How `QdrantClient` turns the official client's arguments into REST paths and bodies: which
// fields it forwards, which query parameters it drops, and the defaults it adds.

/** Query parameters of write calls (`wait`, `ordering`, `timeout`): dropped, the database
 *  answers synchronously. */
export const WRITE_QUERY = ["wait", "ordering", "timeout"];

export const CREATE_FIELDS = [
  "vectors", "hnsw_config", "on_disk_payload", "optimizers_config", "quantization_config",
  "replication_factor", "shard_number", "sharding_method", "wal_config", "write_consistency_factor",
  "sparse_vectors", "strict_mode_config", "payload", "metadata",
];

export const QUERY_FIELDS = [
  "shard_key", "prefetch", "query", "using", "filter", "params", "score_threshold", "limit", "offset",
  "with_vector", "with_payload", "lookup_from",
];

/** The method of `QdrantClient` that runs one REST call (used by js/client-legacy.js). */
export const CALL = Symbol("simile.call");

/** What a grouped request adds to its plain twin. */
export const GROUP_FIELDS = ["group_by", "group_size", "limit", "with_lookup"];

/** The body of `searchMatrixPairs` / `searchMatrixOffsets` (`SearchMatrixRequest`). */
export const MATRIX_FIELDS = ["shard_key", "filter", "sample", "limit", "using"];

/** `args` without `drop` keys and without undefined values, plus `defaults` where unset. */
export function bodyOf(args, drop, defaults) {
  const body = { ...defaults };
  for (const [k, v] of Object.entries(args ?? {})) {
    if (!drop.includes(k) && v !== undefined) body[k] = v;
  }
  return body;
}

/** Only the listed keys of `args` (the fields the official client forwards), with defaults. */
export function pick(args, keys, defaults) {
  const body = { ...defaults };
  for (const k of keys) {
    if (args?.[k] !== undefined) body[k] = args[k];
  }
  return body;
}

/** A collection name or field as one path segment (the router does not percent-decode). */
export function seg(name) {
  return String(name).replace(/[/?#%]/g, encodeURIComponent);
}

/** The path of collection `name`. */
export const coll = (name) => `/collections/${seg(name)}`;
