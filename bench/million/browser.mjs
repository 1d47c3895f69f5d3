// The Chromium side of bench/hnsw_million.mjs: the repository's static server
// (scripts/serve-demo.mjs) on 127.0.0.1 and Debian's headless Chromium (playwright-core, the
// flags of the browser tests) opening bench/million/page.html, which does the work (page.mjs).
//
// The server adds COOP/COEP headers: a cross-origin isolated page gets performance.now() at
// 5 µs instead of 100 µs, which matters for sub-millisecond query times.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { start } from "../../scripts/serve-demo.mjs";
import { CHROMIUM_ARGS } from "../../tests/support/chromium.mjs";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** Cross-origin isolation: performance.now() at 5 µs instead of 100 µs. */
const ISOLATED = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };

/**
 * Runs the page on `snapshot` and `queries` (paths relative to the repository) and resolves
 * to its result (see page.mjs). `extraArgs`: more Chromium flags.
 */
export async function runInChromium({ snapshot, queries, name, extraArgs = [] }) {
  const server = await start({ port: 0, home: "/bench/million/page.html", headers: ISOLATED });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => msg.type() === "error" && problems.push(`console.error: ${msg.text()}`));
    const crashed = new Promise((_, fail) => page.on("crash", () => fail(new Error("the page crashed (renderer out of memory?)"))));
    await page.goto(server.url);
    await page.waitForFunction(() => typeof window.runBench === "function", null, { timeout: 60_000 });
    const text = readFileSync(join(ROOT, queries), "utf8");
    const run = page.evaluate(([s, q, n]) => window.runBench({ snapshot: s, queries: JSON.parse(q).queries, name: n }), [`/${snapshot}`, text, name]);
    const result = await Promise.race([run, crashed]);
    // The user agent string says only the major version.
    return { ...result, runtime: `Chromium ${browser.version()}`, problems };
  } finally {
    await browser.close();
    await server.close();
  }
}
