// The Chromium half of bench/hnsw_million.mjs: `window.runBench({ snapshot, queries, name })`
// loads the package's browser entry, fetches the snapshot, loads it into a fresh Database and
// runs the queries (bench/million/measure.mjs); resolves to the same figures as the Node half.
import { Database, init, simdEnabled } from "simile";
// The glue module the browser entry loaded (same URL, same instance): once initialised,
// `initSync()` returns the wasm exports, whose memory is the instance's linear memory.
import { initSync } from "/dist/simile.js";
import { measureLoaded } from "./measure.mjs";

const wasmMemoryBytes = () => initSync().memory.buffer.byteLength;

async function runBench({ snapshot, queries, name }) {
  await init();
  const db = new Database();
  db.setMemoryBudget(2 ** 32 - 1); // the most a wasm32 instance can address
  const wasmBefore = wasmMemoryBytes();

  let t = performance.now();
  const res = await fetch(snapshot);
  if (!res.ok) throw new Error(`${snapshot}: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const readMs = performance.now() - t;
  t = performance.now();
  db.loadCollection(name, bytes);
  const loadMs = performance.now() - t;

  const heap = () => ({ jsHeapBytes: performance.memory?.usedJSHeapSize }); // Chromium only
  return {
    runtime: `Chromium ${navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? "?"}`,
    simd: simdEnabled(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    readMs,
    loadMs,
    wasmBefore,
    ...measureLoaded({ Database, db, name, bytes, queries, wasmMemoryBytes, heap }),
  };
}

window.runBench = runBench;
