// The Chromium side of bench/hnsw_million.mjs: a small static server of the repository on
// 127.0.0.1 and Debian's headless Chromium (playwright-core, the flags of the browser tests)
// opening bench/million/page.html, which does the work (page.mjs).
//
// The server sends COOP/COEP headers: a cross-origin isolated page gets performance.now() at
// 5 µs instead of 100 µs, which matters for sub-millisecond query times.
import { createReadStream, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../../tests/support/chromium.mjs";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
};

/** The file under ROOT that `pathname` names, or null (outside it, a dot-path, not a file). */
function fileFor(pathname) {
  const parts = decodeURIComponent(pathname).split("/").filter((p) => p !== "");
  if (parts.some((p) => p.startsWith(".") || p.includes("\\") || p.includes("\0"))) return null;
  const file = join(ROOT, ...parts);
  if (!file.startsWith(ROOT + sep)) return null;
  try {
    const stat = statSync(file);
    return stat.isFile() ? { file, size: stat.size } : null;
  } catch {
    return null;
  }
}

function handle(req, res) {
  let found = null;
  try {
    found = req.method === "GET" ? fileFor(new URL(req.url, "http://127.0.0.1").pathname) : null;
  } catch {
    found = null; // a malformed escape
  }
  if (found === null) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    "content-type": TYPES[extname(found.file)] ?? "application/octet-stream",
    "content-length": found.size,
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "require-corp",
  });
  const stream = createReadStream(found.file, { highWaterMark: 1 << 20 });
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

/** Serves the repository on 127.0.0.1 (a free port): `{ origin, close }`. */
function serve() {
  const server = createServer(handle);
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () =>
      done({
        origin: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((closed) => (server.closeAllConnections(), server.close(() => closed()))),
      }),
    );
  });
}

/**
 * Runs the page on `snapshot` and `queries` (paths relative to the repository) and resolves
 * to its result (see page.mjs). `extraArgs`: more Chromium flags.
 */
export async function runInChromium({ snapshot, queries, name, extraArgs = [] }) {
  const server = await serve();
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
    await page.goto(`${server.origin}/bench/million/page.html`);
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
