// workerd (the Cloudflare Workers runtime, through miniflare): the Worker imports the `.wasm`
// artifacts as compiled modules and runs the shared scenario; we fetch it over 127.0.0.1.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { startWorker } from "./miniflare.mjs";
import { checkSummary } from "../js/scenario.mjs";

let mf;

before(async () => {
  mf = startWorker(fileURLToPath(new URL("./worker.js", import.meta.url)));
});

after(async () => {
  await mf?.dispose();
});

test("the workerd entry imports one artifact, the SIMD one", () => {
  const source = readFileSync(new URL("../../js/workerd.js", import.meta.url), "utf8");
  const wasm = [...source.matchAll(/^import\s+\w+\s+from\s+"([^"]+\.wasm)"/gm)].map((m) => m[1]);
  assert.deepEqual(wasm, ["../dist/simile_simd.wasm"]);
});

test("workerd entry: the Worker answers a fetch with the scenario's results", async () => {
  const url = await mf.ready;
  assert.equal(url.hostname, "127.0.0.1");
  const res = await fetch(url);
  const body = await res.json();
  assert.equal(res.status, 200, body.error);
  assert.equal(body.ok, true);
  checkSummary(assert, body.summary);
});
