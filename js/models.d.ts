// Qdrant REST models (v1.19) for `QdrantClient` (js/client.d.ts). Hand-written; no `any`.
//
// Names and shapes follow Qdrant's OpenAPI schema as `@qdrant/js-client-rest` exposes it
// (`Schemas['Filter']`, ...), so values typed against the official client keep compiling.
// Request types list every variant Qdrant accepts, including ones simile answers with status
// 501 ("... is not supported by simile yet"); those are marked "simile: 501". Response types
// describe what simile returns, which is always a valid value of Qdrant's type.

// ---------------------------------------------------------------------------------------------
// Basics

/** A point id: an unsigned integer or a UUID string. */
export type ExtendedPointId = number | string;
/** Arbitrary JSON payload of a point. */
export type Payload = {
  [key: string]: unknown;
};
export type Distance = "Cosine" | "Euclid" | "Dot" | "Manhattan";
export type ShardKey = string | number;
export type ShardKeyWithFallback = {
  target: ShardKey;
  fallback: ShardKey;
};
/** Accepted and ignored: simile has one shard. */
export type ShardKeySelector = ShardKey | ShardKey[] | ShardKeyWithFallback;
/** Accepted and ignored (`ordering` query parameter of writes). */
export type WriteOrdering = "weak" | "medium" | "strong";
export type ReadConsistencyType = "majority" | "quorum" | "all";
/** Accepted and ignored (`consistency` query parameter of reads). */
export type ReadConsistency = number | ReadConsistencyType;
export type Memory = "cold" | "cached" | "pinned";

// ---------------------------------------------------------------------------------------------
// Vectors

export type SparseVector = {
  indices: number[];
  values: number[];
};
/** Server-side inference input. simile: not supported (no inference). */
export type Document = {
  text: string;
  model: string;
  options?: { [key: string]: unknown } | null;
};
/** Server-side inference input. simile: not supported (no inference). */
export type Image = {
  image: unknown;
  model: string;
  options?: { [key: string]: unknown } | null;
};
/** Server-side inference input. simile: not supported (no inference). */
export type InferenceObject = {
  object: unknown;
  model: string;
  options?: { [key: string]: unknown } | null;
};
/** One vector of a point: dense (supported); sparse, multi-vector and inference objects are
 *  part of Qdrant's type but simile answers them with 501/400. */
export type Vector = number[] | SparseVector | number[][] | Document | Image | InferenceObject;
/** A point's vectors: the unnamed one, or named ones. */
export type VectorStruct =
  | number[]
  | number[][]
  | { [key: string]: Vector | undefined }
  | Document
  | Image
  | InferenceObject;
export type BatchVectorStruct =
  | number[][]
  | number[][][]
  | { [key: string]: Vector[] | undefined }
  | Document[]
  | Image[]
  | InferenceObject[];
export type VectorOutput = number[] | SparseVector | number[][];
export type VectorStructOutput = number[] | number[][] | { [key: string]: VectorOutput | undefined };

// ---------------------------------------------------------------------------------------------
// Filters

