// The demo's panels, drawn from the shared store: search matches, the examples panel and the
// result rows. Every button changes the state through `mark` or the store and redraws.
import { STRATEGIES } from "./content.js";
import { $, h } from "./dom.js";
import { formatSize } from "./format.js";
import { findByName, isNegative, isPositive } from "./state.js";
import { mark, nameOf, priorityOf, sectionOf, store } from "./store.js";
import { explain } from "./why.js";

/** The 🎯 👍 👎 buttons of one package, pressed where it is marked. */
export function actionButtons(id) {
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
    store.state.mode === "discover" ? button("target", "🎯", "target", store.state.target === id) : null,
    button("pos", "👍", "positive:", isPositive(store.state, id)),
    button("neg", "👎", "negative:", isNegative(store.state, id)),
  );
}

/** The packages whose names match the search box. */
export function renderMatches() {
  const list = $("#matches");
  const found = findByName(store.items.name, $("#find").value);
  list.replaceChildren(
    ...found.map((id) =>
      h("li", { dataset: { id: String(id), name: nameOf(id) } },
        h("span", { class: "pkg" }, h("b", {}, nameOf(id)), " ", h("span", { class: "tag" }, sectionOf(id))),
        h("span", { class: "summary" }, store.items.summary[id - 1]),
        actionButtons(id)),
    ),
  );
  if ($("#find").value.trim() && found.length === 0) list.append(h("li", { class: "none" }, "No package by that name."));
}

function chip(id, kind, onRemove) {
  return h("span", { class: `chip ${kind}`, dataset: { id: String(id), name: nameOf(id) } },
    h("span", {}, nameOf(id)),
    h("button", { type: "button", class: "x", "aria-label": `remove ${nameOf(id)}`, title: "remove", onclick: onRemove }, "×"));
}

/** The examples panel: 👍 👎 lists and the strategy, or the 🎯 target and context pairs. */
export function renderExamples() {
  const s = store.state;
  $("#examples").replaceChildren(...(s.mode === "recommend" ? recommendExamples(s) : pairExamples(s)));
}

function recommendExamples(s) {
  const group = (title, ids, kind, empty) =>
    h("div", { class: "group" }, h("h3", {}, title),
      ids.length ? h("div", { class: "chips" }, ids.map((id) => chip(id, kind, () => mark(kind, id)))) : h("p", { class: "empty" }, empty));
  const choose = (e) => {
    s.strategy = e.target.value;
    store.update();
  };
  return [
    group("👍 More like", s.positive, "pos", "Nothing yet: find a package and 👍 it."),
    group("👎 Less like", s.negative, "neg", "Optional: 👎 steers away."),
    h("label", { class: "row" }, "Strategy ",
      h("select", { id: "strategy", onchange: choose },
        Object.keys(STRATEGIES).map((k) => h("option", { value: k, selected: k === s.strategy }, k)))),
    h("p", { class: "help" }, STRATEGIES[s.strategy]),
  ];
}

/** Discover's target and the context pairs of discover and context. */
function pairExamples(s) {
  const parts = [];
  if (s.mode === "discover") {
    parts.push(h("div", { class: "group" }, h("h3", {}, "🎯 Target"),
      s.target !== null
        ? h("div", { class: "chips" }, chip(s.target, "target", () => mark("target", s.target)))
        : h("p", { class: "empty" }, "None: find a package and 🎯 it.")));
  }
  const slot = (pair, key) => {
    const kind = key === "positive" ? "pos" : "neg";
    return pair[key] !== null ? chip(pair[key], kind, () => mark(kind, pair[key])) : h("span", { class: "slot" }, key === "positive" ? "👍 ?" : "👎 ?");
  };
  parts.push(h("div", { class: "group" }, h("h3", {}, "Context pairs: 👍 rather than 👎"),
    s.pairs.length
      ? h("ol", { class: "pairs" }, s.pairs.map((p) => h("li", {}, slot(p, "positive"), h("span", { class: "vs" }, "rather than"), slot(p, "negative"))))
      : h("p", { class: "empty" }, "None yet: 👍 one package and 👎 another to make a pair.")));
  if (s.pairs.some((p) => p.positive === null || p.negative === null)) {
    parts.push(h("p", { class: "help" }, "Incomplete pairs (?) are left out of the query."));
  }
  return parts;
}

/** One ranked result, with its score as Qdrant reports it. */
export function resultRow(point, rank) {
  const id = point.id;
  const size = store.items.size[id - 1];
  const priority = priorityOf(id);
  return h("li", {
    class: "result",
    dataset: { id: String(id), name: nameOf(id), section: sectionOf(id), priority, size: String(size), score: String(point.score) },
  },
    h("span", { class: "rank" }, String(rank + 1)),
    h("div", { class: "body" },
      h("div", { class: "line" },
        h("a", { class: "name", href: `https://packages.debian.org/bookworm/${encodeURIComponent(nameOf(id))}`, target: "_blank", rel: "noopener" }, nameOf(id)),
        h("button", { type: "button", class: "tag", title: `filter: section ${sectionOf(id)}`, onclick: () => { store.state.sections.add(sectionOf(id)); store.update(); } }, sectionOf(id)),
        priority !== "optional" ? h("span", { class: "tag prio" }, priority) : null,
        h("span", { class: "muted" }, `${store.items.version[id - 1]} · ${formatSize(size)}`)),
      h("div", { class: "summary" }, store.items.summary[id - 1]),
      whyDetails(id)),
    h("span", { class: "score", title: "score as Qdrant reports it" }, point.score.toFixed(3)),
    actionButtons(id),
  );
}

/** "Why this result", computed when opened. */
function whyDetails(id) {
  const body = h("div", { class: "why-body" });
  return h("details", {
    class: "why",
    ontoggle: (e) => {
      if (e.currentTarget.open && !body.childElementCount) body.replaceChildren(...explain(id));
    },
  }, h("summary", {}, "why this result?"), body);
}
