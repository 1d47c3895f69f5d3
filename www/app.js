// The demo page: 20,000 Debian packages and their MiniLM embeddings in a simile Database,
// queried with Qdrant's recommend / discover / context requests as you click.
import { init, Database, simdEnabled } from "simile";
import { fetchBytes, halfToFloat } from "./load.js";

const COLLECTION = "debian";
const QUERY_PATH = `/collections/${COLLECTION}/points/query`;
const DATA = new URL("data/", import.meta.url);
const QDRANT = "http://localhost:6333";

const STRATEGIES = {
  average_vector: "One query vector, 2·avg(👍) − avg(👎), searched like a plain nearest-neighbour query. Needs a 👍.",
  best_score: "Each package is scored by its best similarity to a 👍; if it is closer to some 👎, its score goes negative.",
  sum_scores: "Similarities to every 👍 added, similarities to every 👎 subtracted.",
};

const MODES = {
  recommend: "Mark packages 👍 or 👎: every package is ranked against your examples with Qdrant's recommend query.",
  discover:
    "Pick a 🎯 target and 👍/👎 context pairs. Packages on the 👍 side of more pairs rank first; among those, the closer to the target the better (score = pairs satisfied + similarity to the target, squashed into 0…1).",
  context:
    "Only 👍/👎 pairs, no target: finds the region on the 👍 side of every pair. Score 0 means every pair is satisfied, below 0 how far on the wrong side. Many packages tie at 0 (shown in storage order): narrow with a filter, or add a target in Discover.",
};

const QUICK = ["vim", "emacs", "gimp", "nginx"];

const SCENARIOS = [
  { label: "Text editors", hint: "positive: vim, emacs", mode: "recommend", positive: ["vim", "emacs"] },
  { label: "Image editors", hint: "positive: gimp, inkscape, krita", mode: "recommend", positive: ["gimp", "inkscape", "krita"] },
  {
    label: "Web servers, not nginx",
    hint: "positive: lighttpd; negative: nginx; best_score",
    mode: "recommend",
    positive: ["lighttpd"],
    negative: ["nginx"],
    strategy: "best_score",
  },
  {
    label: "Like vim, but a GUI editor",
    hint: "target: vim; pairs: gedit > nano, kate > micro, mousepad > joe",
    mode: "discover",
    target: "vim",
    pairs: [["gedit", "nano"], ["kate", "micro"], ["mousepad", "joe"]],
  },
  {
    label: "GUI, not terminal (context)",
    hint: "pairs: gedit > nano, kate > micro, mousepad > joe; section: editors",
    mode: "context",
    pairs: [["gedit", "nano"], ["kate", "micro"], ["mousepad", "joe"]],
    sections: ["editors"],
  },
];

// Installed-size slider stops (KiB): 0 = no lower bound, Infinity = no upper bound.
const SIZE_STEPS = [0, ...Array.from({ length: 19 }, (_, i) => 2 ** (i + 4)), Infinity];

const $ = (selector) => document.querySelector(selector);

// 👍 👎 🎯 in UI text are drawn as inline SVG: emoji fonts are missing on some systems.
// Thumb: Material Icons "thumb_up" (Apache-2.0); thumb down is the same shape turned over.
const THUMB =
  "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";
const ICONS = {
  "👍": ["pos", `<path d="${THUMB}"/>`],
  "👎": ["neg", `<path transform="rotate(180 12 12)" d="${THUMB}"/>`],
  "🎯": ["target", '<circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="12" r="5.5" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="12" r="2"/>'],
};

function icon(emoji) {
  const [kind, svg] = ICONS[emoji];
  const span = document.createElement("span");
  span.className = `icon icon-${kind}`;
  span.innerHTML = `<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">${svg}</svg>`;
  return span;
}

/** Text with 👍 👎 🎯 replaced by their icons: an array for `append` / `replaceChildren`. */
function rich(text) {
  return text.split(/(👍|👎|🎯)/u).filter(Boolean).map((part) => (ICONS[part] ? icon(part) : part));
}
const nf = new Intl.NumberFormat("en");