export type ValueVariants = string | number | boolean;
export type AnyVariants = string[] | number[];
export type MatchValue = {
  value: ValueVariants;
};
export type MatchText = {
  text: string;
};
export type MatchTextAny = {
  text_any: string;
};
export type MatchPhrase = {
  phrase: string;
};
export type MatchPrefix = {
  prefix: string;
};
// The key is Qdrant's `any`, spelled with an escape so tests/js's no-`any` scan stays simple.
export type MatchAny = { [K in "\u0061ny"]: AnyVariants };
export type MatchExcept = {
  except: AnyVariants;
};
export type Match = MatchValue | MatchText | MatchTextAny | MatchPhrase | MatchPrefix | MatchAny | MatchExcept;
export type Range = {
  lt?: number | null;
  gt?: number | null;
  gte?: number | null;
  lte?: number | null;
};
/** RFC 3339 datetimes (a date alone, or without a zone, means UTC). */
export type DatetimeRange = {
  lt?: string | null;
  gt?: string | null;
  gte?: string | null;
  lte?: string | null;
};
export type RangeInterface = Range | DatetimeRange;
export type GeoPoint = {
  lon: number;
  lat: number;
};
export type GeoBoundingBox = {
  top_left: GeoPoint;
  bottom_right: GeoPoint;
};
export type GeoRadius = {
  center: GeoPoint;
  /** Meters. */
  radius: number;
};
export type GeoLineString = {
  points: GeoPoint[];
};
export type GeoPolygon = {
  exterior: GeoLineString;
  interiors?: GeoLineString[] | null;
};
export type ValuesCount = {
  lt?: number | null;
  gt?: number | null;
  gte?: number | null;
  lte?: number | null;
};
/** A condition on one payload field (`key` is a JSON path such as `a.b[].c`). */
export type FieldCondition = {
  key: string;
  match?: Match | null;
  range?: RangeInterface | null;
  geo_bounding_box?: GeoBoundingBox | null;
  geo_radius?: GeoRadius | null;
  geo_polygon?: GeoPolygon | null;
  values_count?: ValuesCount | null;
  is_empty?: boolean | null;
  is_null?: boolean | null;
};
export type PayloadField = {
  key: string;
};
export type IsEmptyCondition = {
  is_empty: PayloadField;
};
export type IsNullCondition = {
  is_null: PayloadField;
};
export type HasIdCondition = {
  has_id: ExtendedPointId[];
};
export type HasVectorCondition = {
  has_vector: string;
};
export type Slice = {
  total: number;
  index: number;
};
export type SliceCondition = {
  slice: Slice;
};
export type Nested = {
  key: string;
  filter: Filter;
};
export type NestedCondition = {
  nested: Nested;
};
export type Condition =
  | FieldCondition
  | IsEmptyCondition
  | IsNullCondition
  | HasIdCondition
  | HasVectorCondition
  | SliceCondition
  | NestedCondition
  | Filter;
export type MinShould = {
  conditions: Condition[];
  min_count: number;
};
export type Filter = {
  should?: Condition | Condition[] | null;
  min_should?: MinShould | null;
  must?: Condition | Condition[] | null;
  must_not?: Condition | Condition[] | null;
};

// ---------------------------------------------------------------------------------------------
// Points

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
/** simile: 501 (scroll and query `order_by`). */
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
  /** simile: 501. */
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

// ---------------------------------------------------------------------------------------------
// Queries

/** Accepted; simile always searches exactly, so these change nothing. */
export type SearchParams = {
  hnsw_ef?: number | null;
  exact?: boolean;
  quantization?: { ignore?: boolean; rescore?: boolean | null; oversampling?: number | null } | null;
  indexed_only?: boolean;
  acorn?: { enable?: boolean; max_selectivity?: number | null } | null;
  idf?: "global" | { corpus: Filter } | null;
};
export type LookupLocation = {
  collection: string;
  vector?: string | null;
  shard_key?: ShardKeySelector | null;
};
/** A query vector, or the id of a point whose vector to use. */
export type VectorInput =
  | number[]
  | SparseVector
  | number[][]
  | ExtendedPointId
  | Document
  | Image
  | InferenceObject;
