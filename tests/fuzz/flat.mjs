// Hostile calls of the typed-array API (upsertFlat, searchFlat), snapshot loading (fromBytes,
// loadCollection), payload keys that are JavaScript prototype names, and very large inputs.
import assert from "node:assert/strict";
import { Database } from "simile";
import { MUT_IDS, toText } from "./fixture.mjs";

const isSimileError = (e) => e?.name === "SimileError" && typeof e.status === "number" && typeof e.message === "string" && e.message.length > 0;

/** upsertFlat into fz_mut (dim 8) with valid or broken ids, rows and payloads. */
export function upsertFlat(ctx) {
  const r = ctx.rng;
  const n = r.range(0, 40);
  let valid = true;
  const idKind = r.pick(["u32", "u64", "numbers", "bigints", "uuids", "mixed", "junk"]);
  const okId = () => r.int(MUT_IDS);
  let ids;
  if (idKind === "u32") ids = Uint32Array.from({ length: n }, okId);
  else if (idKind === "u64") ids = BigUint64Array.from({ length: n }, () => BigInt(okId()));
  else if (idKind === "numbers") ids = Array.from({ length: n }, okId);
  else if (idKind === "bigints") ids = Array.from({ length: n }, () => BigInt(okId()));
  else if (idKind === "uuids") ids = Array.from({ length: n }, () => ctx.rng.uuid());
  else if (idKind === "mixed") {
    ids = Array.from({ length: n }, okId);
    if (n > 0) {
      ids[r.int(n)] = r.pick([-1, 1.5, NaN, Infinity, 2 ** 53, -1n, 2n ** 64n, "42", "", null, undefined, {}, [], true, "5c56c793-69f3-4fbf-87e6-c4bf54c28c2"]);
      valid = false;
    }
  } else {
    ids = r.pick([null, undefined, 5, "ids", { length: 2 }, new Float64Array(n), new Proxy([], { get() { throw new Error("trap"); } })]);
    valid = false;
  }
  const vecKind = r.weighted([[6, "ok"], [1, "array"], [1, "short"], [1, "nan"], [1, "junk"]]);
  let vectors;
  if (vecKind === "ok" || vecKind === "nan") vectors = Float32Array.from({ length: n * 8 }, () => r.coord());
  if (vecKind === "array") vectors = Array.from({ length: n * 8 }, () => r.coord());
  if (vecKind === "short") {
    vectors = new Float32Array(Math.max(0, n * 8 + r.pick([-1, 1, 8, -8])));
    if (vectors.length !== n * 8) valid = false;
  }
  if (vecKind === "nan") {
    if (n > 0) {
      vectors[r.int(n * 8)] = r.pick([NaN, Infinity, -Infinity]);
      valid = false;
    }
  }
  if (vecKind === "junk") {
    vectors = r.pick([null, undefined, 7, "abc", { length: 1e12 }, { length: 3 }, new Proxy([], { get() { throw new Error("trap"); } })]);
    valid = false;
  }
  let payloads;
  const pk = r.weighted([[4, "none"], [4, "ok"], [1, "length"], [1, "scalar"], [1, "bigint"]]);
  if (pk === "ok") payloads = Array.from({ length: n }, (_, k) => (r.chance(0.3) ? null : { k, s: `k${k % 7}` }));
  if (pk === "length") {
    payloads = Array.from({ length: n + 1 }, () => ({}));
    valid = false;
  }
  if (pk === "scalar" && n > 0) {
    payloads = Array.from({ length: n }, () => ({}));
    payloads[r.int(n)] = r.pick(["x", 5, [1], true]);
    valid = false;
  }
  // Bigints in payloads are written as exact JSON integers (the codec `request` uses too).
  if (pk === "bigint" && n > 0) payloads = Array.from({ length: n }, () => ({ b: r.pick([1n, 2n ** 63n]) }));
  ctx.flat("flat_upsert", () => ctx.db.upsertFlat("fz_mut", ids, vectors, payloads), {
    ok: valid ? () => checkLastWins(ctx, ids, vectors) : () => assert.fail(`upsertFlat accepted invalid input (${idKind}, ${vecKind}, ${pk})`),
    err: (e) => {
      assert.ok(!valid || false, `valid upsertFlat threw: ${e.message}`);
      assert.ok(isSimileError(e) && [400, 507].includes(e.status), `unexpected error ${e.name}: ${e.message}`);
    },
  });
}

