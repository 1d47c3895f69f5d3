// What every entry exports besides its own `init`: the database, the drop-in client and the
// feature probes. Entries differ only in how they obtain the wasm module.
export { Database, instanceLost, memoryBudget, setMemoryBudget, simdEnabled, totalMemoryBytes } from "./core.js";
export { simdSupported } from "./probe.js";
export { embed, loadModel, modelLoaded } from "./model.js";
export { PersistentDatabase } from "./persist.js";
export {
  ApiError,
  QdrantClient,
  QdrantClientConfigError,
  QdrantClientResourceExhaustedError,
  QdrantClientTimeoutError,
  QdrantClientUnexpectedResponseError,
  UNSUPPORTED_METHODS,
  withHeaders,
} from "./client.js";
