// Type-level proof that simile's `QdrantClient` can stand in for `@qdrant/js-client-rest`'s.
// Compiled by tests/client/client.test.mjs with `tsc -p tests/client/tsconfig.json` (strict,
// library typings checked too). No casts: every line below must hold as written.
import type { QdrantClient as Official, Schemas } from "@qdrant/js-client-rest";
import type { QdrantClient as Official118, Schemas as Schemas118 } from "qdrant-js-client-rest-1.18";
import { ApiError, QdrantClient, type Filter, type QueryRequest, type Schemas as SimileSchemas } from "../../js/client.js";

// 1. Every method we claim, as the official 1.19 client declares it: our methods are assignable
//    to the official ones (same names and arity, compatible arguments, results that are valid
//    values of the official result types).
export type Claimed =
  | "getCollections"
  | "getCollection"
  | "collectionExists"
  | "createCollection"
  | "recreateCollection"
  | "deleteCollection"
  | "updateCollection"
  | "upsert"
  | "retrieve"
  | "delete"
  | "setPayload"
  | "overwritePayload"
  | "deletePayload"
  | "clearPayload"
  | "updateVectors"
  | "deleteVectors"
  | "batchUpdate"
  | "scroll"
  | "count"
  | "facet"
  | "searchMatrixPairs"
  | "searchMatrixOffsets"
  | "query"
  | "queryBatch"
  | "queryGroups"
  | "createPayloadIndex"
  | "deletePayloadIndex"
  | "getAliases"
  | "getCollectionAliases"
  | "updateCollectionAliases"
  | "versionInfo";

const ours = new QdrantClient({ url: "http://localhost:6333", apiKey: "ignored", checkCompatibility: false });
export const asOfficial: Pick<Official, Claimed> = ours;

// Every public method of the official clients (1.19, and 1.18's older ones) exists on ours:
// the claimed ones above, the rest rejecting with a 501 "not supported by simile yet".
type Missing<C> = Exclude<keyof C, keyof QdrantClient>;
export const nothingMissing: { v119: Missing<Official>; v118: Missing<Official118> } extends { v119: never; v118: never } ? true : false = true;

// 1b. And the converse, which the check above cannot see (TypeScript compares method
//     parameters bivariantly): every argument the official types accept, ours accept too.
//     `Clean` removes the generator's escape hatch first: in the official schema each nullable
//     object field is `X | (Record<string, unknown> | null)`, i.e. any object is accepted where
//     an `X` is expected; here that member is dropped and X is compared member by member.
type DropArtifact<U> = U extends object ? (string extends keyof U ? (unknown extends U[string] ? never : U) : U) : U;
type CleanUnion<U> = null extends U ? Clean<DropArtifact<U>> : Clean<U>;
type Clean<T> = T extends readonly (infer E)[] ? CleanUnion<E>[] : T extends object ? { [K in keyof T]: CleanUnion<T[K]> } : T;
type CleanArgs<A extends unknown[]> = { [I in keyof A]: CleanUnion<A[I]> };
/** Function-typed (not method) properties: parameters are checked contravariantly. */
type Accepts<C, K extends keyof C> = {
  [M in K]: C[M] extends (...args: infer A) => infer R ? (...args: CleanArgs<A>) => R : never;
};
export const acceptsOfficialArgs: Accepts<Official, Claimed> = ours;

// 2. The point APIs the 1.19 client dropped (search, recommend, discover and their batches), as
//    the 1.18 client declares them. Its request models predate two 1.19 additions our `Filter`
//    has (the `slice` condition and `match: { prefix }`) and `params.idf`, so the check uses its
//    declarations verbatim over the 1.18 models with `filter`/`params` taken from 1.19: the
//    filter language the 1.19 server accepts on those same endpoints.
export type Legacy =
  | "search"
  | "searchBatch"
  | "recommend"
  | "recommendBatch"
  | "recommend_batch"
  | "discoverPoints"
  | "discoverBatchPoints";

