// Database.open in headless Chromium, with OPFS and with IndexedDB: a database written by one
// page is restored by the next with the same answers; a page closed while saving a bigger
// state leaves the previous state or the new one, and the next page opens it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startServer } from "../browser/server.mjs";
import { launchChromium, watchedPage } from "../support/chromium.mjs";

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

async function step(context, store, name, { waitFor = "__result" } = {}) {
  const { page, problems } = await watchedPage(context);
  await page.goto(`${server.url}/tests/persist/index.html?store=${store}&step=${name}`);
  await page.waitForFunction((key) => window[key] !== undefined, waitFor, { timeout: 60_000 });
  const result = await page.evaluate(() => window.__result);
  return { page, problems, result };
}

for (const store of ["opfs", "indexeddb"]) {
  test(`${store}: written, reloaded, same answers; closed mid-save, still opens`, async () => {
    const context = await browser.newContext();
    try {
      const written = await step(context, store, "write");
      assert.equal(written.result.ok, true, written.result.error);
      await written.page.close();
      const read = await step(context, store, "read");
      assert.equal(read.result.ok, true, read.result.error);
      assert.deepEqual(read.result.summary, written.result.summary);
      assert.equal(read.result.summary.count, 1000);
      assert.deepEqual(read.problems, []);
      await read.page.close();

      const big = await step(context, store, "big", { waitFor: "__saving" });
      await big.page.close({ runBeforeUnload: false }); // mid-save
      const after = await step(context, store, "read");
      assert.equal(after.result.ok, true, after.result.error);
      assert.ok([1000, 201_000].includes(after.result.summary.count), `previous or new state: ${after.result.summary.count}`);
      console.log(`${store}: after a close mid-save the next page found ${after.result.summary.count} points`);
      await after.page.close();
    } finally {
      await context.close();
    }
  });
}
