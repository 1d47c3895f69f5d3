// "Why this result": for one result, the cosine to each example and which one it is closest to
// (what best_score ranks by), ✓/✗ per context pair (discover/context), and the typed words BM25
// matched in it. Everything is asked of the engine itself: the vectors by id, the BM25 and dense
// scores as one-point queries restricted with a has_id filter.
import { h } from "./dom.js";
import { COLLECTION } from "./loader.js";
import { BM25, completePairs, DENSE_MODEL } from "./request.js";
import { nameOf, store } from "./store.js";

const MAX_WORDS = 8;

/** The explanation of result `id` under the current state, as a list of elements. */
export function explain(id) {
  const s = store.state;
  const examples = [...new Set([...s.positive, ...s.negative, s.target, ...s.pairs.flatMap((p) => [p.positive, p.negative])])].filter((x) => x !== null);
  const vectors = vectorsOf([id, ...examples]);
  const cos = (other) => dot(vectors.get(id), vectors.get(other));
  const parts = [];
  if (s.mode === "recommend") parts.push(...recommendWhy(s, cos));
  else {
    if (s.mode === "discover" && s.target !== null) parts.push(h("p", {}, `🎯 cosine to the target ${nameOf(s.target)}: ${cos(s.target).toFixed(3)}`));
    parts.push(...pairsWhy(s, cos));
  }
  if (s.mode === "recommend" && s.text.trim()) parts.push(...textWhy(id, s.text));
  return parts.length ? parts : [h("p", {}, "No examples to compare with.")];
}

/** Cosine to each 👍 / 👎, the closest 👍 marked as the one best_score ranks by. */
function recommendWhy(s, cos) {
  if (!s.positive.length && !s.negative.length) return [];
  const rows = (ids, icon) => ids.map((x) => ({ id: x, icon, sim: cos(x) }));
  const pos = rows(s.positive, "👍");
  const neg = rows(s.negative, "👎");
  const best = pos.reduce((a, b) => (b.sim > a.sim ? b : a), pos[0] ?? null);
  const worst = neg.reduce((a, b) => (b.sim > a.sim ? b : a), neg[0] ?? null);
  const closest = best && (!worst || best.sim >= worst.sim)
    ? `Closest example: ${nameOf(best.id)} (👍, cosine ${best.sim.toFixed(3)}): best_score ranks by this.`
    : `Closest example: ${nameOf(worst.id)} (👎, cosine ${worst.sim.toFixed(3)}): best_score scores it below every package nearer a 👍.`;
  return [
    h("p", { class: "closest" }, closest),
    h("ul", { class: "cosines" }, [...pos, ...neg].map((r) =>
      h("li", { class: r === best ? "best" : "" }, `${r.icon} ${nameOf(r.id)}: cosine ${r.sim.toFixed(3)}`))),
  ];
}

/** ✓ when the result is nearer the pair's 👍 than its 👎 (discover and context both count that). */
function pairsWhy(s, cos) {
  const pairs = completePairs(s);
  if (!pairs.length) return [];
  const items = pairs.map((p) => {
    const [a, b] = [cos(p.positive), cos(p.negative)];
    const ok = a > b;
    return h("li", { class: ok ? "ok" : "bad" },
      h("span", { class: "mark", "aria-label": ok ? "satisfied" : "violated" }, ok ? "✓" : "✗"),
      ` ${nameOf(p.positive)} ${a.toFixed(3)} ${ok ? ">" : "≤"} ${nameOf(p.negative)} ${b.toFixed(3)}`);
  });
  const satisfied = items.filter((li) => li.className === "ok").length;
  return [h("p", {}, `Context pairs satisfied: ${satisfied} of ${pairs.length} (cosine to 👍 vs 👎)`), h("ul", { class: "pairs-why" }, items)];
}

/** Which typed words BM25 finds in this package, each with its BM25 score here. */
function textWhy(id, text) {
  const words = [...new Set(text.toLowerCase().split(/[^\p{L}\p{N}+]+/u).filter(Boolean))].slice(0, MAX_WORDS);
  const hits = words.map((word) => ({ word, score: scoreOne(id, { query: { text: word, model: BM25.model }, using: BM25.vector }) }));
  const found = hits.filter((x) => x.score !== null);
  const parts = [h("p", { class: "terms" }, "BM25 terms matched: ",
    found.length
      ? found.map((x) => `${x.word} (${x.score.toFixed(2)})`).join(", ")
      : `none: it ranks through the ${store.dense ? "sentence model or the examples" : "examples"} in the fusion`)];
  if (store.dense) {
    const sim = scoreOne(id, { query: { nearest: { text, model: DENSE_MODEL } } });
    if (sim !== null) parts.push(h("p", {}, `Cosine to the typed text (all-MiniLM-L6-v2): ${sim.toFixed(3)}`));
  }
  return parts;
}

/** The score `query` gives point `id` alone, or null when the point is not a result of it. */
function scoreOne(id, query) {
  try {
    const res = store.db.request("POST", `/collections/${COLLECTION}/points/query`, { ...query, filter: { must: [{ has_id: [id] }] }, limit: 1 });
    return res.points[0]?.score ?? null;
  } catch {
    return null;
  }
}

/** id → stored (unit-length) vector, read back from the engine. */
function vectorsOf(ids) {
  const res = store.db.request("POST", `/collections/${COLLECTION}/points`, { ids, with_vector: true, with_payload: false });
  return new Map(res.map((p) => [p.id, Array.isArray(p.vector) ? p.vector : p.vector[""]]));
}

function dot(a, b) {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
