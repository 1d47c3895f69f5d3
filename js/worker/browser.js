// `simile/worker` in browsers: the database runs in a module Web Worker. The `new URL(…,
// import.meta.url)` inside `new Worker(…)` is the form bundlers (Vite, webpack 5) recognise and
// build as a worker.
import { workerClient } from "./client.js";

/** A `QdrantClient`-shaped async client over a database in a new Web Worker; `options.worker`
 *  uses a worker you created (e.g. with your bundler's `?worker` import) instead. */
export async function createWorkerClient(options = {}) {
  if (options.worker === undefined && typeof Worker === "undefined") {
    throw new Error("simile/worker: this runtime has no Web Workers; use the `simile` entry directly");
  }
  const worker = options.worker ?? new Worker(new URL("./browser-host.js", import.meta.url), { type: "module" });
  return workerClient({
    post: (msg, transfer) => worker.postMessage(msg, transfer),
    onMessage: (fn) => worker.addEventListener("message", (e) => fn(e.data)),
    terminate: async () => worker.terminate(),
  });
}
