// Shared steps of the demo's browser tests: the served demo and the browser of a test file,
// waiting for the page, reading the results, marking packages through the UI, and running
// axe-core (the accessibility checker) in the page.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before } from "node:test";
import { launchChromium, watchedPage } from "../support/chromium.mjs";
import { start } from "../../scripts/serve-demo.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * The demo served on a free port and one headless Chromium for the calling test file: started
 * before its tests, closed after them (call at the file's top level). `server` and `browser`
 * are set once the tests run; `open(hash, { viewport, colorScheme })` gives a fresh context's
 * page at `hash`, ready, with its problem list.
 */
export function demoSession() {
  const session = { server: null, browser: null, open };
  before(async () => {
    session.server = await start({ port: 0 });
    session.browser = await launchChromium();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  async function open(hash = "", { viewport = DESKTOP, colorScheme = "light" } = {}) {
    const context = await session.browser.newContext({ viewport, colorScheme });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${session.server.url}${hash}`);
    await waitReady(page);
    return { page, problems, context };
  }
  return session;
}

export async function waitReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.state !== "loading", null, { timeout: 60_000 });
  const state = await page.evaluate(() => document.documentElement.dataset.state);
  assert.equal(state, "ready", await page.textContent("#status-text"));
}

/** The result list as rendered: [{ id, name, section, priority, size, score }]. */
export function results(page) {
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
export async function mark(page, name, act) {
  await page.fill("#find", name);
  await page.click(`#matches li[data-name="${name}"] button[data-act="${act}"]`);
}

/** What the last query sent: { body, path }. */
export function lastQuery(page) {
  return page.evaluate(() => ({ body: window.simileDemo.last.body, path: window.simileDemo.last.path, error: window.simileDemo.last.error }));
}

/** axe-core's violations on the page as "rule: target …" lines (empty when it passes). */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`.trim()).join(" | ")}`);
}

/** The id and act of the focused element, or its tag when it has none. */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName, act: el?.dataset.act ?? null, id: el?.dataset.id ?? el?.closest("[data-id]")?.dataset.id ?? null, elementId: el?.id ?? "", zone: el?.closest("#matches,#results,#examples")?.id ?? null };
  });
}
