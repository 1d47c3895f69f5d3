// The Vite recipe for simile/worker: import `createWorkerClient` by package name; Vite builds
// the worker from `new Worker(new URL(…, import.meta.url))` inside the package (no top-level
// await anywhere, so its default iife worker format works) and copies the wasm it loads.
import { createWorkerClient } from "simile/worker";

const out = document.getElementById("out");

async function main() {
  const client = await createWorkerClient();
  await client.createCollection("books", { vectors: { size: 2, distance: "Dot" } });
  await client.upsertFlat("books", Uint32Array.from([1, 2, 3]), Float32Array.from([1, 0, 0, 1, 0.7, 0.7]));
  const hits = await client.query("books", { query: [1, 0.1], limit: 2 });
  let error;
  try {
    await client.getCollection("nope");
  } catch (err) {
    error = err.status;
  }
  await client.terminate();
  return { ids: hits.points.map((p) => p.id), error };
}

main().then(
  (result) => (out.textContent = JSON.stringify(result)),
  (err) => (out.textContent = JSON.stringify({ error: String(err?.stack ?? err) })),
).finally(() => (document.body.dataset.ready = "1"));
