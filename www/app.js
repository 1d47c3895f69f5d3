// The demo page: 20,000 Debian packages and their MiniLM embeddings in a simile Database,
// queried with Qdrant's recommend / discover / context requests as you click.
//
// The state and the requests are plain data (state.js, request.js); this module runs the
// query, draws the answer, and wires the page.
import { MODES, QUICK, SCENARIOS } from "./content.js";
import { $, h, rich } from "./dom.js";
import { setupFilters, syncFilters } from "./filters.js";
import { prettyJson } from "./format.js";
import { COLLECTION, loadDemo } from "./loader.js";
import { buildFilter, buildRequest, curlCommand, namedIds } from "./request.js";
import { emptyState, findByName, isPositive, scenarioState, stateFromHash, stateToHash } from "./state.js";
import { mark, nameOf, store } from "./store.js";
import { renderExamples, renderMatches, resultRow } from "./views.js";

const QUERY_PATH = `/collections/${COLLECTION}/points/query`;
const QDRANT = "http://localhost:6333";
const nf = new Intl.NumberFormat("en");

// ---------------------------------------------------------------------------------------------
// The query

const last = { request: "", curl: "", body: null, ms: 0, result: null, error: null };

function run() {
  const { body, hint } = buildRequest(store.state);
  last.body = body ?? null;
  last.result = null;
  last.error = null;
  const matching = showFilterCount();
  if (!body) {
    last.request = "";
    showQuery("(no query yet)", "", "", [h("span", { class: "hint" }, hint)]);
    return;
  }
  last.request = `POST ${QUERY_PATH}\n${prettyJson(body)}`;
  last.curl = curlCommand(QDRANT, QUERY_PATH, body);
  const ids = `Point ids: ${namedIds(body.query).map((id) => `${id} = ${nameOf(id)}`).join(", ")}`;
  const t = performance.now();
  let result;
  try {
    result = store.db.request("POST", QUERY_PATH, body);
  } catch (err) {
    last.error = err;
    const meta = h("span", { class: "error" }, `Qdrant says (${err.status ?? "error"}): ${err.message}`);
    showQuery(last.request, ids, `HTTP ${err.status ?? "?"}: ${err.message}`, [meta]);
    return;
  }
  last.ms = performance.now() - t;
  last.result = result;
  showQuery(last.request, ids, prettyJson({ result, status: "ok", time: last.ms / 1000 }), resultMeta(result.points, matching));
  $("#results").replaceChildren(...result.points.map((p, rank) => resultRow(p, rank)));
}

/** How many packages pass the filter, shown above the results; returns the count. */
function showFilterCount() {
  const filter = buildFilter(store.state);
  const total = store.items.count;
  if (!filter) {
    $("#filter-count").textContent = `No filter: all ${nf.format(total)} packages`;
    return total;
  }
  const matching = store.db.request("POST", `/collections/${COLLECTION}/points/count`, { filter, exact: true }).count;
  $("#filter-count").textContent = `${nf.format(matching)} of ${nf.format(total)} packages pass the filter`;
  return matching;
}

/** The request and response panels and the `meta` nodes above the results (results cleared). */
function showQuery(request, ids, response, meta) {
  $("#request").textContent = request;
  $("#ids").textContent = ids;
  $("#response").textContent = response;
  $("#meta").replaceChildren(...meta);
  $("#results").replaceChildren();
}

function resultMeta(points, matching) {
  const s = store.state;
  const what = s.mode === "recommend" ? `recommend (${s.strategy})` : s.mode;
  return [
    h("span", {}, `${points.length} result${points.length === 1 ? "" : "s"} · `),
    h("b", { id: "query-ms" }, `${last.ms.toFixed(1)} ms`),
    h("span", {}, ` · ${what}, exact scan over ${nf.format(matching)} vectors`),
  ];
}

// ---------------------------------------------------------------------------------------------
// Rendering everything after a change

