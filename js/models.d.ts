// Qdrant REST models (v1.19) for `QdrantClient` (js/client.d.ts). Hand-written; no `any`.
//
// Names and shapes follow Qdrant's OpenAPI schema as `@qdrant/js-client-rest` exposes it
// (`Schemas['Filter']`, ...), so values typed against the official client keep compiling.
// Request types list every variant Qdrant accepts, including ones simile answers with status
// 501 ("... is not supported by simile yet"); those are marked "simile: 501". Response types
// describe what simile returns, which is always a valid value of Qdrant's type.
//
// One file per section of the schema, under js/models/.

export * from "./models/basics.js";
export * from "./models/filters.js";
export * from "./models/points.js";
export * from "./models/queries.js";
export * from "./models/groups.js";
export * from "./models/collections.js";
export * from "./models/schemas.js";
