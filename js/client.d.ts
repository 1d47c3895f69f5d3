// Types for `QdrantClient` (js/client.js): the API of `@qdrant/js-client-rest` 1.19 plus the
// search/recommend/discover methods of 1.18, answered locally. Hand-written; no `any`.
import type { Database } from "./index.js";
import type {
  ChangeAliasesOperation,
  CollectionExistence,
  CollectionInfo,
  CollectionsAliasesResponse,
  CollectionsResponse,
  CountRequest,
  CountResult,
  CreateCollection,
  CreateFieldIndex,
  FacetRequest,
  FacetResponse,
  GroupsResult,
  DeletePayload,
  DeleteVectors,
  DiscoverRequest,
  DiscoverRequestBatch,
  ErrorResponse,
  PointInsertOperations,
  PointRequest,
  PointsSelector,
  QueryGroupsRequest,
  QueryRequest,
  QueryRequestBatch,
  QueryResponse,
  ReadConsistency,
  RecommendGroupsRequest,
  RecommendRequest,
  RecommendRequestBatch,
  Record as PointRecord,
  ScoredPoint,
  ScrollRequest,
  ScrollResult,
  SearchGroupsRequest,
  SearchMatrixOffsetsResponse,
  SearchMatrixPairsResponse,
  SearchMatrixRequest,
  SearchRequest,
  SearchRequestBatch,
  SetPayload,
  UpdateCollection,
  UpdateOperations,
  UpdateResult,
  UpdateVectors,
  VersionInfo,
  WriteOrdering,
} from "./models.js";

export * from "./models.js";

/** The official client's options, accepted and ignored (there is no server), plus `database`. */
export type QdrantClientParams = {
  port?: number | null;
  apiKey?: string;
  https?: boolean;
  prefix?: string;
  url?: string;
  host?: string;
  timeout?: number;
  headers?: { [name: string]: number | string | string[] | undefined };
  maxConnections?: number;
  checkCompatibility?: boolean;
  /** Answer from this simile `Database` (several clients can share one); default: a new one. */
  database?: Database;
};

/** Query parameters of writes: accepted and ignored (writes are applied before the promise
 *  resolves, as with `wait: true`). */
export type WriteParams = { wait?: boolean; ordering?: WriteOrdering; timeout?: number };
/** Query parameters of reads: accepted and ignored. */
export type ReadParams = { consistency?: ReadConsistency; timeout?: number };

/** A request the database answered with a non-2xx status; the shape of the official client's
 *  error (`@qdrant/openapi-typescript-fetch`'s `ApiError`). `message` is the status text
 *  (`"Not Found"`), except for 501 where it explains what simile does not support. */
export declare class ApiError extends Error {
  readonly headers: Headers;
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  /** The JSON body: `{ status: { error: "<Qdrant's message>" }, time }`. */
  readonly data: ErrorResponse;
  /** simile's addition: a sentence a newcomer can act on, for common mistakes. */
  hint?: string;
  constructor(response: { headers?: Headers; url: string; status: number; statusText: string; data: ErrorResponse });
  getActualType(): { status: number; data: ErrorResponse };
}
export declare class QdrantClientUnexpectedResponseError extends Error {
  static forResponse(response: { status: number; statusText: string; data?: unknown }): QdrantClientUnexpectedResponseError;
}
export declare class QdrantClientConfigError extends Error {}
export declare class QdrantClientTimeoutError extends Error {}
export declare class QdrantClientResourceExhaustedError extends Error {
  retry_after: number;
  constructor(message: string, retryAfter: string);
}

/** Runs `fn`; the official client would send `headers` with requests made inside it. */
export declare function withHeaders<T>(headers: { [name: string]: string }, fn: () => T): T;

/** Names of the official client's methods that exist here but reject with a 501 `ApiError`. */
export declare const UNSUPPORTED_METHODS: readonly string[];

/** Rejects with a 501 `ApiError`: "`<method>` is not supported by simile yet". */
type Unsupported = (...args: unknown[]) => Promise<never>;

/**
 * Drop-in for `@qdrant/js-client-rest`'s `QdrantClient`, answered by an in-memory simile
 * database: same method names, arguments and results (the response's `result`); errors reject
 * with an {@link ApiError} carrying `status` and `data.status.error`.
 */
export declare class QdrantClient {
  constructor(options?: QdrantClientParams);
  /** A client with the wasm module loaded (browser entry; elsewhere it loads on first use). */
  static create(options?: QdrantClientParams): Promise<QdrantClient>;
  /** The simile `Database` answering this client. Throws in the browser before `init()`. */
  readonly database: Database;

  getCollections(): Promise<CollectionsResponse>;
  getCollection(collection_name: string): Promise<CollectionInfo>;
  collectionExists(collection_name: string): Promise<CollectionExistence>;
  createCollection(collection_name: string, args: { timeout?: number } & CreateCollection): Promise<boolean>;
  /** Deletes the collection if it exists, then creates it. */
  recreateCollection(collection_name: string, args: { timeout?: number } & CreateCollection): Promise<boolean>;
  /** Resolves `false` when there was no such collection. */
  deleteCollection(collection_name: string, args?: { timeout?: number }): Promise<boolean>;
  updateCollection(collection_name: string, args?: UpdateCollection & { timeout?: number }): Promise<boolean>;
  /** Records the index schema (reported by `getCollection`); filters work with or without it. */
  createPayloadIndex(collection_name: string, args: WriteParams & CreateFieldIndex): Promise<UpdateResult>;
  deletePayloadIndex(collection_name: string, field_name: string, args?: WriteParams): Promise<UpdateResult>;
  getAliases(): Promise<CollectionsAliasesResponse>;
  getCollectionAliases(collection_name: string): Promise<CollectionsAliasesResponse>;
  updateCollectionAliases(args: { timeout?: number } & ChangeAliasesOperation): Promise<boolean>;
  /** `{ title, version, simile_version }`: `version` is the Qdrant API version simile answers as. */
  versionInfo(): Promise<VersionInfo>;

