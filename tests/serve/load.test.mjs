// A bounded load test of `simile serve` on loopback: N concurrent keep-alive connections for a
// fixed time per mix, printing throughput and latency percentiles. Query mix: every answer is
// checked against the same request answered in process (ids, order and scores); upsert mix
// (durable, ?wait=true): every request must succeed and every point be counted afterwards.
// SIMILE_LOAD_SECONDS (default 2 per mix) and SIMILE_LOAD_CONNECTIONS (default 8) scale it.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Database } from "simile";
import { http, startServer } from "./server.mjs";

const SECONDS = Number(process.env.SIMILE_LOAD_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.SIMILE_LOAD_CONNECTIONS ?? 8);
const DIM = 64;
const POINTS = 5000;
const seed = Number(process.env.SIMILE_SEED ?? 12345);

function rng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(seed);
const vector = () => Array.from({ length: DIM }, () => Math.fround(random() * 2 - 1));

/** One keep-alive request: `{ status, text }`. */
function send(agent, url, method, path, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url + path, { method, agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on("data", (d) => chunks.push(d));
      res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs `next()`-made requests on CONNECTIONS connections for SECONDS; `check` each answer. */
async function drive(url, next, check) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  const deadline = performance.now() + SECONDS * 1000;
  const failures = [];
  const loop = async () => {
    while (performance.now() < deadline) {
      const { method, path, body, expect } = next();
      const t0 = performance.now();
      const res = await send(agent, url, method, path, body);
      latencies.push(performance.now() - t0);
      const problem = check(res, expect);
      if (problem) failures.push(problem);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
  return { count: latencies.length, rps: Math.round(latencies.length / elapsed), p50: pct(50), p99: pct(99), failures };
}

const rssMiB = (pid) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);

/** The collection, upserted over HTTP and into an in-process database alike. */
async function seedCollection(url, db) {
  const create = { vectors: { size: DIM, distance: "Cosine" } };
  assert.equal((await http(url, "PUT", "/collections/load", create)).status, 200);
  db.request("PUT", "/collections/load", create);
  for (let start = 0; start < POINTS; start += 500) {
    const points = Array.from({ length: 500 }, (_, k) => ({ id: start + k, vector: vector(), payload: { group: (start + k) % 10 } }));
    assert.equal((await http(url, "PUT", "/collections/load/points?wait=true", { points })).status, 200);
    db.request("PUT", "/collections/load/points?wait=true", { points });
  }
}

/** 200 requests of the query mix with their in-process answers (ids and scores). */
function queryMix(db) {
  const kinds = [
    () => ["/collections/load/points/query", { query: vector(), limit: 10 }],
    () => ["/collections/load/points/query", { query: vector(), limit: 10, filter: { must: [{ key: "group", match: { value: 3 } }] } }],
    () => ["/collections/load/points/query", { query: { recommend: { positive: [Math.floor(random() * POINTS)], negative: [Math.floor(random() * POINTS)] } }, limit: 10 }],
    () => ["/collections/load/points/search", { vector: vector(), limit: 10, with_payload: true }],
  ];
  return Array.from({ length: 200 }, (_, i) => {
    const [path, body] = kinds[i % kinds.length]();
    const result = db.request("POST", path, body);
    const points = Array.isArray(result) ? result : result.points;
    return { method: "POST", path, body: JSON.stringify(body), expect: points.map((p) => [p.id, p.score]) };
  });
}

function sameAnswer(res, expect) {
  if (res.status !== 200) return `status ${res.status}: ${res.text.slice(0, 200)}`;
  const result = JSON.parse(res.text).result;
  const got = (Array.isArray(result) ? result : result.points).map((p) => [p.id, p.score]);
  if (got.length !== expect.length) return `count ${got.length} vs ${expect.length}`;
  const bad = got.findIndex(([id, score], k) => id !== expect[k][0] || Math.abs(score - expect[k][1]) > 1e-6);
  return bad < 0 ? null : `result ${bad}: ${JSON.stringify(got[bad])} vs ${JSON.stringify(expect[bad])}`;
}

test(`load: query mix, ${CONNECTIONS} connections × ${SECONDS} s, every answer checked`, { timeout: 120_000 }, async () => {
  const s = await startServer(["-q"]);
  const db = new Database();
  try {
    await seedCollection(s.url, db);
    const mix = queryMix(db);
    let i = 0;
    const r = await drive(s.url, () => mix[i++ % mix.length], sameAnswer);
    console.log(`load query mix (${POINTS} × ${DIM}-d Cosine; query, filtered query, recommend, search): ${r.count} requests, ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, server RSS ${rssMiB(s.child.pid)} MiB`);
    assert.deepEqual(r.failures.slice(0, 5), [], `${r.failures.length} wrong answers`);
    assert.ok(r.count > 0);
  } finally {
    db.free();
    assert.equal((await s.stop()).code, 0);
  }
});

test(`load: durable upsert mix (--data, ?wait=true), ${CONNECTIONS} connections × ${SECONDS} s`, { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "simile-load-"));
  const s = await startServer(["--data", dir, "-q"]);
  try {
    assert.equal((await http(s.url, "PUT", "/collections/up", { vectors: { size: DIM, distance: "Dot" } })).status, 200);
    let id = 0;
    const batch = () => JSON.stringify({ points: Array.from({ length: 10 }, () => ({ id: id++, vector: vector(), payload: { n: id } })) });
    const next = () => ({ method: "PUT", path: "/collections/up/points?wait=true", body: batch() });
    const ok = (res) => (res.status === 200 && JSON.parse(res.text).result.status === "completed" ? null : `status ${res.status}: ${res.text.slice(0, 200)}`);
    const r = await drive(s.url, next, ok);
    console.log(`load upsert mix (10 points of ${DIM}-d per request, durable): ${r.count} requests (${r.count * 10} points), ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, server RSS ${rssMiB(s.child.pid)} MiB`);
    assert.deepEqual(r.failures.slice(0, 5), []);
    const count = await http(s.url, "POST", "/collections/up/points/count", { exact: true });
    assert.equal(count.json.result.count, r.count * 10, "every acknowledged point is counted");
  } finally {
    assert.equal((await s.stop()).code, 0);
    rmSync(dir, { recursive: true, force: true });
  }
});