function update() {
  const mode = store.state.mode;
  for (const b of document.querySelectorAll("#modes button")) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
  document.body.dataset.mode = mode;
  $("#mode-help").replaceChildren(...rich(MODES[mode]));
  renderExamples();
  renderMatches();
  syncFilters();
  run();
  const hash = stateToHash(store.state, nameOf);
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

store.update = update;

function readHash() {
  return stateFromHash(location.hash, { byName: store.byName, sections: store.items.sections, priorities: store.items.priorities });
}

function quickPick(id) {
  const s = store.state;
  if (s.mode === "discover" && s.target === null) mark("target", id);
  else if (!isPositive(s, id)) mark("pos", id);
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
  setupModes();
  setupFind();
  setupStarters();
  document.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-act]");
    if (button) mark(button.dataset.act, Number(button.dataset.id));
  });
  $("#clear").addEventListener("click", () => {
    const { mode, sections, priority, sizeMin, sizeMax, limit, strategy } = store.state;
    store.state = { ...emptyState(), sections, priority, sizeMin, sizeMax, limit, strategy, mode };
    update();
  });
  $("#copy-request").addEventListener("click", (e) => copy(last.request, e.currentTarget));
  $("#copy-curl").addEventListener("click", (e) => copy(last.curl, e.currentTarget));
  $("#copy-setup").addEventListener("click", (e) => copy($("#setup").textContent, e.currentTarget));
  window.addEventListener("hashchange", () => {
    const next = readHash();
    if (next) {
      store.state = next;
      update();
    }
  });
}

function setupModes() {
  for (const b of document.querySelectorAll("#modes button")) {
    b.addEventListener("click", () => {
      const s = store.state;
      s.mode = b.dataset.mode;
      // Arriving in Discover with nothing to search around: start from the first liked package.
      if (s.mode === "discover" && s.target === null && s.positive.length) s.target = s.positive[0];
      update();
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
    update();
  };
  $("#scenarios").replaceChildren(
    h("span", { class: "label" }, "or try"),
    ...SCENARIOS.map((s, i) =>
      h("button", { type: "button", class: "chip scenario", title: s.hint, dataset: { scenario: String(i) }, onclick: choose(s) }, s.label)),
  );
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
  const onBytes = (got, all) => {
    if (all) bar.value = got / all;
    else bar.removeAttribute("value");
    setStatus(`Downloading packages and vectors: ${(got / 1e6).toFixed(1)}${all ? ` / ${(all / 1e6).toFixed(1)}` : ""} MB`);
  };
  const demo = await loadDemo({ onBytes, onStatus: setStatus });
  Object.assign(store, { items: demo.items, byName: demo.byName, db: demo.db });

  setupFilters();
  setupUi();
  store.state = readHash() ?? scenarioState({ mode: "recommend", positive: ["vim"] }, store.byName);
  update();
  const timings = { start: t0, ...demo.timings, firstQuery: performance.now() };
  showReady(demo, timings);
  window.simileDemo = {
    loadMs: timings.firstQuery,
    timings,
    simd: demo.simd,
    float16: demo.float16,
    get last() { return { body: last.body, ms: last.ms, result: last.result, error: last.error?.message ?? null }; },
    db: store.db,
  };
  root.dataset.state = "ready";
}

function showReady(demo, t) {
  const { items, simd } = demo;
  $("#progress").value = 1;
  $("#status").classList.add("done");
  $("#engine").textContent = simd ? "wasm SIMD" : "wasm scalar";
  $("#engine").title = simd ? "simile_simd.wasm: this browser validates wasm simd128" : "simile_scalar.wasm: no wasm SIMD in this browser";
  const mb = demo.bytes / 1e6;
  setStatus(`Ready in ${Math.round(t.firstQuery)} ms: ${nf.format(items.count)} packages × ${items.dim} dims (${mb.toFixed(1)} MB) in memory; works offline from here.`, "ok");
  $("#status-text").title =
    `milliseconds since navigation: scripts running ${Math.round(t.start)}, wasm ready ${Math.round(t.wasm)}, ` +
    `vectors downloaded ${Math.round(t.fetched)} (f16 → f32 with ${demo.float16 ? "Float16Array" : "a lookup table"}), ` +
    `collection ready ${Math.round(t.collection)}, first query shown ${Math.round(t.firstQuery)}`;
}

main().catch((err) => {
  document.documentElement.dataset.state = "error";
  setStatus(`Could not load the demo: ${err.message}`, "error");
  $("#progress").hidden = true;
  throw err;
});
