// Browser (and default) entry: `await init()` once before use; it fetches and compiles the
// artifact next to this file (SIMD when the engine validates it). Idempotent.
import { setClientInit } from "./client.js";
import { loadAsync, setAsyncLoad } from "./core.js";
import { simdSupported } from "./probe.js";
import { setStoreResolver } from "./persist.js";
import { resolveBrowserStore } from "./stores/browser.js";

export * from "./api.js";

/** Loads the module; `input` overrides where it comes from (module, URL, Response or bytes). */
export function init(input) {
  if (input !== undefined) return loadAsync(input);
  // Two literal `new URL(...)` expressions so bundlers see and copy both artifacts.
  const url = simdSupported()
    ? new URL("../dist/simile_simd.wasm", import.meta.url)
    : new URL("../dist/simile_scalar.wasm", import.meta.url);
  return loadAsync(url);
}

// QdrantClient methods and `loadModel` are async: the first one awaits `init()` itself.
setClientInit(() => init());
setAsyncLoad(() => init());

// `Database.open` loads the module first, then opens the store.
setStoreResolver(async (name, options) => {
  await init();
  return resolveBrowserStore(name, options);
});
