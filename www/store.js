// What the running demo shares between its modules: the package catalogue, the database, the
// current state, and how to redraw after a change.
import { emptyState, toggleExample } from "./state.js";

export const store = {
  /** Columnar catalogue: name[], section[] (index), priority[] (index), size[], version[],
   *  summary[], plus sections[], priorities[], count and dim. Package id i is row i − 1. */
  items: null,
  byName: new Map(),
  db: null,
  state: emptyState(),
  /** Redraws everything from the state (set by app.js). */
  update: () => {},
};

export const nameOf = (id) => store.items.name[id - 1];
export const sectionOf = (id) => store.items.sections[store.items.section[id - 1]];
export const priorityOf = (id) => store.items.priorities[store.items.priority[id - 1]];

/** Toggles `id` as 👍 ("pos"), 👎 ("neg") or 🎯 ("target") and redraws. */
export function mark(kind, id) {
  toggleExample(store.state, kind, id);
  store.update();
}
