// The demo's headline features in headless Chromium: the hybrid search box (BM25, the dense
// model when there is one, likes turning it into recommend), "why this result", the map, the
// speed panel, the diversity and grouping toggles, an offline reload, and axe-core with no
// violations in light and dark, desktop and phone. Screenshots go to tests/demo/artifacts/, and
// to docs/ (the README's demo*.png) with SIMILE_DOCS_SCREENSHOTS=1.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { test } from "node:test";
import { watchedPage } from "../support/chromium.mjs";
import { start } from "../../scripts/serve-demo.mjs";
import { axeViolations, demoSession, DESKTOP, lastQuery, PHONE, results, waitReady } from "./steps.mjs";

const SHOTS = process.env.SIMILE_DOCS_SCREENSHOTS === "1" ? new URL("../../docs/", import.meta.url) : new URL("artifacts/", import.meta.url);
const MODEL_FILE = "/www/data/all-minilm-l6-v2.bin";

const demo = demoSession();
const { open } = demo;

/** Waits for the BM25 index (built after the page is ready). */
const bm25Ready = (page) => page.waitForFunction(() => document.documentElement.dataset.bm25 === "ready", null, { timeout: 60_000 });

/** Waits until the sentence model is loaded or has failed (it redraws the page when it loads). */
const modelSettled = (page) => page.waitForFunction(() => ["ready", "failed"].includes(window.simileDemo.model.status), null, { timeout: 120_000 });

/** Points the mouse at package `id` on the map (scrolled into view) and returns the map tip.
 *  Retried: a late layout change (a status line appearing) can move the map under the pointer. */
async function hoverPoint(page, id) {
  for (let attempt = 0; ; attempt++) {
    await page.$eval("#map", (c) => c.scrollIntoView({ block: "center" }));
    const { x, y } = await page.evaluate((point) => {
      const canvas = document.querySelector("#map");
      const rect = canvas.getBoundingClientRect();
      const at = window.simileDemo.mapPoint(point);
      return { x: rect.left + canvas.clientLeft + at.x, y: rect.top + canvas.clientTop + at.y };
    }, id);
    await page.mouse.move(x - 3, y - 3);
    await page.mouse.move(x, y, { steps: 3 });
    try {
      await page.waitForFunction(() => document.querySelector("#map-tip b"), null, { timeout: 3_000 });
      return page.textContent("#map-tip");
    } catch (err) {
      if (attempt === 2) throw err;
    }
  }
}

/** Problems other than the model file's absence (the BM25-only fallback this build tests). */
const realProblems = (problems) => problems.filter((p) => !p.includes(MODEL_FILE) && !/status of 404/.test(p));

