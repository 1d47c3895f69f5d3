// What the running demo shares between its modules: the package catalogue, the database, the
// current state, and how to redraw after a change.
import { emptyState, isNegative, isPositive, toggleExample } from "./state.js";

export const store = {
  /** Columnar catalogue: name[], section[] (index), priority[] (index), size[], version[],
   *  summary[], plus sections[], priorities[], count and dim. Package id i is row i − 1. */
  items: null,
  byName: new Map(),
  db: null,
  state: emptyState(),
  /** Whether the dense sentence model is loaded (set by textsearch.js). */
  dense: false,
  /** Whether every package's BM25 vector is built (set by app.js). */
  bm25: false,
  /** Redraws everything from the state (set by app.js); `{ push }` adds a history entry. */
  update: () => {},
  /** Says `text` in the live region (set by app.js). */
  announce: () => {},
};

export const nameOf = (id) => store.items.name[id - 1];
export const sectionOf = (id) => store.items.sections[store.items.section[id - 1]];
export const priorityOf = (id) => store.items.priorities[store.items.priority[id - 1]];

const KIND_WORDS = { pos: "👍", neg: "👎", target: "🎯 target" };

/** Toggles `id` as 👍 ("pos"), 👎 ("neg") or 🎯 ("target"), redraws, and says what changed. */
export function mark(kind, id) {
  const s = store.state;
  const was = kind === "target" ? s.target === id : kind === "pos" ? isPositive(s, id) : isNegative(s, id);
  toggleExample(s, kind, id);
  store.update({ push: true });
  store.announce(`${nameOf(id)} ${was ? "removed from" : "marked"} ${KIND_WORDS[kind]}.`);
}
