// Node entry: reads the artifact next to this file and instantiates it synchronously on first use.
import { readFileSync } from "node:fs";
import { loadSync, setAutoLoad } from "./core.js";
import { setStoreResolver } from "./persist.js";
import { simdSupported } from "./probe.js";
import { resolveFileStore } from "./stores/file.js";

export * from "./api.js";

function load() {
  const url = simdSupported()
    ? new URL("../dist/simile_simd.wasm", import.meta.url)
    : new URL("../dist/simile_scalar.wasm", import.meta.url);
  loadSync(new WebAssembly.Module(readFileSync(url)));
}

setAutoLoad(load);
setStoreResolver(resolveFileStore);

/** Loads the module now (it also loads on first use); resolves when ready. */
export function init() {
  load();
  return Promise.resolve();
}
