// migrate() and `simile pull` / `simile push` over HTTP: two `simile serve` processes, the
// official `@qdrant/js-client-rest` on both sides, a server copied into an in-process database
// and back, and the CLI between a server and snapshot files (with a filter).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { QdrantClient as Official } from "@qdrant/js-client-rest";
import { Database, QdrantClient } from "simile";
import { migrate } from "simile/migrate";
import { runCli, startServer } from "../serve/server.mjs";

let a;
let b;
let dir;
const official = (server) => new Official({ url: server.url, checkCompatibility: false });
const N = 300;

before(async () => {
  [a, b] = await Promise.all([startServer(), startServer()]);
  dir = mkdtempSync(path.join(tmpdir(), "simile-migrate-http-"));
  const client = official(a);
  await client.createCollection("docs", {
    vectors: { dense: { size: 4, distance: "Cosine" } },
    sparse_vectors: { text: { modifier: "idf" } },
  });
  await client.createPayloadIndex("docs", { field_name: "user", field_schema: "integer", wait: true });
  const points = Array.from({ length: N }, (_, i) => ({
    id: i === 5 ? "3f0c6b34-8d3e-4e53-9a5c-2f8a3b9f4e11" : i,
    vector: { dense: [1, (i % 5) / 5, (i % 3) / 3, 0.5], text: { indices: [i % 17, 40], values: [1, 0.5] } },
    payload: { user: i % 4, title: `doc ${i}` },
  }));
  await client.upsert("docs", { points, wait: true });
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const all = async (client, name) =>
  (await client.scroll(name, { limit: 10_000, with_payload: true, with_vector: true })).points;

test("server to server with the official client, then server to in-process and back", async () => {
  const [from, to] = [official(a), official(b)];
  const progress = [];
  assert.deepEqual(await migrate(from, to, { batchSize: 64, onProgress: (p) => progress.push(p.copied) }), { docs: N });
  assert.deepEqual(progress, [64, 128, 192, 256, 300]);
  assert.deepEqual(await all(to, "docs"), await all(from, "docs"));
  assert.deepEqual((await to.getCollection("docs")).payload_schema, (await from.getCollection("docs")).payload_schema);

  const local = new QdrantClient();
  assert.deepEqual(await migrate(to, local, { collections: ["docs"] }), { docs: N });
  await local.deleteCollection("docs");
  await local.createCollection("docs", { vectors: { dense: { size: 4, distance: "Cosine" } } });
  await assert.rejects(migrate(local, to, { collections: ["docs"] }), /already exists at the destination/);
  assert.deepEqual(await migrate(local, to, { collections: ["docs"], onCollision: "recreate" }), { docs: 0 });
});

test("simile pull with a filter, then simile push to another server", async () => {
  const file = path.join(dir, "user1.snapshot");
  const filter = JSON.stringify({ must: [{ key: "user", match: { value: 1 } }] });
  const pulled = await runCli(["pull", a.url, "docs", "-o", file, "--filter", filter, "--quiet"], 30_000);
  assert.equal(pulled.code, 0, pulled.stderr);
  assert.match(pulled.stdout, /docs: 75 points/);
  const db = new Database();
  db.loadCollection("docs", readFileSync(file));
  assert.equal(db.request("POST", "/collections/docs/points/count", {}).count, 75);
  db.free();

  const pushed = await runCli(["push", file, b.url, "--collection", "user1", "--quiet"], 30_000);
  assert.equal(pushed.code, 0, pushed.stderr);
  const client = official(b);
  assert.equal((await client.count("user1", { exact: true })).count, 75);
  const hit = await client.query("user1", { query: { indices: [3], values: [1] }, using: "text", limit: 1, with_payload: true });
  assert.equal(hit.points[0].payload.user, 1);

  const bad = await runCli(["pull", a.url, "nope", "-o", file, "--quiet"], 30_000);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /404/);
});
