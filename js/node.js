// Node entry: reads the artifact next to this file and instantiates it synchronously on first use.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { loadSync, setAutoLoad } from "./core.js";
import { setModelUrlReader } from "./model.js";
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

// `loadModel` reads `file:` URLs and plain paths from disk; other URLs are fetched.
setModelUrlReader(async (source) => {
  let url;
  try {
    url = new URL(source);
  } catch {
    url = pathToFileURL(String(source));
  }
  return url.protocol === "file:" ? new Uint8Array(await readFile(url)) : fetch(url);
});

/** Loads the module now (it also loads on first use); resolves when ready. */
export function init() {
  load();
  return Promise.resolve();
}
