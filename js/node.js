// Node entry: reads the artifact next to this file and instantiates it synchronously on first use.
import { readFileSync } from "node:fs";
import { loadSync, setAutoLoad } from "./core.js";
import { simdSupported } from "./probe.js";

export { Database, instanceLost, simdEnabled } from "./core.js";
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
  const url = simdSupported()
    ? new URL("../dist/simile_simd.wasm", import.meta.url)
    : new URL("../dist/simile_scalar.wasm", import.meta.url);
  loadSync(new WebAssembly.Module(readFileSync(url)));
}

setAutoLoad(load);

/** Loads the module now (it also loads on first use); resolves when ready. */
export function init() {
  load();
  return Promise.resolve();
}
