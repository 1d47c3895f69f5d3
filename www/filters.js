// The filter panel: sections, priority, installed size and the number of results, kept in
// step with the state.
import { $, h } from "./dom.js";
import { formatSize } from "./format.js";
import { SIZE_MIN_TOP, SIZE_STEPS } from "./state.js";
import { store } from "./store.js";

const nf = new Intl.NumberFormat("en");

/** Fills the filter controls from the catalogue and wires them to the state. */
export function setupFilters() {
  const counts = new Array(store.items.sections.length).fill(0);
  for (const s of store.items.section) counts[s]++;
  const order = store.items.sections.map((name, i) => ({ name, count: counts[i] })).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
  $("#section-list").replaceChildren(
    ...order.map(({ name, count }) =>
      h("label", {}, h("input", { type: "checkbox", name: "section", value: name }), ` ${name} `, h("small", {}, nf.format(count)))),
  );
  $("#section-list").addEventListener("change", (e) => {
    if (e.target.name !== "section") return;
    if (e.target.checked) store.state.sections.add(e.target.value);
    else store.state.sections.delete(e.target.value);
    store.update();
  });
  $("#priority").append(...store.items.priorities.map((p) => h("option", { value: p }, p)));
  $("#priority").addEventListener("change", (e) => { store.state.priority = e.target.value; store.update(); });
  // "from" stops one short of ∞: a lower bound of ∞ matches nothing and is not JSON.
  $("#size-min").max = String(SIZE_MIN_TOP);
  $("#size-max").max = String(SIZE_STEPS.length - 1);
  for (const id of ["#size-min", "#size-max"]) {
    const input = $(id);
    input.addEventListener("input", () => {
      let lo = Math.min(Number($("#size-min").value), SIZE_MIN_TOP);
      let hi = Number($("#size-max").value);
      if (lo > hi) {
        if (id === "#size-min") hi = lo;
        else lo = hi;
      }
      store.state.sizeMin = lo;
      store.state.sizeMax = hi;
      store.update();
    });
  }
  $("#clear-filters").addEventListener("click", resetFilters);
  // Phones: results first; the filters open on demand.
  if (matchMedia("(max-width: 800px)").matches) $("#filters").open = false;
  $("#limit").addEventListener("change", (e) => { store.state.limit = Number(e.target.value); store.update(); });
}

/** Drops every filter (sections, priority, size) and redraws. */
export function resetFilters() {
  store.state.sections.clear();
  store.state.priority = "";
  store.state.sizeMin = 0;
  store.state.sizeMax = SIZE_STEPS.length - 1;
  store.update({ push: true });
  store.announce("Filters cleared.");
}

/** Shows the state's filters in the controls and their summaries. */
export function syncFilters() {
  for (const box of document.querySelectorAll("#section-list input")) box.checked = store.state.sections.has(box.value);
  $("#section-summary").textContent = store.state.sections.size ? [...store.state.sections].join(", ") : "any";
  $("#priority").value = store.state.priority;
  $("#size-min").value = String(store.state.sizeMin);
  $("#size-max").value = String(store.state.sizeMax);
  const lo = SIZE_STEPS[store.state.sizeMin];
  const hi = SIZE_STEPS[store.state.sizeMax];
  $("#size-label").textContent = lo === 0 && hi === Infinity ? "any" : `${formatSize(lo)} – ${formatSize(hi)}`;
  $("#limit").value = String(store.state.limit);
  const active = [];
  if (store.state.sections.size) active.push(store.state.sections.size > 2 ? `${store.state.sections.size} sections` : [...store.state.sections].join(", "));
  if (store.state.priority) active.push(store.state.priority);
  if (lo !== 0 || hi !== Infinity) active.push($("#size-label").textContent);
  $("#filter-summary").textContent = active.length ? active.join(" · ") : "none";
}