/** After a valid flat upsert, each id holds its last row. */
function checkLastWins(ctx, ids, vectors) {
  const list = Array.from(ids, (id) => (typeof id === "bigint" ? Number(id) : id));
  if (list.length === 0) return;
  const k = list.lastIndexOf(list[ctx.rng.int(list.length)]);
  const res = ctx.send("flat_upsert", "POST", "/collections/fz_mut/points", toText({ ids: [list[k]], with_vector: true }), { status: [200] });
  const got = res.env.result[0].vector;
  for (let j = 0; j < 8; j += 1) assert.ok(Math.abs(got[j] - Number(vectors[k * 8 + j])) < 1e-6, `row ${k} of id ${list[k]} not the last one written`);
}

/** searchFlat with valid and broken collections, vectors, limits and filters. */
export function searchFlat(ctx) {
  const r = ctx.rng;
  let ok = true;
  const coll = r.weighted([[6, r.pick(["fz_dot", "fz_cos", "fz_euc", "fz_man", "fz_mut"])], [1, "fz_named"], [1, "fz_nope"]]);
  if (coll === "fz_named" || coll === "fz_nope") ok = false;
  let vector = r.chance(0.8) ? Float32Array.from({ length: 8 }, () => r.coord()) : r.vector(8);
  if (r.chance(0.15)) {
    vector = r.pick([new Float32Array(7), new Float32Array(0), Float32Array.of(NaN, 0, 0, 0, 0, 0, 0, 0), null, "x", { length: 1e10 }, [Infinity, 0, 0, 0, 0, 0, 0, 0]]);
    ok = false;
  }
  let limit = r.pick([1, 5, 10, 1000, 0, 2 ** 32 + 5, 2 ** 53 - 1]);
  let typeError = false;
  if (r.chance(0.05)) {
    limit = r.pick([-1, 1.5, NaN, 2 ** 60, "3"]);
    typeError = true;
  }
  let filter;
  if (r.chance(0.4)) filter = ctx.gen.filter(ctx.model.stable[0]);
  if (r.chance(0.05)) {
    filter = r.pick([{ must: [{ key: "i" }] }, { nope: 1 }, { must: [{ key: "geo", geo_radius: { center: { lon: 500, lat: 0 }, radius: 1 } }] }]);
    ok = false;
  }
  ctx.flat("flat_search", () => ctx.db.searchFlat(coll, vector, limit, filter), {
    ok: (hits) => {
      assert.ok(ok && !typeError, "searchFlat accepted invalid input");
      assert.ok(hits.scores instanceof Float32Array && hits.ids.length === hits.scores.length && hits.ids.length <= Math.min(limit, MUT_IDS + 2000));
    },
    err: (e) => {
      if (typeError && e instanceof TypeError) return;
      if (ok && !typeError) assert.fail(`valid searchFlat threw: ${e.name}: ${e.message}`);
      assert.ok(isSimileError(e) && [400, 404, 422, 507].includes(e.status), `${e.name} ${e.status}: ${e.message}`);
    },
  });
}

let tiny = null;
function tinySnapshot() {
  if (tiny === null) {
    const db = new Database();
    db.request("PUT", "/collections/t", { vectors: { a: { size: 3, distance: "Cosine" }, b: { size: 2, distance: "Euclid" } } });
    db.request("PUT", "/collections/t/points", { points: Array.from({ length: 20 }, (_, i) => ({ id: i, vector: { a: [i, 1, 2], b: [1, i] }, payload: { i, s: "x".repeat(i) } })) });
    db.request("POST", "/collections/aliases", { actions: [{ create_alias: { collection_name: "t", alias_name: "ta" } }] });
    tiny = { db: db.toBytes(), coll: db.collectionToBytes("t") };
    db.free();
  }
  return tiny;
}

