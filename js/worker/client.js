// The main-thread side of `createWorkerClient`: a `QdrantClient`-shaped client whose database
// lives in a worker (a Web Worker in browsers, `worker_threads` in Node). Every method returns
// a promise; errors come back with their status, code and data (an `ApiError` stays one).
// `upsertFlat` transfers its typed arrays to the worker (they are detached here afterwards)
// and reports progress per chunk.

import { ApiError } from "../client-errors.js";

/** `port`: `{ post(msg, transfer), onMessage(fn), terminate(), busy?(bool) }` over the worker;
 *  `busy` tells when requests are pending (Node keeps the process alive only then). */
export function workerClient(port) {
  let next = 1;
  const pending = new Map();
  port.onMessage((msg) => {
    const p = pending.get(msg.id);
    if (p === undefined) return;
    if (msg.progress !== undefined) return p.onProgress?.(msg.progress.done, msg.progress.total);
    pending.delete(msg.id);
    if (pending.size === 0) port.busy?.(false);
    if (msg.error !== undefined) p.reject(rebuild(msg.error));
    else p.resolve(msg.result);
  });
  const send = (msg, transfer = [], onProgress) =>
    new Promise((resolve, reject) => {
      const id = next++;
      if (pending.size === 0) port.busy?.(true);
      pending.set(id, { resolve, reject, onProgress });
      port.post({ ...msg, id }, transfer);
    });
  const special = {
    request: (method, path, body) => send({ kind: "db", method: "request", args: [method, path, body] }),
    upsertFlat: (collection, ids, vectors, payloads, { chunkRows, onProgress } = {}) => {
      const [i, v] = [owned(ids), owned(vectors)];
      return send({ kind: "upsertFlat", collection, ids: i, vectors: v, payloads, chunkRows }, [i.buffer, v.buffer], onProgress);
    },
    database: (method, ...args) => send({ kind: "db", method, args }),
    terminate: () => port.terminate(),
  };
  return new Proxy(
    {},
    {
      get(_target, key) {
        if (typeof key !== "string" || key === "then") return undefined; // not a thenable
        return special[key] ?? ((...args) => send({ kind: "call", method: key, args }));
      },
    },
  );
}

/** A typed array that owns its whole buffer (so the buffer can be transferred). */
function owned(array) {
  if (!ArrayBuffer.isView(array)) throw new TypeError("simile: upsertFlat takes typed arrays (Uint32Array/BigUint64Array ids, Float32Array vectors)");
  return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? array : array.slice();
}

function rebuild(e) {
  let err;
  if (e.apiError) {
    err = new ApiError({ status: e.status, statusText: e.statusText, data: e.data, url: e.url, headers: new Headers() });
    if (e.message !== e.statusText) err.message = e.message;
  } else {
    err = new Error(e.message);
    err.name = e.name;
  }
  for (const key of ["status", "code", "hint"]) if (e[key] !== undefined) err[key] = e[key];
  return err;
}
