// Packaging matrix, bundlers: Vite builds tests/bundler/app (which imports `simile` by name, so
// package.json `exports` picks the `browser` entry), both `.wasm` artifacts must be emitted as
// hashed assets from the `new URL(…, import.meta.url)` references, and the built page must answer
// a filtered best_score recommend and QdrantClient queries in headless Chromium with the SIMD
// artifact (and with the scalar one when the probe fails), with no console errors. Expected
// results are scored by hand below.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { start } from "../../scripts/serve-demo.mjs";
import { launchChromium } from "../support/chromium.mjs";
import { build } from "vite";
import { assertAnswers, expectedNearest, expectedRecommend, loadPage as load } from "./expect.mjs";

const APP = fileURLToPath(new URL("./app/", import.meta.url));
const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));

let tmp;
let outDir;
let assets;
let server;
let browser;

/** Serves `root` on 127.0.0.1 at a random free port; resolves to `{ url, close }`. */
async function serve(root) {
  const { origin, close } = await start({ port: 0, root, home: "/" });
  return { url: origin, close };
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "simile-vite-"));
  outDir = join(tmp, "out");
  await build({
    root: APP,
    configFile: false,
    envDir: false,
    logLevel: "warn",
    cacheDir: join(tmp, "cache"),
    build: { outDir, emptyOutDir: true },
  });
  assets = readdirSync(join(outDir, "assets"));
  server = await serve(outDir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("vite emits both wasm artifacts as hashed assets and bundles the browser entry", (t) => {
  const find = (re) => assets.filter((name) => re.test(name));
  const simd = find(/^simile_simd-[\w-]+\.wasm$/);
  const scalar = find(/^simile_scalar-[\w-]+\.wasm$/);
  const js = find(/\.js$/);
  assert.equal(simd.length, 1, `one hashed simile_simd asset in ${assets}`);
  assert.equal(scalar.length, 1, `one hashed simile_scalar asset in ${assets}`);
  assert.equal(js.length, 1, `one JS chunk in ${assets}`);
  const bytes = (file) => readFileSync(join(outDir, "assets", file));
  assert.ok(bytes(simd[0]).equals(readFileSync(join(DIST, "simile_simd.wasm"))), "simd asset = dist/simile_simd.wasm");
  assert.ok(bytes(scalar[0]).equals(readFileSync(join(DIST, "simile_scalar.wasm"))), "scalar asset = dist/simile_scalar.wasm");

  const code = bytes(js[0]).toString("utf8");
  assert.ok(code.includes(simd[0]) && code.includes(scalar[0]), "the chunk references both hashed assets");
  assert.doesNotMatch(code, /["'`]node:|readFileSync|cloudflare:/, "no Node/workerd entry in the browser bundle");

  const size = (files) => {
    const all = files.map(bytes);
    const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
    return `${kb(all.reduce((s, b) => s + b.length, 0))} (gzip ${kb(all.reduce((s, b) => s + gzipSync(b).length, 0))})`;
  };
  t.diagnostic(`js ${size(js)}; simd wasm ${size(simd)}; scalar wasm ${size(scalar)}`);
});
const loadPage = (initScript) => load(browser, server.url, initScript);

test("the built page answers in headless Chromium with the SIMD artifact, no console errors", async () => {
  // Pinned as well, so a change to data.js that moves them is noticed here.
  assert.deepEqual(expectedRecommend.map((h) => h.id), [18, 4, 15, 12, 19, 9, 16, 6]);
  assert.ok(expectedRecommend[1].score > 0 && expectedRecommend[2].score < 0, "both best_score branches");
  assert.deepEqual(expectedNearest.map((h) => h.id), [13, 10, 16, 6]);

  const { result, wasmFetched, problems } = await loadPage();
  assert.equal(result.simdSupported, true, "Chromium validates simd128");
  assert.equal(result.simdEnabled, true, "the SIMD artifact is loaded");
  assert.equal(wasmFetched.length, 1, `one artifact fetched: ${wasmFetched}`);
  assert.match(wasmFetched[0], /^\/assets\/simile_simd-[\w-]+\.wasm$/);
  assertAnswers(result);
  assert.deepEqual(problems, []);
});

test("the built page falls back to the emitted scalar asset when the SIMD probe fails", async () => {
  // An engine without simd128, as far as the probe can tell.
  const { result, wasmFetched, problems } = await loadPage(() => {
    WebAssembly.validate = () => false;
  });
  assert.equal(result.simdSupported, false);
  assert.equal(result.simdEnabled, false, "the scalar artifact is loaded");
  assert.equal(wasmFetched.length, 1, `one artifact fetched: ${wasmFetched}`);
  assert.match(wasmFetched[0], /^\/assets\/simile_scalar-[\w-]+\.wasm$/);
  assertAnswers(result);
  assert.deepEqual(problems, []);
});
