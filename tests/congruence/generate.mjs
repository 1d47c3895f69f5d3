// Seeded generator of congruence cases: a collection (the REST create-collection body), its
// points (REST point structs) and Query API bodies (POST /collections/{c}/points/query), per
// feature. Same seed, same cases. Values are 4-decimal floats in [-1, 1) so scores rarely tie;
// ties that do happen are handled by the comparison (tie groups as sets, cut-offs via a probe).
import { Rng } from "../fuzz/rng.mjs";
import { feedbackCase } from "./generate_feedback.mjs";
import { HYBRID, multivectorCase } from "./generate_hybrid.mjs";
import { DISTANCES, denseQuery, idsWith, options, pointIds, space, spaceVector } from "./common.mjs";
import { payload } from "./payloads.mjs";

/** Typical score ranges per distance for nearest queries: thresholds fall inside them. */
const THRESHOLDS = { Cosine: [-0.3, 0.9], Dot: [-0.5, 1.2], Euclid: [0.6, 2], Manhattan: [1.5, 5] };

/** A dense collection: one unnamed vector, or two named ones (a point may lack one). */
function denseCollection(rng) {
  if (rng.chance(0.6)) {
    const s = space(rng);
    return { collection: { vectors: s }, spaces: { "": s } };
  }
  const spaces = { a: space(rng), b: space(rng) };
  return { collection: { vectors: spaces }, spaces };
}

/** Points; now and then a zero vector (kept as is by Cosine) and an id upserted twice in the
 * same batch (the later one wins). */
function densePoints(rng, spaces, n) {
  const ids = pointIds(rng, n);
  const names = Object.keys(spaces);
  const vec = (s) => (rng.chance(0.03) ? new Array(s.size).fill(0) : spaceVector(rng, s));
  const point = (id) => {
    let vector;
    if (names.length === 1 && names[0] === "") vector = vec(spaces[""]);
    else {
      vector = {};
      for (const name of names) if (rng.chance(0.9)) vector[name] = vec(spaces[name]);
      if (Object.keys(vector).length === 0) vector[names[0]] = vec(spaces[names[0]]);
    }
    return rng.chance(0.9) ? { id, vector, payload: payload(rng) } : { id, vector };
  };
  const points = ids.map(point);
  if (rng.chance(0.2)) points.push(point(rng.pick(ids)));
  return points;
}

const DENSE_KINDS = [
  [3, "nearest_vec"], [2, "nearest_id"], [2, "average_vector"], [2, "best_score"],
  [2, "sum_scores"], [2, "discover"], [2, "context"], [0.4, "none"], [0.4, "error"],
];

function denseRequest(rng, spaces, points) {
  const names = Object.keys(spaces);
  const using = rng.pick(names);
  const { size, distance, datatype } = spaces[using];
  const exampleIds = idsWith(points, using);
  const kind = rng.weighted(DENSE_KINDS);
  const ids = points.map((p) => p.id);
  const nearest = kind === "nearest_vec" || kind === "nearest_id" || kind === "average_vector";
  // Byte scores are integer-sized: thresholds are drawn around the stored scale instead.
  const threshold = datatype === "uint8" ? [0, 255 * size] : nearest ? THRESHOLDS[distance] : [-1, 1];
  const body = { ...options(rng, ids, { threshold: kind === "none" ? null : threshold }) };
  if (using !== "") body.using = using;
  if (rng.chance(0.08)) body.with_vector = true;
  if (kind === "none") return body; // Query API without a query: filtered points by id
  if (kind === "error") {
    // A wrong dimension (400), an unknown example id (404), a threshold without a query (400).
    const missing = typeof ids[0] === "string" ? rng.uuid() : 5000;
    const which = rng.int(3);
    if (which === 0) body.query = { nearest: rng.vector(size + 1) };
    if (which === 1) body.query = { recommend: { positive: [missing] } };
    if (which === 2) body.score_threshold = 0.5;
    return body;
  }
  const k = exampleIds.length > 0 || kind === "nearest_vec" ? kind : "nearest_vec";
  body.query = denseQuery(rng, k, size, exampleIds, () => spaceVector(rng, spaces[using]));
  return body;
}

