// The Workers runtime for the tests: a Worker module run by miniflare's workerd on 127.0.0.1,
// with the repository as modules root (so the package's `.wasm` files import as compiled
// modules, as workerd requires).
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A Miniflare running `scriptPath`; `rules` adds module rules, `options` other bindings. */
export function startWorker(scriptPath, { rules = [], ...options } = {}) {
  return new Miniflare({
    host: "127.0.0.1",
    port: 0,
    modules: true,
    modulesRoot: ROOT,
    scriptPath,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
      ...rules,
    ],
    compatibilityDate: "2026-04-01",
    ...options,
  });
}