/** Element builder: h("li", { class: "x", dataset: {...}, onclick }, child, "text", ...). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key in el && key !== "list" && key !== "form") el[key] = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (typeof child === "string") el.append(...rich(child));
    else if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

/** One-line JSON with a space after `:` and `,`. */
function inlineJson(value) {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  return JSON.stringify(value);
}

/** JSON with 2-space indentation, except that objects and arrays that fit stay on one line. */
function prettyJson(value, indent = "") {
  const flat = inlineJson(value);
  if (flat.length + indent.length <= 72 || value === null || typeof value !== "object") return flat;
  const inner = `${indent}  `;
  const lines = Array.isArray(value)
    ? value.map((v) => inner + prettyJson(v, inner))
    : Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${lines.join(",\n")}\n${indent}${close}`;
}

function formatSize(kib) {
  if (kib === Infinity) return "∞";
  if (kib < 1024) return `${kib} KiB`;
  if (kib < 1024 * 1024) return `${+(kib / 1024).toFixed(kib < 10 * 1024 ? 1 : 0)} MiB`;
  return `${+(kib / 1024 / 1024).toFixed(1)} GiB`;
}

// ---------------------------------------------------------------------------------------------
// State

let items; // columnar: name[], section[] (index), priority[] (index), size[], version[], summary[]
let db;
const byName = new Map();

function emptyState() {
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
  };
}

let state = emptyState();

const nameOf = (id) => items.name[id - 1];
const sectionOf = (id) => items.sections[items.section[id - 1]];
const priorityOf = (id) => items.priorities[items.priority[id - 1]];

function scenarioState(s) {
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

// The state lives in the URL fragment, so a view can be bookmarked or shared:
// #mode=discover&target=vim&pairs=gedit~nano,kate~micro&section=editors&size=4-12
function writeHash() {
  const s = state;
  const parts = [`mode=${s.mode}`];
  const names = (ids) => ids.map(nameOf).join(",");
  if (s.mode === "recommend") {
    if (s.positive.length) parts.push(`pos=${names(s.positive)}`);
    if (s.negative.length) parts.push(`neg=${names(s.negative)}`);
    if (s.strategy !== "average_vector") parts.push(`strategy=${s.strategy}`);
  } else {
    if (s.mode === "discover" && s.target !== null) parts.push(`target=${nameOf(s.target)}`);
    if (s.pairs.length) {
      const pair = (p) => `${p.positive ? nameOf(p.positive) : ""}~${p.negative ? nameOf(p.negative) : ""}`;
      parts.push(`pairs=${s.pairs.map(pair).join(",")}`);
    }
  }
  if (s.sections.size) parts.push(`section=${[...s.sections].join(",")}`);
  if (s.priority) parts.push(`priority=${s.priority}`);
  if (s.sizeMin !== 0 || s.sizeMax !== SIZE_STEPS.length - 1) parts.push(`size=${s.sizeMin}-${s.sizeMax}`);
  if (s.limit !== 20) parts.push(`limit=${s.limit}`);
  const hash = `#${parts.join("&")}`;
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

function readHash() {
  const raw = location.hash.slice(1);
  if (!raw) return null;
  const params = new Map(
    raw.split("&").map((kv) => {
      const at = kv.indexOf("=");
      return at < 0 ? [kv, ""] : [kv.slice(0, at), decodeURIComponent(kv.slice(at + 1))];
    }),
  );
  const next = emptyState();
  const list = (key) => (params.get(key) ?? "").split(",").filter(Boolean);
  const id = (name) => byName.get(name);
  if (MODES[params.get("mode")]) next.mode = params.get("mode");
  next.positive = list("pos").map(id).filter(Boolean);
  next.negative = list("neg").map(id).filter((x) => x && !next.positive.includes(x));
  if (STRATEGIES[params.get("strategy")]) next.strategy = params.get("strategy");
  next.target = id(params.get("target")) ?? null;
  next.pairs = list("pairs")
    .map((p) => p.split("~"))
    .map(([a, b]) => ({ positive: id(a) ?? null, negative: id(b) ?? null }))
    .filter((p) => p.positive || p.negative);
  next.sections = new Set(list("section").filter((s) => items.sections.includes(s)));
  if (items.priorities.includes(params.get("priority"))) next.priority = params.get("priority");
  const size = /^(\d+)-(\d+)$/.exec(params.get("size") ?? "");
  if (size) {
    const clamp = (v) => Math.min(Math.max(Number(v), 0), SIZE_STEPS.length - 1);
    next.sizeMin = clamp(size[1]);
    next.sizeMax = Math.max(clamp(size[2]), next.sizeMin);
  }
  if ([10, 20, 50, 100].includes(Number(params.get("limit")))) next.limit = Number(params.get("limit"));
  return next;
}

// ---------------------------------------------------------------------------------------------
// Marking examples

function isPositive(id) {
  return state.mode === "recommend" ? state.positive.includes(id) : state.pairs.some((p) => p.positive === id);
}
function isNegative(id) {
  return state.mode === "recommend" ? state.negative.includes(id) : state.pairs.some((p) => p.negative === id);
}

/** Toggles `id` as 👍 ("pos"), 👎 ("neg") or 🎯 ("target") in the current mode. */
function mark(kind, id) {
  if (kind === "target") {
    state.target = state.target === id ? null : id;
  } else if (state.mode === "recommend") {
    const [mine, other] = kind === "pos" ? [state.positive, state.negative] : [state.negative, state.positive];
    const at = mine.indexOf(id);
    if (at >= 0) mine.splice(at, 1);
    else {
      const elsewhere = other.indexOf(id);
      if (elsewhere >= 0) other.splice(elsewhere, 1);
      mine.push(id);
    }
  } else {
    const key = kind === "pos" ? "positive" : "negative";
    const held = state.pairs.find((p) => p[key] === id);
    if (held) held[key] = null;
    else {
      // Fill the first pair with a free slot of this kind (not one holding the id on the other
      // side), else start a new pair.
      const free = state.pairs.find((p) => p[key] === null && p.positive !== id && p.negative !== id);
      if (free) free[key] = id;
      else state.pairs.push({ positive: null, negative: null, [key]: id });
    }
    state.pairs = state.pairs.filter((p) => p.positive !== null || p.negative !== null);
  }
  update();
}

function quickPick(id) {
  if (state.mode === "discover" && state.target === null) mark("target", id);
  else if (!isPositive(id)) mark("pos", id);
}

function actionButtons(id) {
  const button = (kind, label, title, pressed) =>
    h("button", {
      type: "button",
      class: `act act-${kind}`,
      dataset: { act: kind, id: String(id) },
      title: `${title} ${nameOf(id)}`,
      "aria-label": `${title} ${nameOf(id)}`,
      "aria-pressed": String(pressed),
    }, label);
  return h(
    "span",
    { class: "acts" },
    state.mode === "discover" ? button("target", "🎯", "target", state.target === id) : null,
    button("pos", "👍", "positive:", isPositive(id)),
    button("neg", "👎", "negative:", isNegative(id)),
  );
}

// ---------------------------------------------------------------------------------------------
// Name search: names are sorted, so a prefix is a binary search away; substrings fill up.

function findByName(text, max = 8) {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const names = items.name;
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid] < q) lo = mid + 1;
    else hi = mid;
  }
  const found = [];
  for (let i = lo; i < names.length && found.length < max && names[i].startsWith(q); i++) found.push(i + 1);
  if (found.length < max) {
    for (let i = 0; i < names.length && found.length < max; i++) {
      if (!names[i].startsWith(q) && names[i].includes(q)) found.push(i + 1);
    }
  }
  return found;
}

