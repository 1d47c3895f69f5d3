// workerd (the Cloudflare Workers runtime, through miniflare): the Worker imports the `.wasm`
// artifacts as compiled modules and runs the shared scenario; we fetch it over 127.0.0.1.
import assert from "node:assert/strict";
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

test("workerd entry: the Worker answers a fetch with the scenario's results", async () => {
  const url = await mf.ready;
  assert.equal(url.hostname, "127.0.0.1");
  const res = await fetch(url);
  const body = await res.json();
  assert.equal(res.status, 200, body.error);
  assert.equal(body.ok, true);
  checkSummary(assert, body.summary);
});
