// simile/worker in headless Chromium: a 100,000 × 384 upsert runs in a Web Worker while the page
// keeps painting. Frames must keep coming: at most one gap between animation frames above 50 ms
// (a busy two-core CI machine may deschedule the page once) and none above 250 ms. The same
// upsert on the main thread blocks frames for its whole duration (~0.7 s here).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startServer } from "../browser/server.mjs";
import { launchChromium, watchedPage } from "../support/chromium.mjs";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("a 100k upsert in the worker does not block animation frames", async () => {
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/tests/worker/index.html`);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 120_000 });
  const result = await page.evaluate(() => window.__result);
  assert.equal(result.ok, true, result.error);
  const s = result.summary;
  console.log(`worker upsert 100,000 × 384: ${s.upsertMs.toFixed(0)} ms, ${s.frames} frames, longest frame gap ${s.maxGap.toFixed(1)} ms`, JSON.stringify(s.long));
  assert.equal(s.count, 100_000);
  assert.equal(s.progress, 100_000);
  assert.equal(s.detached, true, "vectors transferred to the worker");
  assert.ok(s.frames > 1, "frames were painted during the upsert");
  assert.ok(s.long.length <= 1 && s.maxGap < 250, `frames were blocked: ${JSON.stringify(s.long)} ([start ms, gap ms])`);
  assert.deepEqual(problems, []);
  await page.close();
});
