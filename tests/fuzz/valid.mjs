// Generators of valid requests of every kind. Reads target any collection; writes only the
// mutable ones. Each returns `{ kind, method, path, body, expect }`; `expect.status` lists the
// statuses allowed and `expect.check(result)` tests the answer's shape when it is 200.
import assert from "node:assert/strict";
import { dimOf, MUT_IDS, vectorNames } from "./fixture.mjs";

const KEYWORDS = ["red", "green", "blue", "eco", "sale", "k1", "k3"];

/** Scored points, best first in the query's direction, at most `limit`, ids never excluded. */
function scoredList(limit, { ascending = false, exclude = [], payload = null } = {}) {
  const banned = new Set(exclude.map(String));
  return (list) => {
    assert.ok(Array.isArray(list), "scored points must be a list");
    assert.ok(list.length <= limit, `${list.length} points for limit ${limit}`);
    for (let k = 0; k < list.length; k += 1) {
      const p = list[k];
      assert.ok(typeof p.score === "number" && Number.isInteger(p.version), JSON.stringify(p));
      assert.ok(!banned.has(String(p.id)), `example id ${p.id} returned`);
      if (payload === false) assert.equal(p.payload, undefined);
      if (payload === true) assert.equal(typeof p.payload, "object");
      if (k > 0) {
        const [a, b] = [list[k - 1].score, p.score];
        assert.ok(ascending ? a <= b + 1e-6 : a >= b - 1e-6, `order: ${a} then ${b}`);
      }
    }
  };
}

export class ValidGen {
  constructor(rng, model) {
    this.rng = rng;
    this.model = model;
  }

  stable() {
    return this.rng.pick(this.model.stable);
  }
  mutable() {
    return this.rng.pick(this.model.mutable);
  }

  using(coll) {
    return this.rng.pick(vectorNames(coll));
  }

  example(coll, using) {
    const r = this.rng;
    if (coll.stable && r.chance(0.6)) return r.pick(coll.examples);
    if (!coll.stable && r.chance(0.3)) return r.int(MUT_IDS);
    return r.vector(dimOf(coll, using));
  }

  /** A valid filter over the fixture's payload fields, nested up to `depth` levels. */
  filter(coll, depth = 2) {
    const r = this.rng;
    const clause = () => {
      const n = r.range(1, 3);
      const list = Array.from({ length: n }, () => this.condition(coll, depth));
      return n === 1 && r.chance(0.3) ? list[0] : list;
    };
    const f = {};
    if (r.chance(0.6)) f.must = clause();
    if (r.chance(0.3)) f.should = clause();
    if (r.chance(0.3)) f.must_not = clause();
    if (r.chance(0.1)) f.min_should = { conditions: [this.condition(coll, 0), this.condition(coll, 0)], min_count: r.range(1, 2) };
    return f;
  }

  condition(coll, depth) {
    const r = this.rng;
    const lon = () => Math.round(r.coord() * 180 * 1e4) / 1e4;
    const lat = () => Math.round(r.coord() * 90 * 1e4) / 1e4;
    const day = () => `2024-01-${String(r.range(1, 28)).padStart(2, "0")}`;
    const options = [
      () => ({ key: "s", match: { value: `k${r.int(7)}` } }),
      () => ({ key: "i", match: { value: r.int(200) } }),
      () => ({ key: "flag", match: { value: r.chance(0.5) } }),
      () => ({ key: r.pick(["tags", "tags[]"]), match: { any: r.sample(KEYWORDS, r.range(0, 3)) } }),
      () => ({ key: "tags", match: { except: r.sample(KEYWORDS, r.range(1, 3)) } }),
      () => ({ key: "i", match: { any: [r.int(200), r.int(200)] } }),
      () => ({ key: "s", match: { [r.pick(["text", "text_any", "phrase", "prefix"])]: r.pick(["k", "k1", "1 2", "x"]) } }),
      () => ({ key: r.pick(["f", "i", "deep.a.b.c", "nested[].x"]), range: { gte: r.range(-20, 40), lt: r.range(0, 200) } }),
      () => ({ key: "dt", range: { gte: day(), lt: `${day()}T12:00:00+02:00` } }),
      () => ({ key: "geo", geo_radius: { center: { lon: lon(), lat: lat() }, radius: r.range(1, 8000) * 1000 } }),
      () => ({ key: "geo", geo_bounding_box: { top_left: { lon: lon(), lat: 80 }, bottom_right: { lon: lon(), lat: -80 } } }),
      () => ({ key: "geo", geo_polygon: { exterior: { points: [{ lon: -100, lat: -50 }, { lon: 100, lat: -50 }, { lon: 0, lat: 60 }, { lon: -100, lat: -50 }] } } }),
      () => ({ key: r.pick(["tags", "nested"]), values_count: { gte: r.int(3) } }),
      () => ({ is_empty: { key: r.pick(["tags", "z", "nothing"]) } }),
      () => ({ is_null: { key: r.pick(["z", "s"]) } }),
      () => ({ has_id: r.sample(coll.ids, r.range(0, 4)) }),
      () => ({ has_vector: r.pick(vectorNames(coll)) }),
      () => ({ nested: { key: "nested", filter: { must: [{ key: "x", match: { value: r.int(5) } }, { key: "y", match: { value: r.pick(["a", "b"]) } }] } } }),
    ];
    if (depth > 0 && r.chance(0.15)) return this.filter(coll, depth - 1);
    return r.pick(options)();
  }

