// workerd's default memory budget (96 MiB, js/workers-budget.js WORKERS_MEMORY_BUDGET): a Worker fills a
// 384-dim collection until an upsert is rejected with 507, and the instance keeps answering.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { startWorker } from "./miniflare.mjs";

const MIB = 1024 * 1024;
let mf;
let answer; // the Worker's one answer: [HTTP status, JSON]

before(async () => {
  mf = startWorker(fileURLToPath(new URL("./budget-worker.js", import.meta.url)));
  const res = await fetch(await mf.ready);
  answer = [res.status, await res.json()];
});

after(async () => {
  await mf?.dispose();
});

test("workerd: upserts until the 96 MiB budget rejects one (507); nothing traps, the data still answers", async () => {
  const [status, r] = answer;
  assert.equal(status, 200, r.error);
  assert.equal(r.ok, true);
  console.log(
    `workerd budget: ${r.fitted} points × ${r.dim} dims fit in ${r.budget / MIB} MiB ` +
      `(memoryBytes ${(r.memoryBytes / MIB).toFixed(1)} MiB, wasm memory ${(r.wasmMemoryBytes / MIB).toFixed(1)} MiB); ` +
      `then: ${r.rejection?.status} ${r.rejection?.message}`,
  );
  assert.equal(r.budget, 96 * MIB);
  assert.equal(r.lost, false, "the instance trapped");
  assert.ok(r.rejection, "no upsert was rejected");
  assert.equal(r.rejection.status, 507);
  assert.equal(r.rejection.code, "memory_budget");
  assert.match(r.rejection.message, /Memory budget exceeded/);
  assert.equal(r.restStatus, 507, "the REST upsert past the budget is refused too");
  assert.ok(r.fitted > 0);
  assert.ok(r.fitted * r.dim * 4 <= 96 * MIB, "points that fit × 384 × 4 ≤ 96 MiB");
  assert.ok(r.memoryBytes <= r.budget && r.memoryBytesAfter === r.memoryBytes, "within the budget, unchanged by refusals");
  assert.equal(r.count, r.fitted, "a refused upsert changes nothing");
  assert.equal(r.filtered, 2);
  assert.deepEqual(r.probe.payload, { n: r.probe.id });
  assert.equal(r.probe.top, r.probe.id);
  assert.ok(Math.abs(r.probe.topScore - 1) < 1e-4);
  assert.equal(r.probe.hits, 5);
  assert.deepEqual(r.probe.flatIds, [r.probe.id]);
});

// The budget counts the bytes collections hold; vectors grow chunk by chunk (never an old and
// a new copy of a whole store at once), and wasm memory never shrinks: the default Workers
// budget (96 MiB) is chosen so that the peak stays under the isolate limit.
test("workerd: wasm memory stays under the 128 MB isolate limit when filled to the budget", async () => {
  const [, r] = answer;
  assert.ok(r.wasmMemoryBytes < 128 * 1000 * 1000, `wasm memory ${(r.wasmMemoryBytes / MIB).toFixed(1)} MiB`);
});