test("hybrid search box: BM25 (+ dense when loaded) fused with RRF; likes add recommend", async (t) => {
  const { page, problems, context } = await open("#mode=recommend");
  await page.click("#clear");
  await bm25Ready(page);
  await page.fill("#text", "photo editor");
  await page.waitForFunction(() => window.simileDemo.last.body?.query?.text === "photo editor" || window.simileDemo.last.body?.prefetch);
  await modelSettled(page);
  const model = await page.evaluate(() => ({ ...window.simileDemo.model }));
  const note = await page.textContent("#text-model");
  let { body } = await lastQuery(page);
  if (model.status === "ready") {
    t.diagnostic(`sentence model loaded in ${Math.round(model.ms)} ms (${(model.bytes / 1e6).toFixed(1)} MB)`);
    assert.deepEqual(body.query, { fusion: "rrf" });
    assert.deepEqual(body.prefetch.map((p) => p.using ?? "dense"), ["bm25", "dense"]);
  } else {
    t.diagnostic(`no sentence model: ${model.error}`);
    assert.match(note, /^BM25 only: /, "the fallback is visible");
    assert.deepEqual(body.query, { text: "photo editor", model: "qdrant/bm25" });
    assert.equal(body.using, "bm25");
  }
  const found = await results(page);
  assert.ok(found.length > 0);
  const names = found.map((r) => r.name);
  assert.ok(names.some((n) => /gimp|photo|image|darktable|shotwell|rawtherapee/.test(n)), names.join(", "));
  // A 👍 turns it into recommend + text, fused.
  await page.click(`#results li[data-id="${found[0].id}"] button[data-act="pos"]`);
  ({ body } = await lastQuery(page));
  assert.deepEqual(body.query, { fusion: "rrf" });
  assert.deepEqual(body.prefetch[0].query.recommend.positive, [found[0].id]);
  assert.deepEqual(body.prefetch[1].query, { text: "photo editor", model: "qdrant/bm25" });
  assert.match(page.url(), /q=photo%20editor/);
  // The request panel is the exact JSON that ran.
  const [line, ...json] = (await page.textContent("#request")).split("\n");
  assert.equal(line, "POST /collections/debian/points/query");
  assert.deepEqual(JSON.parse(json.join("\n")), body);
  const ms = await page.evaluate(() => window.simileDemo.last.ms);
  t.diagnostic(`hybrid query (${body.prefetch.map((p) => Object.keys(p.query).includes("recommend") ? "recommend" : p.using ?? "dense").join(" + ")}, RRF): ${ms.toFixed(1)} ms`);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

/** The first result's "why" text once it matches `pattern`: opens its details (again, if a new
 *  answer re-rendered the list after the click) and waits for the text to be filled in. */
async function firstWhy(page, pattern) {
  const sel = "#results > li:first-child .why";
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.evaluate((s) => {
      const details = document.querySelector(s);
      if (details && !details.open) details.querySelector("summary").click();
    }, sel);
    const filled = await page
      .waitForFunction(([s, src]) => new RegExp(src).test(document.querySelector(`${s}-body`)?.textContent ?? ""), [sel, pattern.source], { timeout: 5_000 })
      .then(() => true, () => false);
    if (filled) break;
  }
  return (await page.textContent(`${sel}-body`)) ?? "";
}

test("why this result: closest example, cosines, ✓/✗ per pair, matched BM25 terms", async () => {
  const { page, problems, context } = await open("#mode=recommend&pos=vim,emacs&neg=nano");
  await bm25Ready(page);
  let why = await firstWhy(page, /Closest example/);
  assert.match(why, /Closest example: (vim|emacs|nano) \(.*cosine 0\.\d{3}\)/);
  for (const name of ["vim", "emacs", "nano"]) assert.match(why, new RegExp(`${name}: cosine -?\\d\\.\\d{3}`));
  // Discover: one ✓/✗ per pair, and the cosine to the target.
  await page.goto(`${demo.server.url}#mode=discover&target=vim&pairs=gedit~nano,kate~micro`);
  await page.waitForFunction(() => document.body.dataset.mode === "discover" && document.querySelectorAll("#results > li").length);
  why = await firstWhy(page, /cosine to the target/);
  assert.match(why, /cosine to the target vim: 0\.\d{3}/);
  assert.match(why, /Context pairs satisfied: 2 of 2/, "the top result (score ≥ 2) satisfies both");
  assert.equal(await page.$$eval("#results > li:first-child .why-body .mark", (m) => m.map((x) => x.textContent).join("")), "✓✓");
  // Text: the typed words BM25 found.
  await page.goto(`${demo.server.url}#mode=recommend&q=chess%20engine`);
  await page.waitForFunction(() => document.body.dataset.mode === "recommend" && document.querySelectorAll("#results > li").length);
  await modelSettled(page);
  why = await firstWhy(page, /BM25 terms matched/);
  assert.match(why, /BM25 terms matched: (chess|engine) \(\d+\.\d\d\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("map: every package drawn, the query lit up, hover names a package", async () => {
  const { page, problems, context } = await open("#mode=discover&target=vim&pairs=gedit~nano");
  const painted = await page.$eval("#map", (canvas) => {
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
  assert.ok(painted > 5000, `${painted} painted pixels`);
  assert.match(await page.getAttribute("#map", "aria-label"), /20 results and 500 top candidates lit/);
  const [first] = await results(page);
  const tip = await hoverPoint(page, first.id);
  assert.ok(tip.length > 5 && !/Hover a point/.test(tip), tip);
  assert.deepEqual(problems, []);
  await context.close();
});

test("speed panel: scan size and time, warm median, load breakdown, 1,000 queries", async (t) => {
  const { page, problems, context } = await open("#mode=recommend&pos=vim");
  assert.match(await page.textContent("#speed-scan"), /^20,000 × 384 scanned in \d+\.\d ms$/);
  await page.selectOption("#strategy", "best_score");
  await page.selectOption("#strategy", "sum_scores");
  assert.match(await page.textContent("#speed-median"), /^\d+\.\d ms median over \d+ warm queries$/);
  const steps = await page.$$eval("#speed-load li", (li) => li.map((x) => x.textContent));
  assert.ok(steps.some((s) => /^wasm compiled.*: \d+ ms$/.test(s)) && steps.some((s) => /^first query shown: \d+ ms$/.test(s)), steps.join("; "));
  await page.click("#bench");
  await page.waitForFunction(() => /queries\/s$/.test(document.querySelector("#bench-result").textContent), null, { timeout: 120_000 });
  const bench = await page.textContent("#bench-result");
  t.diagnostic(bench);
  assert.match(bench, /^1,000 queries .*median \d+\.\d\d ms, p95 \d+\.\d\d ms, [\d,]+ queries\/s$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("toggles: diversity (MMR) and one result per section (groups)", async () => {
  const { page, problems, context } = await open("#mode=recommend&pos=vim");
  const plain = await results(page);
  await page.check("#diversity");
  let { body, path } = await lastQuery(page);
  assert.deepEqual(body.query.mmr, { diversity: 0.5 });
  assert.equal(path, "query");
  const diverse = await results(page);
  assert.notDeepEqual(diverse.map((r) => r.id), plain.map((r) => r.id), "MMR reorders");
  assert.match(page.url(), /mmr=1/);
  await page.check("#grouped");
  ({ body, path } = await lastQuery(page));
  assert.equal(path, "query/groups");
  assert.equal(body.group_by, "section");
  const grouped = await results(page);
  assert.ok(grouped.length > 1);
  assert.equal(new Set(grouped.map((r) => r.section)).size, grouped.length, "one per section");
  assert.deepEqual(problems, []);
  await context.close();
});

test("phone: search box, why this result, map hover, toggles and speed all work at 390 px", async () => {
  const { page, problems, context } = await open("#mode=recommend", { viewport: PHONE });
  await bm25Ready(page);
  await page.fill("#text", "chess");
  await modelSettled(page);
  await page.waitForFunction(() => window.simileDemo.last.body && JSON.stringify(window.simileDemo.last.body).includes("chess"));
  const top = await page.$eval("#results > li", (li) => li.getBoundingClientRect().top + window.scrollY);
  assert.ok(top < PHONE.height, `first result at ${Math.round(top)} px`);
  assert.ok((await results(page)).some((r) => /chess/.test(r.name)));
  // Tapped as a phone user would; firstWhy then reads it once filled in (reopening it if a
  // late answer re-rendered the list).
  await page.click("#results > li:first-child .why summary");
  assert.match(await firstWhy(page, /BM25 terms matched: chess/), /BM25 terms matched: chess/);
  await page.check("#grouped");
  assert.equal((await lastQuery(page)).path, "query/groups");
  const [first] = await results(page);
  await hoverPoint(page, first.id);
  assert.match(await page.textContent("#speed-scan"), /× 384 scanned in/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test("offline: after one visit, a reload works with the server gone", async () => {
  const own = await start({ port: 0 });
  const context = await demo.browser.newContext({ viewport: DESKTOP });
  const { page } = await watchedPage(context);
  await page.goto(`${own.url}#mode=recommend&pos=gimp`);
  await waitReady(page);
  await page.waitForFunction(() => window.simileDemo.offline === true, null, { timeout: 60_000 });
  await own.close();
  await page.reload();
  await waitReady(page);
  assert.ok((await results(page)).length > 0);
  assert.equal(await page.textContent("#engine"), "wasm SIMD");
  await context.close();
});

test("axe: no violations in light and dark, desktop and phone; screenshots for the docs", async () => {
  const views = [
    { name: "demo.png", viewport: DESKTOP, colorScheme: "light", hash: "#mode=discover&target=vim&pairs=gedit~nano,kate~micro&section=editors" },
    { name: "demo-dark.png", viewport: DESKTOP, colorScheme: "dark", hash: "#mode=recommend&q=photo%20editor&pos=gimp" },
    { name: "demo-phone.png", viewport: PHONE, colorScheme: "light", hash: "#mode=recommend&pos=vim,emacs" },
    { name: null, viewport: PHONE, colorScheme: "dark", hash: "#mode=context&pairs=gedit~nano" },
  ];
  for (const view of views) {
    const { page, problems, context } = await open(view.hash, view);
    await bm25Ready(page);
    if (view.hash.includes("q=")) await modelSettled(page);
    // The explanation open and filled in (any text) before axe and the screenshot.
    await firstWhy(page, /\S/);
    const where = `${view.colorScheme} ${view.viewport.width}px ${view.hash}`;
    assert.deepEqual(await axeViolations(page), [], where);
    if (view.name) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: new URL(view.name, SHOTS).pathname, type: "png" });
    }
    assert.deepEqual(realProblems(problems), [], where);
    await context.close();
  }
});