function renderMatches() {
  const list = $("#matches");
  const found = findByName($("#find").value);
  list.replaceChildren(
    ...found.map((id) =>
      h("li", { dataset: { id: String(id), name: nameOf(id) } },
        h("span", { class: "pkg" }, h("b", {}, nameOf(id)), " ", h("span", { class: "tag" }, sectionOf(id))),
        h("span", { class: "summary" }, items.summary[id - 1]),
        actionButtons(id)),
    ),
  );
  if ($("#find").value.trim() && found.length === 0) list.append(h("li", { class: "none" }, "No package by that name."));
}

// ---------------------------------------------------------------------------------------------
// Examples panel

function chip(id, kind, onRemove) {
  return h("span", { class: `chip ${kind}`, dataset: { id: String(id), name: nameOf(id) } },
    h("span", {}, nameOf(id)),
    h("button", { type: "button", class: "x", "aria-label": `remove ${nameOf(id)}`, title: "remove", onclick: onRemove }, "×"));
}

function renderExamples() {
  const box = $("#examples");
  const parts = [];
  if (state.mode === "recommend") {
    const group = (title, ids, kind, empty) =>
      h("div", { class: "group" }, h("h3", {}, title),
        ids.length ? h("div", { class: "chips" }, ids.map((id) => chip(id, kind, () => mark(kind, id)))) : h("p", { class: "empty" }, empty));
    parts.push(group("👍 More like", state.positive, "pos", "Nothing yet: find a package and 👍 it."));
    parts.push(group("👎 Less like", state.negative, "neg", "Optional: 👎 steers away."));
    parts.push(
      h("label", { class: "row" }, "Strategy ",
        h("select", { id: "strategy", onchange: (e) => { state.strategy = e.target.value; update(); } },
          Object.keys(STRATEGIES).map((s) => h("option", { value: s, selected: s === state.strategy }, s)))),
      h("p", { class: "help" }, STRATEGIES[state.strategy]),
    );
  } else {
    if (state.mode === "discover") {
      parts.push(h("div", { class: "group" }, h("h3", {}, "🎯 Target"),
        state.target !== null
          ? h("div", { class: "chips" }, chip(state.target, "target", () => mark("target", state.target)))
          : h("p", { class: "empty" }, "None: find a package and 🎯 it.")));
    }
    const slot = (pair, key) =>
      pair[key] !== null
        ? chip(pair[key], key === "positive" ? "pos" : "neg", () => mark(key === "positive" ? "pos" : "neg", pair[key]))
        : h("span", { class: "slot" }, key === "positive" ? "👍 ?" : "👎 ?");
    parts.push(h("div", { class: "group" }, h("h3", {}, "Context pairs: 👍 rather than 👎"),
      state.pairs.length
        ? h("ol", { class: "pairs" }, state.pairs.map((p) => h("li", {}, slot(p, "positive"), h("span", { class: "vs" }, "rather than"), slot(p, "negative"))))
        : h("p", { class: "empty" }, "None yet: 👍 one package and 👎 another to make a pair.")));
    if (state.pairs.some((p) => p.positive === null || p.negative === null)) {
      parts.push(h("p", { class: "help" }, "Incomplete pairs (?) are left out of the query."));
    }
  }
  box.replaceChildren(...parts);
}

