// Types for `simile/slim`: the caller supplies the wasm module.
export type {
  FlatHits,
  InitInput,
  JsonValue,
  ModelInfo,
  ModelSource,
  PointId,
  PointIds,
  RawResponse,
  SimileError,
} from "./index.js";
export {
  Database,
  embed,
  instanceLost,
  loadModel,
  memoryBudget,
  modelLoaded,
  PersistentDatabase,
  setMemoryBudget,
  simdEnabled,
  simdSupported,
  totalMemoryBytes,
} from "./index.js";
import type { InitInput } from "./index.js";

/** Loads from a module, URL, Response or bytes — pick "simile/simile_simd.wasm" when
 *  `simdSupported()`, else "simile/simile_scalar.wasm". Idempotent. */
export declare function init(input: InitInput): Promise<void>;

/** Loads synchronously from a compiled module or its bytes. Idempotent. */
export declare function initSync(module: WebAssembly.Module | ArrayBuffer | ArrayBufferView): void;

// QdrantClient: the API of @qdrant/js-client-rest, answered by a local Database.
export * from "./client.js";
