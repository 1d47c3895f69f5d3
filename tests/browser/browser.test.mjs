// Headless Chromium: a page imports the browser entry (`simile` via an import map), runs the
// shared scenario, and must log no console errors.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { checkSummary } from "../js/scenario.mjs";
import { startServer } from "./server.mjs";

const ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ARGS,
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("browser entry in headless Chromium: same scenario, no console errors", async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()}`));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });

  await page.goto(`${server.url}/tests/browser/index.html`);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20_000 });
  const result = await page.evaluate(() => window.__result);
  assert.equal(result.ok, true, result.error);
  checkSummary(assert, result.summary);
  assert.deepEqual(problems, []);
  await page.close();
});