type Nullable<T> = T | (Record<string, unknown> | null);
type Up<T> = Omit<T, "filter" | "params"> & {
  filter?: Nullable<Schemas["Filter"]>;
  params?: Nullable<Schemas["SearchParams"]>;
};
type SearchRequest = Up<Schemas118["SearchRequest"]>;
type RecommendRequest = Up<Schemas118["RecommendRequest"]>;
type DiscoverRequest = Up<Schemas118["DiscoverRequest"]>;
type Consistency = { consistency?: Schemas118["ReadConsistency"] };
type Timeout = { timeout?: number };

/** `@qdrant/js-client-rest@1.18.0` dist/types/qdrant-client.d.ts, these seven methods. */
interface Official118Legacy {
  searchBatch(
    collection_name: string,
    { searches, consistency, timeout }: { searches: SearchRequest[] } & Consistency & Timeout,
  ): Promise<Schemas118["ScoredPoint"][][]>;
  search(
    collection_name: string,
    args: Partial<Pick<SearchRequest, "limit">> & Omit<SearchRequest, "limit"> & Consistency & Timeout,
  ): Promise<Schemas118["ScoredPoint"][]>;
  recommendBatch(
    collection_name: string,
    args: { searches: RecommendRequest[] } & Consistency & Timeout,
  ): Promise<Schemas118["ScoredPoint"][][]>;
  recommend_batch(
    collection_name: string,
    args: { searches: RecommendRequest[] } & Consistency & Timeout,
  ): Promise<Schemas118["ScoredPoint"][][]>;
  recommend(
    collection_name: string,
    args: Omit<RecommendRequest, "limit"> & Partial<Pick<RecommendRequest, "limit">> & Consistency & Timeout,
  ): Promise<Schemas118["ScoredPoint"][]>;
  discoverPoints(collection_name: string, args: Consistency & Timeout & DiscoverRequest): Promise<Schemas118["ScoredPoint"][]>;
  discoverBatchPoints(
    collection_name: string,
    args: Consistency & Timeout & { searches: DiscoverRequest[] },
  ): Promise<Schemas118["ScoredPoint"][][]>;
}
export const asOfficial118: Official118Legacy = ours;

export const acceptsOfficial118Args: Accepts<Official118Legacy, Legacy> = ours;

// The transcription is faithful: its argument and result types and the real 1.18 ones are
// mutually assignable (the upgraded `filter`/`params` too, as both keep the generator's
// any-object member; `Up` only changes what `Clean` compares in `acceptsOfficial118Args`).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const transcribed: { [K in Legacy]: Same<Parameters<Official118[K]>[0], Parameters<Official118Legacy[K]>[0]> } = {
  search: true,
  searchBatch: true,
  recommend: true,
  recommendBatch: true,
  recommend_batch: true,
  discoverPoints: true,
  discoverBatchPoints: true,
};
export const sameResults: { [K in Legacy]: Same<Awaited<ReturnType<Official118[K]>>, Awaited<ReturnType<Official118Legacy[K]>>> } = {
  search: true,
  searchBatch: true,
  recommend: true,
  recommendBatch: true,
  recommend_batch: true,
  discoverPoints: true,
  discoverBatchPoints: true,
};

