// Qdrant REST models (v1.19), part of js/models.d.ts: collections, aliases, payload indexes,
// version and errors.

import type { Distance, Memory, Payload } from "./basics.js";

/** Vector storage options are accepted where they do not change results; `datatype` float16
 *  and uint8 store 2 and 1 bytes per dimension (Qdrant's conversions and scores), turbo4 is 501;
 *  `multivector_config: {comparator: "max_sim"}` makes a multivector. */
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
/** A sparse vector's settings: `modifier: "idf"` weights query terms by inverse document
 *  frequency; `index` is accepted and echoed (`datatype` other than float32 is 501). */
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
/** `versionInfo`'s answer. `version` is the Qdrant version whose API simile answers as (so the
 *  official clients' compatibility check passes); `simile_version` is simile's own. */
export type VersionInfo = {
  title: string;
  version: string;
  commit?: string | null;
  simile_version?: string;
};
/** The JSON body of an error response (`err.data` of an `ApiError`). */
export type ErrorResponse = {
  time?: number;
  status?: { error?: string };
  result?: { [key: string]: unknown } | null;
};
