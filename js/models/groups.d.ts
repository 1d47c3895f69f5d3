// Grouped queries: `POST /points/query/groups`, and the pre-`query` `/points/search/groups` and
// `/points/recommend/groups` (Qdrant 1.19 still serves them; the 1.18 client has their methods).

import type { ShardKeySelector } from "./basics.js";
import type { Filter } from "./filters.js";
import type { Record, ScoredPoint, WithPayloadInterface, WithVector } from "./points.js";
import type {
  LookupLocation, NamedVectorStruct, Prefetch, QueryInterface, RecommendExample, RecommendStrategy, SearchParams,
} from "./queries.js";

/** Attach to each group the point of another collection whose id is the group's value. */
export type WithLookup = {
  collection: string;
  /** Default: the whole payload. */
  with_payload?: WithPayloadInterface | null;
  with_vectors?: WithVector | null;
};
export type WithLookupInterface = string | WithLookup;
export type GroupId = number | string;

export type QueryGroupsRequest = {
  shard_key?: ShardKeySelector | null;
  prefetch?: Prefetch | Prefetch[] | null;
  query?: QueryInterface | null;
  using?: string | null;
  filter?: Filter | null;
  params?: SearchParams | null;
  score_threshold?: number | null;
  with_vector?: WithVector | null;
  with_payload?: WithPayloadInterface | null;
  lookup_from?: LookupLocation | null;
  /** A payload field holding strings or integers; arrays put a point in several groups. */
  group_by: string;
  /** Points per group, default 3. */
  group_size?: number | null;
  /** Groups, default 10. */
  limit?: number | null;
  with_lookup?: WithLookupInterface | null;
};
export type SearchGroupsRequest = {
  shard_key?: ShardKeySelector | null;
  vector: NamedVectorStruct;
  filter?: Filter | null;
  params?: SearchParams | null;
  with_payload?: WithPayloadInterface | null;
  with_vector?: WithVector | null;
  score_threshold?: number | null;
  group_by: string;
  group_size: number;
  limit: number;
  with_lookup?: WithLookupInterface | null;
};
export type RecommendGroupsRequest = {
  shard_key?: ShardKeySelector | null;
  positive?: RecommendExample[];
  negative?: RecommendExample[];
  strategy?: RecommendStrategy | null;
  filter?: Filter | null;
  params?: SearchParams | null;
  with_payload?: WithPayloadInterface | null;
  with_vector?: WithVector | null;
  score_threshold?: number | null;
  using?: string | null;
  lookup_from?: LookupLocation | null;
  group_by: string;
  group_size: number;
  limit: number;
  with_lookup?: WithLookupInterface | null;
};
export type PointGroup = {
  hits: ScoredPoint[];
  id: GroupId;
  lookup?: Record | null;
};
export type GroupsResult = {
  groups: PointGroup[];
};
