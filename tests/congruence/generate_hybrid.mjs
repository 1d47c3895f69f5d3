// Generators of the features beyond plain dense queries: prefetch (multi-stage rescoring),
// fusion (RRF / DBSF over prefetches), sparse vectors (with and without IDF), BM25 documents
// and multivectors (max_sim). Each returns `{ collection, points, requests }` like generate.mjs.
import { denseQuery, idsWith, options, pointIds, space, spaceVector } from "./common.mjs";
import { payload } from "./payloads.mjs";

const DENSE_KINDS = [[4, "nearest_vec"], [1, "nearest_id"], [1, "best_score"], [1, "sum_scores"], [1, "average_vector"], [1, "discover"]];

/** Two named dense vectors. No Manhattan: its recommend scores saturate into exact ties
 * (|x−n|₁ − |x−p|₁ is constant beyond both examples), and ties inside a stage are cut or
 * ranked arbitrarily (Manhattan is covered by the dense feature). */
function namedDense(rng) {
  const distances = ["Cosine", "Dot", "Euclid"];
  const spaces = { a: space(rng, [3, 6], distances), b: space(rng, [3, 6], distances) };
  const ids = pointIds(rng, rng.range(15, 45));
  const points = ids.map((id) => ({ id, vector: { a: rng.vector(spaces.a.size), b: rng.vector(spaces.b.size) }, payload: payload(rng) }));
  return { collection: { vectors: spaces }, spaces, points, ids };
}

/** A prefetch over one dense vector; `depth` bounds nesting. */
function densePrefetch(rng, c, depth, { fusion = false } = {}) {
  const using = rng.pick(["a", "b"]);
  const p = { using, limit: rng.range(3, 20) };
  if (rng.chance(0.3)) p.filter = options(rng, c.ids, {}).filter ?? { must: [{ key: "n", range: { lt: 14.5 } }] };
  const nested = depth > 0 && rng.chance(0.35);
  if (nested) {
    p.prefetch = Array.from({ length: rng.range(1, fusion ? 3 : 2) }, () => densePrefetch(rng, c, depth - 1, { fusion }));
    if (fusion && p.prefetch.length > 1 && rng.chance(0.6)) {
      // Nested fusion is DBSF over unfiltered lists of 5+ points: RRF scores tie whenever ranks
      // coincide, and DBSF ties on lists of one or two points; a tie cut by this stage's limit
      // (or ranked differently) changes the outer fusion legitimately.
      for (const q of [p, ...p.prefetch]) delete q.filter;
      for (const q of p.prefetch) q.limit = Math.max(q.limit, 5);
      delete p.using;
      p.query = { fusion: "dbsf" };
      return p;
    }
  }
  // No query: the first points by id, all with the same score; fused, such ties are arbitrary.
  if (!nested && !fusion && rng.chance(0.08)) return { filter: { must: [{ key: "n", range: { gte: 3.5 } }] }, limit: p.limit };
  p.query = denseQuery(rng, rng.weighted(DENSE_KINDS), c.spaces[using].size, c.ids);
  return p;
}

function fusionQuery(rng, n) {
  return rng.weighted([
    [3, { fusion: "rrf" }],
    [2, { fusion: "dbsf" }],
    [1, { rrf: { k: rng.range(1, 60) } }],
    [1, { rrf: { weights: Array.from({ length: n }, () => rng.pick([0.5, 1, 2, 3])) } }],
    [1, { rrf: { k: rng.range(1, 10), weights: Array.from({ length: n }, () => rng.pick([1, 2, 4])) } }],
  ]);
}

function prefetchCase(rng) {
  const c = namedDense(rng);
  const requests = Array.from({ length: 8 }, () => {
    const using = rng.pick(["a", "b"]);
    const body = { ...options(rng, c.ids), using };
    body.prefetch = Array.from({ length: rng.range(1, 2) }, () => densePrefetch(rng, c, 1));
    body.query = denseQuery(rng, rng.weighted([[4, "nearest_vec"], [1, "nearest_id"], [1, "best_score"]]), c.spaces[using].size, c.ids);
    return body;
  });
  return { collection: c.collection, points: c.points, requests };
}

