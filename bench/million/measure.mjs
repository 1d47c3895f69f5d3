// The query half of bench/hnsw_million.mjs, shared by Node (bench/million/node.mjs) and the
// page (bench/million/page.mjs): no Node or DOM APIs. Each query is asked through the Query API
// twice in turn, `params: {exact: true}` then the graph (default ef); recall@10 is against the
// exact answer. A second graph pass with `hnsw_ef: 200` runs when recall at the default ef is
// below the target.

export const LIMIT = 10;
export const RECALL_TARGET = 0.95;
export const WIDE_EF = 200;
const WARMUP = 5;

export const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** One timed query: its hits ({id, score}) and milliseconds. */
function ask(db, name, vector, params) {
  const t = performance.now();
  const { points } = db.request("POST", `/collections/${name}/points/query`, { query: vector, limit: LIMIT, params });
  return { ms: performance.now() - t, hits: points.map((p) => ({ id: p.id, score: p.score })) };
}

/**
 * Recall@10 of `got` against the exact `want` (Euclid: the score is a distance, lower is
 * better). Distances between integer (uint8) rows tie often, so a hit also counts when it is
 * as near as the exact 10th, whichever of the tied ids each side kept; `ids` is the plain
 * id-overlap recall.
 */
export function recall(got, want) {
  if (want.length === 0) return { tied: 1, ids: 1 };
  const wanted = new Set(want.map((h) => h.id));
  const kth = want[want.length - 1].score;
  const inIds = got.filter((h) => wanted.has(h.id)).length;
  const tied = got.filter((h) => wanted.has(h.id) || h.score <= kth * (1 + 1e-6)).length;
  return { tied: Math.min(tied, want.length) / want.length, ids: inIds / want.length };
}

function graphCase(label, graph, exact) {
  const r = graph.map((g, i) => recall(g.hits, exact[i].hits));
  return {
    label,
    graphP50: p50(graph.map((g) => g.ms)),
    exactP50: p50(exact.map((e) => e.ms)),
    recall: mean(r.map((x) => x.tied)),
    idRecall: mean(r.map((x) => x.ids)),
  };
}

/** Collection facts: points, linked points (0 while the graph is not built), its HNSW config. */
function collectionInfo(db, name) {
  const info = db.request("GET", `/collections/${name}`);
  return { points: info.points_count, indexed: info.indexed_vectors_count, hnsw: info.config?.hnsw_config };
}

/** Milliseconds to load `bytes` again into a new database of the same instance, after the first
 *  load and the queries: the linear memory has grown by then, so this is the load without
 *  the cost of fresh pages (the first load of a page or process pays that too). */
function reloadMs(Database, name, bytes) {
  const db = new Database();
  const t = performance.now();
  db.loadCollection(name, bytes);
  const ms = performance.now() - t;
  db.free();
  return ms;
}

/**
 * Everything measured once `bytes` are loaded into collection `name` of `db`: sizes, wasm
 * memory (`wasmMemoryBytes()`) after the load and after the queries, `heap()`'s figures, then
 * `db` is freed and the load timed again in the grown instance ([`reloadMs`]).
 */
export function measureLoaded({ Database, db, name, bytes, queries, wasmMemoryBytes, heap }) {
  const result = {
    snapshotBytes: bytes.length,
    wasmBytes: wasmMemoryBytes(),
    accountedBytes: db.memoryBytes(),
    ...collectionInfo(db, name),
    ...measureQueries(db, name, queries),
  };
  Object.assign(result, { wasmAfterQueries: wasmMemoryBytes() }, heap());
  db.free();
  result.reloadMs = reloadMs(Database, name, bytes);
  return result;
}

/** Untimed queries of each kind, at least WARMUP calls and 300 ms each: V8 first runs wasm in
 *  its baseline tier and swaps in optimised code for hot functions later (as bench/measure.mjs);
 *  these also make the first touches of the loaded pages. */
function warmUp(db, name, queries) {
  for (const params of [{ exact: true }, {}]) {
    const start = performance.now();
    for (let i = 0; i < WARMUP || performance.now() - start < 300; i++) ask(db, name, queries[i % queries.length], params);
  }
}

/** Runs `queries` (arrays of numbers) against collection `name` of `db`; see the header. */
export function measureQueries(db, name, queries) {
  warmUp(db, name, queries);
  const exact = [];
  const graph = [];
  for (const q of queries) {
    exact.push(ask(db, name, q, { exact: true }));
    graph.push(ask(db, name, q, {}));
  }
  const cases = [graphCase("default ef", graph, exact)];
  if (cases[0].recall < RECALL_TARGET) {
    const wide = queries.map((q) => ask(db, name, q, { hnsw_ef: WIDE_EF }));
    cases.push(graphCase(`hnsw_ef ${WIDE_EF}`, wide, exact));
  }
  return { cases, exactIds: exact.map((e) => e.hits.map((h) => h.id)) };
}
