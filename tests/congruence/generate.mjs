// Seeded generator of congruence cases: a collection (the REST create-collection body), its
// points (REST point structs) and Query API bodies (POST /collections/{c}/points/query), per
// feature. Same seed, same cases. Values are 4-decimal floats in [-1, 1) so scores rarely tie;
// ties that do happen are handled by the comparison (tie groups as sets, cut-offs via a probe).
import { Rng } from "../fuzz/rng.mjs";
import { HYBRID } from "./generate_hybrid.mjs";
import { filter, payload } from "./payloads.mjs";

const DISTANCES = ["Cosine", "Dot", "Euclid", "Manhattan"];

/** Typical score ranges per distance for nearest queries: thresholds fall inside them. */
const THRESHOLDS = { Cosine: [-0.3, 0.9], Dot: [-0.5, 1.2], Euclid: [0.6, 2], Manhattan: [1.5, 5] };

export function space(rng, dims = [3, 8], distances = DISTANCES) {
  return { size: rng.range(dims[0], dims[1]), distance: rng.pick(distances) };
}

/** Distinct point ids: unsigned integers, or UUIDs in some collections. */
export function pointIds(rng, n) {
  if (rng.chance(0.15)) return Array.from({ length: n }, () => rng.uuid());
  const ids = new Set();
  while (ids.size < n) ids.add(rng.range(1, 999));
  return [...ids];
}

/** The common request options: filter, limit, offset, payload and vector selection. */
export function options(rng, ids, { threshold = null } = {}) {
  const o = {};
  if (rng.chance(0.45)) o.filter = filter(rng, ids);
  if (rng.chance(0.8)) o.limit = rng.range(1, 15);
  if (rng.chance(0.25)) o.offset = rng.range(1, 5);
  if (threshold && rng.chance(0.2)) o.score_threshold = Math.round((threshold[0] + rng.float() * (threshold[1] - threshold[0])) * 1000) / 1000;
  const wp = rng.weighted([[5, undefined], [3, true], [1, ["color", "n", "meta"]], [1, { exclude: ["parts", "tags"] }], [1, false]]);
  if (wp !== undefined) o.with_payload = wp;
  return o;
}

/** A dense collection: one unnamed vector, or two named ones (a point may lack one). */
function denseCollection(rng) {
  if (rng.chance(0.6)) {
    const s = space(rng);
    return { collection: { vectors: s }, spaces: { "": s } };
  }
  const spaces = { a: space(rng), b: space(rng) };
  return { collection: { vectors: spaces }, spaces };
}

function densePoints(rng, spaces, n) {
  const ids = pointIds(rng, n);
  const names = Object.keys(spaces);
  return ids.map((id) => {
    let vector;
    if (names.length === 1 && names[0] === "") vector = rng.vector(spaces[""].size);
    else {
      vector = {};
      for (const name of names) if (rng.chance(0.9)) vector[name] = rng.vector(spaces[name].size);
      if (Object.keys(vector).length === 0) vector[names[0]] = rng.vector(spaces[names[0]].size);
    }
    return rng.chance(0.9) ? { id, vector, payload: payload(rng) } : { id, vector };
  });
}

/** Ids of the points that have vector `using` (examples by id must have it, or it is a 404). */
export function idsWith(points, using) {
  return points.filter((p) => (Array.isArray(p.vector) ? using === "" : using in p.vector)).map((p) => p.id);
}

/** A dense query of one kind; examples are stored points (by id) or raw vectors. */
export function denseQuery(rng, kind, dim, exampleIds) {
  // An id is used once per query: the same point as positive and negative scores everything 0.
  const unused = [...exampleIds];
  const ex = () => (unused.length > 0 && rng.chance(0.5) ? unused.splice(rng.int(unused.length), 1)[0] : rng.vector(dim));
  const many = (lo, hi) => Array.from({ length: rng.range(lo, hi) }, ex);
  const pairs = (lo, hi) => Array.from({ length: rng.range(lo, hi) }, () => ({ positive: ex(), negative: ex() }));
  switch (kind) {
    case "nearest_vec":
      return rng.chance(0.5) ? rng.vector(dim) : { nearest: rng.vector(dim) };
    case "nearest_id":
      return rng.chance(0.5) ? rng.pick(exampleIds) : { nearest: rng.pick(exampleIds) };
    case "average_vector":
    case "best_score":
    case "sum_scores": {
      const lo = kind === "average_vector" ? 1 : 0;
      const positive = many(lo, 3);
      const negative = many(positive.length === 0 ? 1 : 0, 2);
      const strategy = kind === "average_vector" && rng.chance(0.5) ? undefined : kind;
      return { recommend: { positive, negative, ...(strategy ? { strategy } : {}) } };
    }
    case "discover":
      return { discover: { target: ex(), context: pairs(1, 3) } };
    case "context":
      return { context: pairs(1, 3) };
    default:
      throw new Error(`unknown query kind ${kind}`);
  }
}

const DENSE_KINDS = [
  [3, "nearest_vec"], [2, "nearest_id"], [2, "average_vector"], [2, "best_score"],
  [2, "sum_scores"], [2, "discover"], [2, "context"], [0.4, "none"], [0.4, "error"],
];

function denseRequest(rng, spaces, points) {
  const names = Object.keys(spaces);
  const using = rng.pick(names);
  const { size, distance } = spaces[using];
  const exampleIds = idsWith(points, using);
  const kind = rng.weighted(DENSE_KINDS);
  const ids = points.map((p) => p.id);
  const threshold = kind === "nearest_vec" || kind === "nearest_id" || kind === "average_vector" ? THRESHOLDS[distance] : [-1, 1];
  const body = { ...options(rng, ids, { threshold: kind === "none" ? null : threshold }) };
  if (using !== "") body.using = using;
  if (rng.chance(0.08)) body.with_vector = true;
  if (kind === "none") return body; // Query API without a query: filtered points by id
  if (kind === "error") {
    body.query = rng.chance(0.5) ? { nearest: rng.vector(size + 1) } : { recommend: { positive: [typeof ids[0] === "string" ? rng.uuid() : 5000] } };
    return body;
  }
  const k = exampleIds.length > 0 || kind === "nearest_vec" ? kind : "nearest_vec";
  body.query = denseQuery(rng, k, size, exampleIds);
  return body;
}

function denseCase(rng) {
  const { collection, spaces } = denseCollection(rng);
  const points = densePoints(rng, spaces, rng.range(12, 50));
  const requests = Array.from({ length: 10 }, () => denseRequest(rng, spaces, points));
  return { collection, points, requests };
}

export const GENERATORS = { dense: denseCase, ...HYBRID };

/** `count` cases of each feature, all from one seed. */
export function generate(seed, features, count) {
  const out = [];
  for (const feature of features) {
    const gen = GENERATORS[feature];
    if (!gen) throw new Error(`unknown congruence feature ${feature}`);
    // One stream per feature: enabling a feature does not change the cases of the others.
    const rng = new Rng((seed ^ hash(feature)) >>> 0);
    for (let i = 0; i < count; i += 1) out.push({ feature, index: i, ...gen(rng) });
  }
  return out;
}

function hash(s) {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}
