// Snapshot benchmark: how fast a 100k × 384 collection is written and restored, compared with
// copying its vector bytes once (memcpy via Uint8Array.prototype.slice), and how much memory
// restoring takes.
//
//   node bench/snapshot.mjs [--n 100000] [--dim 384] [--runs 7]
//
// What is measured (all in this process unless noted; p50 over --runs):
// * toBytes: the whole database → a Uint8Array (written in wasm, then copied out to JS).
// * Database.fromBytes / loadCollection: copy the bytes into wasm memory, verify every
//   checksum, validate, build the collection.
// * memcpy: `vectorBytes.slice()` of the raw f32 rows, the floor any loader has to pay.
// * Memory, in a fresh child process: the wasm linear memory (WebAssembly.Memory buffer size,
//   which only grows, so its final size is the high-water mark) before and after fromBytes,
//   next to db.memoryBytes() and the snapshot size; plus rss and arrayBuffers deltas.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Database, simdEnabled } from "simile";
import { initSync } from "../dist/simile.js";
import { clustered } from "./data.mjs";

const { values: opt } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    dim: { type: "string", default: "384" },
    runs: { type: "string", default: "7" },
    seed: { type: "string", default: "1" },
    "child-load": { type: "string" },
  },
});

const MB = 1e6;
const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The instance's wasm exports (the glue returns them once initialised). */
const wasmMemoryBytes = () => initSync().memory.buffer.byteLength;

function time(runs, fn, after) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = fn();
    ms.push(performance.now() - t0);
    after?.(out);
  }
  return ms;
}

if (opt["child-load"] !== undefined) {
  // Child: a fresh instance, so the wasm memory high-water mark is the load's alone.
  const bytes = new Uint8Array(readFileSync(opt["child-load"]));
  const warm = new Database(); // instantiate the module first
  warm.free();
  const before = { wasm: wasmMemoryBytes(), ...process.memoryUsage() };
  const t0 = performance.now();
  const db = Database.fromBytes(bytes);
  const ms = performance.now() - t0;
  const afterLoad = { wasm: wasmMemoryBytes(), ...process.memoryUsage() };
  console.log(JSON.stringify({ before, after: afterLoad, ms, memoryBytes: db.memoryBytes(), snapshot: bytes.length }));
  process.exit(0);
}

const N = Number(opt.n);
const DIM = Number(opt.dim);
const RUNS = Number(opt.runs);

const tGen = performance.now();
const vectors = clustered(N, DIM, Number(opt.seed));
const genMs = performance.now() - tGen;
const vectorBytes = new Uint8Array(vectors.buffer);

const db = new Database();
db.setMemoryBudget(3 * 1024 ** 3);
db.request("PUT", "/collections/bench", { vectors: { size: DIM, distance: "Cosine" } });
const tUp = performance.now();
const BATCH = 10_000;
for (let i = 0; i < N; i += BATCH) {
  const end = Math.min(N, i + BATCH);
  db.upsertFlat("bench", Uint32Array.from({ length: end - i }, (_, k) => i + k), vectors.subarray(i * DIM, end * DIM));
}
const upsertMs = performance.now() - tUp;

let snapshot;
const toBytes = time(RUNS, () => db.toBytes(), (b) => (snapshot = b));
const collBytes = db.collectionToBytes("bench");
const fromBytes = time(RUNS, () => Database.fromBytes(snapshot), (d) => d.free());
const target = new Database();
target.setMemoryBudget(3 * 1024 ** 3);
const loadCollection = time(RUNS, () => target.loadCollection("bench", collBytes));
target.free();
let sink = 0;
const memcpy = time(RUNS, () => vectorBytes.slice(), (copy) => (sink += copy[copy.length - 1]));
const memcpySnapshot = time(RUNS, () => snapshot.slice(), (copy) => (sink += copy[copy.length - 1]));
// The same copy into a buffer allocated (and touched) beforehand: no page faults, pure bandwidth.
const preallocated = new Uint8Array(vectorBytes.length).fill(1);
const memcpyInto = time(RUNS, () => preallocated.set(vectorBytes), () => (sink += preallocated[7]));

