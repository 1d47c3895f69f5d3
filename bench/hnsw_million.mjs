// HNSW at a million points: 1,000,000 × 384 uint8 vectors with their HNSW graph, searched in
// one Node process and in headless Chromium. Reports, for each runtime, p50 of a top-10
// nearest query through the graph (default ef) and of the exact scan (`params: {exact: true}`),
// recall@10 of the graph against the exact answer, the time to load the snapshot and the wasm
// memory it takes. Targets (reported whether met or not): recall@10 ≥ 0.95, graph p50 ≤ 2 ms,
// wasm memory ≤ 700 MB.
//
//   node bench/hnsw_million.mjs [--n 1000000] [--dim 384] [--queries 100] [--rebuild] [--no-browser]
//                               [--datatype uint8|float32]
//
// `--datatype float32` stores the same quantized values as float32 rows (4 × the bytes; the
// same exact answers), for comparison.
//
// * Data: seeded clustered unit vectors (bench/data.mjs, generated in batches: 1M × 384
//   float32 would be 1.5 GB), each component x quantized to round((x + 1) · 127.5) in 0..255
//   and sent as a float (a uint8 vector stores each float as its integer). The queries are
//   held-out rows around the same centres, quantized alike.
// * Build (cached): collection `{size: dim, distance: "Euclid", datatype: "uint8"}`, HNSW m 16,
//   ef_construct 100, full_scan_threshold 10 KB (the graph answers at every size), upserted in
//   batches, graph built by `optimizeSync`, written as a collection snapshot to
//   target/bench/million-<n>x<dim>.snapshot (build times beside it, in .json). Later runs reuse
//   it unless `--rebuild`, or unless it carries no graph.
// * Node half (bench/million/node.mjs): a child process, so its wasm instance is new and the
//   linear memory after loading (which only grows) is the load's, not the build's.
// * Chromium half (bench/million/browser.mjs, page.mjs): Debian's headless Chromium opens a
//   page served from 127.0.0.1 that imports the package's browser entry, fetches the snapshot,
//   loads it and runs the same queries (bench/million/measure.mjs, shared by both halves).
//   Skipped with `--no-browser`.
// * Load: `loadCollection` in the fresh instance, which includes growing its linear memory
//   (a page pays that too), and once more in the grown instance after the queries.
// * Memory: the instance's linear memory (its WebAssembly.Memory buffer) after the load and
//   after the queries, next to `memoryBytes()`, the library's own account of the collection.
// * Recall: distances between integer rows tie often, so a graph hit as near as the exact
//   10th counts (see measure.mjs); the id-only figure is printed when it differs.
//
// Markdown on stdout; progress on stderr.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Database } from "simile";
import { LIMIT, RECALL_TARGET } from "./million/measure.mjs";
import { halfToFloat } from "../www/load.js";
import { clusteredBatches, debianMixBatches } from "./data.mjs";

const { values: opt } = parseArgs({
  options: {
    n: { type: "string", default: "1000000" },
    dim: { type: "string", default: "384" },
    queries: { type: "string", default: "100" },
    rebuild: { type: "boolean", default: false },
    "no-browser": { type: "boolean", default: false },
    datatype: { type: "string", default: "uint8" },
    data: { type: "string", default: "clustered" },
  },
});
const [n, dim, nq] = [Number(opt.n), Number(opt.dim), Number(opt.queries)];
const datatype = opt.datatype;
if (!["uint8", "float32"].includes(datatype)) throw new Error(`--datatype: uint8 or float32, not ${datatype}`);
if (!["clustered", "debian"].includes(opt.data)) throw new Error(`--data: clustered or debian, not ${opt.data}`);
const NAME = "million";
const SEED = 1;
const QUERY_SEED = 1001; // held-out rows: same centres, their own stream
const BATCH = 20_000;
const HNSW = { m: 16, ef_construct: 100, full_scan_threshold: 10 };
const TARGET = { p50: 2, memory: 700e6 };
const MAX_BUDGET = 2 ** 32 - 1; // the most a wasm32 instance can address

const OUT_DIR = "target/bench"; // relative to the repository
const ROOT = new URL("../", import.meta.url);
const base = `${OUT_DIR}/million-${n}x${dim}${datatype === "uint8" ? "" : `-${datatype}`}${opt.data === "clustered" ? "" : `-${opt.data}`}`;
const files = { snapshot: `${base}.snapshot`, meta: `${base}.json`, queries: `${base}.queries.json` };
const path = (rel) => fileURLToPath(new URL(rel, ROOT));