// ---------------------------------------------------------------------------------------------
// Filters

function buildFilter() {
  const must = [];
  if (state.sections.size) must.push({ key: "section", match: { any: [...state.sections] } });
  if (state.priority) must.push({ key: "priority", match: { value: state.priority } });
  const lo = SIZE_STEPS[state.sizeMin];
  const hi = SIZE_STEPS[state.sizeMax];
  if (lo > 0 || hi !== Infinity) {
    const range = {};
    if (lo > 0) range.gte = lo;
    if (hi !== Infinity) range.lte = hi;
    must.push({ key: "installed_size_kib", range });
  }
  return must.length ? { must } : null;
}

function setupFilters() {
  const counts = new Array(items.sections.length).fill(0);
  for (const s of items.section) counts[s]++;
  const order = items.sections.map((name, i) => ({ name, count: counts[i] })).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
  $("#section-list").replaceChildren(
    ...order.map(({ name, count }) =>
      h("label", {}, h("input", { type: "checkbox", name: "section", value: name }), ` ${name} `, h("small", {}, nf.format(count)))),
  );
  $("#section-list").addEventListener("change", (e) => {
    if (e.target.name !== "section") return;
    if (e.target.checked) state.sections.add(e.target.value);
    else state.sections.delete(e.target.value);
    update();
  });
  $("#priority").append(...items.priorities.map((p) => h("option", { value: p }, p)));
  $("#priority").addEventListener("change", (e) => { state.priority = e.target.value; update(); });
  for (const id of ["#size-min", "#size-max"]) {
    const input = $(id);
    input.max = String(SIZE_STEPS.length - 1);
    input.addEventListener("input", () => {
      let lo = Number($("#size-min").value);
      let hi = Number($("#size-max").value);
      if (lo > hi) {
        if (id === "#size-min") hi = lo;
        else lo = hi;
      }
      state.sizeMin = lo;
      state.sizeMax = hi;
      update();
    });
  }
  $("#clear-filters").addEventListener("click", () => {
    state.sections.clear();
    state.priority = "";
    state.sizeMin = 0;
    state.sizeMax = SIZE_STEPS.length - 1;
    update();
  });
  // Phones: results first; the filters open on demand.
  if (matchMedia("(max-width: 800px)").matches) $("#filters").open = false;
  $("#limit").addEventListener("change", (e) => { state.limit = Number(e.target.value); update(); });
}

