// `simile build`: rows from a vector file → one collection in a simile Database → its snapshot
// on disk, written atomically, with a summary.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { WORKERS_MEMORY_BUDGET } from "../../js/workers-budget.js";
import { buildPlan } from "./build-options.mjs";
import { describeVectors, vectorsBody } from "./collection.mjs";
import { fail, isSimileError, lostInstance, plain } from "./errors.mjs";
import { HELP } from "./help.mjs";
import { describeRaw, jsonlBatches, rawBatches } from "./inputs.mjs";
import { fmtBytes, fmtSeconds, Progress } from "./progress.mjs";

export async function build(argv) {
  const plan = buildPlan(argv);
  if (plan === null) return console.log(HELP);
  const t0 = performance.now();
  const { Database } = await import("../../js/node.js");
  const db = new Database();
  if (plan.budget !== undefined) db.setMemoryBudget(plan.budget);
  const rows = await fill(db, plan);
  const tUpsert = performance.now();
  if (plan.hnsw) guardMemory(() => buildGraphs(db, plan));
  const tGraph = performance.now();
  const bytes = guardMemory(() => (plan.database ? db.toBytes() : db.collectionToBytes(plan.name)));
  const tSnapshot = performance.now();
  const info = db.request("GET", `/collections/${plan.name}`);
  db.free();
  writeAtomically(plan.out, bytes);
  const tDone = performance.now();
  const seconds = {
    total: (tDone - t0) / 1000,
    read_upsert: (tUpsert - t0) / 1000,
    ...(plan.hnsw ? { hnsw: (tGraph - tUpsert) / 1000 } : {}),
    snapshot: (tSnapshot - tGraph) / 1000,
    write: (tDone - tSnapshot) / 1000,
  };
  report(plan, { rows, info, bytes, seconds });
}

/** Builds the collection's HNSW graphs (`--hnsw`): the snapshot then carries them, so an app
 *  that loads it searches the graph at once instead of building it in the page. */
function buildGraphs(db, plan) {
  const progress = new Progress({ total: 0, mode: plan.progress, label: "indexing" });
  db.optimizeSync(plan.name, (done, total) => {
    progress.total = total;
    progress.add(done - progress.bytes, done - progress.points);
  });
  progress.done();
}

/** Runs `fn`; a lost wasm instance becomes advice to split the input. */
function guardMemory(fn) {
  try {
    return fn();
  } catch (err) {
    throw lostInstance(err) ?? err;
  }
}

/** Creates the collection and upserts every row of the input; returns the row count. */
async function fill(db, plan) {
  // Configuration: from the flags, from the raw file's shape, or from the first JSON row.
  const state = { config: plan.named, dim: plan.dim, distance: plan.distance, firstLine: 0 };
  const progress = new Progress({ total: plan.inputSize, mode: plan.progress });
  const batches = await openBatches(plan, state, (n) => progress.add(n));
  const collection = { db, name: plan.name, state, created: false, hnsw: plan.hnsw, datatype: plan.datatype };
  let rows = 0;
  try {
    for await (const b of batches) {
      if (!collection.created) create(collection);
      upsert(collection, b, rows);
      rows += b.rows;
      progress.add(0, b.rows);
    }
    if (!collection.created) {
      if (state.config === null) fail(`${basename(plan.input)} has no rows: nothing to build`);
      create(collection);
    }
  } catch (err) {
    progress.abort();
    throw lostInstance(err) ?? err;
  }
  progress.done();
  return rows;
}

/** The input's rows in batches of about 4 MiB of vectors (or `--batch` rows). */
async function openBatches(plan, state, onBytes) {
  const { input: path, format } = plan;
  if (format === "jsonl" && plan.named === null && plan.dim !== undefined) {
    state.config = { named: false, size: plan.dim, distance: plan.distance };
  }
  let raw = null;
  if (format !== "jsonl") {
    raw = await describeRaw(path, format, plan.dim);
    state.config = { named: false, size: raw.dim, distance: plan.distance };
  }
  const rowDim = () => (state.config.named ? Math.max(...[...state.config.vectors.values()].map((c) => c.size)) : state.config.size);
  const batchRows = () => plan.batch ?? Math.max(64, Math.min(16384, Math.floor((4 << 20) / (4 * rowDim()))));
  if (format === "jsonl") {
    // The batch size depends on the vector size, known after the first row at the latest.
    return jsonlBatches({ path, batch: state.config || plan.batch ? batchRows() : 1024, state, onBytes });
  }
  return rawBatches({ path, raw, batch: batchRows(), idsPath: plan.ids, startId: plan.startId, payloadsPath: plan.payloads, onBytes });
}