  withPayload() {
    return this.rng.pick([true, false, ["s", "i"], { include: ["geo", "nested[].x"] }, { exclude: ["nested", "deep"] }]);
  }

  common(body, coll) {
    const r = this.rng;
    if (r.chance(0.4)) body.filter = this.filter(coll);
    if (r.chance(0.3)) body.offset = r.int(5);
    if (r.chance(0.5)) body.with_payload = this.withPayload();
    if (r.chance(0.3)) body.with_vector = r.pick([true, false, vectorNames(coll).filter((n) => n !== "")]);
    if (r.chance(0.2)) body.params = { exact: true, hnsw_ef: 64 };
    return body;
  }

  /** `limit` and whether plain nearest order is ascending (reported distances). */
  nearestAscending(coll, using) {
    const d = using === "" ? coll.vectors.distance : coll.vectors[using].distance;
    return d === "Euclid" || d === "Manhattan";
  }

  search(coll = this.stable()) {
    const r = this.rng;
    const using = this.using(coll);
    const v = r.vector(dimOf(coll, using));
    const limit = r.range(1, 20);
    const body = this.common({ vector: using === "" && r.chance(0.7) ? v : { name: using, vector: v }, limit }, coll);
    const check = body.score_threshold === undefined ? scoredList(limit, { ascending: this.nearestAscending(coll, using), payload: body.with_payload === undefined ? false : null }) : null;
    return { kind: "search", path: `/collections/${coll.name}/points/search`, body, check };
  }

  recommendBody(coll) {
    const r = this.rng;
    const using = this.using(coll);
    const strategy = r.pick([undefined, "average_vector", "best_score", "sum_scores"]);
    const needPos = strategy === undefined || strategy === "average_vector";
    const positive = Array.from({ length: r.range(needPos ? 1 : 0, 3) }, () => this.example(coll, using));
    let negative = Array.from({ length: r.range(0, 2) }, () => this.example(coll, using));
    if (positive.length + negative.length === 0) negative = [r.vector(dimOf(coll, using))];
    const body = this.common({ positive, negative, limit: r.range(1, 15) }, coll);
    if (strategy !== undefined) body.strategy = strategy;
    if (using !== "") body.using = using;
    const ids = [...positive, ...negative].filter((x) => !Array.isArray(x));
    return { body, using, ids, nearest: needPos };
  }

  recommend(coll = this.stable()) {
    const { body, using, ids, nearest } = this.recommendBody(coll);
    const ascending = nearest && this.nearestAscending(coll, using);
    const check = scoredList(body.limit, { ascending, exclude: ids });
    return { kind: "recommend", path: `/collections/${coll.name}/points/recommend`, body, check };
  }

  discoverBody(coll) {
    const r = this.rng;
    const using = this.using(coll);
    const pair = () => ({ positive: this.example(coll, using), negative: this.example(coll, using) });
    const body = this.common({ context: Array.from({ length: r.range(0, 3) }, pair), limit: r.range(1, 10) }, coll);
    if (body.context.length === 0 || r.chance(0.6)) body.target = this.example(coll, using);
    if (using !== "") body.using = using;
    return body;
  }

  discover(coll = this.stable()) {
    const body = this.discoverBody(coll);
    return { kind: "discover", path: `/collections/${coll.name}/points/discover`, body, check: scoredList(body.limit) };
  }