function mutate(r, bytes) {
  const b = Uint8Array.from(bytes);
  const how = r.pick(["flip", "flip", "truncate", "extend", "random", "empty", "zero-run"]);
  if (how === "flip") for (let k = r.range(1, 4); k > 0; k -= 1) b[r.int(b.length)] ^= 1 << r.int(8);
  if (how === "truncate") return b.slice(0, r.int(b.length));
  if (how === "extend") return Uint8Array.from([...b, ...Array.from({ length: r.range(1, 64) }, () => r.int(256))]);
  if (how === "random") return Uint8Array.from({ length: r.int(400) }, () => r.int(256));
  if (how === "empty") return new Uint8Array(0);
  if (how === "zero-run") b.fill(r.pick([0, 255]), r.int(b.length), r.int(b.length));
  return b;
}

/** Snapshot bytes: intact (loads), mutated or junk (a 400, or loads if the change is benign). */
export function snapshots(ctx) {
  const r = ctx.rng;
  const snap = tinySnapshot();
  const intact = r.chance(0.1);
  if (r.chance(0.6)) {
    const bytes = intact ? snap.db : mutate(r, snap.db);
    const input = r.weighted([[8, bytes], [1, bytes.buffer], [1, new Uint16Array(bytes.buffer, 0, bytes.length >> 1)], [1, Array.from(bytes)]]);
    ctx.flat("snapshots", () => Database.fromBytes(input), {
      ok: (db) => {
        const res = db.requestText("GET", "/collections");
        assert.equal(res.status, 200);
        db.free();
      },
      err: (e) => {
        assert.ok(!(intact && input === bytes), `an intact snapshot failed to load: ${e.message}`);
        assert.ok((isSimileError(e) && e.status === 400) || e instanceof TypeError, `${e.name}: ${e.message}`);
      },
    });
  } else {
    const bytes = intact ? snap.coll : mutate(r, snap.coll);
    ctx.flat("snapshots", () => ctx.db.loadCollection("fz_junk_loaded", bytes), {
      ok: () => ctx.send("snapshots", "DELETE", "/collections/fz_junk_loaded", "", { status: [200] }),
      err: (e) => assert.ok(isSimileError(e) && [400, 507].includes(e.status), `${e.name}: ${e.message}`),
    });
    if (r.chance(0.2)) ctx.flat("snapshots", () => ctx.db.collectionToBytes("fz_nope"), { err: (e) => assert.equal(e.status, 404) });
  }
}

const PROTO_PAYLOADS = [
  '{"__proto__": {"polluted": true, "x": 1}, "constructor": {"prototype": {"polluted": 1}}, "prototype": "p"}',
  '{"a": {"__proto__": [1, 2, {"polluted": "yes"}]}, "toString": 5, "hasOwnProperty": null, "valueOf": {"__proto__": {}}}',
  '{"__proto__": null, "constructor": "c", "__defineGetter__": 1, "nested": [{"__proto__": {"polluted": true}}]}',
];

/** Payload keys `__proto__`, `constructor`, `prototype` round-trip as data, never touching
 *  Object.prototype: through requestText, request(), set_payload, upsertFlat and filters. */
export function protoKeys(ctx) {
  const r = ctx.rng;
  const text = r.pick(PROTO_PAYLOADS);
  const expected = JSON.parse(text);
  const id = r.int(MUT_IDS);
  const vec = JSON.stringify(r.vector(8));
  const how = r.pick(["text", "set", "flat"]);
  if (how === "text") ctx.send("proto_keys", "PUT", "/collections/fz_mut/points", `{"points":[{"id":${id},"vector":${vec},"payload":${text}}]}`, { status: [200] });
  if (how === "set") {
    ctx.send("proto_keys", "PUT", "/collections/fz_mut/points", `{"points":[{"id":${id},"vector":${vec}}]}`, { status: [200] });
    ctx.send("proto_keys", "POST", "/collections/fz_mut/points/payload", `{"payload":${text},"points":[${id}]}`, { status: [200] });
  }
  if (how === "flat") ctx.flat("proto_keys", () => ctx.db.upsertFlat("fz_mut", [id], Float32Array.from(JSON.parse(vec)), [JSON.parse(text)]), {});
  // set_payload merges: a null value removes its key instead of storing it.
  const want = how === "set" ? Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== null)) : expected;
  const viaText = ctx.send("proto_keys", "POST", "/collections/fz_mut/points", `{"ids":[${id}],"with_payload":true}`, { status: [200] }).env.result[0].payload;
  const viaRequest = ctx.db.request("POST", "/collections/fz_mut/points", { ids: [id], with_payload: true })[0].payload;
  for (const got of [viaText, viaRequest]) {
    for (const key of Object.keys(want)) assert.ok(Object.hasOwn(got, key), `own property ${key} lost`);
    assert.deepStrictEqual(got, want);
    assert.equal(Object.getPrototypeOf(got), Object.prototype);
  }
  if (Object.hasOwn(want, "__proto__") && want.__proto__?.polluted === true) {
    const count = ctx.send("proto_keys", "POST", "/collections/fz_mut/points/count", '{"filter":{"must":[{"key":"__proto__.polluted","match":{"value":true}}]}}', { status: [200] });
    assert.ok(count.env.result.count >= 1, "a __proto__ key is filterable like any other");
  }
  ctx.checkPrototypes();
}

