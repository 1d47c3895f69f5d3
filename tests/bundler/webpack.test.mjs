// Packaging matrix, webpack 5: the same app as the Vite test (tests/bundler/app imports `simile`
// by name; webpack's `web` target picks the `browser` entry from package.json `exports`), built
// with webpack's defaults for a production web bundle. Both `.wasm` artifacts must be emitted
// from the `new URL(…, import.meta.url)` references (webpack's asset modules), top-level
// `await init()` must work, and the built page must answer like the Vite one in headless
// Chromium, with the SIMD artifact and with the scalar one when the probe fails.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import webpack from "webpack";
import { start } from "../../scripts/serve-demo.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { assertAnswers, loadPage } from "./expect.mjs";

const APP = fileURLToPath(new URL("./app/", import.meta.url));
const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));

let tmp;
let outDir;
let server;
let browser;

/** Runs webpack's Node API; rejects with its first error. */
function pack(config) {
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(stats);
    });
  });
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "simile-webpack-"));
  outDir = join(tmp, "out");
  await pack({
    mode: "production",
    context: APP,
    entry: "./main.js",
    output: { path: outDir, filename: "main.js", assetModuleFilename: "assets/[name]-[contenthash][ext]", clean: true },
    cache: false,
    infrastructureLogging: { level: "error" },
  });
  // The test app's page, pointing at the bundle (webpack does not process HTML).
  const html = readFileSync(join(APP, "index.html"), "utf8").replace("Vite", "webpack");
  writeFileSync(join(outDir, "index.html"), html);
  server = await start({ port: 0, root: outDir, home: "/" });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("webpack emits both wasm artifacts unchanged and a bundle without Node or workerd code", () => {
  const assets = readdirSync(join(outDir, "assets"));
  for (const kind of ["simd", "scalar"]) {
    const names = assets.filter((n) => new RegExp(`^simile_${kind}-\\w+\\.wasm$`).test(n));
    assert.equal(names.length, 1, `one simile_${kind} asset in ${assets}`);
    assert.ok(readFileSync(join(outDir, "assets", names[0])).equals(readFileSync(join(DIST, `simile_${kind}.wasm`))), `${kind} asset = dist`);
  }
  const code = readFileSync(join(outDir, "main.js"), "utf8");
  assert.doesNotMatch(code, /["'`]node:|readFileSync|cloudflare:/, "no Node/workerd entry in the browser bundle");
});

test("the webpack page answers in Chromium with the SIMD artifact, no console errors", async () => {
  const { result, wasmFetched, problems } = await loadPage(browser, server.origin);
  assert.equal(result.simdEnabled, true, "the SIMD artifact is loaded");
  assert.equal(wasmFetched.length, 1, `one artifact fetched: ${wasmFetched}`);
  assert.match(wasmFetched[0], /^\/assets\/simile_simd-\w+\.wasm$/);
  assertAnswers(result);
  assert.deepEqual(problems, []);
});

test("the webpack page falls back to the scalar asset when the SIMD probe fails", async () => {
  const { result, wasmFetched, problems } = await loadPage(browser, server.origin, () => {
    WebAssembly.validate = () => false;
  });
  assert.equal(result.simdEnabled, false, "the scalar artifact is loaded");
  assert.match(wasmFetched.join(), /^\/assets\/simile_scalar-\w+\.wasm$/);
  assertAnswers(result);
  assert.deepEqual(problems, []);
});
