// `migrate(from, to, options)`: copies collections between two clients with the `QdrantClient`
// API — simile's drop-in (`simile`), or `@qdrant/js-client-rest` pointed at a Qdrant server or at
// `simile serve` — in either direction. Like the Python client's `migrate()` (qdrant-client
// `migrate/migrate.py`): the collection is created from the source's config (vectors, sparse
// vectors, HNSW, optimizer and quantization settings) with the same payload indexes, the points
// are copied in batches by `scroll` with payload and vectors, and the counts are compared.
//
// Batches are upserted with `wait: true` and retried on transient failures (network errors,
// 5xx other than 501, 429). `onProgress` reports a `checkpoint` after each batch; passing it back
// as `options.checkpoint` resumes an interrupted copy from that batch (upserts are idempotent,
// so a batch copied twice is harmless).

const TRANSIENT = (err) => err?.status === undefined || err.status === 429 || (err.status >= 500 && err.status !== 501);

/** Config keys of a collection's info, as a create request names them. */
function createBody(info) {
  const c = info.config ?? {};
  const p = c.params ?? {};
  const body = { vectors: p.vectors ?? {} };
  if (p.sparse_vectors) body.sparse_vectors = p.sparse_vectors;
  for (const key of ["shard_number", "replication_factor", "write_consistency_factor", "on_disk_payload"]) {
    if (p[key] !== undefined && p[key] !== null) body[key] = p[key];
  }
  if (c.hnsw_config) body.hnsw_config = c.hnsw_config;
  if (c.optimizer_config) body.optimizers_config = c.optimizer_config;
  if (c.wal_config) body.wal_config = c.wal_config;
  if (c.quantization_config) body.quantization_config = c.quantization_config;
  return body;
}

async function retrying(fn, { attempts, pauseMs }) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !TRANSIENT(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, pauseMs * attempt));
    }
  }
}

/** Creates `name` on `to` like the source's, with its payload indexes. */
async function recreate(to, name, info, onCollision) {
  const exists = (await to.collectionExists(name)).exists;
  if (exists) {
    if (onCollision === "skip") return false;
    if (onCollision !== "recreate") {
      throw new Error(`migrate: collection ${JSON.stringify(name)} already exists at the destination (onCollision: "raise")`);
    }
    await to.deleteCollection(name);
  }
  await to.createCollection(name, createBody(info));
  for (const [field_name, schema] of Object.entries(info.payload_schema ?? {})) {
    const field_schema = schema.params ?? schema.data_type;
    await to.createPayloadIndex(name, { field_name, field_schema, wait: true });
  }
  return true;
}

/** Copies the points of `name` from `start.offset` on, batch by batch (`start.copied` so far). */
async function copyPoints(from, to, name, o, start, report) {
  let next = start.offset;
  let copied = start.copied;
  do {
    const page = await retrying(
      () => from.scroll(name, { limit: o.batchSize, offset: next ?? undefined, filter: o.filter, with_payload: true, with_vector: true }),
      o,
    );
    const points = page.points.map(({ id, payload, vector }) => ({ id, payload: payload ?? {}, vector: vector ?? {} }));
    if (points.length > 0) await retrying(() => to.upsert(name, { points, wait: true }), o);
    copied += points.length;
    next = page.next_page_offset ?? null;
    report({ collection: name, copied, checkpoint: { collection: name, offset: next, copied }, done: next === null });
  } while (next !== null);
  return copied;
}

/**
 * Copies `collections` (default: all of the source's) from `from` to `to`.
 * Options: `batchSize` (100), `filter` (copy only matching points), `onCollision` ("raise" |
 * "recreate" | "skip"), `onProgress({collection, copied, total, checkpoint, done})`, `checkpoint`
 * (resume), `attempts` (3) and `pauseMs` (500) for retries.
 * Returns `{[collection]: copied}`; throws if a destination count differs from the source's.
 */
export async function migrate(from, to, options = {}) {
  const o = { batchSize: 100, attempts: 3, pauseMs: 500, onCollision: "raise", ...options };
  const names = o.collections ?? (await from.getCollections()).collections.map((c) => c.name);
  const summary = {};
  const resumeAt = o.checkpoint ? names.indexOf(o.checkpoint.collection) : 0;
  for (const [i, name] of names.entries()) {
    if (i < resumeAt) continue;
    const resuming = i === resumeAt && o.checkpoint !== undefined;
    const info = await from.getCollection(name);
    if (!resuming && !(await recreate(to, name, info, o.onCollision))) continue;
    const total = (await from.count(name, { filter: o.filter, exact: true })).count;
    const report = (p) => o.onProgress?.({ ...p, total });
    const start = resuming ? o.checkpoint : { offset: null, copied: 0 };
    if (!resuming || start.offset !== null) await copyPoints(from, to, name, o, start, report);
    const copied = (await to.count(name, { exact: true })).count;
    if (copied !== total) {
      throw new Error(`migrate: ${JSON.stringify(name)} has ${copied} points at the destination, ${total} at the source`);
    }
    summary[name] = copied;
  }
  return summary;
}
