// Shapes shared by the generators: vector spaces, point ids, request options, dense queries.
import { filter } from "./payloads.mjs";

export const DISTANCES = ["Cosine", "Dot", "Euclid", "Manhattan"];

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

/** Ids of the points that have vector `using` (examples by id must have it, or it is a 404). */
export function idsWith(points, using) {
  const last = new Map(points.map((p) => [p.id, p])); // an id upserted twice: the later one
  return [...last.values()].filter((p) => (Array.isArray(p.vector) ? using === "" : using in p.vector)).map((p) => p.id);
}

/** A raw vector for a space: floats in [-1, 1), or for `uint8` storage mostly bytes (0..255)
 * with now and then a value Qdrant's cast truncates or saturates (fractions, < 0, > 255). */
export function spaceVector(rng, s) {
  if (s.datatype !== "uint8") return rng.vector(s.size);
  const odd = [-3.5, -0.5, 0.99, 12.7, 254.5, 255.9, 300, 1000];
  return Array.from({ length: s.size }, () => (rng.chance(0.1) ? rng.pick(odd) : rng.int(256)));
}

/** A dense query of one kind; examples are stored points (by id) or raw vectors (`vec(dim)`). */
export function denseQuery(rng, kind, dim, exampleIds, vec = (d) => rng.vector(d)) {
  // An id is used once per query: the same point as positive and negative scores everything 0.
  const unused = [...exampleIds];
  const ex = () => (unused.length > 0 && rng.chance(0.5) ? unused.splice(rng.int(unused.length), 1)[0] : vec(dim));
  const many = (lo, hi) => Array.from({ length: rng.range(lo, hi) }, ex);
  const pairs = (lo, hi) => Array.from({ length: rng.range(lo, hi) }, () => ({ positive: ex(), negative: ex() }));
  switch (kind) {
    case "nearest_vec":
      return rng.chance(0.5) ? vec(dim) : { nearest: vec(dim) };
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