function fusionCase(rng) {
  const c = namedDense(rng);
  const requests = Array.from({ length: 8 }, () => {
    const n = rng.range(2, 3);
    const body = { ...options(rng, c.ids), prefetch: Array.from({ length: n }, () => densePrefetch(rng, c, 1, { fusion: true })) };
    body.query = fusionQuery(rng, n);
    if (body.prefetch.some((p) => p.query?.fusion)) delete body.filter; // see densePrefetch
    if (rng.chance(0.1)) body.score_threshold = rng.pick([0.2, 0.3, 0.45]);
    return body;
  });
  return { collection: c.collection, points: c.points, requests };
}

/** A sparse vector: 1-5 of `dims` indices, 4-decimal values (mostly positive) so that scores,
 * fused by rank, rarely tie. */
function sparseVector(rng, dims = 60) {
  const indices = rng.sample(Array.from({ length: dims }, (_, i) => i), rng.range(1, 5));
  return { indices, values: indices.map(() => Math.round((rng.float() * 1.6 - 0.3) * 1e4) / 1e4) };
}

function sparseCase(rng) {
  const d = { size: 4, distance: rng.pick(["Cosine", "Dot"]) };
  const collection = { vectors: { d }, sparse_vectors: { s: {}, si: { modifier: "idf" } } };
  const ids = pointIds(rng, rng.range(15, 40));
  const points = ids.map((id) => {
    const vector = { d: rng.vector(4) };
    if (rng.chance(0.85)) vector.s = sparseVector(rng);
    if (rng.chance(0.85)) vector.si = sparseVector(rng, 30);
    return { id, vector, payload: payload(rng) };
  });
  // Sparse prefetches fetch every candidate (limit ≥ points): sparse and IDF scores tie often,
  // and a tie at a prefetch's cut-off would make the fused result legitimately engine-dependent.
  const all = points.length;
  const sparseStage = (using) => ({ query: sparseVector(rng, using === "si" ? 30 : 60), using, limit: all });
  const requests = Array.from({ length: 8 }, () => {
    const using = rng.pick(["s", "si"]);
    const body = { ...options(rng, ids) };
    const kind = rng.weighted([[4, "nearest"], [1, "id"], [1, "recommend"], [2, "fusion"], [1, "rescore"]]);
    if (kind === "nearest") Object.assign(body, { using, query: rng.chance(0.5) ? sparseVector(rng, 30) : { nearest: sparseVector(rng, 30) } });
    if (kind === "id") Object.assign(body, { using, query: { nearest: rng.pick(idsWith(points, using)) } });
    if (kind === "recommend") {
      const strategy = rng.pick(["average_vector", "best_score", "sum_scores"]);
      Object.assign(body, { using, query: { recommend: { positive: [sparseVector(rng, 30)], negative: rng.chance(0.5) ? [sparseVector(rng, 30)] : [], strategy } } });
    }
    if (kind === "fusion") Object.assign(body, { prefetch: [sparseStage("s"), sparseStage("si"), { query: rng.vector(4), using: "d", limit: all }], query: fusionQuery(rng, 3) });
    if (kind === "rescore") Object.assign(body, { prefetch: [sparseStage(using)], query: rng.vector(4), using: "d" });
    return body;
  });
  return { collection, points, requests };
}

const STOPWORDS = ["the", "and", "a", "of", "over"]; // dropped by the English tokenizer
const WORDS = ["cat", "cats", "dog", "dogs", "run", "running", "quick", "brown", "fox", "jumps", "lazy", "river", "stone", "light", "night", "garden", "green", "tea", "music", "old", "city"];

function sentence(rng, length, words = WORDS) {
  return Array.from({ length }, () => rng.pick(words)).join(" ");
}

