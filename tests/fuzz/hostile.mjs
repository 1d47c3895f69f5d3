// Hostile request categories. Each is `(ctx) => void`: it sends one or more requests through
// `ctx.send(category, method, path, text, expect)`, which checks the universal invariants
// (see invariants.mjs) and the expectation given: `status` (allowed list), `message` (RegExp
// for errors), `check(result)` for a 200.
import assert from "node:assert/strict";
import { dimOf, MUT_IDS, Raw, toText, vectorNames } from "./fixture.mjs";

const ANY = undefined;

/** Largest container nesting of a JSON text (strings skipped). */
export function jsonDepth(text) {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth -= 1;
  }
  return max;
}

function parses(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A valid request (read on a stable collection, or a write on a mutable one). */
function someValid(ctx) {
  return ctx.rng.chance(0.7) ? ctx.gen.read() : ctx.gen.write();
}

/** Broken JSON: a valid body corrupted a few times, or garbage. */
export function malformed(ctx) {
  const r = ctx.rng;
  const req = someValid(ctx);
  if (req.method === "GET") return;
  let text = toText(req.body);
  if (r.chance(0.15)) {
    text = r.pick(["{", "}", "[", "{\"a\":", "nul", "tru", "\"", "{\"vector\":[1,2,]}", "{'limit': 1}", "{\"limit\":1}}", "\uFEFF{}", "{\"a\":\"\\x\"}",
      "{\"a\":\"\\ud800\"}", "NaN", "Infinity", "{\"limit\":01}", "{\"limit\":1.}", "{\"limit\":.5}", "{\"limit\":+1}", "{\"a\":\"\u0001\"}", "[".repeat(200), "{\"a\":".repeat(200),
      "1".repeat(5000), `"${"x".repeat(10000)}`, "{\"vector\":[1e999]}", "{} {}", "{\"a\":1,}", "//\n{}", "/*x*/{}", "{\"\\u0000\":1", "\u0000"]);
  } else {
    for (let n = r.range(1, 3); n > 0 && text.length > 0; n -= 1) {
      const at = r.int(text.length);
      const junk = r.pick(["{", "}", "[", "]", ":", ",", "\"", "\\", " ", "0", "-", "e", ".", "x", "\u0000", "\uD800", "é", "null", "]]]", "}}}"]);
      text = r.weighted([
        [3, () => text.slice(0, at) + text.slice(at + 1)],
        [3, () => text.slice(0, at) + junk + text.slice(at)],
        [2, () => text.slice(0, at)],
        [1, () => text.slice(0, at) + text.slice(at, at + r.int(40)).repeat(2) + text.slice(at)],
      ])();
    }
  }
  const broken = text.trim() !== "" && !parses(text);
  ctx.send("malformed_json", req.method, req.path, text, broken ? { status: [400] } : {});
}

const WRONG_VALUES = () => [null, true, false, 0, -1, 1.5, 1e300, "", "x", "k1", "5c56c793-69f3-4fbf-87e6-c4bf54c28c26", [], [1], ["a"], [[1, 2]], {}, { a: 1 },
  { indices: [0], values: [1] }, new Raw("18446744073709551616"), new Raw("-0"), new Raw("1e999"), new Raw("-9223372036854775809"), "x".repeat(10000)];

/** Every (parent, key) slot of a JSON tree, the root included as (null, null). */
function slots(value, out = [[null, null]], depth = 0) {
  if (depth > 30 || value === null || typeof value !== "object") return out;
  for (const k of Object.keys(value)) {
    out.push([value, k]);
    slots(value[k], out, depth + 1);
  }
  return out;
}

/** One node of a valid body replaced by a value of another type, deleted or wrapped. */
export function wrongTypes(ctx) {
  const r = ctx.rng;
  const req = someValid(ctx);
  if (req.method === "GET") return;
  let body = req.body;
  const [parent, key] = r.pick(slots(body));
  const action = r.weighted([[6, "replace"], [1, "delete"], [1, "wrap"]]);
  if (parent === null) body = action === "wrap" ? [body] : r.pick(WRONG_VALUES());
  else if (action === "delete" && !Array.isArray(parent)) delete parent[key];
  else if (action === "wrap") parent[key] = [parent[key]];
  else parent[key] = r.pick(WRONG_VALUES());
  ctx.send("wrong_types", req.method, req.path, toText(body), ANY);
}

/** Unknown keys: at the top level of a stable read they are ignored (still 200); anywhere else
 *  they may be refused (filters reject unknown keys), never anything worse. */
export function unknownFields(ctx) {
  const r = ctx.rng;
  const req = ctx.gen.read();
  if (req.method === "GET") return;
  const junk = () => r.pick([1, "x", null, { deep: [1, { x: 2 }] }, [], true]);
  if (r.chance(0.5)) {
    req.body[`zz_${r.int(1000)}`] = junk();
    ctx.send("unknown_fields", req.method, req.path, toText(req.body), { status: [200], check: req.check });
  } else {
    const objects = slots(req.body).map(([p, k]) => (p === null ? req.body : p[k])).filter((v) => v && typeof v === "object" && !Array.isArray(v));
    r.pick(objects)[r.pick(["zz", "mustt", "vectorr", "__proto__", "constructor"])] = junk();
    ctx.send("unknown_fields", req.method, req.path, toText(req.body), ANY);
  }
}

const MAX_FILTER_DEPTH = 64;
const MAX_JSON_DEPTH = 128;

/** A filter `depth` levels deep, built from random wrappers around one leaf condition. */
function deepFilter(r, depth) {
  let f = { must: [{ key: "i", range: { gte: 0 } }] };
  const wrappers = [
    (g) => ({ must: g }),
    (g) => ({ must: [g] }),
    (g) => ({ should: [g] }),
    (g) => ({ must_not: [g] }),
    (g) => ({ min_should: { conditions: [g], min_count: 1 } }),
    (g) => ({ must: [{ nested: { key: "nested", filter: g } }] }),
  ];
  const w = r.chance(0.5) ? [r.pick(wrappers)] : wrappers;
  for (let d = 1; d < depth; d += 1) f = r.pick(w)(f);
  return f;
}

/** Filters nested past the limit: a clear 400 naming the limit (filter depth 64, or JSON's
 *  128 levels of nesting, whichever is hit first); within it: answered. */
export function deepFilters(ctx) {
  const r = ctx.rng;
  const depth = r.weighted([[3, r.range(1, 64)], [3, r.range(60, 70)], [2, r.range(65, 300)], [1, r.range(300, 1000)]]);
  const filter = deepFilter(r, depth);
  const coll = ctx.gen.stable();
  const [method, path, body] = r.pick([
    ["POST", `/collections/${coll.name}/points/count`, { filter }],
    ["POST", `/collections/${coll.name}/points/scroll`, { filter, limit: 3 }],
    ["POST", `/collections/${coll.name}/points/query`, { filter, limit: 3, ...(vectorNames(coll)[0] === "" ? {} : { using: "a" }) }],
    ["POST", `/collections/${coll.name}/points/search`, { filter, limit: 3, vector: vectorNames(coll)[0] === "" ? r.vector(8) : { name: "a", vector: r.vector(8) } }],
    ["POST", `/collections/fz_mut/points/delete`, { filter: { must: [{ key: "i", match: { value: -5 } }, filter] } }],
  ]);
  const text = toText(body);
  const jd = jsonDepth(text);
  const fd = path.endsWith("/delete") ? depth + 1 : depth;
  let expect = { status: [200] };
  if (jd >= MAX_JSON_DEPTH) expect = { status: [400], message: /recursion limit exceeded/ };
  else if (fd > MAX_FILTER_DEPTH) expect = { status: [400], message: /nested too deeply: the limit is 64 levels/ };
  ctx.send("deep_filter", method, path, text, expect);
}

const COUNT_TOKENS = [
  ["0", 0n], ["1", 1n], ["3", 3n], ["1000", 1000n], ["4294967295", 4294967295n], ["4294967296", 4294967296n],
  ["9007199254740993", 9007199254740993n], ["18446744073709551615", 18446744073709551615n],
  ["18446744073709551616", "bad"], ["1e20", "bad"], ["-1", "bad"], ["1.5", "bad"], ["10.0", "bad"], ['"10"', "bad"],
  ["true", "bad"], ["1e400", "bad"], ["[]", "bad"], ["null", null],
];

/** `limit` / `offset` from 0 to u64::MAX and beyond: 422 for limit 0, 400 for what is not a
 *  u64, else an answer no longer than the collection (nothing is allocated by `limit`). */
export function limits(ctx) {
  const r = ctx.rng;
  const coll = ctx.gen.stable();
  const kind = r.pick(["search", "recommend", "discover", "query", "scroll", "search_batch", "query_batch"]);
  const [lt, lv] = r.pick(COUNT_TOKENS);
  const [ot, ov] = r.pick(COUNT_TOKENS);
  const useOffset = r.chance(0.6) && kind !== "scroll";
  const one = { search: () => ctx.gen.search(coll), recommend: () => ctx.gen.recommend(coll), discover: () => ctx.gen.discover(coll), query: () => ctx.gen.query(coll), scroll: () => ctx.gen.scroll(coll) };
  const base = one[kind.replace("_batch", "")]();
  const body = base.body;
  body.limit = new Raw(lt);
  if (useOffset) body.offset = new Raw(ot);
  else delete body.offset;
  const required = ["search", "recommend", "discover"].includes(kind.replace("_batch", ""));
  const bad = lv === "bad" || (useOffset && ov === "bad") || (lv === null && required);
  const zero = lv === 0n;
  const limit = lv === null || typeof lv !== "bigint" ? 10n : lv;
  const count = BigInt(coll.ids.length);
  const bound = Number(limit < count ? limit : count);
  const countOk = (list) => assert.ok(list.length <= bound, `${list.length} > ${bound}`);
  const check = { search: countOk, recommend: countOk, discover: countOk, query: (res) => countOk(res.points), scroll: (res) => countOk(res.points) }[kind.replace("_batch", "")];
  const path = kind.endsWith("_batch") ? `/collections/${coll.name}/points/${kind.replace("_batch", "")}/batch` : base.path;
  const text = kind.endsWith("_batch") ? `{"searches":[${toText(body)}]}` : toText(body);
  const expect = bad ? { status: [400] } : zero ? { status: [422], message: /limit: value 0 invalid/ } : { status: [200], check: kind.endsWith("_batch") ? (res) => check(res[0]) : check };
  ctx.send("limits", "POST", path, text, expect);
  if (r.chance(0.2)) {
    const big = r.pick([0, 1, 2 ** 31, 2 ** 32 - 1, 2 ** 53 - 1]);
    ctx.flat("limits", () => ctx.db.searchFlat("fz_dot", r.vector(8), big), { ok: (hits) => assert.ok(hits.ids.length <= Math.min(big, 200)) });
  }
}

/** Tokens for one float slot: `json` ones are not JSON numbers serde_json can hold (400
 *  everywhere); `f32` ones overflow f32 (400 in vectors, fine in f64 slots such as payloads). */
const FLOAT_TOKENS = [
  ["1e999", "json"], ["-1e999", "json"], ["NaN", "json"], ["Infinity", "json"], ["-Infinity", "json"], ["1e39", "f32"], ["-1e39", "f32"],
  ["3.5e38", "f32"], ["1e308", "f32"], ["3.4e38", "ok"], ["-3.4e38", "ok"], ["1e-999", "ok"], ["-0", "ok"], ["-0.0", "ok"], ["5e-324", "ok"], ["1e-45", "ok"],
];

/** NaN and ±Infinity: through JSON tricks in vectors, payloads, filters and thresholds. */
export function nonFinite(ctx) {
  const r = ctx.rng;
  const [token, kind] = r.pick(FLOAT_TOKENS);
  const raw = () => new Raw(token);
  const vecWith = (dim) => {
    const v = r.vector(dim);
    v[r.int(dim)] = raw();
    return v;
  };
  const coll = ctx.gen.stable();
  const slot = r.pick(["search", "upsert", "recommend", "query", "discover", "update_vectors", "batch_upsert", "payload", "range", "threshold", "geo_radius"]);
  const f32 = kind === "ok" ? 200 : 400;
  const f64 = kind === "json" ? 400 : 200;
  const mut = r.int(MUT_IDS);
  const cases = {
    search: () => ["POST", `/collections/fz_dot/points/search`, { vector: vecWith(8), limit: 3 }, f32],
    upsert: () => ["PUT", `/collections/fz_mut/points`, { points: [{ id: mut, vector: vecWith(8) }] }, f32],
    recommend: () => ["POST", `/collections/${coll.name}/points/recommend`, { positive: [vecWith(dimOf(coll, vectorNames(coll)[0] === "" ? "" : "a"))], limit: 3, ...(vectorNames(coll)[0] === "" ? {} : { using: "a" }) }, f32],
    query: () => ["POST", `/collections/fz_euc/points/query`, { query: { nearest: vecWith(8) } }, f32],
    discover: () => ["POST", `/collections/fz_man/points/discover`, { target: vecWith(8), limit: 3 }, f32],
    update_vectors: () => ["PUT", `/collections/fz_mut/points/vectors`, { points: [{ id: r.int(100), vector: vecWith(8) }] }, f32 === 200 ? [200, 404] : 400],
    batch_upsert: () => ["PUT", `/collections/fz_mut/points`, { batch: { ids: [mut, (mut + 1) % MUT_IDS], vectors: [r.vector(8), vecWith(8)] } }, f32],
    payload: () => ["PUT", `/collections/fz_mut/points`, { points: [{ id: mut, vector: r.vector(8), payload: { x: raw(), y: [1, raw()], z: { w: raw() } } }] }, f64],
    range: () => ["POST", `/collections/${coll.name}/points/count`, { filter: { must: [{ key: "f", range: { gt: raw() } }] } }, f64],
    threshold: () => ["POST", `/collections/fz_cos/points/search`, { vector: r.vector(8), limit: 3, score_threshold: raw() }, f64],
    geo_radius: () => ["POST", `/collections/${coll.name}/points/count`, { filter: { must: [{ key: "geo", geo_radius: { center: { lon: 1, lat: 2 }, radius: raw() } }] } }, f64],
  };
  const [method, path, body, status] = cases[slot]();
  ctx.send("non_finite", method, path, toText(body), { status: [status].flat() });
}

/** Wrong dimensions, empty vectors and unknown vector names: 400. */
export function dims(ctx) {
  const r = ctx.rng;
  const bad = () => r.vector(r.pick([0, 1, 7, 9, 300]));
  const cases = [
    () => ["POST", "/collections/fz_cos/points/search", { vector: bad(), limit: 3 }],
    () => ["POST", "/collections/fz_named/points/search", { vector: { name: "b", vector: bad().slice(0, 2) }, limit: 3 }],
    () => ["POST", "/collections/fz_named/points/search", { vector: { name: "nope", vector: r.vector(8) }, limit: 3 }],
    () => ["POST", "/collections/fz_named/points/search", { vector: r.vector(8), limit: 3 }],
    () => ["PUT", "/collections/fz_mut/points", { points: [{ id: r.int(MUT_IDS), vector: bad() }] }],
    () => ["PUT", "/collections/fz_mut_named/points", { points: [{ id: r.int(MUT_IDS), vector: { a: r.vector(8), zz: r.vector(8) } }] }],
    () => ["PUT", "/collections/fz_mut_named/points", { points: [{ id: r.int(MUT_IDS), vector: { b: r.vector(8) } }] }],
    () => ["POST", "/collections/fz_dot/points/recommend", { positive: [bad()], limit: 3 }],
    () => ["POST", "/collections/fz_euc/points/query", { query: bad() }],
    () => ["POST", "/collections/fz_euc/points/query", { query: { recommend: { positive: [r.vector(8)], negative: [bad()] } } }],
    () => ["POST", "/collections/fz_man/points/discover", { target: bad(), context: [], limit: 3 }],
    () => ["POST", "/collections/fz_man/points/discover", { target: r.vector(8), context: [{ positive: r.vector(8), negative: bad() }], limit: 3 }],
    () => ["POST", "/collections/fz_cos/points/search/batch", { searches: [{ vector: r.vector(8), limit: 1 }, { vector: bad(), limit: 1 }] }],
    () => ["PUT", "/collections/fz_mut/points/vectors", { points: [{ id: r.int(100), vector: bad() }] }],
    () => ["POST", "/collections/fz_named/points/query", { query: r.vector(8), using: "nope" }],
    () => ["POST", "/collections/fz_cos/points/recommend", { positive: [r.vector(8)], using: "a", limit: 2 }],
    () => ["PUT", "/collections/fz_mut/points", { batch: { ids: [1, 2], vectors: [r.vector(8), bad()] } }],
  ];
  const [method, path, body] = r.pick(cases)();
  ctx.send("dimensions", method, path, toText(body), { status: [400] });
}

/** Duplicate ids in one upsert: the last occurrence wins, as in Qdrant. */
export function duplicateIds(ctx) {
  const r = ctx.rng;
  const id = r.int(MUT_IDS);
  const copies = r.range(2, 5);
  const points = [];
  for (let k = 0; k < copies; k += 1) {
    points.push({ id, vector: r.vector(8), payload: { dup: k } });
    if (r.chance(0.5)) points.push({ id: (id + 1 + r.int(50)) % MUT_IDS, vector: r.vector(8) });
  }
  const last = points.filter((p) => p.id === id).at(-1);
  const body = r.chance(0.5)
    ? { points }
    : { batch: { ids: points.map((p) => p.id), vectors: points.map((p) => p.vector), payloads: points.map((p) => p.payload ?? null) } };
  ctx.send("duplicate_ids", "PUT", "/collections/fz_mut/points", toText(body), { status: [200] });
  ctx.send("duplicate_ids", "POST", "/collections/fz_mut/points", toText({ ids: [id, id], with_payload: true, with_vector: true }), {
    status: [200],
    check: (res) => {
      assert.equal(res.length, 1, "a repeated id is answered once");
      assert.deepEqual(res[0].payload, last.payload, "last payload wins");
      res[0].vector.forEach((x, k) => assert.ok(Math.abs(x - last.vector[k]) < 1e-6, "last vector wins"));
    },
  });
}

const BAD_IDS = ["-1", "1.5", '"42"', "18446744073709551616", "1e20", "true", "null", "{}", "[]", '"not-a-uuid"', '""', "-9223372036854775808",
  '"5c56c793-69f3-4fbf-87e6-c4bf54c28c2"', '"{5c56c793-69f3-4fbf-87e6-c4bf54c28c26"', '"5c56c793_69f3_4fbf_87e6_c4bf54c28c26"', '"5c56c793-69f3-4fbf-87e6-c4bf54c28c2g"', "1.0", "-0"];
const GOOD_IDS = ["18446744073709551615", "0", '"5C56C793-69F3-4FBF-87E6-C4BF54C28C26"', '"urn:uuid:5c56c793-69f3-4fbf-87e6-c4bf54c28c26"',
  '"{5c56c793-69f3-4fbf-87e6-c4bf54c28c26}"', '"5c56c79369f34fbf87e6c4bf54c28c26"'];

/** Ids that are neither u64 nor UUID: 400 wherever an id goes; valid edge forms: accepted. */
export function badIds(ctx) {
  const r = ctx.rng;
  const good = r.chance(0.3);
  const tok = r.pick(good ? GOOD_IDS : BAD_IDS);
  const id = () => new Raw(tok);
  const coll = ctx.gen.stable();
  const cases = [
    () => ["PUT", "/collections/fz_mut/points", { points: [{ id: id(), vector: r.vector(8) }] }, 200],
    () => ["PUT", "/collections/fz_mut/points", { batch: { ids: [1, id()], vectors: [r.vector(8), r.vector(8)] } }, 200],
    () => ["POST", `/collections/${coll.name}/points`, { ids: [coll.ids[0], id()] }, 200],
    () => ["POST", "/collections/fz_mut/points/delete", { points: [id()] }, 200],
    () => ["POST", `/collections/${coll.name}/points/count`, { filter: { must: [{ has_id: [id()] }] } }, 200],
    () => ["POST", `/collections/${coll.name}/points/scroll`, { offset: id(), limit: 2 }, 200, "nullable"],
    () => ["POST", `/collections/fz_dot/points/recommend`, { positive: [id()], limit: 2 }, [200, 404]],
    () => ["POST", `/collections/fz_dot/points/query`, { query: id() }, [200, 404], "nullable"],
    () => ["POST", "/collections/fz_mut/points/payload", { payload: { a: 1 }, points: [id()] }, [200, 404]],
  ];
  const [method, path, body, okStatus, nullable] = r.pick(cases)();
  const accepted = good || (nullable && tok === "null");
  ctx.send("bad_ids", method, path, toText(body), { status: accepted ? [okStatus].flat() : [400] });
  if (r.chance(0.3)) {
    const seg = r.pick(["-1", "1.5", "abc", "18446744073709551616", "%20", "5c56c793-69f3-4fbf-87e6-c4bf54c28c2", "18446744073709551615", "5C56C793-69F3-4FBF-87E6-C4BF54C28C26"]);
    const valid = /^(18446744073709551615|5C56C793-69F3-4FBF-87E6-C4BF54C28C26)$/.test(seg);
    ctx.send("bad_ids", "GET", `/collections/${coll.name}/points/${seg}`, "", { status: [valid ? 404 : 400] });
  }
}

/** Out-of-range geo points and unparsable datetimes in filters: 400; edge values: answered. */
export function geoAndDates(ctx) {
  const r = ctx.rng;
  const coll = ctx.gen.stable();
  const bad = r.chance(0.7);
  const badPoint = () => r.pick([{ lon: 181, lat: 0 }, { lon: -180.0001, lat: 0 }, { lon: 0, lat: 90.5 }, { lon: 0, lat: -91 }, { lon: "1", lat: 2 },
    { lon: 1 }, { lat: 1 }, { lon: null, lat: 0 }, { lon: new Raw("1e999"), lat: 0 }, { lon: 1e39, lat: 0 }, [1, 200], "1,2"]);
  const goodPoint = () => r.pick([{ lon: 180, lat: 90 }, { lon: -180, lat: -90 }, { lon: 0, lat: 0 }, { lon: 179.9999, lat: -89.9999 }]);
  const pt = bad ? badPoint : goodPoint;
  const badDate = () => r.pick(["2024-13-01", "2024-02-30", "2023-02-29", "2024-01-01T25:00:00Z", "2024-01-01T10:61:00Z", "yesterday", "", "2024-01-01T00:00:00+24:00",
    "99999-01-01", "2024/01/01", "2024-01-01T", "2024-01-01T00:00Z", "1e10", "２０２４-01-01", "2024-01-01T00:00:00.Z"]);
  const goodDate = () => r.pick(["2024-01-05", "2024-01-05T10:00:00+02:00", "2024-01-05 10:00", "2024-01-05T10:00:00.123456789Z", "+002024-01-05T00:00:00Z", "2016-12-31T23:59:60Z", "-000001-01-01"]);
  const date = bad ? badDate : goodDate;
  const ring = (n, closed) => {
    const pts = Array.from({ length: n }, (_, k) => ({ lon: k * 10, lat: (k % 2) * 10 }));
    if (closed && n > 0) pts[n - 1] = { ...pts[0] };
    return { points: pts };
  };
  const cond = r.pick([
    () => ({ key: "geo", geo_radius: { center: pt(), radius: 1000 } }),
    () => ({ key: "geo", geo_bounding_box: { top_left: pt(), bottom_right: goodPoint() } }),
    () => ({ key: "geo", geo_bounding_box: { top_left: goodPoint(), bottom_right: pt() } }),
    () => ({ key: "geo", geo_polygon: { exterior: bad ? r.pick([ring(3, true), ring(5, false), ring(0, false), { points: [pt(), pt(), pt(), pt()] }]) : ring(5, true) } }),
    () => ({ key: "geo", geo_polygon: { exterior: ring(5, true), interiors: [bad ? ring(2, false) : ring(4, true)] } }),
    () => ({ key: "dt", range: { gte: date() } }),
    () => ({ key: "dt", range: { lt: date(), gt: "2024-01-01" } }),
    () => ({ key: "dt", range: { gte: 1, lt: bad ? "2024-01-01" : 5 } }),
  ])();
  ctx.send("geo_datetime", "POST", `/collections/${coll.name}/points/count`, toText({ filter: { [r.pick(["must", "should", "must_not"])]: [cond] } }), { status: [bad ? 400 : 200] });
}

/** Batches of thousands of requests or points. */
export function bigBatches(ctx) {
  const r = ctx.rng;
  const n = r.range(500, 3000);
  const coll = ctx.gen.stable();
  const kind = r.pick(["search", "recommend", "discover", "query", "upsert", "points_batch", "poisoned"]);
  if (kind === "upsert") {
    const points = Array.from({ length: n }, () => ctx.gen.point(ctx.model.mutable[0]));
    return ctx.send("big_batches", "PUT", "/collections/fz_mut/points", toText({ points }), { status: [200] });
  }
  if (kind === "points_batch") {
    const operations = Array.from({ length: Math.min(n, 1000) }, () => {
      const [name, body] = ctx.gen.updateOp(ctx.model.mutable[0]);
      return { [name]: body };
    });
    return ctx.send("big_batches", "POST", "/collections/fz_mut/points/batch", toText({ operations }), { status: [200, 404] });
  }
  if (kind === "poisoned") {
    const searches = Array.from({ length: n }, () => ctx.gen.search(coll).body);
    searches[r.int(n)] = { vector: r.vector(3), limit: 1 };
    return ctx.send("big_batches", "POST", `/collections/${coll.name}/points/search/batch`, toText({ searches }), { status: [400] });
  }
  const one = { search: () => ctx.gen.search(coll).body, recommend: () => ctx.gen.recommendBody(coll).body, discover: () => ctx.gen.discoverBody(coll), query: () => ctx.gen.queryBody(coll) }[kind];
  const searches = Array.from({ length: n }, one);
  ctx.send("big_batches", "POST", `/collections/${coll.name}/points/${kind}/batch`, toText({ searches }), { status: [200], check: (res) => assert.equal(res.length, n) });
}

/** Random methods and paths. Only GET may name a stable collection; writes go to junk names. */
export function routes(ctx) {
  const r = ctx.rng;
  const method = r.pick(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "get", "", "PoSt"]);
  const safeName = r.pick(["fz_junk_1", "fz_junk_2", "fz_alias_1", "fz_junk_é", "fz junk", "%2e%2e"]);
  const name = method.toUpperCase() === "GET" ? r.pick([safeName, ctx.gen.stable().name]) : safeName;
  const segs = ["collections", name, "points", "search", "batch", "query", "groups", "facet", "matrix", "pairs", "index", "aliases", "exists", "payload", "vectors", "delete", "", "..", "x", "1"];
  const path = `/${Array.from({ length: r.range(0, 6) }, (_, k) => (k === 1 ? name : r.pick(segs))).join(r.pick(["/", "//"]))}${r.pick(["", "?wait=true", "#frag", "?a=1&b", "/"])}`;
  let body = "";
  if (r.chance(0.7)) {
    const valid = r.pick([{ vectors: { size: r.pick([1, 8, 65536, 65537, 0, 2 ** 32]), distance: r.pick(["Dot", "Cosine", "Nope"]) } }, { vectors: { x: { size: 4, distance: "Euclid" } }, sparse_vectors: { s: {} } },
      { actions: [{ create_alias: { collection_name: "fz_mut", alias_name: "fz_alias_1" } }] }, { actions: [{ delete_alias: { alias_name: "fz_alias_1" } }] },
      { field_name: "s", field_schema: "keyword" }, { limit: 2 }, { points: [{ id: 1, vector: [1, 2, 3, 4] }] }, { vector: r.vector(8), limit: 2 }, {}]);
    body = toText(valid);
  }
  ctx.send("routes", method, path, body, ANY);
}

/** The memory budget: an upsert past it is a 507 that changes nothing; the budget is restored. */
export function budget(ctx) {
  const r = ctx.rng;
  const db = ctx.db;
  const before = db.memoryBudget();
  const countOf = () => JSON.parse(db.requestText("POST", "/collections/fz_mut/points/count", "{}").body).result.count;
  const n0 = countOf();
  db.setMemoryBudget(db.memoryBytes() + r.int(20_000));
  try {
    const points = Array.from({ length: r.range(50, 2000) }, (_, k) => ({ id: MUT_IDS + k, vector: r.vector(8), payload: { pad: "x".repeat(r.int(300)) } }));
    const res = ctx.send("budget", "PUT", "/collections/fz_mut/points", toText({ points }), { status: [200, 507] });
    if (res.status === 507) {
      assert.match(res.env.status.error, /Memory budget exceeded/);
      assert.equal(countOf(), n0, "a rejected upsert changes nothing");
    } else {
      assert.ok(db.memoryBytes() <= db.memoryBudget(), "within the budget");
      ctx.send("budget", "POST", "/collections/fz_mut/points/delete", toText({ points: points.map((p) => p.id) }), { status: [200] });
    }
  } finally {
    db.setMemoryBudget(before);
  }
}