  queryBody(coll) {
    const r = this.rng;
    const using = this.using(coll);
    const ex = () => this.example(coll, using);
    const pair = () => ({ positive: ex(), negative: ex() });
    const forms = [
      () => ex(),
      () => ({ nearest: ex() }),
      () => ({ recommend: { positive: [ex()], negative: r.chance(0.5) ? [ex()] : [], strategy: r.pick(["average_vector", "best_score", "sum_scores"]) } }),
      () => ({ recommend: { negative: [ex()], strategy: r.pick(["best_score", "sum_scores"]) } }),
      () => ({ discover: { target: ex(), context: r.chance(0.5) ? pair() : [pair(), pair()] } }),
      () => ({ context: r.chance(0.5) ? pair() : [pair(), pair()] }),
      () => undefined,
    ];
    const body = this.common({}, coll);
    const query = r.pick(forms)();
    if (query !== undefined) body.query = query;
    else delete body.score_threshold;
    if (r.chance(0.8)) body.limit = r.range(1, 15);
    if (using !== "") body.using = using;
    return body;
  }

  query(coll = this.stable()) {
    const body = this.queryBody(coll);
    const limit = body.limit ?? 10;
    return { kind: "query", path: `/collections/${coll.name}/points/query`, body, check: (res) => assert.ok(Array.isArray(res.points) && res.points.length <= limit) };
  }

  batch(kind, coll = this.stable()) {
    const r = this.rng;
    const n = r.range(1, 5);
    const one = { search: () => this.search(coll).body, recommend: () => this.recommendBody(coll).body, discover: () => this.discoverBody(coll), query: () => this.queryBody(coll) }[kind];
    const body = { searches: Array.from({ length: n }, one) };
    return { kind: `${kind}_batch`, path: `/collections/${coll.name}/points/${kind}/batch`, body, check: (res) => assert.equal(res.length, n) };
  }

  scroll(coll = this.stable()) {
    const r = this.rng;
    const body = {};
    if (r.chance(0.7)) body.limit = r.range(1, 50);
    if (r.chance(0.4)) body.offset = r.pick(coll.ids);
    if (r.chance(0.5)) body.filter = this.filter(coll);
    if (r.chance(0.5)) body.with_payload = this.withPayload();
    if (r.chance(0.3)) body.with_vector = r.chance(0.5);
    const limit = body.limit ?? 10;
    return { kind: "scroll", path: `/collections/${coll.name}/points/scroll`, body, check: (res) => assert.ok(res.points.length <= limit && "next_page_offset" in res) };
  }

  count(coll = this.stable()) {
    const body = this.rng.chance(0.8) ? { filter: this.filter(coll), exact: true } : {};
    const max = coll.stable ? coll.ids.length : MUT_IDS;
    return { kind: "count", path: `/collections/${coll.name}/points/count`, body, check: (res) => assert.ok(Number.isInteger(res.count) && res.count <= max) };
  }

  retrieve(coll = this.stable()) {
    const r = this.rng;
    const body = { ids: r.sample(coll.ids, r.range(0, 6)) };
    if (r.chance(0.5)) body.with_payload = this.withPayload();
    if (r.chance(0.5)) body.with_vector = r.chance(0.5);
    return { kind: "retrieve", path: `/collections/${coll.name}/points`, body, check: (res) => assert.ok(Array.isArray(res) && res.length <= body.ids.length) };
  }

  info() {
    const r = this.rng;
    const coll = this.stable();
    const c = coll.name;
    const path = r.pick(["/", "/collections", `/collections/${c}`, `/collections/${c}/exists`, "/aliases", `/collections/${c}/aliases`, `/collections/${c}/points/${r.pick(coll.ids)}`]);
    return { kind: path.includes("/points/") ? "get_point" : "info", method: "GET", path };
  }

  /** Any read on a stable collection: must answer 200. */
  read() {
    const r = this.rng;
    const g = r.weighted([[5, () => this.search()], [4, () => this.recommend()], [3, () => this.discover()], [5, () => this.query()],
      [1, () => this.batch(r.pick(["search", "recommend", "discover", "query"]))], [2, () => this.scroll()], [2, () => this.count()],
      [2, () => this.retrieve()], [1, () => this.info()]]);
    return { method: "POST", expect: { status: [200] }, ...g() };
  }

  // --- writes, on mutable collections only -------------------------------------------------

  point(coll, id = this.rng.int(MUT_IDS)) {
    const r = this.rng;
    const names = vectorNames(coll);
    const vector = names[0] === "" ? r.vector(coll.vectors.size) : Object.fromEntries(r.sample(names, r.range(1, names.length)).map((n) => [n, r.vector(dimOf(coll, n))]));
    const p = { id, vector };
    if (r.chance(0.8)) p.payload = { i: r.int(200), s: `k${r.int(7)}`, tags: r.sample(KEYWORDS, r.int(3)), nested: [{ x: r.int(5), y: "a" }] };
    return p;
  }

