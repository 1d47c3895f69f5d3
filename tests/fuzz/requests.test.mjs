// Property/fuzz suite through the JS entry point: ONE Database (a few collections: Cosine, Dot,
// Euclid, Manhattan, named vectors, payloads) takes generated bad and good requests of every
// kind — through requestText, and some through upsertFlat / searchFlat / fromBytes — and must
// never trap, answer with a status outside 200/400/404/422/501/507, or break Qdrant's envelope.
// Then the stable collections must be unchanged and the whole golden corpus must pass on the
// same instance, in fresh collections.
//
//   node --test tests/fuzz/                                  100,000 requests, random seed
//   SIMILE_SEED=123 node --test tests/fuzz/                  replay a run (the seed is printed)
//   SIMILE_FUZZ_REQUESTS=5000000 node --test tests/fuzz/     the long run
import assert from "node:assert/strict";
import { test } from "node:test";
import { Database, instanceLost } from "simile";
import { compareError, compareResult, loadCases, restPath } from "../support/golden.mjs";
import { buildFixture, stableState } from "./fixture.mjs";
import * as flat from "./flat.mjs";
import * as hostile from "./hostile.mjs";
import { checkEnvelope, checkThrown } from "./invariants.mjs";
import { pickSeed, Rng } from "./rng.mjs";
import { ValidGen } from "./valid.mjs";

const SEED = pickSeed();
const REQUESTS = Number(process.env.SIMILE_FUZZ_REQUESTS ?? 100_000);

/** Category → weight. "valid_*" are well-formed requests checked for a 200 and their shape. */
const CATEGORIES = [
  [30, "valid_read", (ctx) => ctx.sendReq("valid_read", ctx.gen.read())],
  [10, "valid_write", (ctx) => ctx.sendReq("valid_write", ctx.gen.write())],
  [3, "valid_mutable_read", (ctx) => ctx.sendReq("valid_mutable_read", ctx.gen.mutableRead())],
  [8, "malformed_json", hostile.malformed],
  [8, "wrong_types", hostile.wrongTypes],
  [4, "unknown_fields", hostile.unknownFields],
  [3, "deep_filter", hostile.deepFilters],
  [4, "limits", hostile.limits],
  [4, "non_finite", hostile.nonFinite],
  [3, "dimensions", hostile.dims],
  [2, "duplicate_ids", hostile.duplicateIds],
  [3, "bad_ids", hostile.badIds],
  [3, "geo_datetime", hostile.geoAndDates],
  [0.05, "big_batches", hostile.bigBatches],
  [2, "routes", hostile.routes],
  [0.05, "budget", hostile.budget],
  [2, "flat_upsert", flat.upsertFlat],
  [2, "flat_search", flat.searchFlat],
  [0.5, "snapshots", flat.snapshots],
  [0.5, "proto_keys", flat.protoKeys],
  [0.02, "huge", flat.huge],
];

class Context {
  constructor(db, rng, model) {
    this.db = db;
    this.rng = rng;
    this.model = model;
    this.gen = new ValidGen(rng, model);
    this.tried = new Map();
    this.statuses = new Map();
    this.n = 0;
    this.protoNames = Object.getOwnPropertyNames(Object.prototype).sort().join();
  }

