// Cloudflare Workers (workerd) entry: workerd refuses to compile wasm from bytes, so the
// artifacts are imported as compiled modules and instantiated synchronously on first use.
import simdModule from "../dist/simile_simd.wasm";
import scalarModule from "../dist/simile_scalar.wasm";
import { loadSync, setAutoLoad, setDefaultMemoryBudget } from "./core.js";
import { simdSupported } from "./probe.js";
import { WORKERS_MEMORY_BUDGET } from "./workers-budget.js";

export * from "./api.js";

function load() {
  loadSync(simdSupported() ? simdModule : scalarModule);
}

setAutoLoad(load);

export { WORKERS_MEMORY_BUDGET };
setDefaultMemoryBudget(WORKERS_MEMORY_BUDGET);

/** Loads the module now (it also loads on first use); resolves when ready. */
export function init() {
  load();
  return Promise.resolve();
}