/** BM25 documents. Fusion needs tie-free BM25 rankings (a tie reorders RRF ranks), so in half
 * of the cases documents have distinct lengths and no stopwords (BM25 then orders documents
 * with the same term counts by length); the others mix in stopwords and get plain queries. */
function bm25Case(rng) {
  const collection = { vectors: { d: { size: 4, distance: "Cosine" } }, sparse_vectors: { bm25: { modifier: "idf" } } };
  const ids = pointIds(rng, rng.range(10, 30));
  const tieFree = rng.chance(0.5);
  const lengths = tieFree ? rng.sample(Array.from({ length: 40 }, (_, i) => i + 1), ids.length) : ids.map(() => rng.range(2, 12));
  const doc = (text) => ({ text, model: "qdrant/bm25" });
  const docText = (k) => sentence(rng, lengths[k], tieFree ? WORDS : WORDS.concat(STOPWORDS));
  const points = ids.map((id, k) => ({ id, vector: { d: rng.vector(4), bm25: doc(docText(k)) }, payload: payload(rng) }));
  const all = points.length;
  const requests = Array.from({ length: 8 }, () => {
    const body = { ...options(rng, ids) };
    const q = doc(sentence(rng, rng.range(1, 4), WORDS.concat(STOPWORDS)));
    if (!tieFree || rng.chance(0.5)) Object.assign(body, { using: "bm25", query: rng.chance(0.5) ? q : { nearest: q } });
    else Object.assign(body, { prefetch: [{ query: q, using: "bm25", limit: all }, { query: rng.vector(4), using: "d", limit: all }], query: fusionQuery(rng, 2) });
    return body;
  });
  return { collection, points, requests };
}

function multiVector(rng, dim, datatype) {
  return Array.from({ length: rng.range(1, 4) }, () => (datatype ? spaceVector(rng, { size: dim, datatype }) : rng.vector(dim)));
}

/** Multivector cases; with `datatype` (the datatype feature) the multivector is stored as such. */
export function multivectorCase(rng, datatype = undefined) {
  const m = { ...space(rng, [2, 4]), multivector_config: { comparator: "max_sim" }, ...(datatype ? { datatype } : {}) };
  const collection = { vectors: { m, d: { size: 3, distance: "Dot" } } };
  const ids = pointIds(rng, rng.range(12, 35));
  const points = ids.map((id) => ({ id, vector: { m: multiVector(rng, m.size, datatype), d: rng.vector(3) }, payload: payload(rng) }));
  const requests = Array.from({ length: 8 }, () => {
    const body = { ...options(rng, ids), using: "m" };
    const ex = () => (rng.chance(0.4) ? rng.pick(ids) : multiVector(rng, m.size, datatype));
    const kind = rng.weighted([[4, "nearest"], [1, "id"], [2, "recommend"], [1, "discover"], [1, "context"], [1, "rescore"]]);
    if (kind === "nearest") body.query = rng.chance(0.5) ? multiVector(rng, m.size, datatype) : { nearest: multiVector(rng, m.size, datatype) };
    if (kind === "id") body.query = { nearest: rng.pick(ids) };
    if (kind === "recommend") {
      const strategy = rng.pick(["average_vector", "best_score", "sum_scores"]);
      body.query = { recommend: { positive: [ex(), ex()].slice(0, rng.range(1, 2)), negative: rng.chance(0.5) ? [ex()] : [], strategy } };
    }
    if (kind === "discover") body.query = { discover: { target: ex(), context: [{ positive: ex(), negative: ex() }] } };
    if (kind === "context") body.query = { context: [{ positive: ex(), negative: ex() }] };
    if (kind === "rescore") Object.assign(body, { prefetch: [{ query: rng.vector(3), using: "d", limit: rng.range(5, 20) }], query: multiVector(rng, m.size, datatype) });
    return body;
  });
  return { collection, points, requests };
}

export const HYBRID = { prefetch: prefetchCase, fusion: fusionCase, sparse: sparseCase, bm25: bm25Case, multivector: multivectorCase };
