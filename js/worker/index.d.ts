// Types for `simile/worker`: a `QdrantClient`-shaped client whose database runs in a worker.
import type { QdrantClient } from "../client.js";

/** Every `QdrantClient` method (already async), plus the worker's own. */
export type WorkerClient = {
  [K in keyof QdrantClient as QdrantClient[K] extends (...args: never[]) => unknown ? K : never]: QdrantClient[K];
} & {
  /** A Qdrant REST call on the worker's database: the response's `result`. */
  request(method: string, path: string, body?: unknown): Promise<unknown>;
  /** Bulk insert of the unnamed vector: the arrays are transferred (detached here afterwards),
   *  inserted in chunks of `chunkRows` rows with `onProgress(done, total)` after each. */
  upsertFlat(
    collection: string,
    ids: Uint32Array | BigUint64Array,
    vectors: Float32Array,
    payloads?: (object | null)[] | null,
    options?: { chunkRows?: number; onProgress?: (done: number, total: number) => void },
  ): Promise<null>;
  /** Any other `Database` method by name (`memoryBytes`, `toBytes`, `loadCollection`, …). */
  database(method: string, ...args: unknown[]): Promise<unknown>;
  /** Stops the worker; pending calls never settle. */
  terminate(): Promise<void>;
};

/** What `options.worker` must offer (a DOM `Worker` does). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  terminate(): void;
}

/** Starts a worker (a Web Worker in browsers, `worker_threads` in Node) holding a new
 *  `Database`; in browsers `options.worker` uses one you created instead. */
export function createWorkerClient(options?: { worker?: WorkerLike }): Promise<WorkerClient>;
