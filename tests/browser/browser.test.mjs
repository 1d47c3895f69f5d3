// Headless Chromium: a page imports the browser entry (`simile` via an import map), runs the
// shared scenario, and must log no console errors.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchChromium, watchedPage } from "../support/chromium.mjs";
import { checkSummary } from "../js/scenario.mjs";
import { startServer } from "./server.mjs";


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

test("browser entry in headless Chromium: same scenario, no console errors", async () => {
  const { page, problems } = await watchedPage(browser);

  await page.goto(`${server.url}/tests/browser/index.html`);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20_000 });
  const result = await page.evaluate(() => window.__result);
  assert.equal(result.ok, true, result.error);
  checkSummary(assert, result.summary);
  assert.deepEqual(problems, []);
  await page.close();
});
