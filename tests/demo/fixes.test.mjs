// The demo's fixed defects, each driven through the UI in headless Chromium (desktop, and a
// phone where the defect was about phones): bad fragments, the size slider, keyboard focus and
// the live region, average_vector without a 👍, history, exclusive pairs, empty and tied
// answers, phone layout, dark-mode contrast, the discover help text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, demoSession, focused, lastQuery, mark, PHONE, results } from "./steps.mjs";

const { open } = demoSession();

test("1. a malformed fragment part is ignored and the rest loads", async () => {
  const { page, problems, context } = await open("#mode=discover&pos=%&target=vim&pairs=gedit~nano");
  assert.equal(await page.getAttribute('#modes button[data-mode="discover"]', "aria-pressed"), "true");
  assert.equal(await page.getAttribute("#examples .chip.target", "data-name"), "vim");
  assert.ok((await results(page)).length > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("2. the size 'from' slider stops before ∞ and never sends null", async () => {
  const { page, problems, context } = await open("#mode=recommend&pos=vim");
  assert.equal(await page.getAttribute("#size-min", "max"), "19");
  await page.focus("#size-min");
  await page.keyboard.press("End");
  const { body } = await lastQuery(page);
  const range = body.filter.must.find((m) => m.key === "installed_size_kib").range;
  assert.ok(Number.isFinite(range.gte) && !("lte" in range), JSON.stringify(range));
  assert.ok(!JSON.stringify(body).includes("null"));
  assert.doesNotMatch(await page.textContent("#size-label"), /^∞/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("3. keyboard focus stays put after 👍 👎 🎯 ×, and a live region says what changed", async () => {
  const { page, problems, context } = await open("#mode=recommend&pos=vim");
  // 👍 from the finder with the keyboard: focus stays on that (now pressed) button.
  await page.fill("#find", "emacs");
  await page.focus('#matches li[data-name="emacs"] button[data-act="pos"]');
  await page.keyboard.press("Enter");
  let f = await focused(page);
  assert.deepEqual([f.zone, f.act], ["matches", "pos"]);
  assert.equal(await page.getAttribute('#matches li[data-name="emacs"] button[data-act="pos"]', "aria-pressed"), "true");
  await page.waitForFunction(() => /emacs marked .*\d+ results/.test(document.querySelector("#announce").textContent));
  // 👎 on a result: the row leaves the list, focus moves to the row now at its place.
  const [first, second] = await results(page);
  await page.focus(`#results li[data-id="${first.id}"] button[data-act="neg"]`);
  await page.keyboard.press("Space");
  // Space activates a button on key-up, in a task of its own: wait for the row to leave.
  await page.waitForFunction((id) => document.querySelector("#results > li")?.dataset.id !== String(id), first.id);
  f = await focused(page);
  assert.equal(f.zone, "results", JSON.stringify(f));
  assert.notEqual(f.tag, "BODY");
  assert.equal((await results(page))[0].id, second.id);
  // × on an example chip: focus goes to the next control of the examples panel.
  await page.focus('#examples .chip[data-name="vim"] button.x');
  await page.keyboard.press("Enter");
  f = await focused(page);
  assert.equal(f.zone, "examples", JSON.stringify(f));
  await page.waitForFunction(() => /vim removed from/.test(document.querySelector("#announce").textContent));
  // 🎯 in Discover.
  await page.click('#modes button[data-mode="discover"]');
  await page.fill("#find", "nano");
  await page.focus('#matches li[data-name="nano"] button[data-act="target"]');
  await page.keyboard.press("Enter");
  f = await focused(page);
  assert.deepEqual([f.zone, f.act], ["matches", "target"]);
  assert.equal(await page.getAttribute("#announce", "aria-live"), "polite");
  assert.deepEqual(problems, []);
  await context.close();
});

test("4. removing the only 👍 under average_vector switches to best_score and says so", async () => {
  const { page, problems, context } = await open("#mode=recommend&pos=vim&neg=nano");
  await page.click('#examples .chip[data-name="vim"] button.x');
  const { body, error } = await lastQuery(page);
  assert.equal(error, null);
  assert.equal(body.query.recommend.strategy, "best_score");
  assert.match(await page.textContent("#meta"), /average_vector needs at least one .*uses best_score/);
  assert.ok((await results(page)).length > 0);
  assert.equal(await page.$$eval("#meta .error", (e) => e.length), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("5. the URL keeps every mode's examples and the strategy; Back steps through the demo's views", async () => {
  const { page, problems, context } = await open("#mode=recommend&pos=vim&strategy=best_score");
  await page.click('#modes button[data-mode="discover"]');
  assert.match(page.url(), /mode=discover&pos=vim&strategy=best_score&target=vim/);
  await page.waitForTimeout(1100); // changes within a second share one history entry
  await mark(page, "gedit", "pos");
  await page.waitForTimeout(1100);
  await page.click('#modes button[data-mode="context"]');
  await page.goBack();
  await page.waitForFunction(() => document.body.dataset.mode === "discover");
  assert.match(page.url(), /pairs=gedit~/);
  await page.goBack();
  await page.waitForFunction(() => !location.hash.includes("pairs"));
  await page.goBack();
  await page.waitForFunction(() => document.body.dataset.mode === "recommend");
  assert.equal(await page.$eval("#strategy", (s) => s.value), "best_score");
  assert.match(page.url(), /\/www\/#mode=recommend&pos=vim&strategy=best_score$/, "still on the demo");
  assert.deepEqual(problems, []);
  await context.close();
});

test("6. a package is never 👍 and 👎 at once in Discover", async () => {
  const { page, problems, context } = await open("#mode=discover&target=vim");
  await mark(page, "gedit", "pos");
  await mark(page, "nano", "neg");
  await page.click('#matches li[data-name="nano"] button[data-act="pos"]');
  assert.equal(await page.getAttribute('#matches li[data-name="nano"] button[data-act="neg"]', "aria-pressed"), "false");
  assert.equal(await page.getAttribute('#matches li[data-name="nano"] button[data-act="pos"]', "aria-pressed"), "true");
  assert.match(page.url(), /pairs=gedit~,nano~$|pairs=gedit~,nano~&/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("7. an empty filtered answer says so, with 'clear filters' next to the results", async () => {
  const { page, problems, context } = await open("#mode=recommend&pos=vim&section=editors&size=19-20");
  assert.deepEqual(await results(page), []);
  assert.match(await page.textContent("#empty-message"), /No package passes these filters/);
  await page.click("#clear-filters-empty");
  assert.ok((await results(page)).length > 0);
  assert.equal(await page.$("#empty-message"), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test("8. phone: results start on the first screen; chip × is at least 24×24 px", async () => {
  const { page, problems, context } = await open("#mode=recommend&pos=vim", { viewport: PHONE });
  const top = await page.$eval("#results > li", (li) => li.getBoundingClientRect().top + window.scrollY);
  assert.ok(top < PHONE.height - 100, `first result at ${Math.round(top)} px of an ${PHONE.height} px screen`);
  const x = await page.$eval("#examples .chip button.x", (b) => b.getBoundingClientRect().toJSON());
  assert.ok(x.width >= 24 && x.height >= 24, `× is ${x.width}×${x.height}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("9. dark mode: the active mode button and the SIMD badge pass axe's contrast check", async () => {
  const { page, problems, context } = await open("#mode=recommend&pos=vim", { colorScheme: "dark" });
  const contrast = (await axeViolations(page)).filter((v) => v.startsWith("color-contrast"));
  assert.deepEqual(contrast, []);
  const colors = await page.$eval('#modes button[aria-pressed="true"]', (b) => getComputedStyle(b).color);
  assert.notEqual(colors, "rgb(255, 255, 255)");
  assert.deepEqual(problems, []);
  await context.close();
});

test("10. context: ties at score 0 are counted, with a way to rank them", async () => {
  const { page, problems, context } = await open("#mode=context&pairs=gedit~nano,kate~micro");
  const text = await page.textContent("#tie-message");
  const tied = Number(/^([\d,]+) packages satisfy every pair equally \(score 0\)/.exec(text)?.[1].replace(/,/g, ""));
  assert.ok(tied > 20, text);
  assert.match(text, /target/);
  await page.click("#tie-discover");
  assert.equal(await page.evaluate(() => document.body.dataset.mode), "discover");
  assert.equal(await page.getAttribute("#examples .chip.target", "data-name"), "gedit");
  assert.ok((await results(page))[0].score >= 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test("11. the discover help says what the score is", async () => {
  const { page, problems, context } = await open("#mode=discover&target=vim");
  const help = await page.textContent("#mode-help");
  assert.match(help, /\(pairs satisfied − pairs violated\) \+ a sigmoid of the similarity/);
  assert.doesNotMatch(help, /squashed into 0…1/);
  assert.deepEqual(problems, []);
  await context.close();
});