/** Very large inputs: MB strings and payloads, huge key sets, long keys and names. */
export function huge(ctx) {
  const r = ctx.rng;
  const id = r.int(MUT_IDS);
  const kind = r.pick(["string", "keys", "any", "garbage", "name", "id", "filter_key", "set_key"]);
  if (kind === "string") {
    const unit = r.pick(["abcdefgh", "é€😀\"\\\u0001\n", "\u2028\u2029</script>"]);
    const s = unit.repeat(Math.ceil((r.range(1, 4) << 20) / unit.length));
    ctx.send("huge", "PUT", "/collections/fz_mut/points", JSON.stringify({ points: [{ id, vector: r.vector(8), payload: { s } }] }), { status: [200] });
    ctx.send("huge", "POST", "/collections/fz_mut/points", toText({ ids: [id], with_payload: true }), { status: [200], check: (res) => assert.ok(res[0].payload.s === s, "a MB string round-trips") });
    ctx.send("huge", "PUT", "/collections/fz_mut/points/payload", toText({ payload: {}, points: [id] }), { status: [200] });
  }
  if (kind === "keys") {
    const payload = Object.fromEntries(Array.from({ length: 20000 }, (_, k) => [`key_${k}`, k]));
    ctx.send("huge", "PUT", "/collections/fz_mut/points", toText({ points: [{ id, vector: r.vector(8), payload }] }), { status: [200] });
    ctx.send("huge", "POST", "/collections/fz_mut/points", toText({ ids: [id], with_payload: true }), { status: [200], check: (res) => assert.equal(Object.keys(res[0].payload).length, 20000) });
    ctx.send("huge", "POST", "/collections/fz_mut/points/payload/clear", toText({ points: [id] }), { status: [200] });
  }
  if (kind === "any") {
    const any = Array.from({ length: 50000 }, (_, k) => `kw${k}`);
    ctx.send("huge", "POST", "/collections/fz_cos/points/count", toText({ filter: { must: [{ key: "s", match: { any } }] } }), { status: [200] });
  }
  if (kind === "garbage") ctx.send("huge", "POST", "/collections/fz_cos/points/search", `{"vector":[${"1,".repeat(1 << 20)}`, { status: [400] });
  if (kind === "name") {
    const name = `fz_junk_${"n".repeat(300)}`;
    ctx.send("huge", "PUT", `/collections/${name}`, toText({ vectors: { size: 4, distance: "Dot" } }), { status: [422] });
    ctx.send("huge", "POST", `/collections/${name}/points/search`, toText({ vector: [1, 2, 3, 4], limit: 1 }), { status: [404] });
  }
  if (kind === "id") ctx.send("huge", "PUT", "/collections/fz_mut/points", toText({ points: [{ id: "x".repeat(1 << 20), vector: r.vector(8) }] }), { status: [400] });
  if (kind === "filter_key") {
    const key = Array(50000).fill("a").join(".");
    ctx.send("huge", "POST", "/collections/fz_cos/points/count", toText({ filter: { must: [{ key, match: { value: 1 } }] } }), { status: [200], check: (res) => assert.equal(res.count, 0) });
  }
  if (kind === "set_key") {
    const depth = r.pick([10, 100, 123, 124, 200, 100000]);
    const key = Array(depth).fill("k").join(".");
    ctx.send("huge", "POST", "/collections/fz_mut/points/payload", toText({ payload: { v: 1 }, filter: { must: [{ has_id: [id] }] }, key }), { status: [depth + 1 <= 124 ? 200 : 400] });
  }
}
