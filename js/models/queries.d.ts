// Qdrant REST models (v1.19), part of js/models.d.ts: the universal query, and the pre-`query`
// search, recommend and discover requests.

import type {
  Document, ExtendedPointId, Image, InferenceObject, ShardKeySelector, SparseVector,
} from "./basics.js";
import type { Condition, Filter, GeoPoint } from "./filters.js";
import type { OrderByInterface, ScoredPoint, WithPayloadInterface, WithVector } from "./points.js";

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
/** Maximal marginal relevance re-ranking of a nearest query. */
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
/** Points by a payload field (needs an integer, float or datetime index on the key), each scored 1.0 with its `order_value`; over prefetches, their union ordered. No `score_threshold`. */
export type OrderByQuery = {
  order_by: OrderByInterface;
};
export type Fusion = "rrf" | "dbsf";
/** Fuse the prefetches' results (reciprocal rank or distribution-based score fusion). */
export type FusionQuery = {
  fusion: Fusion;
};
/** Reciprocal rank fusion with its `k` (default 2) and per-prefetch weights. */
export type RrfQuery = {
  rrf: { k?: number | null; weights?: number[] | null };
};
/** A score formula (Qdrant's `Expression`). */
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
/** Rescore the prefetched points with a formula. */
export type FormulaQuery = {
  formula: Expression;
  defaults?: { [key: string]: unknown };
};
/** Random points (score 1.0). */
export type SampleQuery = {
  sample: "random";
};
/** Coefficients of the naive strategy: `a · sim(target) + Σ (Δscore)^b · c · Δsim` over every
 * pair of feedback examples whose scores differ. `b` must be 0 or larger. */
export type NaiveFeedbackStrategyParams = { a: number; b: number; c: number };
export type NaiveFeedbackStrategy = { naive: NaiveFeedbackStrategyParams };
export type FeedbackStrategy = NaiveFeedbackStrategy;
/** An example (vector or point id) with the score an oracle gave it. */
export type FeedbackItem = { example: VectorInput; score: number };
/** `feedback` must not be empty; id examples are excluded from the results. */
export type RelevanceFeedbackInput = {
  target: VectorInput;
  feedback: FeedbackItem[];
  strategy: FeedbackStrategy;
};
/** Relevance feedback: the target, pulled towards better-scored feedback examples. */
export type RelevanceFeedbackQuery = {
  relevance_feedback: RelevanceFeedbackInput;
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
/** A stage of a multi-stage query: its results are rescored or fused by the parent. */
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
