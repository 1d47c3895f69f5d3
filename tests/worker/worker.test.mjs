// simile/worker in Node (worker_threads): the QdrantClient API answered by a database in a
// worker thread — the same answers as in process, typed arrays transferred, progress per chunk,
// errors with their status and code, and the process free to exit when idle.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ApiError, Database } from "simile";
import { createWorkerClient } from "simile/worker";

const N = 20_000;
const DIM = 16;

function data() {
  const ids = Uint32Array.from({ length: N }, (_, i) => i + 1);
  const vectors = new Float32Array(N * DIM);
  let s = 7;
  for (let i = 0; i < vectors.length; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    vectors[i] = s / 2 ** 31 - 0.5;
  }
  return { ids, vectors };
}

test("a worker database answers as an in-process one; arrays are transferred", async () => {
  const client = await createWorkerClient();
  const local = new Database();
  try {
    const config = { vectors: { size: DIM, distance: "Cosine" } };
    await client.createCollection("c", config);
    local.request("PUT", "/collections/c", config);
    const { ids, vectors } = data();
    local.upsertFlat("c", ids, vectors);
    const query = Array.from(vectors.subarray(DIM * 5, DIM * 6));
    const progress = [];
    await client.upsertFlat("c", ids, vectors, null, { chunkRows: 5000, onProgress: (done, total) => progress.push([done, total]) });
    assert.equal(vectors.byteLength, 0, "the vectors were transferred, not copied");
    assert.deepEqual(progress, [[5000, N], [10000, N], [15000, N], [20000, N]]);
    const body = { query, limit: 5, with_payload: true };
    const points = (r) => r.points.map(({ id, score, payload }) => ({ id, score, payload }));
    const remote = await client.query("c", body);
    assert.deepEqual(points(remote), points(local.request("POST", "/collections/c/points/query", body)));
    assert.equal((await client.count("c", { exact: true })).count, N);
    assert.equal(await client.database("memoryBytes"), local.memoryBytes());
    const snapshot = await client.database("collectionToBytes", "c");
    assert.ok(snapshot instanceof Uint8Array && snapshot.length > N * DIM * 4);
    assert.deepEqual(await client.request("GET", "/collections/c/exists"), { exists: true });
  } finally {
    local.free();
    await client.terminate();
  }
});

test("errors keep their class, status, code and Qdrant's message", async () => {
  const client = await createWorkerClient();
  try {
    await assert.rejects(client.getCollection("missing"), (err) => {
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 404);
      assert.match(err.data.status.error, /Collection `missing` doesn't exist!/);
      return true;
    });
    await assert.rejects(client.request("PUT", "/collections/x", { vectors: { size: 0, distance: "Dot" } }), (err) => {
      assert.equal(err.status, 422);
      assert.equal(err.code, "validation");
      return true;
    });
    await assert.rejects(client.noSuchMethod(), /QdrantClient has no method "noSuchMethod"/);
    const retry = await client.createCollection("ok", { vectors: { size: 2, distance: "Dot" } });
    assert.equal(retry, true, "the worker keeps serving after errors");
  } finally {
    await client.terminate();
  }
});

test("an idle worker does not keep Node running", () => {
  const entry = new URL("../../js/worker/node.js", import.meta.url).href;
  const script = `import { createWorkerClient } from ${JSON.stringify(entry)};
    const c = await createWorkerClient();
    await c.createCollection("a", { vectors: { size: 2, distance: "Dot" } });
    console.log("done");`;
  const dir = mkdtempSync(path.join(tmpdir(), "simile-worker-"));
  const file = path.join(dir, "idle.mjs");
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, [file], { encoding: "utf8", timeout: 20_000 });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), "done");
});
