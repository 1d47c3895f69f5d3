// The speed panel: the last query's exact scan, the median of warm queries, where the load
// time went, and a button that runs 1,000 queries and reports their distribution.
import { $, h } from "./dom.js";
import { COLLECTION } from "./loader.js";
import { last } from "./query.js";
import { store } from "./store.js";

const nf = new Intl.NumberFormat("en");
const BENCH_QUERIES = 1000;
const BENCH_CHUNK = 50; // queries between paints

/** Load timings (ms since navigation), filled by app.js. */
export const load = { steps: [] };

/** The median of `values` (0 for none). */
export function median(values) {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Refreshes the panel from the last query and the times so far. */
export function showSpeed() {
  // The first query of a session also compiles the engine's hot paths: warm = the rest.
  const warm = last.times.slice(1);
  const dim = store.items.dim;
  $("#speed-scan").textContent = last.body
    ? `${nf.format(last.matching)} × ${dim} scanned in ${last.ms.toFixed(1)} ms`
    : "no query yet";
  $("#speed-median").textContent = warm.length ? `${median(warm).toFixed(1)} ms median over ${nf.format(warm.length)} warm quer${warm.length === 1 ? "y" : "ies"}` : "median: after the next query";
  $("#speed-load").replaceChildren(...load.steps.map(([label, ms]) => h("li", {}, `${label}: `, h("b", {}, `${Math.round(ms)} ms`))));
}

/** Runs BENCH_QUERIES nearest-neighbour queries (a random package each, the current filter),
 *  yielding to the page between chunks; shows median, p95 and queries per second. */
export async function runBench(button) {
  const out = $("#bench-result");
  button.disabled = true;
  const filter = last.body?.filter;
  const times = [];
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const t0 = performance.now();
  for (let i = 0; i < BENCH_QUERIES; i++) {
    const id = 1 + Math.floor(random() * store.items.count);
    const body = { query: id, limit: 10, ...(filter ? { filter } : {}) };
    const t = performance.now();
    store.db.request("POST", `/collections/${COLLECTION}/points/query`, body);
    times.push(performance.now() - t);
    if ((i + 1) % BENCH_CHUNK === 0) {
      out.textContent = `running… ${i + 1} / ${BENCH_QUERIES}`;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  const total = performance.now() - t0;
  const sorted = times.sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)];
  out.textContent = `${nf.format(BENCH_QUERIES)} queries (nearest to a random package, top 10): median ${median(sorted).toFixed(2)} ms, ` +
    `p95 ${p95.toFixed(2)} ms, ${nf.format(Math.round(BENCH_QUERIES / (total / 1000)))} queries/s`;
  out.dataset.median = String(median(sorted));
  button.disabled = false;
  return { median: median(sorted), p95, total };
}
