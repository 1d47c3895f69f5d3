// Slim entry: the caller supplies the module (for bundlers, custom hosting, or preloading).
// Pick the artifact with `simdSupported()`: "simile/simile_simd.wasm" or "simile/simile_scalar.wasm".
import { loadAsync, loadSync } from "./core.js";
import { setStoreResolver } from "./persist.js";
import { resolveBrowserStore } from "./stores/browser.js";

export * from "./api.js";

/** Loads from a `WebAssembly.Module`, URL, `Response` (or its promise) or bytes. Idempotent. */
export function init(input) {
  return loadAsync(input);
}

/** Loads synchronously from a `WebAssembly.Module` or bytes. Idempotent. */
export function initSync(module) {
  loadSync(module);
}

// `Database.open` after `init(…)`: the caller supplies the module.
setStoreResolver(resolveBrowserStore);
