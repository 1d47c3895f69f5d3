// Cloudflare Workers (workerd) entry: workerd refuses to compile wasm from bytes, so the
// artifact is imported as a compiled module and instantiated synchronously on first use. Only
// the SIMD artifact: workerd always has WebAssembly SIMD, and a Worker's upload carries every
// module it imports.
import simdModule from "../dist/simile_simd.wasm";
import { loadSync, setAutoLoad, setDefaultMemoryBudget } from "./core.js";
import { simdSupported } from "./probe.js";
import { WORKERS_MEMORY_BUDGET } from "./workers-budget.js";

export * from "./api.js";

function load() {
  if (!simdSupported()) throw new Error("simile: this Workers runtime lacks WebAssembly SIMD, which the workerd entry needs");
  loadSync(simdModule);
}

setAutoLoad(load);

export { WORKERS_MEMORY_BUDGET };
setDefaultMemoryBudget(WORKERS_MEMORY_BUDGET);

/** Loads the module now (it also loads on first use); resolves when ready. */
export function init() {
  load();
  return Promise.resolve();
}