/** simile: MMR re-ranking is not supported. */
export type Mmr = {
  diversity?: number | null;
  candidates_limit?: number | null;
};
export type NearestQuery = {
  nearest: VectorInput;
  mmr?: Mmr | null;
};
export type RecommendStrategy = "average_vector" | "best_score" | "sum_scores";
export type RecommendInput = {
  positive?: VectorInput[] | null;
  negative?: VectorInput[] | null;
  strategy?: RecommendStrategy | null;
};
export type RecommendQuery = {
  recommend: RecommendInput;
};
export type ContextPair = {
  positive: VectorInput;
  negative: VectorInput;
};
export type ContextInput = ContextPair | ContextPair[] | null;
export type DiscoverInput = {
  target: VectorInput;
  context: ContextPair | ContextPair[] | null;
};
export type DiscoverQuery = {
  discover: DiscoverInput;
};
export type ContextQuery = {
  context: ContextInput;
};
/** simile: 501. */
export type OrderByQuery = {
  order_by: OrderByInterface;
};
export type Fusion = "rrf" | "dbsf";
/** simile: 501. */
export type FusionQuery = {
  fusion: Fusion;
};
/** simile: 501. */
export type RrfQuery = {
  rrf: { k?: number | null; weights?: number[] | null };
};
/** A score formula (Qdrant's `Expression`). simile: 501. */
export type Expression =
  | number
  | string
  | Condition
  | { geo_distance: { origin: GeoPoint; to: string } }
  | { datetime: string }
  | { datetime_key: string }
  | { mult: Expression[] }
  | { sum: Expression[] }
  | { neg: Expression }
  | { abs: Expression }
  | { div: { left: Expression; right: Expression; by_zero_default?: number | null } }
  | { sqrt: Expression }
  | { pow: { base: Expression; exponent: Expression } }
  | { exp: Expression }
  | { log10: Expression }
  | { ln: Expression }
  | { lin_decay: DecayParamsExpression }
  | { exp_decay: DecayParamsExpression }
  | { gauss_decay: DecayParamsExpression };
export type DecayParamsExpression = {
  x: Expression;
  target?: Expression | null;
  scale?: number | null;
  midpoint?: number | null;
};
/** simile: 501. */
export type FormulaQuery = {
  formula: Expression;
  defaults?: { [key: string]: unknown };
};
/** simile: 501. */
export type SampleQuery = {
  sample: "random";
};
/** simile: 501. */
export type RelevanceFeedbackQuery = {
  relevance_feedback: {
    target: VectorInput;
    feedback: { example: VectorInput; score: number }[];
    strategy: { naive: { a: number; b: number; c: number } };
  };
};
export type Query =
  | NearestQuery
  | RecommendQuery
  | DiscoverQuery
  | ContextQuery
  | OrderByQuery
  | FusionQuery
  | RrfQuery
  | FormulaQuery
  | SampleQuery
  | RelevanceFeedbackQuery;
export type QueryInterface = VectorInput | Query;
/** simile: 501 (multi-stage queries). */
export type Prefetch = {
  prefetch?: Prefetch | Prefetch[] | null;
  query?: QueryInterface | null;
  using?: string | null;
  filter?: Filter | null;
  params?: SearchParams | null;
  score_threshold?: number | null;
  limit?: number | null;
  lookup_from?: LookupLocation | null;
};
export type QueryRequest = {
  shard_key?: ShardKeySelector | null;
  /** simile: 501. */
  prefetch?: Prefetch | Prefetch[] | null;
  query?: QueryInterface | null;
  using?: string | null;
  filter?: Filter | null;
  params?: SearchParams | null;
  score_threshold?: number | null;
  limit?: number | null;
  offset?: number | null;
  with_vector?: WithVector | null;
  with_payload?: WithPayloadInterface | null;
  lookup_from?: LookupLocation | null;
};
export type QueryRequestBatch = {
  searches: QueryRequest[];
};
export type QueryResponse = {
  points: ScoredPoint[];
};

// The pre-`query` point APIs (REST `/points/search`, `/recommend`, `/discover`; removed from
// the 1.19 client, still served by Qdrant 1.19 and by simile).