// 3. Code written for the official client compiles unchanged against ours once the import is
//    swapped (`Schemas` included: `import { QdrantClient, Schemas } from "simile"`).
export async function script(client: QdrantClient): Promise<void> {
  type Schemas = SimileSchemas;
  await client.createCollection("products", { vectors: { size: 4, distance: "Dot" } });
  await client.createPayloadIndex("products", { field_name: "color", field_schema: "keyword", wait: true });
  const upserted: Schemas["UpdateResult"] = await client.upsert("products", {
    wait: true,
    points: [
      { id: 1, vector: [0.05, 0.61, 0.76, 0.74], payload: { city: "Berlin", color: "red" } },
      { id: "5c56c793-69f3-4fbf-87e6-c4bf54c28c26", vector: [0.19, 0.81, 0.75, 0.11], payload: { city: "London" } },
    ],
  });
  await client.upsert("products", { batch: { ids: [3], vectors: [[0.36, 0.55, 0.47, 0.94]], payloads: [{ city: "Moscow" }] } });
  const filter: Filter = {
    must: [{ key: "city", match: { value: "London" } }],
    must_not: [{ has_id: [7] }, { key: "price", range: { gt: 10 } }],
    should: [{ is_empty: { key: "tags" } }, { nested: { key: "variants", filter: { must: { key: "size", match: { any: ["S", "M"] } } } } }],
  };
  const hits: Schemas["QueryResponse"] = await client.query("products", {
    query: { recommend: { positive: [1, [0.2, 0.1, 0.9, 0.7]], negative: [3], strategy: "best_score" } },
    filter,
    limit: 3,
    with_payload: ["city"],
    consistency: "majority",
  });
  const discovered: Schemas["QueryResponse"] = await client.query("products", {
    query: { discover: { target: 1, context: [{ positive: 3, negative: "5c56c793-69f3-4fbf-87e6-c4bf54c28c26" }] } },
    using: "",
    params: { exact: true, hnsw_ef: 128 },
  });
  const batch: Schemas["QueryResponse"][] = await client.queryBatch("products", {
    searches: [{ query: [0.2, 0.1, 0.9, 0.7], limit: 1 }, { query: { context: { positive: 1, negative: 3 } } }],
  });
  const legacy: Schemas["ScoredPoint"][] = await client.search("products", { vector: [0.2, 0.1, 0.9, 0.7], limit: 3, filter });
  const rec: Schemas["ScoredPoint"][] = await client.recommend("products", { positive: [1], negative: [3], strategy: "average_vector" });
  const disc: Schemas["ScoredPoint"][] = await client.discoverPoints("products", {
    target: [0.2, 0.1, 0.9, 0.7],
    context: [{ positive: 1, negative: 3 }],
    limit: 2,
  });
  let page: Schemas["ScrollResult"] = await client.scroll("products", { filter, limit: 2, with_payload: true });
  while (page.next_page_offset !== undefined && page.next_page_offset !== null) {
    page = await client.scroll("products", { offset: page.next_page_offset, limit: 2 });
  }
  const n: Schemas["CountResult"] = await client.count("products", { filter, exact: true });
  const colors: Schemas["FacetResponse"] = await client.facet("products", { key: "color", limit: 5, filter, exact: true });
  const top: Schemas["FacetValue"] | undefined = colors.hits[0]?.value;
  const byColor: Schemas["GroupsResult"] = await client.queryGroups("products", {
    query: [0.2, 0.1, 0.9, 0.7],
    group_by: "color",
    group_size: 2,
    limit: 3,
    with_lookup: { collection: "colors", with_payload: true },
  });
  const firstGroup: Schemas["GroupId"] | undefined = byColor.groups[0]?.id;
  const feedback: Schemas["QueryResponse"] = await client.query("products", {
    query: {
      relevance_feedback: {
        target: [0.2, 0.1, 0.9, 0.7],
        feedback: [{ example: 1, score: 0.9 }, { example: [0.1, 0.2, 0.3, 0.4], score: 0.1 }],
        strategy: { naive: { a: 1, b: 1, c: 1 } },
      },
    },
    limit: 3,
  });
  const pairs: Schemas["SearchMatrixPairsResponse"] = await client.searchMatrixPairs("products", { sample: 10, limit: 2, filter, using: "" });
  const matrix: Schemas["SearchMatrixOffsetsResponse"] = await client.searchMatrixOffsets("products", { sample: 5, consistency: "all", timeout: 3 });
  await client.setPayload("products", { payload: { sold: true }, points: [1], wait: true });
  await client.deletePayload("products", { keys: ["sold"], filter });
  await client.delete("products", { points: [3], wait: true, ordering: "strong" });
  await client.delete("products", { filter: { must: [{ key: "city", match: { text: "Lon" } }] } });
  await client.batchUpdate("products", {
    operations: [{ upsert: { points: [{ id: 9, vector: [1, 0, 0, 0] }] } }, { clear_payload: { points: [9] } }],
  });
  const info: Schemas["CollectionInfo"] = await client.getCollection("products");
  const exists: Schemas["CollectionExistence"] = await client.collectionExists("products");
  await client.updateCollectionAliases({ actions: [{ create_alias: { collection_name: "products", alias_name: "p" } }] });
  const aliases: Schemas["CollectionsAliasesResponse"] = await client.getAliases();
  const version: Schemas["VersionInfo"] = await client.versionInfo();
  const records: Schemas["Record"][] = await client.retrieve("products", { ids: [1], with_vector: true });
  try {
    await client.getCollection("missing");
  } catch (e) {
    // The official client throws `ApiError` from @qdrant/openapi-typescript-fetch; ours has the same fields.
    if (e instanceof ApiError && e.status === 404) {
      const message: string | undefined = e.data.status?.error;
      const text: string = e.statusText;
      void message;
      void text;
    }
  }
  const deleted: boolean = await client.deleteCollection("products");
  void [upserted, hits, discovered, batch, legacy, rec, disc, n, colors, top, byColor, firstGroup, feedback, pairs, matrix, info, exists, aliases, version, records, deleted];
}