function syncFilters() {
  for (const box of document.querySelectorAll("#section-list input")) box.checked = state.sections.has(box.value);
  $("#section-summary").textContent = state.sections.size ? [...state.sections].join(", ") : "any";
  $("#priority").value = state.priority;
  $("#size-min").value = String(state.sizeMin);
  $("#size-max").value = String(state.sizeMax);
  const lo = SIZE_STEPS[state.sizeMin];
  const hi = SIZE_STEPS[state.sizeMax];
  $("#size-label").textContent = lo === 0 && hi === Infinity ? "any" : `${formatSize(lo)} – ${formatSize(hi)}`;
  $("#limit").value = String(state.limit);
  const active = [];
  if (state.sections.size) active.push(state.sections.size > 2 ? `${state.sections.size} sections` : [...state.sections].join(", "));
  if (state.priority) active.push(state.priority);
  if (lo !== 0 || hi !== Infinity) active.push($("#size-label").textContent);
  $("#filter-summary").textContent = active.length ? active.join(" · ") : "none";
}

// ---------------------------------------------------------------------------------------------
// The query

function completePairs() {
  return state.pairs.filter((p) => p.positive !== null && p.negative !== null).map((p) => ({ positive: p.positive, negative: p.negative }));
}

/** `{ body }` with the Qdrant Query API request, or `{ hint }` when there is nothing to ask. */
function buildRequest() {
  let query;
  if (state.mode === "recommend") {
    if (!state.positive.length && !state.negative.length) return { hint: "Mark a package 👍 (search above, or pick a suggestion) to get recommendations." };
    const recommend = {};
    if (state.positive.length) recommend.positive = [...state.positive];
    if (state.negative.length) recommend.negative = [...state.negative];
    recommend.strategy = state.strategy;
    query = { recommend };
  } else if (state.mode === "discover") {
    if (state.target === null) return { hint: "Pick a 🎯 target: discovery searches around it, steered by the context pairs." };
    query = { discover: { target: state.target, context: completePairs() } };
  } else {
    const pairs = completePairs();
    if (!pairs.length) return { hint: "Add a context pair: 👍 one package and 👎 another." };
    query = { context: pairs };
  }
  const body = { query };
  const filter = buildFilter();
  if (filter) body.filter = filter;
  body.limit = state.limit;
  body.with_payload = true;
  return { body };
}

const last = { request: "", curl: "", body: null, ms: 0, result: null, error: null };