// Clustered unit vectors spread their components over about ±0.3 (x·1 keeps them whole);
// MiniLM's components lie within about ±0.25, so the Debian rows are scaled by 4 first.
const QUANT_SCALE = opt.data === "debian" ? 4 : 1;
const MB = 1e6;
const mb = (bytes) => (bytes / MB).toFixed(0);
const log = (msg) => process.stderr.write(`${msg}\n`);

/** Quantizes unit-vector components in place to uint8 values (kept as floats): x in
 *  [-1/scale, 1/scale] → round((x·scale + 1) · 127.5), clamped. */
function quantize(rows, scale = QUANT_SCALE) {
  for (let i = 0; i < rows.length; i++) rows[i] = Math.min(255, Math.max(0, Math.round((rows[i] * scale + 1) * 127.5)));
  return rows;
}

/** The rows of `--data`: batches of unit vectors (`rowSeed`: the held-out query stream). */
function rowSource(rowSeed) {
  return opt.data === "debian" ? debianMixBatches(debianRows(), dim, SEED, { rowSeed }) : clusteredBatches(dim, SEED, { rowSeed });
}

/** The 20,000 Debian package embeddings of the demo (www/data), as float32 rows. */
function debianRows() {
  const half = readFileSync(path("www/data/vectors.f16"));
  const { dim: d } = JSON.parse(readFileSync(path("www/data/items.json"), "utf8"));
  if (d !== dim) throw new Error(`--data debian has ${d} dimensions, not ${dim}`);
  return halfToFloat(new Uint8Array(half.buffer, half.byteOffset, half.byteLength)).vectors;
}

/** Calls `say` at most every `seconds` and at the end: progress lines for long loops. */
function every(seconds, say) {
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - last < seconds * 1000) return;
    last = now;
    say(done, total);
  };
}

function upsertAll(db) {
  const rows = rowSource(undefined);
  const say = every(10, (done) => log(`  upserted ${done.toLocaleString("en-US")} / ${n.toLocaleString("en-US")}`));
  for (let start = 0; start < n; start += BATCH) {
    const count = Math.min(BATCH, n - start);
    db.upsertFlat(NAME, Uint32Array.from({ length: count }, (_, i) => start + i), quantize(rows.next(count)));
    say(start + count, n);
  }
}

function buildGraph(db) {
  const t0 = performance.now();
  const say = every(20, (done, total) => {
    const s = (performance.now() - t0) / 1000;
    const eta = done > 0 && done < total ? ` (≈ ${((s * (total - done)) / done).toFixed(0)} s to go)` : "";
    log(`  graph: ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} points, ${s.toFixed(0)} s${eta}`);
  });
  db.optimizeSync(NAME, say);
}

/** Builds the collection, writes its snapshot (temp file, then rename) and the build facts. */
function build() {
  log(`building ${n.toLocaleString("en-US")} × ${dim} ${datatype} with HNSW ${JSON.stringify(HNSW)}`);
  const db = new Database();
  db.setMemoryBudget(MAX_BUDGET);
  db.request("PUT", `/collections/${NAME}`, { vectors: { size: dim, distance: "Euclid", datatype }, hnsw_config: HNSW });
  const t0 = performance.now();
  upsertAll(db);
  const t1 = performance.now();
  buildGraph(db);
  const t2 = performance.now();
  const { indexed_vectors_count: indexed } = db.request("GET", `/collections/${NAME}`);
  const bytes = db.collectionToBytes(NAME);
  db.free();
  mkdirSync(path(OUT_DIR), { recursive: true });
  writeFileSync(path(`${files.snapshot}.tmp`), bytes);
  renameSync(path(`${files.snapshot}.tmp`), path(files.snapshot));
  const meta = { n, dim, datatype, data: opt.data, seed: SEED, hnsw: HNSW, indexed, upsertS: (t1 - t0) / 1000, graphS: (t2 - t1) / 1000, snapshotBytes: bytes.length, builtAt: new Date().toISOString() };
  writeFileSync(path(files.meta), `${JSON.stringify(meta, null, 2)}\n`);
  log(`  built in ${((t2 - t0) / 1000).toFixed(1)} s; snapshot ${mb(bytes.length)} MB, ${indexed} points linked`);
  return { ...meta, cached: false };
}

/** The cached build, or a new one when asked, missing, or without a graph. */
function snapshot() {
  if (!opt.rebuild && existsSync(path(files.snapshot)) && existsSync(path(files.meta))) {
    const meta = JSON.parse(readFileSync(path(files.meta), "utf8"));
    if (meta.indexed > 0) return { ...meta, cached: true };
    log(`${files.snapshot} carries no graph (built by a version that did not index ${datatype}?): rebuilding`);
  }
  return build();
}

function writeQueries() {
  const rows = quantize(rowSource(QUERY_SEED).next(nq));
  const queries = Array.from({ length: nq }, (_, i) => Array.from(rows.subarray(i * dim, (i + 1) * dim)));
  writeFileSync(path(files.queries), JSON.stringify({ seed: SEED, rowSeed: QUERY_SEED, queries }));
}