function denseCase(rng) {
  const { collection, spaces } = denseCollection(rng);
  const points = densePoints(rng, spaces, rng.range(12, 50));
  const requests = Array.from({ length: 10 }, () => denseRequest(rng, spaces, points));
  return { collection, points, requests };
}

/** Dense storage datatypes: one unnamed vector or named ones, each `float16`, `uint8` or (as a
 * control) `float32`, across every distance; the dense query kinds and a prefetch rescored at
 * the root. A quarter of the cases are multivector cases with a `float16`/`uint8` multivector. */
function datatypeCase(rng) {
  if (rng.chance(0.25)) return multivectorCase(rng, rng.pick(["float16", "uint8"]));
  const typed = () => ({ ...space(rng, [3, 31], DISTANCES), datatype: rng.weighted([[4, "float16"], [4, "uint8"], [1, "float32"]]) });
  const spaces = rng.chance(0.6) ? { "": typed() } : { a: typed(), b: typed() };
  const collection = { vectors: "" in spaces ? spaces[""] : spaces };
  const points = densePoints(rng, spaces, rng.range(12, 50));
  const requests = Array.from({ length: 10 }, () => {
    const body = denseRequest(rng, spaces, points);
    if (body.query === undefined || !rng.chance(0.25)) return body;
    // The query rescoring a prefetch, in the stored datatype. The prefetch keeps every point:
    // byte scores are integers and tie often, zero vectors tie under Cosine, and Qdrant's order
    // within a tie is unspecified, so only the root's cut-offs (which the comparison handles)
    // may fall inside a tie.
    const { using, ...rest } = body;
    const s = spaces[using ?? ""];
    const limit = points.length + 1;
    const prefetch = { query: spaceVector(rng, s), limit, ...(using ? { using } : {}) };
    return { ...rest, ...(using ? { using } : {}), prefetch };
  });
  return { collection, points, requests };
}

/** MMR on dense vectors: `nearest` + `mmr` with an explicit `candidates_limit` (so the probe's
 * larger limit selects a superset in the same order), diversity from 0 to 1, filters, no offset
 * (Qdrant skips it from the MMR selection at the collection layer) and no threshold. */
function mmrCase(rng) {
  const { collection, spaces } = denseCollection(rng);
  // No zero vectors: equal vectors tie in relevance and in similarity to the selected ones, and
  // which of them MMR picks first is the candidates' tie order, which Qdrant leaves open.
  const nonZero = (v, s) => (v.every((x) => x === 0) ? spaceVector(rng, s) : v);
  const points = densePoints(rng, spaces, rng.range(12, 50)).map((p) => ({
    ...p,
    vector: Array.isArray(p.vector)
      ? nonZero(p.vector, spaces[""])
      : Object.fromEntries(Object.entries(p.vector).map(([n, v]) => [n, nonZero(v, spaces[n])])),
  }));
  const ids = points.map((p) => p.id);
  const requests = Array.from({ length: 8 }, () => {
    const using = rng.pick(Object.keys(spaces));
    const body = options(rng, ids);
    delete body.offset;
    const limit = body.limit ?? 10;
    const mmr = { candidates_limit: rng.range(limit, 40) };
    if (rng.chance(0.8)) mmr.diversity = rng.pick([0, 0.25, 0.5, 0.7, 1]);
    body.query = { nearest: spaceVector(rng, spaces[using]), mmr };
    if (using !== "") body.using = using;
    return body;
  });
  return { collection, points, requests };
}

export const GENERATORS = { dense: denseCase, datatype: datatypeCase, ...HYBRID, feedback: feedbackCase, mmr: mmrCase };

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
