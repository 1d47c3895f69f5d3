// The demo page: 20,000 Debian packages and their MiniLM embeddings in a simile Database,
// queried with Qdrant's Query API (hybrid text search, recommend, discover, context) as you
// type and click.
//
// The state and the requests are plain data (state.js, request.js); query.js runs a query and
// draws it, controls.js wires the controls, and this module redraws, keeps the history and
// loads everything.
import { MODES } from "./content.js";
import { setupControls, syncControls } from "./controls.js";
import { $, rich } from "./dom.js";
import { setupFilters, syncFilters } from "./filters.js";
import { remember, restore, say } from "./focus.js";
import { indexText, loadDemo } from "./loader.js";
import { drawMap, pointOf, setupMap, updateRegion } from "./map.js";
import { last, run } from "./query.js";
import { load, runBench, showSpeed } from "./speed.js";
import { scenarioState, stateFromHash, stateToHash } from "./state.js";
import { nameOf, store } from "./store.js";
import { ensureModel, model, setupTextSearch, showModel } from "./textsearch.js";
import { renderExamples, renderMatches } from "./views.js";

const nf = new Intl.NumberFormat("en");
/** Changes closer together than this share one history entry (a slider drag, typing). */
const HISTORY_COALESCE_MS = 1000;
let lastPush = 0;

// ---------------------------------------------------------------------------------------------
// Redrawing after a change

/** Redraws everything from the state; `push` records the new view as a history entry. */
function update({ push = false } = {}) {
  const spot = remember();
  const mode = store.state.mode;
  for (const b of document.querySelectorAll("#modes button")) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
  document.body.dataset.mode = mode;
  $("#mode-help").replaceChildren(...rich(MODES[mode]));
  renderExamples();
  renderMatches();
  syncFilters();
  syncControls();
  const points = run();
  updateRegion(last.body);
  drawMap(points);
  showSpeed();
  restore(spot);
  writeHash(push);
  // Text from any source (typing, a link, Back) loads the sentence model once.
  if (store.state.text.trim()) ensureModel();
}

function writeHash(push) {
  const hash = stateToHash(store.state, nameOf);
  if (location.hash === hash) return;
  const now = performance.now();
  if (push && now - lastPush > HISTORY_COALESCE_MS) history.pushState(null, "", hash);
  else history.replaceState(null, "", hash);
  if (push) lastPush = now;
}

/** The live region: what changed, then what the query now shows. */
function announce(text) {
  const n = last.points.length;
  say(last.body ? `${text} ${n} result${n === 1 ? "" : "s"}.` : text);
}

Object.assign(store, { update, announce });

function readHash() {
  return stateFromHash(location.hash, { byName: store.byName, sections: store.items.sections, priorities: store.items.priorities });
}

/** Back and Forward move through the demo's own views (each change pushed one). */
function setupHistory() {
  const restoreView = () => {
    const next = readHash();
    // Back fires popstate and hashchange: the second finds the view already shown.
    if (!next || location.hash === stateToHash(store.state, nameOf)) return;
    store.state = next;
    update();
    say("View restored from the address.");
  };
  window.addEventListener("popstate", restoreView);
  window.addEventListener("hashchange", restoreView);
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
  // Registered first, while the network is surely there; it learns what to cache once ready.
  const worker = registerWorker();
  const mapReady = setupMap(new URL("data/map.bin", import.meta.url)).catch((err) => err);
  const demo = await loadDemo({ onBytes, onStatus: setStatus });
  Object.assign(store, { items: demo.items, byName: demo.byName, db: demo.db });
  const mapError = await mapReady;
  if (mapError instanceof Error) $("#map-tip").textContent = `No map: ${mapError.message}`;

  setupFilters();
  setupControls();
  setupHistory();
  store.state = readHash() ?? scenarioState({ mode: "recommend", positive: ["vim"] }, store.byName);
  setupTextSearch();
  showModel();
  $("#bench").addEventListener("click", (e) => runBench(e.currentTarget));
  update();
  const timings = { start: t0, ...demo.timings, firstQuery: performance.now() };
  load.steps = [
    ["scripts running", timings.start],
    ["wasm compiled (parallel to the download)", timings.wasm - timings.start],
    ["data downloaded", timings.fetched - timings.start],
    ["collection complete (upserted while downloading)", timings.collection - timings.fetched],
    ["first query shown", timings.firstQuery - timings.collection],
  ];
  showSpeed();
  showReady(demo, timings);
  exposeForTests(demo, timings);
  root.dataset.state = "ready";
  await buildBm25(timings);
  cacheForOffline(await worker);
}

