// The in-browser demo (www/) in headless Chromium: it loads, recommends, discovers and filters
// through its UI, works offline once loaded, fits a phone, and logs no console errors.
// Needs a build (dist/) and the vendored data (www/data/). Saves tests/demo/artifacts/demo.png.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { launchChromium, watchedPage } from "../support/chromium.mjs";
import { start } from "../../scripts/serve-demo.mjs";

const ARTIFACTS = new URL("artifacts/", import.meta.url);
const EDITORS = ["neovim", "nano", "emacs-gtk", "emacs-nox", "mg", "zile", "jed", "joe", "kate", "gedit",
  "vim-runtime", "micro", "mousepad", "featherpad", "xjed", "tilde", "bvi", "hyx", "fte-terminal"];

let server;
let browser;

before(async () => {
  server = await start({ port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records every console error/warning, page error, failed request and HTTP error. */
const openPage = watchedPage;

async function waitReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.state !== "loading", null, { timeout: 20_000 });
  const state = await page.evaluate(() => document.documentElement.dataset.state);
  assert.equal(state, "ready", await page.textContent("#status-text"));
}

/** The result list as rendered: [{ id, name, section, priority, size, score }]. */
function results(page) {
  return page.$$eval("#results > li", (rows) =>
    rows.map((r) => ({
      id: Number(r.dataset.id),
      name: r.dataset.name,
      section: r.dataset.section,
      priority: r.dataset.priority,
      size: Number(r.dataset.size),
      score: Number(r.dataset.score),
    })),
  );
}

/** Types `name` into the finder and presses the match's `act` button (pos, neg, target). */
async function mark(page, name, act) {
  await page.fill("#find", name);
  await page.click(`#matches li[data-name="${name}"] button[data-act="${act}"]`);
}

/** The request panel's JSON (after the `POST /collections/...` line) must equal what ran. */
async function checkRequestPanel(page) {
  const text = await page.textContent("#request");
  const [line, ...json] = text.split("\n");
  assert.equal(line, "POST /collections/debian/points/query");
  const shown = JSON.parse(json.join("\n"));
  assert.deepEqual(shown, await page.evaluate(() => window.simileDemo.last.body));
  return shown;
}

test("demo: recommend, discover, context and filters in headless Chromium", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await openPage(context);

  const t0 = Date.now();
  await page.goto(server.url);
  await waitReady(page);
  const wall = Date.now() - t0;
  const demo = await page.evaluate(() => ({ loadMs: window.simileDemo.loadMs, simd: window.simileDemo.simd }));
  t.diagnostic(`ready ${Math.round(demo.loadMs)} ms after navigation (${wall} ms wall clock), ${demo.simd ? "SIMD" : "scalar"} build`);
  assert.equal(demo.simd, true, "Chromium validates wasm SIMD, so the SIMD artifact must be loaded");
  assert.equal(await page.textContent("#engine"), "wasm SIMD");
  assert.ok((await results(page)).length > 0, "the default view (vim liked) shows results");

  // Everything below runs with the network off: the page must not need it once loaded.
  await context.setOffline(true);

  await page.click("#clear");
  assert.deepEqual(await results(page), []);
  assert.match(await page.textContent("#meta"), /mark a package/);

  // Like two text editors.
  await mark(page, "vim", "pos");
  const onlyVim = await results(page);
  assert.equal(onlyVim.length, 20);
  await mark(page, "emacs", "pos");
  const liked = await results(page);
  assert.equal(liked.length, 20);
  assert.notDeepEqual(liked.map((r) => r.id), onlyVim.map((r) => r.id), "liking emacs changes the results");
  const names = liked.map((r) => r.name);
  assert.ok(!names.includes("vim") && !names.includes("emacs"), "examples are not returned");
  const editors = liked.filter((r) => r.section === "editors").length;
  assert.ok(editors >= 12, `at least 12 of 20 results in section editors, got ${editors}: ${names.join(", ")}`);
  const known = EDITORS.filter((n) => names.includes(n));
  assert.ok(known.length >= 5, `other well-known editors among the results, got ${known.join(", ")}`);
  for (let i = 1; i < liked.length; i++) assert.ok(liked[i - 1].score >= liked[i].score, "best first");
  assert.match(await page.textContent("#query-ms"), /^\d+(\.\d)? ms$/);
  let body = await checkRequestPanel(page);
  assert.equal(body.query.recommend.strategy, "average_vector");
  assert.equal(body.query.recommend.positive.length, 2);

  // Another strategy, then a negative example from the results themselves.
  await page.selectOption("#strategy", "best_score");
  const best = await results(page);
  assert.notDeepEqual(best.map((r) => r.score), liked.map((r) => r.score), "best_score scores differ");
  assert.equal((await checkRequestPanel(page)).query.recommend.strategy, "best_score");
  const disliked = best[0];
  await page.click(`#results li[data-id="${disliked.id}"] button[data-act="neg"]`);
  const steered = await results(page);
  assert.ok(!steered.some((r) => r.id === disliked.id), "the disliked package leaves the results");
  assert.deepEqual((await checkRequestPanel(page)).query.recommend.negative, [disliked.id]);

  // Filters: section (match.any), priority (match.value), installed size (range).
  await page.click("#sections > summary");
  await page.check('#section-list input[value="editors"]');
  const inEditors = await results(page);
  assert.ok(inEditors.length > 0);
  assert.ok(inEditors.every((r) => r.section === "editors"), "section filter respected");
  assert.match(await page.textContent("#filter-count"), /^107 of 20,000 packages/);
  body = await checkRequestPanel(page);
  assert.deepEqual(body.filter, { must: [{ key: "section", match: { any: ["editors"] } }] });
  await page.selectOption("#priority", "optional");
  await page.$eval("#size-max", (el) => {
    el.value = "7"; // stops: 0, 16, 32, …: index 7 = 1024 KiB
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  const small = await results(page);
  assert.ok(small.length > 0);
  assert.ok(small.every((r) => r.section === "editors" && r.priority === "optional" && r.size <= 1024), JSON.stringify(small));
  body = await checkRequestPanel(page);
  assert.deepEqual(body.filter.must.slice(1), [
    { key: "priority", match: { value: "optional" } },
    { key: "installed_size_kib", range: { lte: 1024 } },
  ]);
  await page.click("#clear-filters");
  assert.equal(await page.textContent("#section-summary"), "any");

  // Discovery: like vim, but rather a GUI editor than a terminal one.
  await page.click('#modes button[data-mode="discover"]');
  await page.click("#clear");
  await mark(page, "vim", "target");
  const aroundVim = await results(page);
  await mark(page, "gedit", "pos");
  await mark(page, "nano", "neg");
  await mark(page, "kate", "pos");
  await mark(page, "micro", "neg");
  const discovered = await results(page);
  assert.equal(discovered.length, 20);
  assert.notDeepEqual(discovered.map((r) => r.id), aroundVim.map((r) => r.id), "context pairs change the ranking");
  assert.ok(discovered[0].score >= 2, `top result satisfies both pairs (rank 2 + similarity), got ${discovered[0].score}`);
  body = await checkRequestPanel(page);
  assert.equal(body.query.discover.target, await page.evaluate(() => Number(document.querySelector('#examples .chip.target').dataset.id)));
  assert.equal(body.query.discover.context.length, 2);

  // ...combined with a filter.
  await page.check('#section-list input[value="editors"]');
  const discoveredEditors = await results(page);
  assert.ok(discoveredEditors.length > 0 && discoveredEditors.every((r) => r.section === "editors"));
  assert.ok(discoveredEditors.map((r) => r.name).includes("emacs-gtk"), "emacs-gtk: a GUI editor near vim");

  await page.click("#json > summary");
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: new URL("demo.png", ARTIFACTS).pathname, fullPage: true });

  // Context only: the same pairs without the target; scores are ≤ 0, the filter still applies.
  await page.click('#modes button[data-mode="context"]');
  const ctx = await results(page);
  assert.ok(ctx.length > 0 && ctx.every((r) => r.score <= 0 && r.section === "editors"));
  body = await checkRequestPanel(page);
  assert.equal(body.query.context.length, 2);
  // Every mode's examples and the strategy stay in the URL (switching back loses nothing).
  assert.match(page.url(), /#mode=context&strategy=best_score&target=vim&pairs=gedit~nano,kate~micro&section=editors$/);

  // A phone-sized viewport: no horizontal scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 390px`);

  assert.deepEqual(problems, []);
  await context.close();
});

test("demo: the URL fragment restores a view", async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const { page, problems } = await openPage(context);
  await page.goto(`${server.url}#mode=discover&target=vim&pairs=gedit~nano,kate~micro,mousepad~joe&section=editors`);
  await waitReady(page);
  assert.equal(await page.getAttribute('#modes button[data-mode="discover"]', "aria-pressed"), "true");
  const rows = await results(page);
  assert.ok(rows.length > 0 && rows.every((r) => r.section === "editors"));
  assert.ok(rows[0].score >= 3, `top result satisfies all three pairs, got ${rows[0].score}`);
  assert.deepEqual(problems, []);
  await context.close();
});
