// Qdrant REST models (v1.19), part of js/models.d.ts: point writes and reads, stored and
// scored points.

import type {
  BatchVectorStruct, ExtendedPointId, Payload, ShardKey, ShardKeySelector, VectorStruct,
  VectorStructOutput,
} from "./basics.js";
import type { Filter } from "./filters.js";

export type PayloadSelectorInclude = {
  include: string[];
};
export type PayloadSelectorExclude = {
  exclude: string[];
};
export type PayloadSelector = PayloadSelectorInclude | PayloadSelectorExclude;
export type WithPayloadInterface = boolean | string[] | PayloadSelector;
export type WithVector = boolean | string[];
export type UpdateMode = "upsert" | "insert_only" | "update_only";

export type PointStruct = {
  id: ExtendedPointId;
  vector: VectorStruct;
  payload?: Payload | null;
};
export type Batch = {
  ids: ExtendedPointId[];
  vectors: BatchVectorStruct;
  payloads?: (Payload | null)[] | null;
};
export type PointsList = {
  points: PointStruct[];
  shard_key?: ShardKeySelector | null;
  update_filter?: Filter | null;
  update_mode?: UpdateMode | null;
};
export type PointsBatch = {
  batch: Batch;
  shard_key?: ShardKeySelector | null;
  update_filter?: Filter | null;
  update_mode?: UpdateMode | null;
};
export type PointInsertOperations = PointsBatch | PointsList;
export type PointIdsList = {
  points: ExtendedPointId[];
  shard_key?: ShardKeySelector | null;
};
export type FilterSelector = {
  filter: Filter;
  shard_key?: ShardKeySelector | null;
};
export type PointsSelector = PointIdsList | FilterSelector;
export type PointRequest = {
  shard_key?: ShardKeySelector | null;
  ids: ExtendedPointId[];
  with_payload?: WithPayloadInterface | null;
  with_vector?: WithVector;
};
export type SetPayload = {
  payload: Payload;
  points?: ExtendedPointId[] | null;
  filter?: Filter | null;
  shard_key?: ShardKeySelector | null;
  /** Sets the payload under this JSON path instead of at the top level. */
  key?: string | null;
};
export type DeletePayload = {
  keys: string[];
  points?: ExtendedPointId[] | null;
  filter?: Filter | null;
  shard_key?: ShardKeySelector | null;
};
export type PointVectors = {
  id: ExtendedPointId;
  vector: VectorStruct;
};
export type UpdateVectors = {
  points: PointVectors[];
  shard_key?: ShardKeySelector | null;
  update_filter?: Filter | null;
};
export type DeleteVectors = {
  points?: ExtendedPointId[] | null;
  filter?: Filter | null;
  /** Vector names; `""` is the unnamed vector. */
  vector: string[];
  shard_key?: ShardKeySelector | null;
};
export type UpsertOperation = {
  upsert: PointInsertOperations;
};
export type DeleteOperation = {
  delete: PointsSelector;
};
export type SetPayloadOperation = {
  set_payload: SetPayload;
};
export type OverwritePayloadOperation = {
  overwrite_payload: SetPayload;
};
export type DeletePayloadOperation = {
  delete_payload: DeletePayload;
};
export type ClearPayloadOperation = {
  clear_payload: PointsSelector;
};
export type UpdateVectorsOperation = {
  update_vectors: UpdateVectors;
};
export type DeleteVectorsOperation = {
  delete_vectors: DeleteVectors;
};
export type UpdateOperation =
  | UpsertOperation
  | DeleteOperation
  | SetPayloadOperation
  | OverwritePayloadOperation
  | DeletePayloadOperation
  | ClearPayloadOperation
  | UpdateVectorsOperation
  | DeleteVectorsOperation;
export type UpdateOperations = {
  operations: UpdateOperation[];
};
export type UpdateStatus = "acknowledged" | "completed" | "wait_timeout";
export type UpdateResult = {
  operation_id?: number | null;
  status: UpdateStatus;
};
export type OrderValue = number;
/** A stored point (`retrieve`, `scroll`). */
export type Record = {
  id: ExtendedPointId;
  payload?: Payload | null;
  vector?: VectorStructOutput | null;
  shard_key?: ShardKey | null;
  order_value?: OrderValue | null;
};
/** A point of a search/query result. */
export type ScoredPoint = {
  id: ExtendedPointId;
  version: number;
  score: number;
  payload?: Payload | null;
  vector?: VectorStructOutput | null;
  shard_key?: ShardKey | null;
  order_value?: OrderValue | null;
};
export type Direction = "asc" | "desc";
export type StartFrom = number | string;
/** Order by a payload field with an integer, float or datetime index; `start_from` is inclusive. A point is listed once per distinct value it has. */
export type OrderBy = {
  key: string;
  direction?: Direction | null;
  start_from?: StartFrom | null;
};
export type OrderByInterface = string | OrderBy;
export type ScrollRequest = {
  shard_key?: ShardKeySelector | null;
  offset?: ExtendedPointId | null;
  limit?: number | null;
  filter?: Filter | null;
  with_payload?: WithPayloadInterface | null;
  with_vector?: WithVector;
  /** No `offset` with it; `next_page_offset` is then always null (page with `start_from`). */
  order_by?: OrderByInterface | null;
};
export type ScrollResult = {
  points: Record[];
  next_page_offset?: ExtendedPointId | null;
};
export type CountRequest = {
  shard_key?: ShardKeySelector | null;
  filter?: Filter | null;
  exact?: boolean;
};
export type CountResult = {
  count: number;
};
/** `POST /collections/{name}/facet`; `limit` defaults to 10 (minimum 1). simile always counts
 * exactly, so `exact` changes nothing. */
export type FacetRequest = {
  shard_key?: ShardKeySelector | null;
  key: string;
  limit?: number | null;
  filter?: Filter | null;
  exact?: boolean | null;
};
/** A keyword or UUID (as a string), an integer or a boolean. */
export type FacetValue = string | number | boolean;
export type FacetValueHit = {
  value: FacetValue;
  count: number;
};
/** Hits by count, descending, then by value, ascending. */
export type FacetResponse = {
  hits: FacetValueHit[];
};
/** `POST /collections/{name}/points/search/matrix/{pairs,offsets}`: `sample` (default 10,
 * minimum 2) random points passing `filter` that have the vector `using`, each with its `limit`
 * (default 3, minimum 1) nearest others among the sample. */
export type SearchMatrixRequest = {
  shard_key?: ShardKeySelector | null;
  filter?: Filter | null;
  sample?: number | null;
  limit?: number | null;
  using?: string | null;
};
/** Pair of points (a, b) with score. */
export type SearchMatrixPair = {
  a: ExtendedPointId;
  b: ExtendedPointId;
  score: number;
};
/** Rows in the order of the sampled ids (ascending), each best first. */
export type SearchMatrixPairsResponse = {
  pairs: SearchMatrixPair[];
};
/** The same matrix in coordinate form: `offsets_row[k]`, `offsets_col[k]` index `ids`. */
export type SearchMatrixOffsetsResponse = {
  offsets_row: number[];
  offsets_col: number[];
  scores: number[];
  ids: ExtendedPointId[];
};