function create(collection) {
  const { db, name, state } = collection;
  const body = { vectors: vectorsBody(state.config, collection.datatype) };
  if (collection.hnsw) body.hnsw_config = collection.hnsw;
  try {
    db.request("PUT", `/collections/${name}`, body);
  } catch (err) {
    // The flags make the whole request: a refusal names what in them was wrong.
    if (isSimileError(err)) fail(`cannot create the collection: ${plain(err.message)}`);
    throw err;
  }
  collection.created = true;
}

/** JSON rows go through the REST call, raw rows through `upsertFlat`. */
function put({ db, name }, b) {
  if (b.points) db.request("PUT", `/collections/${name}/points`, { points: b.points });
  else db.upsertFlat(name, b.ids, b.flat, b.payloads);
}

/** Row `i` of batch `b` as a batch of its own. */
function rowOf(b, i, size) {
  if (b.points) return { points: b.points.slice(i, i + 1) };
  return { ids: b.ids.slice(i, i + 1), flat: b.flat.subarray(i * size, (i + 1) * size), payloads: b.payloads?.slice(i, i + 1) };
}

/** Upserts batch `b`; a refusal is reported with the row (or the budget) that caused it. */
function upsert(collection, b, rowsBefore) {
  try {
    put(collection, b);
  } catch (err) {
    if (!isSimileError(err)) throw err;
    if (err.status === 507) {
      fail(
        `after ${rowsBefore.toLocaleString("en-US")} points the collection exceeds the memory budget (${fmtBytes(collection.db.memoryBudget())}): ` +
          `${plain(err.message)}. Raise it with --memory-budget SIZE.`,
      );
    }
    // Name the first offending row: retry the batch's rows one at a time.
    for (let i = 0; i < b.rows; i++) {
      try {
        put(collection, rowOf(b, i, collection.state.config.size));
      } catch (e) {
        if (isSimileError(e)) fail(`${b.where(i)}: ${plain(e.message)}`);
        throw e;
      }
    }
    fail(`${b.where(0)}: ${plain(err.message)}`);
  }
}

/** Writes next to `out` first, so a failed write never leaves a partial snapshot behind. */
function writeAtomically(out, bytes) {
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, out);
  } catch (err) {
    rmSync(tmp, { force: true });
    fail(`cannot write ${out}: ${err.message}`);
  }
}

function report(plan, { rows, info, bytes, seconds }) {
  const vectors = info.config.params.vectors;
  const kind = plan.database ? "database" : "collection";
  const summary = { out: plan.out, kind, collection: plan.name, rows, points: info.points_count, vectors, bytes: bytes.length, seconds };
  if (plan.json) return console.log(JSON.stringify(summary));
  const dupes = rows !== info.points_count ? ` (${rows.toLocaleString("en-US")} rows; repeated ids replaced earlier ones)` : "";
  const lines = [
    `wrote ${plan.out}: ${kind} snapshot of "${plan.name}", ${bytes.length.toLocaleString("en-US")} bytes (${fmtBytes(bytes.length)})`,
    `  points   ${info.points_count.toLocaleString("en-US")}${dupes}`,
    `  vectors  ${describeVectors(vectors)}`,
    `  time     ${fmtSeconds(seconds.total)} (read + upsert ${fmtSeconds(seconds.read_upsert)}, ` +
      (seconds.hnsw !== undefined ? `HNSW graph ${fmtSeconds(seconds.hnsw)}, ` : "") +
      `snapshot ${fmtSeconds(seconds.snapshot)}, write ${fmtSeconds(seconds.write)})`,
  ];
  if (bytes.length > WORKERS_MEMORY_BUDGET) {
    lines.push(
      "  note     a restored collection takes about the snapshot's size in memory: more than the Workers entry's " +
        `default budget (${WORKERS_MEMORY_BUDGET / 2 ** 20} MiB of a 128 MB isolate)`,
    );
  }
  console.log(lines.join("\n"));
}
