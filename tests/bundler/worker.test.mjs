// Packaging matrix, Vite + simile/worker: the recipe app (tests/bundler/worker-app) builds with
// Vite's defaults, the worker chunk and the wasm are emitted, and the built page answers from
// the worker in headless Chromium with no console errors.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { start } from "../../scripts/serve-demo.mjs";
import { launchChromium, watchedPage } from "../support/chromium.mjs";

const APP = fileURLToPath(new URL("./worker-app/", import.meta.url));
let tmp;
let outDir;
let server;
let browser;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "simile-vite-worker-"));
  outDir = join(tmp, "out");
  await build({ root: APP, configFile: false, envDir: false, logLevel: "warn", cacheDir: join(tmp, "cache"), build: { outDir, emptyOutDir: true } });
  const { origin, close } = await start({ port: 0, root: outDir, home: "/" });
  server = { url: origin, close };
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("vite builds the worker recipe; the page answers from the worker", async () => {
  const assets = readdirSync(join(outDir, "assets"));
  assert.ok(assets.some((a) => /^browser-host-[\w-]+\.js$/.test(a)), `a worker chunk in ${assets}`);
  assert.ok(assets.some((a) => /\.wasm$/.test(a)), `the wasm in ${assets}`);
  const { page, problems } = await watchedPage(browser);
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => document.body.dataset.ready === "1", null, { timeout: 30_000 });
  const result = JSON.parse(await page.textContent("#out"));
  assert.deepEqual(result, { ids: [1, 3], error: 404 });
  assert.deepEqual(problems, []);
  await page.close();
});
