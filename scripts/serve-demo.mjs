#!/usr/bin/env node
// A dependency-free static server for the in-browser demo (www/): serves the repository root
// (the page imports /js/browser.js, which fetches /dist/simile_{simd,scalar}.wasm) on 127.0.0.1.
//
//   node scripts/serve-demo.mjs [port]     # or PORT=8080; 0 picks a free port; default 8080
//
// Also a module: `const { url, origin, port, close } = await start({ port: 0 })`; the tests use it
// to serve other folders too (`start({ port: 0, root, home: "/" })`).
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".f16": "application/octet-stream",
  ".f32": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
};

/** Maps a request path to a file under `root`, or null (outside it, hidden, missing). */
function resolveFile(root, pathname) {
  let rel;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const parts = rel.split("/").filter((p) => p !== "");
  // No dot-files or dot-folders (.git, .ci, ...), no `..`, no backslashes or NULs.
  if (parts.some((p) => p.startsWith(".") || p.includes("\\") || p.includes("\0"))) return null;
  let file = join(root, ...parts);
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    let stat = statSync(file);
    if (stat.isDirectory()) {
      if (!rel.endsWith("/")) return { redirect: `${pathname}/` };
      file = join(file, "index.html");
      stat = statSync(file);
    }
    return stat.isFile() ? { file, size: stat.size, mtime: stat.mtime } : null;
  } catch {
    return null;
  }
}

function handle({ root, home, headers }, req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  const { pathname } = new URL(req.url, "http://127.0.0.1");
  if (pathname === "/" && home !== "/") {
    res.writeHead(302, { location: home }).end();
    return;
  }
  const found = resolveFile(root, pathname);
  if (found === null) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    return;
  }
  if (found.redirect) {
    res.writeHead(301, { location: found.redirect }).end();
    return;
  }
  const since = Date.parse(req.headers["if-modified-since"] ?? "");
  if (since >= Math.floor(found.mtime.getTime() / 1000) * 1000) {
    res.writeHead(304, { "cache-control": "no-cache" }).end();
    return;
  }
  res.writeHead(200, {
    "content-type": TYPES[extname(found.file).toLowerCase()] ?? "application/octet-stream",
    "content-length": found.size,
    "last-modified": found.mtime.toUTCString(),
    // Revalidate every time: a rebuilt dist/ or re-vendored data is never served stale.
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const stream = createReadStream(found.file, { highWaterMark: 1 << 20 });
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

/** Starts the server on 127.0.0.1; `port` 0 picks a free one. `root` is the folder served (the
 *  repository by default) and `home` where `/` leads (the demo page; "/" serves `root`'s
 *  index.html); `headers` are added to every file's response. Resolves to
 *  `{ url, origin, port, close }`: `url` is `home`, `origin` the server. */
export function start({ port = 8080, host = "127.0.0.1", root = ROOT, home = "/www/", headers = {} } = {}) {
  const site = { root: resolve(root), home, headers };
  const server = createServer((req, res) => handle(site, req, res));
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      const actual = server.address().port;
      const origin = `http://${host}:${actual}`;
      done({
        url: `${origin}${home}`,
        origin,
        port: actual,
        close: () =>
          new Promise((closed) => {
            server.closeAllConnections?.();
            server.close(() => closed());
          }),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const arg = process.argv[2] ?? process.env.PORT ?? "8080";
  const port = Number(arg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve-demo: bad port ${JSON.stringify(arg)}`);
    process.exit(2);
  }
  try {
    statSync(join(ROOT, "dist", "simile.js"));
  } catch {
    console.warn("serve-demo: dist/ is missing; build it first: bash scripts/build.sh");
  }
  const { url } = await start({ port });
  console.log(`simile demo: ${url}  (serving ${ROOT}; Ctrl+C to stop)`);
}
