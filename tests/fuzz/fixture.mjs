// The fuzzed database: stable collections (only read, and written only by requests that must
// fail — their content is compared before and after the run) and mutable ones (every write
// goes there). Plus `Raw`/`toText` to put tokens JSON.stringify cannot write (1e999, NaN,
// 18446744073709551616, "-0") into request bodies.
import assert from "node:assert/strict";

const NAMED = { a: { size: 8, distance: "Cosine" }, b: { size: 3, distance: "Euclid" } };

/** Collections whose content must not change. `partial` points of `fz_named` lack vector `b`. */
export const STABLE = [
  { name: "fz_cos", vectors: { size: 8, distance: "Cosine" } },
  { name: "fz_dot", vectors: { size: 8, distance: "Dot" } },
  { name: "fz_euc", vectors: { size: 8, distance: "Euclid" } },
  { name: "fz_man", vectors: { size: 8, distance: "Manhattan" } },
  { name: "fz_named", vectors: NAMED },
];
/** Collections that take every write; ids stay below `MUT_IDS` so they do not grow forever. */
export const MUTABLE = [
  { name: "fz_mut", vectors: { size: 8, distance: "Dot" } },
  { name: "fz_mut_named", vectors: NAMED },
];
export const MUT_IDS = 2000;
const STABLE_POINTS = 200;

/** Vector names of a collection (`""` for the unnamed one) and their sizes. */
export function vectorNames(coll) {
  return "size" in coll.vectors ? [""] : Object.keys(coll.vectors);
}
export function dimOf(coll, using = "") {
  return using === "" ? coll.vectors.size : coll.vectors[using].size;
}

/** A raw JSON token inside an object given to `toText`. */
export class Raw {
  static #tokens = [];
  constructor(token) {
    this.i = Raw.#tokens.push(token) - 1;
  }
  toJSON() {
    return `\u0001R${this.i}\u0001`;
  }
  static expand(text) {
    return text.replace(/"\\u0001R(\d+)\\u0001"/g, (_, i) => Raw.#tokens[Number(i)]);
  }
  static reset() {
    Raw.#tokens = [];
  }
}

export function toText(body) {
  const text = Raw.expand(JSON.stringify(body));
  Raw.reset();
  return text;
}

function payloadFor(rng, k) {
  const p = {
    i: k,
    f: k * 0.25 - 10,
    s: `k${k % 7}`,
    tags: rng.sample(["red", "green", "blue", "eco", "sale"], rng.int(4)),
    flag: k % 2 === 0,
    geo: { lon: rng.coord() * 180, lat: rng.coord() * 90 },
    dt: `2024-01-${String(1 + (k % 28)).padStart(2, "0")}T${String(k % 24).padStart(2, "0")}:30:00Z`,
    nested: [{ x: k % 5, y: "a" }, { x: (k + 1) % 5, y: "b" }],
    deep: { a: { b: { c: k } } },
  };
  if (k % 9 === 0) p.z = null;
  if (k % 11 === 0) delete p.tags;
  return p;
}

function pointsFor(rng, coll, ids) {
  return ids.map((id, k) => {
    const names = vectorNames(coll);
    const vector =
      names[0] === ""
        ? rng.vector(coll.vectors.size)
        : Object.fromEntries(names.filter((n) => n !== "b" || k % 10 !== 0).map((n) => [n, rng.vector(coll.vectors[n].size)]));
    return { id, vector, payload: payloadFor(rng, k) };
  });
}

function must200(res, what) {
  assert.equal(res.status, 200, `${what}: ${res.body.slice(0, 300)}`);
}

/**
 * Creates the collections in `db` and returns the model the generators draw from: per stable
 * collection its ids, the ids usable as examples (they have every vector), all points.
 */
export function buildFixture(db, rng) {
  const model = { stable: [], mutable: [] };
  for (const spec of STABLE) {
    must200(db.requestText("PUT", `/collections/${spec.name}`, JSON.stringify({ vectors: spec.vectors })), spec.name);
    const ints = new Set();
    while (ints.size < STABLE_POINTS - 10) ints.add(rng.int(1_000_000));
    const ids = [...ints, ...Array.from({ length: 10 }, () => rng.uuid())];
    const points = pointsFor(rng, spec, ids);
    must200(db.requestText("PUT", `/collections/${spec.name}/points`, JSON.stringify({ points })), spec.name);
    const examples = ids.filter((_, k) => spec.name !== "fz_named" || k % 10 !== 0);
    model.stable.push({ ...spec, ids, examples, stable: true });
  }
  for (const spec of MUTABLE) {
    must200(db.requestText("PUT", `/collections/${spec.name}`, JSON.stringify({ vectors: spec.vectors })), spec.name);
    const ids = Array.from({ length: 100 }, (_, k) => k);
    must200(db.requestText("PUT", `/collections/${spec.name}/points`, JSON.stringify({ points: pointsFor(rng, spec, ids) })), spec.name);
    model.mutable.push({ ...spec, ids: Array.from({ length: MUT_IDS }, (_, k) => k), examples: [], stable: false });
  }
  return model;
}

/** Everything the stable collections hold, as text (compared at the end of the run). */
export function stableState(db) {
  return STABLE.map(({ name }) => {
    const res = db.requestText("POST", `/collections/${name}/points/scroll`, JSON.stringify({ limit: 100000, with_payload: true, with_vector: true }));
    must200(res, name);
    const info = db.requestText("GET", `/collections/${name}`);
    must200(info, name);
    return `${JSON.stringify(JSON.parse(res.body).result)}\n${JSON.stringify(JSON.parse(info.body).result)}`;
  });
}
