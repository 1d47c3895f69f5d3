// Qdrant REST models (v1.19), part of js/models.d.ts: basics (ids, payloads, options simile
// accepts and ignores) and vectors.

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

// Vectors

export type SparseVector = {
  indices: number[];
  values: number[];
};
/** Inference input: text embedded in process when `model` is "qdrant/bm25" (a sparse vector;
 *  `options`: language, k, b, avg_len, tokenizer, …); other models answer 501. */
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
/** One vector of a point: dense, sparse, multi-vector, or a BM25 `Document`; images and other
 *  inference objects answer 501. */
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