/** The BM25 index, built after the first query is on screen. */
async function buildBm25(timings) {
  const t = performance.now();
  await indexText(store.db, store.items, (done, total) => {
    if (store.state.text.trim()) $("#text-model").textContent = `Building the BM25 index: ${nf.format(done)} of ${nf.format(total)} packages…`;
  });
  store.bm25 = true;
  timings.bm25 = performance.now();
  load.steps.push(["BM25 index of 20,000 texts (after ready)", timings.bm25 - t]);
  document.documentElement.dataset.bm25 = "ready";
  showModel();
  update();
}

function showReady(demo, t) {
  const { items, simd } = demo;
  $("#progress").value = 1;
  $("#status").classList.add("done");
  $("#engine").textContent = simd ? "wasm SIMD" : "wasm scalar";
  $("#engine").title = simd ? "simile_simd.wasm: this browser validates wasm simd128" : "simile_scalar.wasm: no wasm SIMD in this browser";
  const mb = demo.bytes / 1e6;
  setStatus(`Ready in ${Math.round(t.firstQuery)} ms: ${nf.format(items.count)} packages × ${items.dim} dims (${mb.toFixed(1)} MB) in memory.`, "ok");
  $("#status-text").title =
    `milliseconds since navigation: scripts running ${Math.round(t.start)}, wasm ready ${Math.round(t.wasm)}, ` +
    `vectors downloaded ${Math.round(t.fetched)} (f16 → f32 with ${demo.float16 ? "Float16Array" : "a lookup table"}), ` +
    `collection ready ${Math.round(t.collection)}, first query shown ${Math.round(t.firstQuery)}`;
}

/** What the browser tests read: timings, the last query, the model, the database. */
function exposeForTests(demo, timings) {
  window.simileDemo = {
    loadMs: timings.firstQuery,
    timings,
    simd: demo.simd,
    float16: demo.float16,
    model,
    get last() {
      return { body: last.body, path: last.path, ms: last.ms, times: [...last.times], result: last.result, error: last.error?.message ?? null };
    },
    db: store.db,
    mapPoint: pointOf,
    offline: null,
  };
}

/** The service worker (www/sw.js) once active, or an Error saying why there is none. */
async function registerWorker() {
  if (!("serviceWorker" in navigator)) return new Error("this browser has no service workers");
  try {
    const reg = await navigator.serviceWorker.register(new URL("sw.js", import.meta.url));
    return reg.active ?? (await navigator.serviceWorker.ready).active;
  } catch (err) {
    return err;
  }
}

/** Hands the worker every URL this page loaded, so a reload works offline;
 *  `simileDemo.offline` becomes true once they are cached. */
function cacheForOffline(worker) {
  if (worker instanceof Error) {
    $("#offline").textContent = `Offline reload unavailable: ${worker.message}`;
    return;
  }
  const urls = [location.href.split("#")[0], ...performance.getEntriesByType("resource").map((e) => e.name)];
  navigator.serviceWorker.addEventListener("message", (e) => {
    if (e.data?.type !== "cached") return;
    window.simileDemo.offline = true;
    $("#offline").textContent = "Works offline: a reload needs no network.";
  });
  worker.postMessage({ type: "cache", urls });
}

main().catch((err) => {
  document.documentElement.dataset.state = "error";
  setStatus(`Could not load the demo: ${err.message}`, "error");
  $("#progress").hidden = true;
  throw err;
});