  upsert(collection_name: string, args: WriteParams & PointInsertOperations): Promise<UpdateResult>;
  retrieve(collection_name: string, args: PointRequest & ReadParams): Promise<PointRecord[]>;
  delete(collection_name: string, args: WriteParams & PointsSelector): Promise<UpdateResult>;
  setPayload(collection_name: string, args: WriteParams & SetPayload): Promise<UpdateResult>;
  overwritePayload(collection_name: string, args: WriteParams & SetPayload): Promise<UpdateResult>;
  deletePayload(collection_name: string, args: WriteParams & PointsSelector & DeletePayload): Promise<UpdateResult>;
  clearPayload(collection_name: string, args: WriteParams & PointsSelector): Promise<UpdateResult>;
  updateVectors(collection_name: string, args: WriteParams & UpdateVectors): Promise<UpdateResult>;
  deleteVectors(collection_name: string, args: WriteParams & DeleteVectors): Promise<UpdateResult>;
  batchUpdate(collection_name: string, args: WriteParams & UpdateOperations): Promise<UpdateResult[]>;
  scroll(collection_name: string, args?: ScrollRequest & ReadParams): Promise<ScrollResult>;
  count(collection_name: string, args?: CountRequest & { timeout?: number }): Promise<CountResult>;
  facet(collection_name: string, args: FacetRequest & ReadParams): Promise<FacetResponse>;
  searchMatrixPairs(collection_name: string, args: SearchMatrixRequest & ReadParams): Promise<SearchMatrixPairsResponse>;
  searchMatrixOffsets(collection_name: string, args: SearchMatrixRequest & ReadParams): Promise<SearchMatrixOffsetsResponse>;

  query(collection_name: string, args: ReadParams & QueryRequest): Promise<QueryResponse>;
  queryBatch(collection_name: string, args: ReadParams & QueryRequestBatch): Promise<QueryResponse[]>;
  queryGroups(collection_name: string, args: ReadParams & QueryGroupsRequest): Promise<GroupsResult>;

  // The point APIs of `@qdrant/js-client-rest` ≤ 1.18 (REST endpoints Qdrant 1.19 still serves).
  search(
    collection_name: string,
    args: Partial<Pick<SearchRequest, "limit">> & Omit<SearchRequest, "limit"> & ReadParams,
  ): Promise<ScoredPoint[]>;
  searchBatch(collection_name: string, args: Pick<SearchRequestBatch, "searches"> & ReadParams): Promise<ScoredPoint[][]>;
  recommend(
    collection_name: string,
    args: Omit<RecommendRequest, "limit"> & Partial<Pick<RecommendRequest, "limit">> & ReadParams,
  ): Promise<ScoredPoint[]>;
  recommendBatch(collection_name: string, args: RecommendRequestBatch & ReadParams): Promise<ScoredPoint[][]>;
  recommend_batch(collection_name: string, args: RecommendRequestBatch & ReadParams): Promise<ScoredPoint[][]>;
  /** Unlike the official 1.18 client, `filter` is sent (it dropped it). */
  discoverPoints(collection_name: string, args: ReadParams & DiscoverRequest): Promise<ScoredPoint[]>;
  discoverBatchPoints(collection_name: string, args: ReadParams & DiscoverRequestBatch): Promise<ScoredPoint[][]>;
  searchPointGroups(collection_name: string, args: ReadParams & SearchGroupsRequest): Promise<GroupsResult>;
  recommendPointGroups(collection_name: string, args: ReadParams & RecommendGroupsRequest): Promise<GroupsResult>;

  // Not supported by simile yet: each rejects with a 501 ApiError.
  createVectorName: Unsupported;
  deleteVectorName: Unsupported;
  collectionClusterInfo: Unsupported;
  updateCollectionCluster: Unsupported;
  listSnapshots: Unsupported;
  createSnapshot: Unsupported;
  deleteSnapshot: Unsupported;
  listFullSnapshots: Unsupported;
  createFullSnapshot: Unsupported;
  deleteFullSnapshot: Unsupported;
  recoverSnapshot: Unsupported;
  recoverShardFromSnapshot: Unsupported;
  listShardSnapshots: Unsupported;
  createShardSnapshot: Unsupported;
  deleteShardSnapshot: Unsupported;
  listShardKeys: Unsupported;
  createShardKey: Unsupported;
  deleteShardKey: Unsupported;
  clusterTelemetry: Unsupported;
  getOptimizations: Unsupported;
  getQuotas: Unsupported;
  updateQuotas: Unsupported;
  lockStorage: Unsupported;
  unlockStorage: Unsupported;
  getLocks: Unsupported;
  /** Throws a 501 ApiError: there is no OpenAPI client behind simile. */
  api(): never;
}
