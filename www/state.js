// The demo's state and its URL form, as plain data (no DOM): what is marked 👍 👎 🎯, the
// filters, and the `#mode=…` fragment that makes a view bookmarkable. Point ids are package
// numbers, 1-based.
import { MODES, STRATEGIES } from "./content.js";

// Installed-size slider stops (KiB): 0 = no lower bound, Infinity = no upper bound.
export const SIZE_STEPS = [0, ...Array.from({ length: 19 }, (_, i) => 2 ** (i + 4)), Infinity];
/** The highest stop of the "from" slider: a lower bound of ∞ would be `{"gte": null}`. */
export const SIZE_MIN_TOP = SIZE_STEPS.length - 2;

const LIMITS = [10, 20, 50, 100];

export function emptyState() {
  return {
    mode: "recommend",
    positive: [],
    negative: [],
    strategy: "average_vector",
    target: null,
    pairs: [], // [{ positive: id|null, negative: id|null }], shared by discover and context
    sections: new Set(),
    priority: "",
    sizeMin: 0,
    sizeMax: SIZE_STEPS.length - 1,
    limit: 20,
    text: "", // the search box: BM25 (+ the dense model when loaded), fused with the examples
    diversity: false, // MMR over the candidates
    grouped: false, // one result per section
  };
}

/** The state of a scenario (content.js), its package names looked up in `byName`. */
export function scenarioState(s, byName) {
  const next = emptyState();
  const ids = (names = []) => names.map((n) => byName.get(n)).filter((id) => id !== undefined);
  next.mode = s.mode;
  next.positive = ids(s.positive);
  next.negative = ids(s.negative);
  if (s.strategy) next.strategy = s.strategy;
  next.target = s.target ? (byName.get(s.target) ?? null) : null;
  next.pairs = (s.pairs ?? []).map(([p, n]) => ({ positive: byName.get(p) ?? null, negative: byName.get(n) ?? null }));
  next.sections = new Set(s.sections ?? []);
  return next;
}

/** The URL fragment of a state, package ids written as names:
 *  `#mode=discover&target=vim&pairs=gedit~nano,kate~micro&section=editors&size=4-12`.
 *  Every mode's examples are kept, so switching modes and going Back loses nothing. */
export function stateToHash(s, nameOf) {
  const parts = [`mode=${s.mode}`];
  const names = (ids) => ids.map(nameOf).join(",");
  if (s.text) parts.push(`q=${encodeURIComponent(s.text)}`);
  if (s.positive.length) parts.push(`pos=${names(s.positive)}`);
  if (s.negative.length) parts.push(`neg=${names(s.negative)}`);
  if (s.strategy !== "average_vector") parts.push(`strategy=${s.strategy}`);
  if (s.target !== null) parts.push(`target=${nameOf(s.target)}`);
  if (s.pairs.length) {
    const pair = (p) => `${p.positive ? nameOf(p.positive) : ""}~${p.negative ? nameOf(p.negative) : ""}`;
    parts.push(`pairs=${s.pairs.map(pair).join(",")}`);
  }
  if (s.diversity) parts.push("mmr=1");
  if (s.grouped) parts.push("group=1");
  if (s.sections.size) parts.push(`section=${[...s.sections].join(",")}`);
  if (s.priority) parts.push(`priority=${s.priority}`);
  if (s.sizeMin !== 0 || s.sizeMax !== SIZE_STEPS.length - 1) parts.push(`size=${s.sizeMin}-${s.sizeMax}`);
  if (s.limit !== 20) parts.push(`limit=${s.limit}`);
  return `#${parts.join("&")}`;
}

/** The state a URL fragment describes, or null for an empty one. Unknown names and values
 *  are dropped: `catalog` is `{ byName, sections, priorities }`. */
export function stateFromHash(hash, catalog) {
  const params = hashParams(hash);
  if (params === null) return null;
  const next = emptyState();
  const list = (key) => (params.get(key) ?? "").split(",").filter(Boolean);
  const id = (name) => catalog.byName.get(name);
  if (MODES[params.get("mode")]) next.mode = params.get("mode");
  next.positive = list("pos").map(id).filter(Boolean);
  next.negative = list("neg").map(id).filter((x) => x && !next.positive.includes(x));
  if (STRATEGIES[params.get("strategy")]) next.strategy = params.get("strategy");
  next.target = id(params.get("target")) ?? null;
  next.pairs = exclusivePairs(list("pairs").map((p) => p.split("~")).map(([a, b]) => ({ positive: id(a) ?? null, negative: id(b) ?? null })));
  next.text = (params.get("q") ?? "").slice(0, 200);
  next.diversity = params.get("mmr") === "1";
  next.grouped = params.get("group") === "1";
  next.sections = new Set(list("section").filter((s) => catalog.sections.includes(s)));
  if (catalog.priorities.includes(params.get("priority"))) next.priority = params.get("priority");
  readSize(params.get("size"), next);
  if (LIMITS.includes(Number(params.get("limit")))) next.limit = Number(params.get("limit"));
  return next;
}

