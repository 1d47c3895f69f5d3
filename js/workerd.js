// Cloudflare Workers (workerd) entry: workerd refuses to compile wasm from bytes, so the
// artifacts are imported as compiled modules and instantiated synchronously on first use.
import simdModule from "../dist/simile_simd.wasm";
import scalarModule from "../dist/simile_scalar.wasm";
import { loadSync, setAutoLoad } from "./core.js";
import { simdSupported } from "./probe.js";

export { Database, simdEnabled } from "./core.js";
export { simdSupported } from "./probe.js";
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

function load() {
  loadSync(simdSupported() ? simdModule : scalarModule);
}

setAutoLoad(load);

/** Loads the module now (it also loads on first use); resolves when ready. */
export function init() {
  load();
  return Promise.resolve();
}