// A QueryRequest built with the official model type is one ours accepts, when it uses no
// `Record<string, unknown>` escape hatch of the generated schema.
const officialRequest = {
  query: { nearest: [1, 2, 3] },
  filter: { must: [{ key: "a", match: { value: 1 } }] },
  limit: 2,
} satisfies Schemas["QueryRequest"];
export const accepted: QueryRequest = officialRequest;

// 4. The typings are not loose: misuse is rejected.
export async function misuse(client: QdrantClient): Promise<void> {
  // @ts-expect-error: not a recommend strategy
  await client.query("c", { query: { recommend: { positive: [1], strategy: "median" } } });
  // @ts-expect-error: a filter condition needs a key
  await client.count("c", { filter: { must: [{ match: { value: 1 } }] } });
  // @ts-expect-error: relevance feedback has only the naive strategy
  await client.query("c", { query: { relevance_feedback: { target: [1], feedback: [], strategy: { fancy: {} } } } });
  // @ts-expect-error: upsert needs `points` or `batch`
  await client.upsert("c", { wait: true });
  // @ts-expect-error: results are ScoredPoint, without a `distance` field
  const d: number = (await client.search("c", { vector: [1] }))[0]!.distance;
  // @ts-expect-error: a grouped query needs `group_by`
  await client.queryGroups("c", { query: [1, 0] });
  // Unsupported methods exist (and reject with a 501 ApiError); their result type is `never`.
  const snapshots: never = await client.listSnapshots("c");
  void [d, snapshots];
}

// 5. What ours returns is a valid value of the official result types (also implied by 1.).
export async function results(client: QdrantClient): Promise<void> {
  const page: Schemas["ScrollResult"] = await client.scroll("c");
  const points: Schemas["ScoredPoint"][] = (await client.query("c", { query: [1, 0] })).points;
  const info: Schemas["CollectionInfo"] = await client.getCollection("c");
  const facets: Schemas["FacetResponse"] = await client.facet("c", { key: "city" });
  const groups: Schemas["GroupsResult"] = await client.queryGroups("c", { query: [1, 0], group_by: "city" });
  const pairs: Schemas["SearchMatrixPairsResponse"] = await client.searchMatrixPairs("c", {});
  const offsets: Schemas["SearchMatrixOffsetsResponse"] = await client.searchMatrixOffsets("c", { limit: 1 });
  void [page, points, info, facets, groups, pairs, offsets];
}