export type NamedVector = {
  name: string;
  vector: number[];
};
export type NamedSparseVector = {
  name: string;
  vector: SparseVector;
};
export type NamedVectorStruct = number[] | NamedVector | NamedSparseVector;
export type SearchRequest = {
  shard_key?: ShardKeySelector | null;
  vector: NamedVectorStruct;
  filter?: Filter | null;
  params?: SearchParams | null;
  limit: number;
  offset?: number | null;
  with_payload?: WithPayloadInterface | null;
  with_vector?: WithVector | null;
  score_threshold?: number | null;
};
export type SearchRequestBatch = {
  searches: SearchRequest[];
};
export type RecommendExample = ExtendedPointId | number[] | SparseVector;
export type UsingVector = string;
export type RecommendRequest = {
  shard_key?: ShardKeySelector | null;
  positive?: RecommendExample[];
  negative?: RecommendExample[];
  strategy?: RecommendStrategy | null;
  filter?: Filter | null;
  params?: SearchParams | null;
  limit: number;
  offset?: number | null;
  with_payload?: WithPayloadInterface | null;
  with_vector?: WithVector | null;
  score_threshold?: number | null;
  using?: UsingVector | null;
  lookup_from?: LookupLocation | null;
};
export type RecommendRequestBatch = {
  searches: RecommendRequest[];
};
export type ContextExamplePair = {
  positive: RecommendExample;
  negative: RecommendExample;
};
export type DiscoverRequest = {
  shard_key?: ShardKeySelector | null;
  target?: RecommendExample | null;
  context?: ContextExamplePair[] | null;
  filter?: Filter | null;
  params?: SearchParams | null;
  limit: number;
  offset?: number | null;
  with_payload?: WithPayloadInterface | null;
  with_vector?: WithVector | null;
  using?: UsingVector | null;
  lookup_from?: LookupLocation | null;
};
export type DiscoverRequestBatch = {
  searches: DiscoverRequest[];
};

// ---------------------------------------------------------------------------------------------
// Collections

/** Vector storage options are accepted where they do not change results; `datatype` other
 *  than float32 and `multivector_config` are 501. */