  count(category, status) {
    this.n += 1;
    this.tried.set(category, (this.tried.get(category) ?? 0) + 1);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  where(category, method, path, text) {
    const body = typeof text === "string" && text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text;
    return `[seed ${SEED}, request #${this.n}, ${category}] ${method} ${path.slice(0, 200)} ${body}`;
  }

  /** One REST request: universal invariants, then the expectation. */
  send(category, method, path, text, expect = {}) {
    let res;
    try {
      res = this.db.requestText(method, path, text);
    } catch (e) {
      assert.fail(`${this.where(category, method, path, text)}\nthrew ${e.name}: ${e.message}`);
    }
    this.count(category, res.status);
    const context = () => `${this.where(category, method, path, text)}\n→ ${res.status} ${res.body.slice(0, 400)}`;
    assert.ok(!instanceLost(), `instance lost: ${context()}`);
    let env;
    try {
      env = checkEnvelope(res);
      if (expect.status) assert.ok(expect.status.includes(res.status), `expected ${expect.status}`);
      if (expect.message && res.status !== 200) assert.match(env.status.error, expect.message);
      if (expect.check && res.status === 200) expect.check(env.result);
    } catch (e) {
      assert.fail(`${e.message}\n${context()}`);
    }
    return { status: res.status, env };
  }

  sendReq(category, req) {
    const text = req.body === undefined ? "" : JSON.stringify(req.body);
    const expect = { ...req.expect, check: req.check ?? req.expect?.check };
    return this.send(category, req.method ?? "POST", req.path, text, expect);
  }

  /** One flat-API call: `ok(value)` or `err(error)` decides; a trap or lost instance fails. */
  flat(category, fn, { ok, err } = {}) {
    let value;
    try {
      value = fn();
    } catch (e) {
      this.count(category, e?.status ?? e?.name);
      try {
        checkThrown(e);
        assert.ok(!instanceLost(), "instance lost");
        if (err) err(e);
        else assert.ok(e?.name === "SimileError", `unexpected ${e?.name}: ${e?.message}`);
      } catch (f) {
        assert.fail(`[seed ${SEED}, request #${this.n}, ${category}] ${f.message}\n(thrown: ${e?.name}: ${e?.message})`);
      }
      return;
    }
    this.count(category, 200);
    assert.ok(!instanceLost(), `[seed ${SEED}, request #${this.n}, ${category}] instance lost`);
    try {
      ok?.(value);
    } catch (f) {
      assert.fail(`[seed ${SEED}, request #${this.n}, ${category}] ${f.message}`);
    }
  }

  checkPrototypes() {
    assert.equal(Object.getOwnPropertyNames(Object.prototype).sort().join(), this.protoNames, "Object.prototype changed");
    assert.equal({}.polluted, undefined, "Object.prototype polluted");
  }
}

/** The golden corpus in fresh collections of `db`, names prefixed so nothing clashes. */
function goldenOnSameInstance(db) {
  const cases = loadCases();
  const failures = [];
  cases.forEach((c, idx) => {
    const prefix = `golden${idx}_`;
    const created = [];
    try {
      for (const [name, coll] of Object.entries(c.collections)) {
        const created1 = db.requestText("PUT", `/collections/${prefix}${name}`, JSON.stringify({ vectors: coll.vectors }));
        assert.equal(created1.status, 200, created1.body);
        created.push(prefix + name);
        const up = db.requestText("PUT", `/collections/${prefix}${name}/points?wait=true`, JSON.stringify({ points: coll.points }));
        assert.equal(up.status, 200, up.body);
      }
      const body = structuredClone(c.request.body);
      for (const b of [body, ...(body.searches ?? [])]) {
        if (b?.lookup_from?.collection) b.lookup_from.collection = prefix + b.lookup_from.collection;
      }
      const res = db.requestText("POST", restPath(prefix + c.request.collection, c.request.endpoint), JSON.stringify(body));
      const env = checkEnvelope(res);
      if (c.expected_error) compareError(c, res.status, env.status?.error ?? "");
      else {
        assert.equal(res.status, 200, `${c.name}: ${res.body.slice(0, 300)}`);
        compareResult(c, env.result);
      }
    } catch (e) {
      failures.push(`${c.name}: ${e.message}`);
    } finally {
      for (const name of created) db.requestText("DELETE", `/collections/${name}`);
    }
  });
  return { cases: cases.length, failures };
}

test(`fuzz: ${REQUESTS} generated requests on one Database, then the golden corpus on the same instance (seed ${SEED})`, () => {
  console.log(`simile fuzz: seed ${SEED} (replay: SIMILE_SEED=${SEED}), ${REQUESTS} requests (SIMILE_FUZZ_REQUESTS)`);
  const t0 = performance.now();
  const db = new Database();
  const rng = new Rng(SEED);
  const model = buildFixture(db, rng);
  const ctx = new Context(db, rng, model);
  const before = stableState(db);
  const pick = CATEGORIES.map(([w, , fn]) => [w, fn]);
  while (ctx.n < REQUESTS) rng.weighted(pick)(ctx);
  const tFuzz = performance.now();

  // Nothing that had to fail (or only read) changed the stable collections.
  const after = stableState(db);
  after.forEach((s, k) => assert.equal(s, before[k], `stable collection ${k} changed`));
  ctx.checkPrototypes();
  assert.ok(!instanceLost());
  for (const c of JSON.parse(db.requestText("GET", "/collections").body).result.collections) {
    if (c.name.startsWith("fz_junk")) db.requestText("DELETE", `/collections/${encodeURIComponent(c.name)}`);
  }
  // The instance still snapshots and reloads.
  const copy = Database.fromBytes(db.toBytes());
  assert.deepEqual(stableState(copy), after);
  copy.free();

  const golden = goldenOnSameInstance(db);
  const tEnd = performance.now();
  const width = Math.max(...[...ctx.tried.keys()].map((k) => k.length));
  const lines = CATEGORIES.map(([, name]) => `  ${name.padEnd(width)} ${String(ctx.tried.get(name) ?? 0).padStart(9)}`);
  const statuses = [...ctx.statuses].sort((a, b) => String(a[0]).localeCompare(String(b[0]))).map(([s, n]) => `${s}: ${n}`).join(", ");
  console.log(`requests tried by category (${ctx.n} total):\n${lines.join("\n")}`);
  console.log(`statuses seen: ${statuses}`);
  console.log(`memory: ${db.memoryBytes()} bytes in collections after the run`);
  console.log(`golden corpus on the same instance: ${golden.cases - golden.failures.length}/${golden.cases}`);
  console.log(`time: fuzz ${((tFuzz - t0) / 1000).toFixed(1)} s (${Math.round(ctx.n / ((tFuzz - t0) / 1000))} req/s), golden ${((tEnd - tFuzz) / 1000).toFixed(1)} s`);
  assert.deepEqual(golden.failures, []);
  db.free();
});
