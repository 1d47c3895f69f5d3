// Cloudflare Workers (workerd) entry: workerd refuses to compile wasm from bytes, so the
// artifacts are imported as compiled modules and instantiated synchronously on first use.
import simdModule from "../dist/simile_simd.wasm";
import scalarModule from "../dist/simile_scalar.wasm";
import { loadSync, setAutoLoad, setDefaultMemoryBudget } from "./core.js";
import { simdSupported } from "./probe.js";

export * from "./api.js";

function load() {
  loadSync(simdSupported() ? simdModule : scalarModule);
}

setAutoLoad(load);

/** A Worker isolate has 128 MB for everything. New databases start with a 40 MiB budget:
 *  a collection growing by reallocation briefly holds its old and new storage, and wasm
 *  memory never shrinks, so filling 40 MiB peaks near 2.3 × that (measured in workerd).
 *  Restoring a snapshot needs only ~1.06 × its size. Change it with `db.setMemoryBudget`. */
export const WORKERS_MEMORY_BUDGET = 40 * 1024 * 1024;
setDefaultMemoryBudget(WORKERS_MEMORY_BUDGET);

/** Loads the module now (it also loads on first use); resolves when ready. */
export function init() {
  load();
  return Promise.resolve();
}
