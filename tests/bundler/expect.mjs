// What the bundled test app (tests/bundler/app) must answer, scored by hand, and how a built
// page is loaded in Chromium: shared by the Vite and webpack builds of the packaging matrix.
import assert from "node:assert/strict";
import { watchedPage } from "../support/chromium.mjs";
import * as app from "./app/data.js";

// ---- expected results, scored by hand (Dot on small integer vectors: exact similarities) ----

const vectorOf = (example) => (Array.isArray(example) ? example : app.points.find((p) => p.id === example).vector);
const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
const scaledSigmoid = (x) => 0.5 * (x / (1 + Math.abs(x)) + 1);
const passes = ({ payload }) => payload.price >= 4 && payload.color !== "blue"; // app.filter
const idExamples = [...app.recommend.positive, ...app.recommend.negative].filter((e) => !Array.isArray(e));

/** Top `limit` by score; asserts the cut and the order are free of ties (so they are unique). */
function top(scored, limit) {
  scored.sort((a, b) => b.score - a.score);
  for (let i = 0; i < Math.min(limit, scored.length - 1); i++) {
    assert.ok(scored[i].score - scored[i + 1].score > 1e-4, `reference tie at rank ${i}`);
  }
  return scored.slice(0, limit).map(({ id, score, payload }) => ({ id, score, payload }));
}

// best_score: sigmoid(max positive) when it beats max negative, else −sigmoid(max negative).
export const expectedRecommend = top(
  app.points
    .filter((p) => passes(p) && !idExamples.includes(p.id))
    .map(({ id, vector, payload }) => {
      const maxP = Math.max(...app.recommend.positive.map((e) => dot(vectorOf(e), vector)));
      const maxN = Math.max(...app.recommend.negative.map((e) => dot(vectorOf(e), vector)));
      return { id, payload, score: maxP > maxN ? scaledSigmoid(maxP) : -scaledSigmoid(maxN) };
    }),
  app.recommendLimit,
);
export const expectedNearest = top(
  app.points.filter(passes).map(({ id, vector, payload }) => ({ id, payload, score: dot(app.nearest, vector) })),
  app.nearestLimit,
);

function assertHits(actual, expected, what) {
  assert.deepEqual(
    actual.map((h) => h.id),
    expected.map((h) => h.id),
    `${what}: ids in order`,
  );
  actual.forEach((h, i) => {
    assert.ok(Math.abs(h.score - expected[i].score) < 1e-6, `${what}[${i}] score ${h.score} ≈ ${expected[i].score}`);
    assert.deepEqual(h.payload, expected[i].payload, `${what}[${i}] payload`);
  });
}

/** Loads the built page (after `initScript`, if any); returns its JSON, the `.wasm` paths it
 *  fetched and any console errors/warnings, page errors or failed requests. */
export async function loadPage(browser, url, initScript) {
  const { page, problems } = await watchedPage(browser);
  if (initScript) await page.addInitScript(initScript);
  const wasmFetched = [];
  page.on("response", (res) => {
    if (res.url().endsWith(".wasm")) wasmFetched.push(new URL(res.url()).pathname);
  });
  try {
    await page.goto(`${url}/`);
    await page.waitForFunction(() => document.body.dataset.ready === "1", null, { timeout: 20_000 });
    const result = JSON.parse(await page.textContent("#out"));
    assert.equal(result.error, undefined, result.error);
    return { result, wasmFetched, problems };
  } finally {
    await page.close();
  }
}

export function assertAnswers(result) {
  assert.equal(result.count, app.points.length);
  assertHits(result.recommend, expectedRecommend, "POST /points/recommend");
  assertHits(result.clientRecommend, expectedRecommend, "QdrantClient.query recommend");
  assertHits(result.clientNearest, expectedNearest, "QdrantClient.query nearest");
}