function run() {
  const { body, hint } = buildRequest();
  last.body = body ?? null;
  last.result = null;
  last.error = null;
  const filter = buildFilter();
  let matching = items.count;
  if (filter) matching = db.request("POST", `/collections/${COLLECTION}/points/count`, { filter, exact: true }).count;
  $("#filter-count").textContent = filter ? `${nf.format(matching)} of ${nf.format(items.count)} packages pass the filter` : `No filter: all ${nf.format(items.count)} packages`;

  if (!body) {
    last.request = "";
    $("#request").textContent = "(no query yet)";
    $("#ids").textContent = "";
    $("#response").textContent = "";
    $("#meta").replaceChildren(h("span", { class: "hint" }, hint));
    $("#results").replaceChildren();
    return;
  }
  const json = prettyJson(body);
  last.request = `POST ${QUERY_PATH}\n${json}`;
  last.curl = `curl -X POST '${QDRANT}${QUERY_PATH}' \\\n  -H 'Content-Type: application/json' \\\n  -d '${JSON.stringify(body)}'`;
  $("#request").textContent = last.request;
  const named = [...new Set(JSON.stringify(body.query).match(/\d+/g).map(Number))];
  $("#ids").textContent = `Point ids: ${named.map((id) => `${id} = ${nameOf(id)}`).join(", ")}`;

  const t = performance.now();
  let result;
  try {
    result = db.request("POST", QUERY_PATH, body);
  } catch (err) {
    last.error = err;
    $("#response").textContent = `HTTP ${err.status ?? "?"}: ${err.message}`;
    $("#meta").replaceChildren(h("span", { class: "error" }, `Qdrant says (${err.status ?? "error"}): ${err.message}`));
    $("#results").replaceChildren();
    return;
  }
  last.ms = performance.now() - t;
  last.result = result;
  $("#response").textContent = prettyJson({ result, status: "ok", time: last.ms / 1000 });
  const points = result.points;
  const what = state.mode === "recommend" ? `recommend (${state.strategy})` : state.mode;
  $("#meta").replaceChildren(
    h("span", {}, `${points.length} result${points.length === 1 ? "" : "s"} · `),
    h("b", { id: "query-ms" }, `${last.ms.toFixed(1)} ms`),
    h("span", {}, ` · ${what}, exact scan over ${nf.format(matching)} vectors`),
  );
  $("#results").replaceChildren(...points.map((p, rank) => resultRow(p, rank)));
}

function resultRow(point, rank) {
  const id = point.id;
  const size = items.size[id - 1];
  const priority = priorityOf(id);
  return h("li", {
    class: "result",
    dataset: { id: String(id), name: nameOf(id), section: sectionOf(id), priority, size: String(size), score: String(point.score) },
  },
    h("span", { class: "rank" }, String(rank + 1)),
    h("div", { class: "body" },
      h("div", { class: "line" },
        h("a", { class: "name", href: `https://packages.debian.org/bookworm/${encodeURIComponent(nameOf(id))}`, target: "_blank", rel: "noopener" }, nameOf(id)),
        h("button", { type: "button", class: "tag", title: `filter: section ${sectionOf(id)}`, onclick: () => { state.sections.add(sectionOf(id)); update(); } }, sectionOf(id)),
        priority !== "optional" ? h("span", { class: "tag prio" }, priority) : null,
        h("span", { class: "muted" }, `${items.version[id - 1]} · ${formatSize(size)}`)),
      h("div", { class: "summary" }, items.summary[id - 1])),
    h("span", { class: "score", title: "score as Qdrant reports it" }, point.score.toFixed(3)),
    actionButtons(id),
  );
}

// ---------------------------------------------------------------------------------------------
// Rendering everything after a change

function update() {
  for (const b of document.querySelectorAll("#modes button")) b.setAttribute("aria-pressed", String(b.dataset.mode === state.mode));
  document.body.dataset.mode = state.mode;
  $("#mode-help").replaceChildren(...rich(MODES[state.mode]));
  renderExamples();
  renderMatches();
  syncFilters();
  run();
  writeHash();
}

