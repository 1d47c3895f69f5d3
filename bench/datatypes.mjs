// Storage datatypes (`float32`, `float16`, `uint8`): memory per point and nearest-query time
// against float32 on the same data, plus recall@10 against the exact float32 ranking.
// Usage: node bench/datatypes.mjs  (env BENCH_DT_SIZE=100000 BENCH_DIM=384 BENCH_RUNS=30)
import os from "node:os";
import { Database, simdEnabled } from "simile";
import { clustered, rng } from "./data.mjs";
import { measure, RUNS } from "./measure.mjs";

const DIM = Number(process.env.BENCH_DIM ?? 384);
const N = Number(process.env.BENCH_DT_SIZE ?? 100000);
const K = 10;

/** uint8 storage expects bytes: the unit vectors mapped affinely onto 0..255. */
function asBytes(data) {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Math.round(data[i] * 127.5 + 127.5);
  return out;
}

function queryRows(data, count, seed) {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    const row = Math.floor(r() * N) * DIM;
    // A stored row plus noise: the query itself is not stored.
    return data.slice(row, row + DIM).map((x) => x + 0.05 * (r() - 0.5));
  });
}

function load(datatype, data) {
  const db = new Database();
  db.setMemoryBudget(2 ** 31);
  db.request("PUT", "/collections/bench", { vectors: { size: DIM, distance: "Cosine", datatype } });
  const base = db.memoryBytes();
  db.upsertFlat("bench", Uint32Array.from({ length: N }, (_, i) => i), data);
  return { db, bytes: db.memoryBytes() - base, info: db.request("GET", "/collections/bench") };
}

function recall(got, want) {
  let hit = 0;
  got.forEach((ids, i) => (hit += ids.filter((id) => want[i].has(id)).length));
  return hit / (got.length * K);
}

const ids = (hits) => Array.from(hits.ids, String);

function run() {
  const floats = clustered(N, DIM, 42);
  const bytes = asBytes(floats);
  const qs = queryRows(floats, RUNS, 7);
  const qsBytes = qs.map((q) => q.map((x) => Math.round(x * 127.5 + 127.5)));
  const rows = [];
  let truth = null;
  let base = null;
  for (const datatype of ["float32", "float16", "uint8"]) {
    const { db, bytes: mem, info } = load(datatype, datatype === "uint8" ? bytes : floats);
    const q = datatype === "uint8" ? qsBytes : qs;
    const nearest = measure((i) => db.searchFlat("bench", q[i], K));
    const found = q.map((v) => ids(db.searchFlat("bench", v, K)));
    truth ??= found.map((f) => new Set(f));
    base ??= nearest;
    rows.push({ datatype, mem, vectors: info.vector_bytes, nearest, recall: recall(found, truth) });
    db.free();
  }
  return { rows, base };
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`simile datatypes — ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, SIMD artifact: ${simdEnabled()}`);
console.log(`\n## storage datatypes: n = ${N.toLocaleString("en")}, dim ${DIM}, Cosine, top-${K}, ${RUNS} runs`);
console.log("| datatype | bytes/point (memoryBytes) | vector bytes/point | nearest p50 ms | × float32 | recall@10 vs float32 | target |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
const { rows, base } = run();
for (const r of rows) {
  const target = r.datatype === "float16" ? "≤ 1.3 × float32" : "";
  console.log(`| ${r.datatype} | ${fmt(r.mem / N)} | ${fmt(r.vectors / N)} | ${fmt(r.nearest.p50)} | ${fmt(r.nearest.p50 / base.p50)} | ${r.recall.toFixed(3)} | ${target} |`);
}