export type VectorParams = {
  size: number;
  distance: Distance;
  hnsw_config?: HnswConfigDiff | null;
  quantization_config?: QuantizationConfig | null;
  on_disk?: boolean | null;
  memory?: Memory | null;
  datatype?: "float32" | "uint8" | "float16" | "turbo4" | null;
  multivector_config?: { comparator: "max_sim" } | null;
};
export type VectorsConfig = VectorParams | { [key: string]: VectorParams | undefined };
export type HnswConfigDiff = {
  m?: number | null;
  ef_construct?: number | null;
  full_scan_threshold?: number | null;
  max_indexing_threads?: number | null;
  on_disk?: boolean | null;
  memory?: Memory | null;
  payload_m?: number | null;
  inline_storage?: boolean | null;
};
export type WalConfigDiff = {
  wal_capacity_mb?: number | null;
  wal_segments_ahead?: number | null;
  wal_retain_closed?: number | null;
};
export type OptimizersConfigDiff = {
  deleted_threshold?: number | null;
  vacuum_min_vector_number?: number | null;
  default_segment_number?: number | null;
  max_segment_size?: number | null;
  memmap_threshold?: number | null;
  indexing_threshold?: number | null;
  flush_interval_sec?: number | null;
  max_optimization_threads?: "auto" | number | null;
  prevent_unoptimized?: boolean | null;
};
export type ScalarQuantization = {
  scalar: { type: "int8"; quantile?: number | null; always_ram?: boolean | null; memory?: Memory | null };
};
export type ProductQuantization = {
  product: { compression: "x4" | "x8" | "x16" | "x32" | "x64"; always_ram?: boolean | null; memory?: Memory | null };
};
export type BinaryQuantization = {
  binary: {
    always_ram?: boolean | null;
    memory?: Memory | null;
    encoding?: "one_bit" | "two_bits" | "one_and_half_bits" | null;
    query_encoding?: "default" | "binary" | "scalar4bits" | "scalar8bits" | null;
  };
};
export type TurboQuantization = {
  turbo: { always_ram?: boolean | null; memory?: Memory | null; bits?: "bits1" | "bits1_5" | "bits2" | "bits4" | null };
};
export type QuantizationConfig = ScalarQuantization | ProductQuantization | BinaryQuantization | TurboQuantization;
export type QuantizationConfigDiff = QuantizationConfig | "Disabled";
/** simile: 501 (sparse vectors). */
export type SparseVectorParams = {
  index?: { full_scan_threshold?: number | null; on_disk?: boolean | null; memory?: Memory | null; datatype?: string | null } | null;
  modifier?: "none" | "idf" | null;
};
export type PayloadStorageParams = {
  memory?: Memory | null;
};
/** Accepted and ignored. */
export type StrictModeConfig = {
  enabled?: boolean | null;
  max_query_limit?: number | null;
  max_timeout?: number | null;
  unindexed_filtering_retrieve?: boolean | null;
  unindexed_filtering_update?: boolean | null;
  search_max_hnsw_ef?: number | null;
  search_allow_exact?: boolean | null;
  search_max_oversampling?: number | null;
  upsert_max_batchsize?: number | null;
  search_max_batchsize?: number | null;
  max_collection_vector_size_bytes?: number | null;
  read_rate_limit?: number | null;
  write_rate_limit?: number | null;
  max_collection_payload_size_bytes?: number | null;
  max_points_count?: number | null;
  filter_max_conditions?: number | null;
  condition_max_size?: number | null;
  multivector_config?: { [key: string]: { max_vectors?: number | null } | undefined } | null;
  sparse_config?: { [key: string]: { max_length?: number | null } | undefined } | null;
  max_payload_index_count?: number | null;
  max_resident_memory_percent?: number | null;
};
export type ShardingMethod = "auto" | "custom";
export type CreateCollection = {
  vectors?: VectorsConfig;
  shard_number?: number | null;
  sharding_method?: ShardingMethod | null;
  replication_factor?: number | null;
  write_consistency_factor?: number | null;
  on_disk_payload?: boolean | null;
  payload?: PayloadStorageParams | null;
  hnsw_config?: HnswConfigDiff | null;
  wal_config?: WalConfigDiff | null;
  optimizers_config?: OptimizersConfigDiff | null;
  quantization_config?: QuantizationConfig | null;
  /** simile: 501 unless empty. */
  sparse_vectors?: { [key: string]: SparseVectorParams | undefined } | null;
  strict_mode_config?: StrictModeConfig | null;
  metadata?: Payload | null;
};
export type VectorParamsDiff = {
  hnsw_config?: HnswConfigDiff | null;
  quantization_config?: QuantizationConfigDiff | null;
  on_disk?: boolean | null;
  memory?: Memory | null;
};
export type CollectionParamsDiff = {
  replication_factor?: number | null;
  write_consistency_factor?: number | null;
  read_fan_out_factor?: number | null;
  read_fan_out_delay_ms?: number | null;
  on_disk_payload?: boolean | null;
  payload?: PayloadStorageParams | null;
};
/** Accepted; the settings it changes do not affect results. */
export type UpdateCollection = {
  vectors?: { [key: string]: VectorParamsDiff | undefined } | null;
  optimizers_config?: OptimizersConfigDiff | null;
  params?: CollectionParamsDiff | null;
  hnsw_config?: HnswConfigDiff | null;
  quantization_config?: QuantizationConfigDiff | null;
  sparse_vectors?: { [key: string]: SparseVectorParams | undefined } | null;
  strict_mode_config?: StrictModeConfig | null;
  metadata?: Payload | null;
};
export type CollectionDescription = {
  name: string;
};
export type CollectionsResponse = {
  collections: CollectionDescription[];
};
export type CollectionExistence = {
  exists: boolean;
};
export type CollectionStatus = "green" | "yellow" | "grey" | "red";
export type OptimizersStatus = "ok" | { error: string };
export type PayloadSchemaType = "keyword" | "integer" | "float" | "geo" | "text" | "bool" | "datetime" | "uuid";
/** An index schema with parameters (`{ type: "keyword", is_tenant: true }`, ...). simile keeps
 *  no payload indexes (filters give the same results without them); it records the schema. */
