// The point APIs of `@qdrant/js-client-rest` ≤ 1.18 (Qdrant 1.19 still serves them), with that
// client's defaults: installed on `QdrantClient.prototype` by js/client.js.
import { CALL, coll, GROUP_FIELDS, pick } from "./client-body.js";

export const LEGACY_METHODS = {
  search(collection_name, args) {
    const keys = ["shard_key", "vector", "limit", "offset", "filter", "params", "with_payload", "with_vector", "score_threshold"];
    const body = pick(args, keys, { limit: 10, offset: 0, with_payload: true, with_vector: false });
    return this[CALL]("POST", `${coll(collection_name)}/points/search`, body);
  },

  searchBatch(collection_name, args) {
    return this[CALL]("POST", `${coll(collection_name)}/points/search/batch`, pick(args, ["searches"]));
  },

  recommend(collection_name, args) {
    const keys = [
      "shard_key", "positive", "negative", "strategy", "filter", "params", "limit", "offset", "with_payload",
      "with_vector", "score_threshold", "using", "lookup_from",
    ];
    const body = pick(args, keys, { limit: 10, offset: 0, with_payload: true, with_vector: false });
    return this[CALL]("POST", `${coll(collection_name)}/points/recommend`, body);
  },

  recommendBatch(collection_name, args) {
    return this[CALL]("POST", `${coll(collection_name)}/points/recommend/batch`, pick(args, ["searches"]));
  },

  recommend_batch(collection_name, args) {
    return this.recommendBatch(collection_name, args);
  },

  discoverPoints(collection_name, args) {
    // `filter` is part of Qdrant's DiscoverRequest; the official 1.18 client drops it.
    const keys = [
      "shard_key", "target", "context", "filter", "params", "limit", "offset", "with_payload", "with_vector",
      "using", "lookup_from",
    ];
    return this[CALL]("POST", `${coll(collection_name)}/points/discover`, pick(args, keys));
  },

  searchPointGroups(collection_name, args) {
    const keys = ["shard_key", "vector", "filter", "params", "with_payload", "with_vector", "score_threshold", ...GROUP_FIELDS];
    return this[CALL]("POST", `${coll(collection_name)}/points/search/groups`, pick(args, keys));
  },

  recommendPointGroups(collection_name, args) {
    const keys = [
      "shard_key", "positive", "negative", "strategy", "filter", "params", "with_payload", "with_vector",
      "score_threshold", "using", "lookup_from", ...GROUP_FIELDS,
    ];
    return this[CALL]("POST", `${coll(collection_name)}/points/recommend/groups`, pick(args, keys));
  },

  discoverBatchPoints(collection_name, args) {
    return this[CALL]("POST", `${coll(collection_name)}/points/discover/batch`, pick(args, ["searches"]));
  },
};
