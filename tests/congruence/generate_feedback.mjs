// Generator of relevance feedback cases (`{"relevance_feedback": {target, feedback, strategy}}`,
// naive strategy): over dense vectors of every distance, a sparse vector and a multivector; at
// the root and inside a prefetch; examples as raw vectors or ids (ids are excluded from the
// results); plus the REST validation errors (empty feedback, b < 0) and an unknown id.
import { idsWith, options, pointIds, space } from "./common.mjs";
import { payload } from "./payloads.mjs";

const round4 = (x) => Math.round(x * 1e4) / 1e4;

function sparseVector(rng, dims = 40) {
  const indices = rng.sample(Array.from({ length: dims }, (_, i) => i), rng.range(1, 6));
  return { indices, values: indices.map(() => round4(rng.float() * 1.6 - 0.3)) };
}

function multiVector(rng, dim) {
  return Array.from({ length: rng.range(1, 3) }, () => rng.vector(dim));
}

/** One collection with a dense vector `d`, a multivector `m` and a sparse vector `s`. */
function collection(rng) {
  const d = space(rng, [3, 7]);
  const m = { ...space(rng, [2, 4], ["Cosine", "Dot", "Euclid"]), multivector_config: { comparator: "max_sim" } };
  const ids = pointIds(rng, rng.range(12, 40));
  const points = ids.map((id) => {
    const vector = { d: rng.vector(d.size), m: multiVector(rng, m.size) };
    if (rng.chance(0.85)) vector.s = sparseVector(rng);
    return { id, vector, payload: payload(rng) };
  });
  return { collection: { vectors: { d, m }, sparse_vectors: { s: {} } }, spaces: { d, m }, points, ids };
}

/** `a` is never 0: without a target term, one item (or equal scores) scores every point 0.0,
 * and a prefetch cutting such a tie keeps engine-dependent points. */
function strategy(rng) {
  const a = round4(rng.pick([1, 0.5 + rng.float() * 1.5]));
  const b = rng.pick([0, 0.5, 1, 2, round4(rng.float() * 3)]);
  const c = round4(rng.pick([1, rng.float() * 2 - 0.5]));
  return { naive: { a, b, c } };
}

/** A feedback query over `using`; an id is used once per query. */
function feedbackQuery(rng, c, using) {
  const unused = [...idsWith(c.points, using)];
  const raw = () => (using === "s" ? sparseVector(rng) : using === "m" ? multiVector(rng, c.spaces.m.size) : rng.vector(c.spaces.d.size));
  const ex = () => (unused.length > 0 && rng.chance(0.5) ? unused.splice(rng.int(unused.length), 1)[0] : raw());
  const feedback = Array.from({ length: rng.range(1, 5) }, () => ({ example: ex(), score: round4(rng.float()) }));
  if (feedback.length > 1 && rng.chance(0.2)) feedback[1].score = feedback[0].score; // equal scores: no pair
  return { relevance_feedback: { target: ex(), feedback, strategy: strategy(rng) } };
}

function request(rng, c) {
  const using = rng.weighted([[4, "d"], [2, "s"], [2, "m"]]);
  const body = { ...options(rng, c.ids) };
  const kind = rng.weighted([[5, "root"], [2, "prefetch"], [1, "error"]]);
  if (kind === "prefetch") {
    // Feedback rescoring a dense prefetch, or a feedback prefetch rescored by nearest.
    if (rng.chance(0.5)) Object.assign(body, { prefetch: { query: rng.vector(c.spaces.d.size), using: "d", limit: rng.range(5, 30) }, query: feedbackQuery(rng, c, using), using });
    else {
      // A sparse feedback stage fetches every point: points sharing no index with any example
      // tie at 0.0, and a tie at the stage's cut-off is engine-dependent (as in the sparse feature).
      const limit = using === "s" ? c.points.length : rng.range(5, 30);
      Object.assign(body, { prefetch: { query: feedbackQuery(rng, c, using), using, limit }, query: rng.vector(c.spaces.d.size), using: "d" });
    }
    return body;
  }
  body.using = using;
  body.query = feedbackQuery(rng, c, using);
  if (kind === "error") {
    const which = rng.int(3);
    if (which === 0) body.query.relevance_feedback.feedback = [];
    if (which === 1) body.query.relevance_feedback.strategy.naive.b = -0.5;
    if (which === 2) body.query.relevance_feedback.target = typeof c.ids[0] === "string" ? rng.uuid() : 5000;
  } else if (rng.chance(0.15)) body.score_threshold = round4(rng.float() - 0.5);
  return body;
}

export function feedbackCase(rng) {
  const c = collection(rng);
  return { collection: c.collection, points: c.points, requests: Array.from({ length: 8 }, () => request(rng, c)) };
}