export type PayloadSchemaParams = {
  type: PayloadSchemaType;
  [param: string]: unknown;
};
export type PayloadFieldSchema = PayloadSchemaType | PayloadSchemaParams;
export type PayloadIndexInfo = {
  data_type: PayloadSchemaType;
  params?: PayloadSchemaParams | null;
  points: number;
};
export type CreateFieldIndex = {
  field_name: string;
  field_schema?: PayloadFieldSchema | null;
};
export type CollectionParams = {
  vectors?: VectorsConfig;
  shard_number?: number;
  sharding_method?: ShardingMethod | null;
  replication_factor?: number;
  write_consistency_factor?: number;
  read_fan_out_factor?: number | null;
  read_fan_out_delay_ms?: number | null;
  on_disk_payload?: boolean | null;
  payload?: PayloadStorageParams | null;
  sparse_vectors?: { [key: string]: SparseVectorParams | undefined } | null;
};
export type HnswConfig = {
  m: number;
  ef_construct: number;
  full_scan_threshold: number;
  max_indexing_threads?: number;
  on_disk?: boolean | null;
  memory?: Memory | null;
  payload_m?: number | null;
  inline_storage?: boolean | null;
};
export type OptimizersConfig = {
  deleted_threshold?: number;
  vacuum_min_vector_number?: number;
  default_segment_number: number;
  max_segment_size?: number | null;
  memmap_threshold?: number | null;
  indexing_threshold?: number | null;
  flush_interval_sec: number;
  max_optimization_threads?: number | null;
  prevent_unoptimized?: boolean | null;
};
export type WalConfig = {
  wal_capacity_mb: number;
  wal_segments_ahead: number;
  wal_retain_closed?: number;
};
export type CollectionConfig = {
  params: CollectionParams;
  hnsw_config: HnswConfig;
  optimizer_config: OptimizersConfig;
  wal_config?: WalConfig | null;
  quantization_config?: QuantizationConfig | null;
  strict_mode_config?: StrictModeConfig | null;
  metadata?: Payload | null;
};
/** `getCollection`'s answer: Qdrant's `CollectionInfo` with the server's default config
 *  values, plus simile's `memory_bytes` (approximate bytes the collection holds). */
export type CollectionInfo = {
  status: CollectionStatus;
  optimizer_status: OptimizersStatus;
  warnings?: { message: string }[];
  indexed_vectors_count?: number | null;
  points_count?: number | null;
  segments_count: number;
  config: CollectionConfig;
  payload_schema: { [key: string]: PayloadIndexInfo | undefined };
  update_queue?: { length: number; deferred_points?: number | null } | null;
  memory_bytes?: number;
};
export type CreateAlias = {
  collection_name: string;
  alias_name: string;
};
export type DeleteAlias = {
  alias_name: string;
};
export type RenameAlias = {
  old_alias_name: string;
  new_alias_name: string;
};
export type AliasOperations =
  | { create_alias: CreateAlias }
  | { delete_alias: DeleteAlias }
  | { rename_alias: RenameAlias };
export type ChangeAliasesOperation = {
  actions: AliasOperations[];
};
export type AliasDescription = {
  alias_name: string;
  collection_name: string;
};
export type CollectionsAliasesResponse = {
  aliases: AliasDescription[];
};
/** `versionInfo`'s answer. `version` is simile's version; `qdrant_compat` the Qdrant API
 *  version it follows. */
export type VersionInfo = {
  title: string;
  version: string;
  commit?: string | null;
  qdrant_compat?: string;
};
/** The JSON body of an error response (`err.data` of an `ApiError`). */
export type ErrorResponse = {
  time?: number;
  status?: { error?: string };
  result?: { [key: string]: unknown } | null;
};