// Same answers after the round trip (a sanity check, not a timing).
const restored = Database.fromBytes(snapshot);
const q = { query: { recommend: { positive: [1, 2], negative: [3] } }, limit: 10 };
const same = JSON.stringify(restored.request("POST", "/collections/bench/points/query", q)) === JSON.stringify(db.request("POST", "/collections/bench/points/query", q));
restored.free();
const memoryBytes = db.memoryBytes();
db.free();

// Memory while loading, in a fresh process.
const dir = mkdtempSync(join(tmpdir(), "simile-bench-"));
let child;
try {
  const file = join(dir, "bench.snapshot");
  writeFileSync(file, snapshot);
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child-load", file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  child = JSON.parse(r.stdout);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const f = (ms) => `${ms.toFixed(1)} ms`.padStart(10);
const gbps = (ms, bytes) => `${(bytes / 1e9 / (ms / 1000)).toFixed(2)} GB/s`.padStart(10);
const row = (label, ms, bytes) => `${label.padEnd(48)}${f(p50(ms))}${gbps(p50(ms), bytes)}   (min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)})`;
const cpu = cpus();
const ratio = p50(fromBytes) / p50(memcpy);
const grown = child.after.wasm - child.before.wasm;

console.log(
  [
    `simile snapshot benchmark: ${N.toLocaleString("en-US")} × ${DIM} f32 (bench/data.mjs clustered, seed ${opt.seed}), p50 of ${RUNS} runs`,
    `machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version} (V8 ${process.versions.v8}); ${simdEnabled() ? "SIMD" : "scalar"} build`,
    `setup: generate ${(genMs / 1000).toFixed(1)} s, upsertFlat ${(upsertMs / 1000).toFixed(2)} s; answers identical after fromBytes: ${same}`,
    "",
    `${"".padEnd(48)}${"p50".padStart(10)}${"rate".padStart(10)}`,
    row("db.toBytes()", toBytes, snapshot.length),
    row("Database.fromBytes(snapshot)", fromBytes, snapshot.length),
    row("db.loadCollection(name, collection bytes)", loadCollection, collBytes.length),
    row("memcpy: vectorBytes.slice()", memcpy, vectorBytes.length),
    row("memcpy: snapshot.slice()", memcpySnapshot, snapshot.length),
    row("memcpy into a touched buffer: dst.set(vectors)", memcpyInto, vectorBytes.length),
    `${"fromBytes / slice() of the vector bytes".padEnd(48)}${`${ratio.toFixed(2)}×`.padStart(10)}   (target ≤ 2×: ${ratio <= 2 ? "met" : "NOT met"})`,
    `${"fromBytes / set() into a touched buffer".padEnd(48)}${`${(p50(fromBytes) / p50(memcpyInto)).toFixed(2)}×`.padStart(10)}   ` +
      "(slice() pays fresh pages; fromBytes reuses wasm memory grown by earlier runs)",
    "",
    `sizes: vectors ${(vectorBytes.length / MB).toFixed(1)} MB, snapshot ${(snapshot.length / MB).toFixed(1)} MB ` +
      `(collection snapshot ${(collBytes.length / MB).toFixed(1)} MB), db.memoryBytes() ${(memoryBytes / MB).toFixed(1)} MB`,
    `loading in a fresh process: wasm memory ${(child.before.wasm / MB).toFixed(1)} → ${(child.after.wasm / MB).toFixed(1)} MB ` +
      `(+${(grown / MB).toFixed(1)} MB = ${(grown / child.snapshot).toFixed(2)}× the snapshot; the high-water mark, as wasm memory never shrinks), ` +
      `db.memoryBytes() after ${(child.memoryBytes / MB).toFixed(1)} MB; that first fromBytes (growing the memory) took ${child.ms.toFixed(1)} ms`,
    `  process: rss +${((child.after.rss - child.before.rss) / MB).toFixed(1)} MB, arrayBuffers ${(child.after.arrayBuffers / MB).toFixed(1)} MB ` +
      `(the snapshot's own ${(child.snapshot / MB).toFixed(1)} MB input buffer stays in JS until released)`,
  ].join("\n"),
);
if (sink === Infinity) console.log(""); // keep the copies observable
