// Running the state's query: the request and response panels, the line above the results,
// the messages for empty and tied answers, and the result rows.
import { $, h } from "./dom.js";
import { prettyJson } from "./format.js";
import { COLLECTION } from "./loader.js";
import { buildFilter, buildRequest, curlCommand, namedIds } from "./request.js";
import { resetFilters } from "./filters.js";
import { nameOf, store } from "./store.js";
import { resultRow } from "./views.js";

const QDRANT = "http://localhost:6333";
const nf = new Intl.NumberFormat("en");

/** The last query: what ran, its answer, and every warm query time so far (ms). */
export const last = { request: "", curl: "", body: null, path: "", ms: 0, result: null, points: [], error: null, matching: 0, times: [] };

/** Runs the state's query and draws it; returns the points shown. */
export function run() {
  const { body, path, notes, hint } = buildRequest(store.state, { dense: store.dense, bm25: store.bm25 });
  Object.assign(last, { body: body ?? null, path: path ?? "", result: null, points: [], error: null });
  last.matching = showFilterCount();
  if (!body) {
    last.request = "";
    showQuery("(no query yet)", "", "", [h("span", { class: "hint" }, hint)]);
    return [];
  }
  const url = `/collections/${COLLECTION}/points/${path}`;
  last.request = `POST ${url}\n${prettyJson(body)}`;
  last.curl = curlCommand(QDRANT, url, body);
  const ids = namedIds(body);
  const idLine = ids.length ? `Point ids: ${ids.map((id) => `${id} = ${nameOf(id)}`).join(", ")}` : "";
  const t = performance.now();
  let result;
  try {
    result = store.db.request("POST", url, body);
  } catch (err) {
    last.error = err;
    const meta = h("span", { class: "error" }, `Qdrant says (${err.status ?? "error"}): ${err.message}`);
    showQuery(last.request, idLine, `HTTP ${err.status ?? "?"}: ${err.message}`, [meta]);
    return [];
  }
  last.ms = performance.now() - t;
  last.times.push(last.ms);
  last.result = result;
  last.points = result.groups ? result.groups.map((g) => g.hits[0]).filter(Boolean) : result.points;
  showQuery(last.request, idLine, prettyJson({ result, status: "ok", time: last.ms / 1000 }), resultMeta(notes));
  $("#results").replaceChildren(...last.points.map((p, rank) => resultRow(p, rank)));
  showAdvice(body);
  return last.points;
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
  $("#advice").replaceChildren();
}

function resultMeta(notes) {
  const s = store.state;
  const n = last.points.length;
  const what = s.mode === "recommend" ? (s.text.trim() ? "hybrid search" : `recommend (${last.body.query.recommend?.strategy ?? s.strategy})`) : s.mode;
  return [
    h("span", {}, `${n} result${n === 1 ? "" : "s"}${s.grouped ? " (one per section)" : ""} · `),
    h("b", { id: "query-ms" }, `${last.ms.toFixed(1)} ms`),
    h("span", {}, ` · ${what}${last.body.query.mmr ? " + MMR" : ""}, exact scan over ${nf.format(last.matching)} vectors`),
    ...notes.map((note) => h("span", { class: "note" }, note)),
  ];
}

/** What to do next when the answer is empty (filters) or a tie (context at score 0). */
function showAdvice(body) {
  const advice = $("#advice");
  if (!last.points.length) {
    const filtered = buildFilter(store.state) !== null;
    advice.replaceChildren(h("p", { class: "message", id: "empty-message" },
      filtered ? `No package passes these filters (${nf.format(last.matching)} of ${nf.format(store.items.count)} do, none of them a result). ` : "No results for this query. ",
      filtered ? h("button", { type: "button", class: "link", id: "clear-filters-empty", onclick: resetFilters }, "clear filters") : null));
    return;
  }
  if (store.state.mode === "context" && last.points[0].score === 0) showContextTies(body, advice);
}

/** Context search scores every package on the 👍 side of all pairs exactly 0: say how many
 *  tie, and how to rank them. */
function showContextTies(body, advice) {
  const all = { ...body, limit: store.items.count, with_payload: false };
  delete all.group_by;
  delete all.group_size;
  let tied;
  try {
    tied = store.db.request("POST", `/collections/${COLLECTION}/points/query`, all).points.filter((p) => p.score === 0).length;
  } catch {
    return;
  }
  const toDiscover = () => {
    const s = store.state;
    s.mode = "discover";
    if (s.target === null) s.target = s.pairs.find((p) => p.positive !== null)?.positive ?? null;
    store.update({ push: true });
  };
  advice.replaceChildren(h("p", { class: "message", id: "tie-message" },
    `${nf.format(tied)} packages satisfy every pair equally (score 0), shown in storage order. Rank them by adding a 🎯 target `,
    h("button", { type: "button", class: "link", id: "tie-discover", onclick: toDiscover }, "in Discover"),
    " or narrow them with a filter."));
}
