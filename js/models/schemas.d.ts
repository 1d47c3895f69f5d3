// Qdrant REST models (v1.19), part of js/models.d.ts: `Schemas`, every model by name.

import type {
  BatchVectorStruct, Distance, Document, ExtendedPointId, Payload, ReadConsistency,
  ShardKeySelector, Vector, VectorStruct, WriteOrdering,
} from "./basics.js";
import type {
  AliasDescription, AliasOperations, ChangeAliasesOperation, CollectionConfig,
  CollectionDescription, CollectionExistence, CollectionInfo, CollectionParams,
  CollectionStatus, CollectionsAliasesResponse, CollectionsResponse, CreateCollection,
  CreateFieldIndex, ErrorResponse, PayloadFieldSchema, PayloadSchemaType, UpdateCollection,
  VectorParams, VectorsConfig, VersionInfo,
} from "./collections.js";
import type {
  AnyVariants, Condition, DatetimeRange, FieldCondition, Filter, GeoBoundingBox, GeoPoint,
  GeoPolygon, GeoRadius, HasIdCondition, HasVectorCondition, IsEmptyCondition, IsNullCondition,
  Match, MatchAny, MatchExcept, MatchText, MatchValue, MinShould, Nested, NestedCondition,
  Range, ValuesCount,
} from "./filters.js";
import type {
  Batch, CountRequest, CountResult, DeletePayload, DeleteVectors, FacetRequest, FacetResponse,
  FacetValue, FacetValueHit, FilterSelector,
  PayloadSelector, PointIdsList, PointInsertOperations, PointRequest, PointStruct, PointVectors,
  PointsBatch, PointsList, PointsSelector, Record, ScoredPoint, ScrollRequest, ScrollResult,
  SearchMatrixOffsetsResponse, SearchMatrixPair, SearchMatrixPairsResponse, SearchMatrixRequest,
  SetPayload, UpdateOperation, UpdateOperations, UpdateResult, UpdateStatus, UpdateVectors,
  WithPayloadInterface, WithVector,
} from "./points.js";
import type {
  ContextExamplePair, ContextInput, ContextPair, ContextQuery, DiscoverInput, DiscoverQuery,
  DiscoverRequest, DiscoverRequestBatch, FeedbackItem, FeedbackStrategy, LookupLocation,
  NaiveFeedbackStrategy, NaiveFeedbackStrategyParams, RelevanceFeedbackInput, RelevanceFeedbackQuery, NamedVector, NamedVectorStruct,
  NearestQuery, Query, QueryInterface, QueryRequest, QueryRequestBatch, QueryResponse,
  RecommendExample, RecommendInput, RecommendQuery, RecommendRequest, RecommendRequestBatch,
  RecommendStrategy, SearchParams, SearchRequest, SearchRequestBatch, VectorInput,
} from "./queries.js";
import type {
  GroupId, GroupsResult, PointGroup, QueryGroupsRequest, RecommendGroupsRequest, SearchGroupsRequest, WithLookup,
  WithLookupInterface,
} from "./groups.js";

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
  FacetRequest: FacetRequest;
  FacetResponse: FacetResponse;
  FacetValue: FacetValue;
  FacetValueHit: FacetValueHit;
  FeedbackItem: FeedbackItem;
  FeedbackStrategy: FeedbackStrategy;
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
  NaiveFeedbackStrategy: NaiveFeedbackStrategy;
  NaiveFeedbackStrategyParams: NaiveFeedbackStrategyParams;
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
  RelevanceFeedbackInput: RelevanceFeedbackInput;
  RelevanceFeedbackQuery: RelevanceFeedbackQuery;
  ScoredPoint: ScoredPoint;
  ScrollRequest: ScrollRequest;
  ScrollResult: ScrollResult;
  SearchMatrixOffsetsResponse: SearchMatrixOffsetsResponse;
  SearchMatrixPair: SearchMatrixPair;
  SearchMatrixPairsResponse: SearchMatrixPairsResponse;
  SearchMatrixRequest: SearchMatrixRequest;
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
  GroupId: GroupId;
  GroupsResult: GroupsResult;
  PointGroup: PointGroup;
  QueryGroupsRequest: QueryGroupsRequest;
  RecommendGroupsRequest: RecommendGroupsRequest;
  SearchGroupsRequest: SearchGroupsRequest;
  WithLookup: WithLookup;
  WithLookupInterface: WithLookupInterface;
}
