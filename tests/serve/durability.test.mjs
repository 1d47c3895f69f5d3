// `simile serve --data`: every write answered under ?wait=true survives kill -9. A few rounds
// of: start on the same directory, write from several concurrent writers, kill -9 at a
// seeded random moment, restart (it must start) and find every acknowledged point, with its
// payload, and no point that was never sent. A small compaction threshold makes snapshots
// happen during the load too. Seed: SIMILE_SEED=n; rounds: SIMILE_KILL_ROUNDS=n.
import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { encodeRecord } from "../../bin/lib/serve/wal.mjs";
import { http, startServer } from "./server.mjs";

const seed = Number(process.env.SIMILE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = Number(process.env.SIMILE_KILL_ROUNDS ?? 4);
const WRITERS = 4;

/** mulberry32: a small seeded generator, so a failing run can be repeated. */
function rng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Upserts batches of fresh ids until the server goes away; records what was acknowledged. */
async function writer(url, nextId, round, sent, acked) {
  for (;;) {
    const ids = [nextId(), nextId(), nextId()];
    for (const id of ids) sent.add(id);
    const points = ids.map((id) => ({ id, vector: [id % 7, 1, round], payload: { round, id } }));
    try {
      const res = await http(url, "PUT", "/collections/log/points?wait=true", { points });
      if (res.status !== 200) throw new Error(`upsert answered ${res.status}: ${res.text}`);
      for (const id of ids) acked.add(id);
    } catch (err) {
      if (err.message.startsWith("upsert answered")) throw err;
      return; // the server was killed: this batch was never acknowledged
    }
  }
}

/** `startServer` for a test that starts several in turn: `stopAll()` in its `finally` kills
 *  any still running, so a failed assertion never leaves a server (and the runner) hanging. */
function tracked() {
  const started = [];
  return {
    start: async (args) => {
      const s = await startServer(args);
      started.push(s);
      return s;
    },
    stopAll: () => Promise.all(started.map((s) => s.stop("SIGKILL"))),
  };
}

/** Every point of the collection, by scroll. */
async function allPoints(url) {
  const res = await http(url, "POST", "/collections/log/points/scroll", { limit: 1_000_000, with_payload: true });
  assert.equal(res.status, 200, res.text);
  return res.json.result.points;
}

test(`kill -9 under a write load, ${ROUNDS} rounds (seed ${seed})`, { timeout: 120_000 }, async () => {
  console.log(`durability: seed ${seed} (SIMILE_SEED=${seed} to repeat), ${ROUNDS} rounds`);
  const random = rng(seed);
  const dir = mkdtempSync(join(tmpdir(), "simile-kill-"));
  const servers = tracked();
  const sent = new Set();
  const acked = new Set();
  let id = 0;
  const nextId = () => ++id;
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const s = await servers.start(["--data", dir, "--compact-bytes", "2K", "-q"]);
      if (round === 0) assert.equal((await http(s.url, "PUT", "/collections/log", { vectors: { size: 3, distance: "Dot" } })).status, 200);
      const writers = Array.from({ length: WRITERS }, () => writer(s.url, nextId, round, sent, acked));
      const delay = 300 + Math.floor(random() * 700);
      await new Promise((r) => setTimeout(r, delay));
      s.child.kill("SIGKILL");
      await Promise.all(writers);
      await s.exited;
      console.log(`round ${round}: killed after ${delay} ms; ${acked.size} acknowledged so far`);
    }
    const s = await servers.start(["--data", dir, "-q"]);
    try {
      const points = await allPoints(s.url);
      const present = new Map(points.map((p) => [p.id, p]));
      const lost = [...acked].filter((k) => !present.has(k));
      assert.deepEqual(lost.slice(0, 10), [], `${lost.length} acknowledged points lost`);
      for (const p of points) {
        assert.ok(sent.has(p.id), `point ${p.id} was never sent`);
        assert.equal(p.payload.id, p.id, `payload of ${p.id}`);
      }
      assert.ok(acked.size > 0, "no write was acknowledged: the test proved nothing");
      assert.ok(readdirSync(dir).some((f) => /^snapshot-\d+\.simile$/.test(f)), "compaction never ran");
      console.log(`durability: ${acked.size} acknowledged, ${points.length} present after ${ROUNDS} kills`);
      assert.equal((await s.stop()).code, 0);
    } finally {
      await servers.stopAll();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a torn last record and a corrupt one are dropped with a message, never a failed start", async () => {
  const dir = mkdtempSync(join(tmpdir(), "simile-torn-"));
  const servers = tracked();
  try {
    let s = await servers.start(["--data", dir]);
    await http(s.url, "PUT", "/collections/log", { vectors: { size: 3, distance: "Dot" } });
    await http(s.url, "PUT", "/collections/log/points?wait=true", { points: [{ id: 1, vector: [1, 1, 1], payload: { id: 1 } }] });
    assert.equal((await s.stop()).code, 0);

    // A record whose bytes stop short, as a crash in the middle of a write leaves it.
    const wal = join(dir, "wal-0.log");
    const next = encodeRecord("PUT", "/collections/log/points?wait=true", JSON.stringify({ points: [{ id: 2, vector: [1, 1, 1] }] }));
    appendFileSync(wal, next.subarray(0, next.length - 5));
    s = await servers.start(["--data", dir]);
    assert.match(s.stderr(), /torn record .* dropped the last \d+ bytes/);
    let points = await allPoints(s.url);
    assert.deepEqual(points.map((p) => p.id), [1]);
    await http(s.url, "PUT", "/collections/log/points?wait=true", { points: [{ id: 3, vector: [1, 1, 1], payload: { id: 3 } }] });
    assert.equal((await s.stop()).code, 0);

    // A whole record with one flipped byte: its checksum no longer matches.
    const bad = Buffer.from(encodeRecord("PUT", "/collections/log/points?wait=true", JSON.stringify({ points: [{ id: 4, vector: [1, 1, 1] }] })));
    bad[bad.length - 3] ^= 0xff;
    appendFileSync(wal, bad);
    s = await servers.start(["--data", dir]);
    assert.match(s.stderr(), /record checksum mismatch/);
    points = await allPoints(s.url);
    assert.deepEqual(points.map((p) => p.id).sort(), [1, 3]);
    assert.equal((await s.stop()).code, 0);

    // Clean again: the next start reports nothing dropped.
    s = await servers.start(["--data", dir]);
    assert.doesNotMatch(s.stderr(), /dropped/);
    assert.equal((await allPoints(s.url)).length, 2);
    assert.equal((await s.stop()).code, 0);
    assert.equal(readdirSync(dir).filter((f) => f.includes(".corrupt-")).length, 2, "the dropped bytes are kept aside");
  } finally {
    await servers.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a logged write beyond the default size limit is replayed (the limit is lower at restart)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "simile-limit-"));
  const servers = tracked();
  try {
    let s = await servers.start(["--data", dir, "--max-request-mb", "40", "-q"]);
    await http(s.url, "PUT", "/collections/log", { vectors: { size: 3, distance: "Dot" } });
    const pad = "x".repeat(33 * 1024 * 1024); // beyond the engine's own default of 32 MiB
    const up = await http(s.url, "PUT", "/collections/log/points?wait=true", { points: [{ id: 1, vector: [1, 1, 1], payload: { pad } }] });
    assert.equal(up.status, 200, up.text);
    assert.equal((await s.stop()).code, 0);
    s = await servers.start(["--data", dir, "--max-request-mb", "1", "-q"]);
    const got = await http(s.url, "GET", "/collections/log/points/1");
    assert.equal(got.json.result.payload.pad.length, pad.length);
    assert.equal((await s.stop()).code, 0);
  } finally {
    await servers.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
});
