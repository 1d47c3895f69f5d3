// Headless Chromium (playwright-core, Debian's chromium): a page served from 127.0.0.1 builds a
// collection and stores its snapshot in IndexedDB (collection snapshot) and OPFS (database
// snapshot); after a reload it restores from both, without rebuilding, and must give the same
// answers. The restored page also fetches the committed v1 fixture over HTTP. No console errors.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchChromium, watchedPage } from "../support/chromium.mjs";
import { start } from "../../scripts/serve-demo.mjs";
import { compareResult, loadCases } from "../support/golden.mjs";


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

async function result(page) {
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20_000 });
  const r = await page.evaluate(() => window.__result);
  assert.equal(r.ok, true, r.error);
  return r;
}

test("Chromium: snapshot in IndexedDB and OPFS survives a reload and answers the same", async () => {
  const context = await browser.newContext(); // a fresh profile: empty IndexedDB and OPFS
  const { page, problems } = await watchedPage(context);

  await page.goto(`${server.origin}/tests/browser-snapshot/index.html`);
  const saved = await result(page);
  assert.equal(saved.phase, "saved");
  assert.equal(saved.answers.length, 4);
  for (const a of saved.answers) assert.ok(a.points.length > 0);

  await page.reload();
  const restored = await result(page);
  assert.equal(restored.phase, "restored", "the reloaded page found the snapshot in IndexedDB");
  assert.equal(restored.storedType, "Uint8Array");
  assert.deepEqual(restored.answers, saved.answers, "IndexedDB → loadCollection answers like the original");

  // OPFS on http://127.0.0.1 (a secure context): Chromium supports it; if a build does not,
  // the page says why and that part is skipped.
  if (restored.opfs.available) {
    assert.deepEqual(restored.opfsAnswers, saved.answers, "OPFS → Database.fromBytes answers like the original");
  } else {
    assert.equal(typeof restored.opfs.reason, "string");
    console.log(`OPFS skipped: ${restored.opfs.reason}`);
  }
  console.log(
    `Chromium: collection snapshot ${saved.bytes} bytes; restore from IndexedDB ${restored.restoreMs.toFixed(1)} ms; ` +
      `OPFS ${restored.opfs.available ? "restored" : `skipped (${restored.opfs.reason})`}`,
  );

  const c = loadCases().find((x) => x.name === "035_search_nearest_vec_cosine");
  compareResult(c, restored.fixture.result);
  assert.deepEqual(problems, []);
  await context.close();
});
