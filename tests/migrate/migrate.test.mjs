// migrate(): collections copied between two simile databases through the QdrantClient API —
// config, payload indexes, every point with payload and vectors (dense, sparse, big ids) —
// with a filter, on collisions, with transient failures retried, and an interrupted copy
// resumed from its last checkpoint.
import assert from "node:assert/strict";
import { test } from "node:test";
import { QdrantClient } from "simile";
import { migrate } from "simile/migrate";

const N = 250;

async function source() {
  const from = new QdrantClient();
  await from.createCollection("docs", {
    vectors: { dense: { size: 3, distance: "Cosine" } },
    sparse_vectors: { text: { modifier: "idf" } },
  });
  await from.createPayloadIndex("docs", { field_name: "kind", field_schema: "keyword" });
  await from.createPayloadIndex("docs", { field_name: "n", field_schema: { type: "integer", lookup: false, range: true } });
  const points = Array.from({ length: N }, (_, i) => ({
    id: i === 7 ? 18446744073709551615n : i === 8 ? "550e8400-e29b-41d4-a716-446655440000" : i,
    vector: { dense: [1, i % 7, i % 3], text: { indices: [i % 11, 20 + (i % 5)], values: [0.5, 1] } },
    payload: { kind: i % 4 === 0 ? "even" : "odd", n: i, nested: { tags: ["a", String(i)] } },
  }));
  await from.upsert("docs", { points, wait: true });
  await from.createCollection("small", { vectors: { size: 2, distance: "Dot" } });
  await from.upsert("small", { points: [{ id: 1, vector: [1, 2], payload: { x: 1 } }] });
  return from;
}

/** Every point of `name`, with payload and vectors, in id order. */
async function everything(client, name) {
  return (await client.scroll(name, { limit: 10_000, with_payload: true, with_vector: true })).points;
}

test("copies config, payload indexes and every point; counts verified", async () => {
  const from = await source();
  const to = new QdrantClient();
  const events = [];
  const summary = await migrate(from, to, { batchSize: 40, onProgress: (p) => events.push(p) });
  assert.deepEqual(summary, { docs: N, small: 1 });
  const [a, b] = [await from.getCollection("docs"), await to.getCollection("docs")];
  assert.deepEqual(b.config.params, a.config.params);
  assert.deepEqual(b.payload_schema, a.payload_schema);
  assert.deepEqual(await everything(to, "docs"), await everything(from, "docs"));
  assert.equal(events.filter((e) => e.collection === "docs").length, Math.ceil(N / 40));
  assert.deepEqual(events.at(-1), { collection: "small", copied: 1, total: 1, checkpoint: { collection: "small", offset: null, copied: 1 }, done: true });
  const q = { query: { indices: [3], values: [1] }, using: "text", limit: 5 };
  const answer = async (client) => (await client.query("docs", q)).points.map(({ id, score }) => [id, score]);
  assert.deepEqual(await answer(to), await answer(from), "the same answers after the move");
});

test("a filter copies a slice; collisions raise, skip or recreate", async () => {
  const from = await source();
  const to = new QdrantClient();
  const filter = { must: [{ key: "kind", match: { value: "even" } }] };
  assert.deepEqual(await migrate(from, to, { collections: ["docs"], filter }), { docs: Math.ceil(N / 4) });
  await assert.rejects(migrate(from, to, { collections: ["docs"] }), /already exists at the destination/);
  assert.deepEqual(await migrate(from, to, { collections: ["docs"], onCollision: "skip" }), {});
  assert.deepEqual(await migrate(from, to, { collections: ["docs"], onCollision: "recreate" }), { docs: N });
});

/** `to` whose upserts fail: `plan(batch)` returns an error to throw, or nothing. */
function flaky(to, plan) {
  let batch = 0;
  return new Proxy(to, {
    get(target, key) {
      if (key !== "upsert") return target[key].bind(target);
      return async (...args) => {
        const err = plan(batch++);
        if (err) throw err;
        return target.upsert(...args);
      };
    },
  });
}

const failure = (status) => Object.assign(new Error(`status ${status}`), { status });

test("transient failures are retried; others stop the copy, which resumes from its checkpoint", async () => {
  const from = await source();
  const retried = new QdrantClient();
  const flakyOnce = flaky(retried, (k) => (k === 2 ? failure(503) : undefined));
  assert.deepEqual(await migrate(from, flakyOnce, { collections: ["docs"], batchSize: 50, pauseMs: 1 }), { docs: N });

  const to = new QdrantClient();
  let last;
  const broken = flaky(to, (k) => (k === 3 ? failure(400) : undefined));
  await assert.rejects(
    migrate(from, broken, { collections: ["docs"], batchSize: 50, onProgress: (p) => (last = p.checkpoint) }),
    (err) => err.status === 400,
  );
  assert.equal((await to.count("docs")).count, 150, "three batches landed");
  assert.deepEqual(last, { collection: "docs", offset: 152, copied: 150 }, "ids 7 and 8 are the big id and the UUID, last in id order");
  const resumed = [];
  assert.deepEqual(await migrate(from, to, { collections: ["docs"], batchSize: 50, checkpoint: last, onProgress: (p) => resumed.push(p.copied) }), { docs: N });
  assert.deepEqual(resumed, [200, 250]);
  assert.deepEqual(await everything(to, "docs"), await everything(from, "docs"));
});
