// The Node half of bench/hnsw_million.mjs, run in a child process so the wasm instance is new:
// linear memory only grows, so its size after loading is the load's high-water mark, not the
// build's. Loads the snapshot into a fresh Database, runs the queries (bench/million/measure.mjs)
// and prints one JSON object on stdout.
//
//   node bench/million/node.mjs <collection.snapshot> <queries.json> <collection name>
import { readFileSync } from "node:fs";
import { Database, simdEnabled } from "simile";
import { initSync } from "../../dist/simile.js";
import { measureLoaded } from "./measure.mjs";

const [snapshotPath, queriesPath, name] = process.argv.slice(2);
/** The instance's wasm exports (the glue returns them once initialised). */
const wasmMemoryBytes = () => initSync().memory.buffer.byteLength;

const { queries } = JSON.parse(readFileSync(queriesPath, "utf8"));
const db = new Database();
db.setMemoryBudget(2 ** 32 - 1); // the most a wasm32 instance can address
const wasmBefore = wasmMemoryBytes();

let t = performance.now();
const bytes = new Uint8Array(readFileSync(snapshotPath));
const readMs = performance.now() - t;
t = performance.now();
db.loadCollection(name, bytes);
const loadMs = performance.now() - t;

const heap = () => ({ rssBytes: process.memoryUsage().rss, jsHeapBytes: process.memoryUsage().heapUsed });
const result = {
  runtime: `Node ${process.versions.node}`,
  simd: simdEnabled(),
  readMs,
  loadMs,
  wasmBefore,
  ...measureLoaded({ Database, db, name, bytes, queries, wasmMemoryBytes, heap }),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