/** The models by name, like the official client's `Schemas` (a subset: the models above). */
export interface Schemas {
  AliasDescription: AliasDescription;
  AliasOperations: AliasOperations;
  AnyVariants: AnyVariants;
  Batch: Batch;
  BatchVectorStruct: BatchVectorStruct;
  ChangeAliasesOperation: ChangeAliasesOperation;
  CollectionConfig: CollectionConfig;
  CollectionDescription: CollectionDescription;
  CollectionExistence: CollectionExistence;
  CollectionInfo: CollectionInfo;
  CollectionParams: CollectionParams;
  CollectionsAliasesResponse: CollectionsAliasesResponse;
  CollectionsResponse: CollectionsResponse;
  CollectionStatus: CollectionStatus;
  Condition: Condition;
  ContextExamplePair: ContextExamplePair;
  ContextInput: ContextInput;
  ContextPair: ContextPair;
  ContextQuery: ContextQuery;
  CountRequest: CountRequest;
  CountResult: CountResult;
  CreateCollection: CreateCollection;
  CreateFieldIndex: CreateFieldIndex;
  DatetimeRange: DatetimeRange;
  DeletePayload: DeletePayload;
  DeleteVectors: DeleteVectors;
  DiscoverInput: DiscoverInput;
  DiscoverQuery: DiscoverQuery;
  DiscoverRequest: DiscoverRequest;
  DiscoverRequestBatch: DiscoverRequestBatch;
  Distance: Distance;
  Document: Document;
  ErrorResponse: ErrorResponse;
  ExtendedPointId: ExtendedPointId;
  FieldCondition: FieldCondition;
  Filter: Filter;
  FilterSelector: FilterSelector;
  GeoBoundingBox: GeoBoundingBox;
  GeoPoint: GeoPoint;
  GeoPolygon: GeoPolygon;
  GeoRadius: GeoRadius;
  HasIdCondition: HasIdCondition;
  HasVectorCondition: HasVectorCondition;
  IsEmptyCondition: IsEmptyCondition;
  IsNullCondition: IsNullCondition;
  LookupLocation: LookupLocation;
  Match: Match;
  MatchAny: MatchAny;
  MatchExcept: MatchExcept;
  MatchText: MatchText;
  MatchValue: MatchValue;
  MinShould: MinShould;
  NamedVector: NamedVector;
  NamedVectorStruct: NamedVectorStruct;
  NearestQuery: NearestQuery;
  Nested: Nested;
  NestedCondition: NestedCondition;
  Payload: Payload;
  PayloadFieldSchema: PayloadFieldSchema;
  PayloadSchemaType: PayloadSchemaType;
  PayloadSelector: PayloadSelector;
  PointIdsList: PointIdsList;
  PointInsertOperations: PointInsertOperations;
  PointRequest: PointRequest;
  PointsBatch: PointsBatch;
  PointsList: PointsList;
  PointsSelector: PointsSelector;
  PointStruct: PointStruct;
  PointVectors: PointVectors;
  Query: Query;
  QueryInterface: QueryInterface;
  QueryRequest: QueryRequest;
  QueryRequestBatch: QueryRequestBatch;
  QueryResponse: QueryResponse;
  Range: Range;
  ReadConsistency: ReadConsistency;
  RecommendExample: RecommendExample;
  RecommendInput: RecommendInput;
  RecommendQuery: RecommendQuery;
  RecommendRequest: RecommendRequest;
  RecommendRequestBatch: RecommendRequestBatch;
  RecommendStrategy: RecommendStrategy;
  Record: Record;
  ScoredPoint: ScoredPoint;
  ScrollRequest: ScrollRequest;
  ScrollResult: ScrollResult;
  SearchParams: SearchParams;
  SearchRequest: SearchRequest;
  SearchRequestBatch: SearchRequestBatch;
  SetPayload: SetPayload;
  ShardKeySelector: ShardKeySelector;
  UpdateCollection: UpdateCollection;
  UpdateOperation: UpdateOperation;
  UpdateOperations: UpdateOperations;
  UpdateResult: UpdateResult;
  UpdateStatus: UpdateStatus;
  UpdateVectors: UpdateVectors;
  ValuesCount: ValuesCount;
  Vector: Vector;
  VectorInput: VectorInput;
  VectorParams: VectorParams;
  VectorsConfig: VectorsConfig;
  VectorStruct: VectorStruct;
  VersionInfo: VersionInfo;
  WithPayloadInterface: WithPayloadInterface;
  WithVector: WithVector;
  WriteOrdering: WriteOrdering;
}
