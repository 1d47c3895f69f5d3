// The Qdrant requests the demo sends, built from its state (no DOM): the Query API body with
// its filter, and the same call as a curl command for a real Qdrant.
import { SIZE_STEPS } from "./state.js";

/** Qdrant's filter for the state's section, priority and size choices, or null for none. */
export function buildFilter(s) {
  const must = [];
  if (s.sections.size) must.push({ key: "section", match: { any: [...s.sections] } });
  if (s.priority) must.push({ key: "priority", match: { value: s.priority } });
  const lo = SIZE_STEPS[s.sizeMin];
  const hi = SIZE_STEPS[s.sizeMax];
  if (lo > 0 || hi !== Infinity) {
    const range = {};
    if (lo > 0) range.gte = lo;
    if (hi !== Infinity) range.lte = hi;
    must.push({ key: "installed_size_kib", range });
  }
  return must.length ? { must } : null;
}

/** Context pairs with both sides chosen: incomplete ones are left out of the query. */
export function completePairs(s) {
  return s.pairs.filter((p) => p.positive !== null && p.negative !== null).map((p) => ({ positive: p.positive, negative: p.negative }));
}

/** `{ body }` with the Qdrant Query API request, or `{ hint }` when there is nothing to ask. */
export function buildRequest(s) {
  const { query, hint } = buildQuery(s);
  if (hint) return { hint };
  const body = { query };
  const filter = buildFilter(s);
  if (filter) body.filter = filter;
  body.limit = s.limit;
  body.with_payload = true;
  return { body };
}

function buildQuery(s) {
  if (s.mode === "recommend") {
    if (!s.positive.length && !s.negative.length) return { hint: "Mark a package 👍 (search above, or pick a suggestion) to get recommendations." };
    const recommend = {};
    if (s.positive.length) recommend.positive = [...s.positive];
    if (s.negative.length) recommend.negative = [...s.negative];
    recommend.strategy = s.strategy;
    return { query: { recommend } };
  }
  if (s.mode === "discover") {
    if (s.target === null) return { hint: "Pick a 🎯 target: discovery searches around it, steered by the context pairs." };
    return { query: { discover: { target: s.target, context: completePairs(s) } } };
  }
  const pairs = completePairs(s);
  if (!pairs.length) return { hint: "Add a context pair: 👍 one package and 👎 another." };
  return { query: { context: pairs } };
}

/** The same request as a curl command against the Qdrant at `origin`. */
export function curlCommand(origin, path, body) {
  return `curl -X POST '${origin}${path}' \\\n  -H 'Content-Type: application/json' \\\n  -d '${JSON.stringify(body)}'`;
}

/** The package ids a query names (examples and target), each once, in order of appearance. */
export function namedIds(query) {
  return [...new Set(JSON.stringify(query).match(/\d+/g).map(Number))];
}
