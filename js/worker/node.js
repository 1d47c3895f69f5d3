// `simile/worker` in Node: the database runs in a `worker_threads` Worker.
import { Worker } from "node:worker_threads";
import { workerClient } from "./client.js";

/** A `QdrantClient`-shaped async client over a database in a new worker thread. */
export async function createWorkerClient() {
  const worker = new Worker(new URL("./node-host.js", import.meta.url));
  worker.unref();
  return workerClient({
    post: (msg, transfer) => worker.postMessage(msg, transfer),
    onMessage: (fn) => worker.on("message", fn),
    terminate: () => worker.terminate().then(() => undefined),
    busy: (pending) => (pending ? worker.ref() : worker.unref()),
  });
}