function nodeHalf() {
  log("Node: loading the snapshot and querying (child process)");
  const child = spawnSync(process.execPath, [path("bench/million/node.mjs"), path(files.snapshot), path(files.queries), NAME], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) return { runtime: "Node", error: `child exited with ${child.status ?? child.signal}` };
  return JSON.parse(child.stdout.trim().split("\n").pop());
}

async function browserHalf() {
  log("Chromium: fetching the snapshot and querying");
  try {
    const { runInChromium } = await import("./million/browser.mjs"); // playwright-core only here
    return await runInChromium({ snapshot: files.snapshot, queries: files.queries, name: NAME });
  } catch (err) {
    return { runtime: "Chromium", error: String(err?.message ?? err).split("\n")[0] };
  }
}

function sameExact(a, b) {
  if (!a.exactIds || !b.exactIds) return null;
  return a.exactIds.filter((ids, i) => ids.join() === b.exactIds[i].join()).length;
}

function report(meta, halves) {
  const ef = Math.max(HNSW.ef_construct, LIMIT);
  console.log(
    `\n### HNSW at a million: ${opt.data === "debian" ? "Debian-like" : "clustered"} ${datatype} (n = ${n.toLocaleString("en-US")}, dim ${dim}, Euclid; ` +
      `m ${HNSW.m}, ef_construct ${HNSW.ef_construct}, default ef ${ef}; ${nq} queries, top-${LIMIT})`,
  );
  const when = meta.cached ? ` (cached snapshot, built ${meta.builtAt.slice(0, 10)})` : "";
  console.log(`- build: ${(meta.upsertS + meta.graphS).toFixed(1)} s = upsert ${meta.upsertS.toFixed(1)} s + graph ${meta.graphS.toFixed(1)} s${when}; ${meta.indexed.toLocaleString("en-US")} points linked`);
  console.log(`- snapshot: ${mb(meta.snapshotBytes)} MB`);
  console.log("\n| runtime | query | graph p50 ms | exact p50 ms | graph / exact | recall@10 | target |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | --- |");
  for (const h of halves) {
    if (h.error) {
      console.log(`| ${h.runtime} | failed: ${h.error} | | | | | |`);
      continue;
    }
    for (const c of h.cases) {
      const target = c.label === "default ef" ? `≤ ${TARGET.p50} ms, recall ≥ ${RECALL_TARGET}` : "";
      const ids = Math.abs(c.idRecall - c.recall) > 5e-5 ? ` (ids only ${c.idRecall.toFixed(4)})` : "";
      console.log(
        `| ${h.runtime} | nearest, ${c.label} | ${c.graphP50.toFixed(3)} | ${c.exactP50.toFixed(2)} | ${(c.graphP50 / c.exactP50).toFixed(3)} | ${c.recall.toFixed(4)}${ids} | ${target} |`,
      );
    }
  }
  console.log("");
  for (const h of halves.filter((x) => !x.error)) {
    const read = h.runtime.startsWith("Node") ? "read file" : "fetch";
    const extra = [
      h.rssBytes !== undefined ? `rss ${mb(h.rssBytes)} MB` : null,
      h.jsHeapBytes !== undefined ? `JS heap ${mb(h.jsHeapBytes)} MB` : null,
      h.crossOriginIsolated === false ? "timer 100 µs (not cross-origin isolated)" : null,
      `${h.simd ? "simd" : "scalar"} build`,
    ].filter(Boolean);
    console.log(
      `- ${h.runtime}: load ${h.loadMs.toFixed(0)} ms (${read} ${h.readMs.toFixed(0)} ms; again in the grown instance ${h.reloadMs.toFixed(0)} ms); ` +
        `wasm memory ${mb(h.wasmBytes)} MB after load, ${mb(h.wasmAfterQueries)} MB after the queries (target ≤ ${mb(TARGET.memory)} MB); ` +
        `memoryBytes() ${mb(h.accountedBytes)} MB; ${extra.join("; ")}; ${h.indexed.toLocaleString("en-US")} of ${h.points.toLocaleString("en-US")} points linked`,
    );
    if (h.problems?.length) console.log(`  - page problems: ${h.problems.join("; ")}`);
  }
  const [a, b] = halves;
  const same = b ? sameExact(a, b) : null;
  if (same !== null) console.log(`- exact top-${LIMIT} identical in both runtimes for ${same} of ${nq} queries`);
}

const meta = snapshot();
writeQueries();
const halves = [nodeHalf()];
if (!opt["no-browser"]) halves.push(await browserHalf());
report(meta, halves);
