// The worker side of `createWorkerClient`: one simile `Database` and a `QdrantClient` over it,
// answering the messages of js/worker/client.js. Runtime-neutral: the entry (browser-host.js,
// node-host.js) passes the simile module and a port. No top-level await (bundlers build
// workers as classic scripts too); the wasm loads on the first message.

/** What a failure carries back: enough to rebuild the same error on the other side. */
function describe(err) {
  const out = { name: err?.name ?? "Error", message: String(err?.message ?? err) };
  for (const key of ["status", "statusText", "code", "data", "hint", "url"]) {
    if (err?.[key] !== undefined) out[key] = err[key];
  }
  out.apiError = err?.constructor?.name === "ApiError";
  return out;
}

/** Typed arrays in a result go back transferred, not copied. */
function transferables(value) {
  return ArrayBuffer.isView(value) && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? [value.buffer] : [];
}

export function serveDatabase(port, simile) {
  let state = null;
  const ready = async () => {
    if (state === null) {
      if (typeof simile.init === "function") await simile.init();
      const db = new simile.Database();
      state = { db, client: new simile.QdrantClient({ database: db }) };
    }
    return state;
  };
  const handlers = {
    // A `QdrantClient` method: its promise's result.
    call: async ({ method, args }, s) => {
      if (typeof s.client[method] !== "function") throw new TypeError(`QdrantClient has no method ${JSON.stringify(method)}`);
      return s.client[method](...args);
    },
    // A `Database` method (request, memoryBytes, toBytes, loadCollection, …).
    db: async ({ method, args }, s) => {
      if (method === "free" || typeof s.db[method] !== "function") throw new TypeError(`Database has no method ${JSON.stringify(method)}`);
      return s.db[method](...args);
    },
    upsertFlat: async ({ id, collection, ids, vectors, payloads, chunkRows }, s) => {
      const onProgress = (done, total) => port.post({ id, progress: { done, total } });
      await s.db.upsertFlatChunked(collection, ids, vectors, payloads, { chunkRows, onProgress });
      return null;
    },
  };
  port.onMessage(async (msg) => {
    try {
      const handler = handlers[msg.kind];
      if (handler === undefined) throw new TypeError(`unknown message kind ${JSON.stringify(msg.kind)}`);
      const result = await handler(msg, await ready());
      port.post({ id: msg.id, result }, transferables(result));
    } catch (err) {
      port.post({ id: msg.id, error: describe(err) });
    }
  });
}