  selector(coll) {
    const r = this.rng;
    return r.chance(0.6) ? { points: Array.from({ length: r.range(1, 5) }, () => r.int(MUT_IDS)) } : { filter: this.filter(coll, 1) };
  }

  /** One update operation's body and its batch name. */
  updateOp(coll) {
    const r = this.rng;
    const names = vectorNames(coll);
    return r.weighted([
      [6, () => ["upsert", { points: Array.from({ length: r.range(1, 20) }, () => this.point(coll)) }]],
      [1, () => {
        const n = r.range(1, 10);
        const ids = Array.from({ length: n }, () => r.int(MUT_IDS));
        const vectors = names[0] === "" ? ids.map(() => r.vector(8)) : { a: ids.map(() => r.vector(8)) };
        return ["upsert", { batch: { ids, vectors, payloads: ids.map((i) => (r.chance(0.5) ? { i } : null)) } }];
      }],
      [1, () => ["upsert", { points: [this.point(coll)], update_filter: this.filter(coll, 0), update_mode: r.pick(["upsert", "insert_only", "update_only"]) }]],
      [2, () => ["delete", this.selector(coll)]],
      [2, () => ["set_payload", { payload: { s: `k${r.int(7)}`, extra: { n: r.int(9) } }, ...this.selector(coll), ...(r.chance(0.3) ? { key: r.pick(["extra", "nested[0]", "nested[].more"]) } : {}) }]],
      [1, () => ["overwrite_payload", { payload: { i: r.int(200) }, ...this.selector(coll) }]],
      [1, () => ["delete_payload", { keys: r.sample(["s", "tags", "nested[].x", "extra.n"], r.range(1, 3)), ...this.selector(coll) }]],
      [1, () => ["clear_payload", this.selector(coll)]],
      [1, () => {
        const name = r.pick(names);
        const v = r.vector(dimOf(coll, name));
        return ["update_vectors", { points: [{ id: r.int(MUT_IDS), vector: name === "" ? v : { [name]: v } }] }];
      }],
      [1, () => ["delete_vectors", { ...this.selector(coll), vector: r.sample(names, 1) }]],
    ])();
  }

  static ROUTES = {
    upsert: ["PUT", ""], delete: ["POST", "/delete"], set_payload: ["POST", "/payload"], overwrite_payload: ["PUT", "/payload"],
    delete_payload: ["POST", "/payload/delete"], clear_payload: ["POST", "/payload/clear"], update_vectors: ["PUT", "/vectors"],
    delete_vectors: ["POST", "/vectors/delete"],
  };

  /** A write on a mutable collection: 200, or 404 when it names a point that is gone. */
  write() {
    const r = this.rng;
    const coll = this.mutable();
    const updated = { check: (res) => assert.ok(Number.isInteger(res.operation_id) && res.status === "completed") };
    if (r.chance(0.1)) {
      const ops = Array.from({ length: r.range(1, 6) }, () => {
        const [name, body] = this.updateOp(coll);
        return { [name]: body };
      });
      return { kind: "points_batch", method: "POST", path: `/collections/${coll.name}/points/batch`, body: { operations: ops }, expect: { status: [200, 404] }, check: (res) => assert.ok(res.length <= ops.length) };
    }
    if (r.chance(0.05)) {
      return { kind: "index", method: "PUT", path: `/collections/${coll.name}/index`, body: { field_name: r.pick(["s", "i", "tags"]), field_schema: r.pick(["keyword", "integer", "float"]) }, expect: { status: [200] } };
    }
    const [name, body] = this.updateOp(coll);
    const [method, suffix] = ValidGen.ROUTES[name];
    return { kind: name, method, path: `/collections/${coll.name}/points${suffix}`, body, expect: { status: [200, 404] }, ...updated };
  }

  /** Reads on mutable collections (ids may be gone: 404 is fine). */
  mutableRead() {
    const r = this.rng;
    const coll = this.mutable();
    const g = r.pick([() => this.search(coll), () => this.recommend(coll), () => this.discover(coll), () => this.query(coll), () => this.scroll(coll), () => this.count(coll), () => this.retrieve(coll)]);
    // 404: an id that is gone; 400: every positive of an average_vector recommend lacks the
    // vector (delete_vectors), which the legacy API drops.
    return { method: "POST", ...g(), check: null, expect: { status: [200, 400, 404], message: /Positive vectors should not be empty|No point|not found/ } };
  }
}