async function copy(text, button) {
  let ok = false;
  try {
    await navigator.clipboard.writeText(text);
    ok = true;
  } catch {
    // Insecure context or no permission: fall back to a hidden textarea.
    const area = h("textarea", { value: text, readOnly: true, style: "position:fixed;opacity:0" });
    document.body.append(area);
    area.select();
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
  }
  const label = button.textContent;
  button.textContent = ok ? "Copied ✓" : "Select and copy by hand";
  setTimeout(() => { button.textContent = label; }, 1500);
}

function setupUi() {
  for (const b of document.querySelectorAll("#modes button")) {
    b.addEventListener("click", () => {
      state.mode = b.dataset.mode;
      // Arriving in Discover with nothing to search around: start from the first liked package.
      if (state.mode === "discover" && state.target === null && state.positive.length) state.target = state.positive[0];
      update();
    });
  }
  document.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-act]");
    if (button) mark(button.dataset.act, Number(button.dataset.id));
  });
  const find = $("#find");
  find.addEventListener("input", renderMatches);
  find.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      const first = findByName(find.value, 1)[0];
      if (first !== undefined) {
        e.preventDefault();
        quickPick(first);
      }
    } else if (e.key === "Escape") {
      find.value = "";
      renderMatches();
    }
  });
  $("#quick").replaceChildren(
    h("span", { class: "label" }, "Start with"),
    ...QUICK.filter((n) => byName.has(n)).map((n) =>
      h("button", { type: "button", class: "chip suggest", dataset: { pick: n }, onclick: () => quickPick(byName.get(n)) }, n)),
  );
  $("#scenarios").replaceChildren(
    h("span", { class: "label" }, "or try"),
    ...SCENARIOS.map((s, i) =>
      h("button", { type: "button", class: "chip scenario", title: s.hint, dataset: { scenario: String(i) }, onclick: () => { state = scenarioState(s); update(); } }, s.label)),
  );
  $("#clear").addEventListener("click", () => {
    const mode = state.mode;
    const keep = { sections: state.sections, priority: state.priority, sizeMin: state.sizeMin, sizeMax: state.sizeMax, limit: state.limit, strategy: state.strategy };
    state = { ...emptyState(), ...keep, mode };
    update();
  });
  $("#copy-request").addEventListener("click", (e) => copy(last.request, e.currentTarget));
  $("#copy-curl").addEventListener("click", (e) => copy(last.curl, e.currentTarget));
  $("#copy-setup").addEventListener("click", (e) => copy($("#setup").textContent, e.currentTarget));
  window.addEventListener("hashchange", () => {
    const next = readHash();
    if (next) {
      state = next;
      update();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Loading

function setStatus(text, cls) {
  const el = $("#status-text");
  el.textContent = text;
  el.className = cls ?? "";
}

async function main() {
  const root = document.documentElement;
  root.dataset.state = "loading";
  const t0 = performance.now();
  const bar = $("#progress");
  const loaded = { items: 0, vectors: 0 };
  const totals = { items: 0, vectors: 0 };
  const showProgress = () => {
    const all = totals.items && totals.vectors ? totals.items + totals.vectors : 0;
    const got = loaded.items + loaded.vectors;
    if (all) bar.value = got / all;
    else bar.removeAttribute("value");
    setStatus(`Downloading packages and vectors: ${(got / 1e6).toFixed(1)}${all ? ` / ${(all / 1e6).toFixed(1)}` : ""} MB`);
  };

  // Three things in parallel: the wasm module, the items, and the vectors. The vectors are
  // converted and upserted 1,000 rows at a time while the rest is still downloading, once the
  // module and the items (payloads) are there.
  const wasm = init().then(() => performance.now());
  const itemsReady = fetchBytes(new URL("items.json", DATA), (n, total) => {
    loaded.items = n;
    totals.items = total;
    showProgress();
  }).then((bytes) => {
    items = JSON.parse(new TextDecoder().decode(bytes));
    items.name.forEach((n, i) => byName.set(n, i + 1));
    return bytes.length;
  });

  const BATCH = 1000; // rows per upsertFlat call (see `pump`)
  let tWasm = 0;
  let simd = false;
  let native = false;
  let rowsDone = 0;
  let payloads = null;
  let ids = null;
  let received = { bytes: new Uint8Array(0), n: 0 };

  /** Upserts every complete batch received so far (every remaining row when `final`). */
  const pump = (final) => {
    if (db === undefined) return;
    const rowBytes = items.dim * 2;
    const rows = Math.min(Math.floor(received.n / rowBytes), items.count);
    while (rows - rowsDone >= BATCH || (final && rowsDone < rows)) {
      const end = Math.min(rowsDone + BATCH, rows);
      const converted = halfToFloat(received.bytes.subarray(rowsDone * rowBytes, end * rowBytes));
      native = converted.native;
      // Batches also help V8: a wasm function's first calls run in its baseline tier and the
      // optimised code is swapped in between calls, never during one long call.
      db.upsertFlat(COLLECTION, ids.subarray(rowsDone, end), converted.vectors, payloads.slice(rowsDone, end));
      rowsDone = end;
    }
  };

  const database = Promise.all([wasm, itemsReady]).then(([t]) => {
    tWasm = t;
    simd = simdEnabled();
    const instance = new Database();
    instance.request("PUT", `/collections/${COLLECTION}`, { vectors: { size: items.dim, distance: "Cosine" } });
    ids = new Uint32Array(items.count);
    payloads = new Array(items.count);
    for (let i = 0; i < items.count; i++) {
      ids[i] = i + 1;
      payloads[i] = {
        name: items.name[i],
        section: items.sections[items.section[i]],
        priority: items.priorities[items.priority[i]],
        installed_size_kib: items.size[i],
      };
    }
    db = instance;
    pump(false);
  });

  const vectorBytes = await fetchBytes(new URL("vectors.f16", DATA), (n, total, bytes) => {
    loaded.vectors = n;
    totals.vectors = total;
    received = { bytes, n };
    showProgress();
    pump(false);
  });
  const tFetched = performance.now();
  const itemBytes = await itemsReady;
  await database;
  received = { bytes: vectorBytes, n: vectorBytes.length };
  setStatus("Building the collection…");
  if (vectorBytes.length !== items.count * items.dim * 2) {
    throw new Error(`vectors.f16 has ${vectorBytes.length} bytes, expected ${items.count} × ${items.dim} half floats`);
  }
  pump(true);
  const tReady = performance.now();

  setupFilters();
  setupUi();
  state = readHash() ?? scenarioState({ mode: "recommend", positive: ["vim"] });
  update();
  const tFirst = performance.now();

  bar.value = 1;
  $("#status").classList.add("done");
  const mb = (itemBytes + vectorBytes.length) / 1e6;
  $("#engine").textContent = simd ? "wasm SIMD" : "wasm scalar";
  $("#engine").title = simd ? "simile_simd.wasm: this browser validates wasm simd128" : "simile_scalar.wasm: no wasm SIMD in this browser";
  setStatus(`Ready in ${Math.round(tFirst)} ms: ${nf.format(items.count)} packages × ${items.dim} dims (${mb.toFixed(1)} MB) in memory; works offline from here.`, "ok");
  $("#status-text").title =
    `milliseconds since navigation: scripts running ${Math.round(t0)}, wasm ready ${Math.round(tWasm)}, ` +
    `vectors downloaded ${Math.round(tFetched)} (f16 → f32 with ${native ? "Float16Array" : "a lookup table"}), ` +
    `collection ready ${Math.round(tReady)}, first query shown ${Math.round(tFirst)}`;

  window.simileDemo = {
    loadMs: tFirst,
    timings: { start: t0, wasm: tWasm, fetched: tFetched, collection: tReady, firstQuery: tFirst },
    simd,
    float16: native,
    get last() { return { body: last.body, ms: last.ms, result: last.result, error: last.error?.message ?? null }; },
    db,
  };
  root.dataset.state = "ready";
}

main().catch((err) => {
  document.documentElement.dataset.state = "error";
  setStatus(`Could not load the demo: ${err.message}`, "error");
  $("#progress").hidden = true;
  throw err;
});
