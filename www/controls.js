// Wiring the page's controls to the state: modes, the name finder, the starters, the toggles,
// the copy buttons. Every handler changes `store.state` and calls `store.update`.
import { QUICK, SCENARIOS } from "./content.js";
import { $, h } from "./dom.js";
import { emptyState, findByName, isPositive, scenarioState } from "./state.js";
import { last } from "./query.js";
import { mark, store } from "./store.js";
import { renderMatches } from "./views.js";

/** Wires every control once the catalogue is loaded. */
export function setupControls() {
  setupModes();
  setupFind();
  setupStarters();
  setupToggles();
  document.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-act]");
    if (button) mark(button.dataset.act, Number(button.dataset.id));
  });
  $("#clear").addEventListener("click", () => {
    const { mode, sections, priority, sizeMin, sizeMax, limit, strategy, diversity, grouped } = store.state;
    store.state = { ...emptyState(), sections, priority, sizeMin, sizeMax, limit, strategy, mode, diversity, grouped };
    store.update({ push: true });
    store.announce("Examples and search text cleared.");
  });
  $("#copy-request").addEventListener("click", (e) => copy(last.request, e.currentTarget));
  $("#copy-curl").addEventListener("click", (e) => copy(last.curl, e.currentTarget));
  $("#copy-setup").addEventListener("click", (e) => copy($("#setup").textContent, e.currentTarget));
}

/** Picks `id` from the finder: the 🎯 in Discover without a target, else a 👍. */
function quickPick(id) {
  const s = store.state;
  if (s.mode === "discover" && s.target === null) mark("target", id);
  else if (!isPositive(s, id)) mark("pos", id);
}

function setupModes() {
  for (const b of document.querySelectorAll("#modes button")) {
    b.addEventListener("click", () => {
      const s = store.state;
      s.mode = b.dataset.mode;
      // Arriving in Discover with nothing to search around: start from the first liked package.
      if (s.mode === "discover" && s.target === null && s.positive.length) s.target = s.positive[0];
      store.update({ push: true });
      store.announce(`${b.textContent} mode.`);
    });
  }
}

/** The name search box: Enter picks the first match, Escape clears. */
function setupFind() {
  const find = $("#find");
  find.addEventListener("input", renderMatches);
  find.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      const first = findByName(store.items.name, find.value, 1)[0];
      if (first !== undefined) {
        e.preventDefault();
        quickPick(first);
      }
    } else if (e.key === "Escape") {
      find.value = "";
      renderMatches();
    }
  });
}

/** The "Start with" packages and the "or try" scenarios. */
function setupStarters() {
  const byName = store.byName;
  $("#quick").replaceChildren(
    h("span", { class: "label" }, "Start with"),
    ...QUICK.filter((n) => byName.has(n)).map((n) =>
      h("button", { type: "button", class: "chip suggest", dataset: { pick: n }, onclick: () => quickPick(byName.get(n)) }, n)),
  );
  const choose = (s) => () => {
    store.state = scenarioState(s, byName);
    store.update({ push: true });
    store.announce(`Scenario: ${s.label}.`);
  };
  $("#scenarios").replaceChildren(
    h("span", { class: "label" }, "or try"),
    ...SCENARIOS.map((s, i) =>
      h("button", { type: "button", class: "chip scenario", title: s.hint, dataset: { scenario: String(i) }, onclick: choose(s) }, s.label)),
  );
}

/** Diversity (MMR) and one-per-section (groups). */
function setupToggles() {
  $("#diversity").addEventListener("change", (e) => { store.state.diversity = e.target.checked; store.update({ push: true }); });
  $("#grouped").addEventListener("change", (e) => { store.state.grouped = e.target.checked; store.update({ push: true }); });
}

/** Shows the toggles' state. */
export function syncControls() {
  $("#diversity").checked = store.state.diversity;
  $("#grouped").checked = store.state.grouped;
  if ($("#text").value !== store.state.text) $("#text").value = store.state.text;
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