/** The fragment's `key=value` parts; a part that does not decode (`pos=%`) is left out, so
 *  one bad part never costs the rest of the view. */
function hashParams(hash) {
  const raw = hash.replace(/^#/, "");
  if (!raw) return null;
  const params = new Map();
  for (const kv of raw.split("&")) {
    const at = kv.indexOf("=");
    try {
      if (at < 0) params.set(decodeURIComponent(kv), "");
      else params.set(decodeURIComponent(kv.slice(0, at)), decodeURIComponent(kv.slice(at + 1)));
    } catch {
      // URIError: a malformed escape; skip this part only.
    }
  }
  return params;
}

/** Pairs where no package is 👍 in one pair and 👎 in another (the first use wins), without
 *  empty pairs. */
function exclusivePairs(pairs) {
  const seen = new Map();
  const keep = (id, key) => {
    if (id === null) return null;
    if (seen.has(id) && seen.get(id) !== key) return null;
    seen.set(id, key);
    return id;
  };
  return pairs
    .map((p) => ({ positive: keep(p.positive, "positive"), negative: keep(p.negative, "negative") }))
    .filter((p) => p.positive !== null || p.negative !== null);
}

/** `size=LO-HI` (slider stops) into `next`, clamped to the slider and ordered. */
function readSize(value, next) {
  const size = /^(\d+)-(\d+)$/.exec(value ?? "");
  if (!size) return;
  const clamp = (v, top) => Math.min(Math.max(Number(v), 0), top);
  next.sizeMin = clamp(size[1], SIZE_MIN_TOP);
  next.sizeMax = Math.max(clamp(size[2], SIZE_STEPS.length - 1), next.sizeMin);
}

export function isPositive(s, id) {
  return s.mode === "recommend" ? s.positive.includes(id) : s.pairs.some((p) => p.positive === id);
}

export function isNegative(s, id) {
  return s.mode === "recommend" ? s.negative.includes(id) : s.pairs.some((p) => p.negative === id);
}

/** Toggles `id` as 👍 ("pos"), 👎 ("neg") or 🎯 ("target") in the state's mode, in place. */
export function toggleExample(s, kind, id) {
  if (kind === "target") s.target = s.target === id ? null : id;
  else if (s.mode === "recommend") toggleRecommend(s, kind, id);
  else togglePair(s, kind, id);
}

/** A package is 👍 or 👎, never both: marking it one way unmarks the other. */
function toggleRecommend(s, kind, id) {
  const [mine, other] = kind === "pos" ? [s.positive, s.negative] : [s.negative, s.positive];
  const at = mine.indexOf(id);
  if (at >= 0) {
    mine.splice(at, 1);
    return;
  }
  const elsewhere = other.indexOf(id);
  if (elsewhere >= 0) other.splice(elsewhere, 1);
  mine.push(id);
}

/** A package sits on one side only: marking it 👍 takes it off every 👎 slot, and back. */
function togglePair(s, kind, id) {
  const key = kind === "pos" ? "positive" : "negative";
  const other = key === "positive" ? "negative" : "positive";
  const held = s.pairs.find((p) => p[key] === id);
  if (held) held[key] = null;
  else {
    for (const p of s.pairs) if (p[other] === id) p[other] = null;
    // Fill the first pair with a free slot of this kind (not one holding the id on the other
    // side), else start a new pair.
    const free = s.pairs.find((p) => p[key] === null && p.positive !== id && p.negative !== id);
    if (free) free[key] = id;
    else s.pairs.push({ positive: null, negative: null, [key]: id });
  }
  s.pairs = s.pairs.filter((p) => p.positive !== null || p.negative !== null);
}

/** Up to `max` package ids whose name starts with `text`, then ones that contain it. `names`
 *  is sorted, so the prefix matches are a binary search away. */
export function findByName(names, text, max = 8) {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid] < q) lo = mid + 1;
    else hi = mid;
  }
  const found = [];
  for (let i = lo; i < names.length && found.length < max && names[i].startsWith(q); i++) found.push(i + 1);
  for (let i = 0; i < names.length && found.length < max; i++) {
    if (!names[i].startsWith(q) && names[i].includes(q)) found.push(i + 1);
  }
  return found;
}
