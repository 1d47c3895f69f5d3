// The Qdrant requests the demo sends, built from its state (no DOM): the Query API body with
// its filter, and the same call as a curl command for a real Qdrant.
import { SIZE_STEPS } from "./state.js";

/** The text models: Qdrant's BM25 (built into the engine) and the dense sentence model. */
export const BM25 = { vector: "bm25", model: "qdrant/bm25" };
export const DENSE_MODEL = "sentence-transformers/all-minilm-l6-v2";
/** Candidates each prefetch hands to the fusion or to MMR. */
export const PREFETCH_LIMIT = 100;
/** MMR's diversity when the toggle is on (0 = plain relevance, 1 = most diverse). */
export const DIVERSITY = 0.5;

/** Qdrant's filter for the state's section, priority and size choices, or null for none. */
export function buildFilter(s) {
  const must = [];
  if (s.sections.size) must.push({ key: "section", match: { any: [...s.sections] } });
  if (s.priority) must.push({ key: "priority", match: { value: s.priority } });
  const lo = SIZE_STEPS[s.sizeMin];
  const hi = SIZE_STEPS[s.sizeMax];
  // A bound of ∞ is no bound: JSON has no Infinity (it would be sent as null).
  const range = {};
  if (lo > 0 && Number.isFinite(lo)) range.gte = lo;
  if (Number.isFinite(hi)) range.lte = hi;
  if (Object.keys(range).length) must.push({ key: "installed_size_kib", range });
  return must.length ? { must } : null;
}

/** Context pairs with both sides chosen: incomplete ones are left out of the query. */
export function completePairs(s) {
  return s.pairs.filter((p) => p.positive !== null && p.negative !== null).map((p) => ({ positive: p.positive, negative: p.negative }));
}

/**
 * `{ body, path, notes }` with the Qdrant Query API request (`path` is "query" or
 * "query/groups"), or `{ hint }` when there is nothing to ask. `dense` says whether the
 * sentence model is loaded (text then also runs as a dense prefetch), `bm25` whether the BM25
 * index is built.
 */
export function buildRequest(s, { dense = false, bm25 = true } = {}) {
  const notes = [];
  const core = buildQuery(s, { dense, bm25 }, notes);
  if (core.hint) return { hint: core.hint };
  let body = core.body;
  if (s.diversity) body = diversify(s, body, dense, notes);
  const filter = buildFilter(s);
  if (filter) body.filter = filter;
  if (s.grouped) {
    body.group_by = "section";
    body.group_size = 1;
  }
  body.limit = s.limit;
  body.with_payload = true;
  return { body, path: s.grouped ? "query/groups" : "query", notes };
}

/** The query part of the body (`query`, `prefetch`, `using`), or `{ hint }`. */
function buildQuery(s, engines, notes) {
  if (s.mode === "recommend") return recommendQuery(s, engines, notes);
  if (s.text) notes.push("The search text applies in Recommend; Discover and Context use the examples only.");
  if (s.mode === "discover") {
    if (s.target === null) return { hint: "Pick a 🎯 target: discovery searches around it, steered by the context pairs." };
    return { body: { query: { discover: { target: s.target, context: completePairs(s) } } } };
  }
  const pairs = completePairs(s);
  if (!pairs.length) return { hint: "Add a context pair: 👍 one package and 👎 another." };
  return { body: { query: { context: pairs } } };
}

/** Recommend mode: the examples, the typed text, or both fused with reciprocal rank fusion. */
function recommendQuery(s, { dense, bm25 }, notes) {
  const text = s.text.trim();
  const examples = s.positive.length + s.negative.length > 0;
  if (!text && !examples) return { hint: "Type what you are looking for, or mark a package 👍 (search above, or pick a suggestion)." };
  const sources = [];
  if (examples) sources.push({ query: { recommend: recommendExamples(s, notes) } });
  if (text) {
    if (bm25) sources.push({ query: { text, model: BM25.model }, using: BM25.vector });
    else notes.push("The BM25 index is still being built: the text joins the query in a moment.");
    if (dense) sources.push({ query: { nearest: { text, model: DENSE_MODEL } } });
  }
  if (!sources.length) return { hint: "Building the BM25 index for text search: a moment…" };
  if (sources.length === 1) return { body: sources[0] };
  return { body: { prefetch: sources.map((p) => ({ ...p, limit: PREFETCH_LIMIT })), query: { fusion: "rrf" } } };
}

/** `recommend`'s body; average_vector needs a 👍 (Qdrant answers 400 without one), so with
 *  only 👎 left the query uses best_score and says so. */
function recommendExamples(s, notes) {
  const recommend = {};
  if (s.positive.length) recommend.positive = [...s.positive];
  if (s.negative.length) recommend.negative = [...s.negative];
  recommend.strategy = s.strategy;
  if (s.strategy === "average_vector" && !s.positive.length) {
    recommend.strategy = "best_score";
    notes.push("average_vector needs at least one 👍, so this query uses best_score: 👍 a package to average again.");
  }
  return recommend;
}

/** The query re-ranked by MMR around its anchor (the first 👍, the 🎯 target or the text),
 *  over the query's own top candidates as a prefetch. */
function diversify(s, body, dense, notes) {
  const anchor = s.mode === "recommend"
    ? (s.positive[0] ?? (dense && s.text.trim() ? { text: s.text.trim(), model: DENSE_MODEL } : undefined))
    : (s.mode === "discover" ? s.target : completePairs(s)[0]?.positive);
  if (anchor === undefined) {
    notes.push("Diversity needs a 👍 (or the sentence model for text): showing the plain ranking.");
    return body;
  }
  return { prefetch: { ...body, limit: PREFETCH_LIMIT }, query: { nearest: anchor, mmr: { diversity: DIVERSITY } } };
}

/** The same request as a curl command against the Qdrant at `origin`. */
export function curlCommand(origin, path, body) {
  return `curl -X POST '${origin}${path}' \\\n  -H 'Content-Type: application/json' \\\n  -d '${JSON.stringify(body)}'`;
}

const EXAMPLE_KEYS = new Set(["positive", "negative", "target", "nearest", "recommend", "context", "discover", "query", "prefetch"]);

/** The package ids a query names (examples, target, MMR anchor), each once, in order. */
export function namedIds(query) {
  const ids = [];
  const walk = (value, key) => {
    if (typeof value === "number" && Number.isInteger(value) && (key === "positive" || key === "negative" || key === "target" || key === "nearest")) ids.push(value);
    else if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) if (EXAMPLE_KEYS.has(k)) walk(v, k);
    }
  };
  walk(query, "query");
  return [...new Set(ids)];
}
