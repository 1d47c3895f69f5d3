// `simile serve` at its borders: API keys as Qdrant checks them (401 wording of
// src/common/auth/mod.rs, 403 of a read-only key), the body size limit, refusing to listen
// beyond loopback without a key, graceful shutdown, routes and exact big ids over HTTP.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { test } from "node:test";
import { http, runCli, startServer } from "./server.mjs";

const COLLECTION = { vectors: { size: 2, distance: "Dot" } };
const POINTS = { points: [{ id: 1, vector: [1, 0] }, { id: 2, vector: [0, 1] }] };

test("--api-key: 401 without or with a wrong key, the key by api-key header or Bearer, open health paths", async () => {
  const s = await startServer(["--api-key", "s3cret", "-q"]);
  try {
    const none = await http(s.url, "GET", "/collections");
    assert.equal(none.status, 401);
    assert.equal(none.text, "Must provide an API key or an Authorization bearer token");
    const wrong = await http(s.url, "GET", "/collections", undefined, { "api-key": "s3cret!" });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.text, "Invalid API key or JWT");
    const bearerWrong = await http(s.url, "GET", "/collections", undefined, { authorization: "Bearer nope" });
    assert.equal(bearerWrong.status, 401);
    assert.equal((await http(s.url, "PUT", "/collections/c", COLLECTION, { "api-key": "s3cret" })).status, 200);
    const viaBearer = await http(s.url, "GET", "/collections", undefined, { authorization: "Bearer s3cret" });
    assert.equal(viaBearer.status, 200);
    assert.deepEqual(viaBearer.json.result.collections, [{ name: "c" }]);
    for (const open of ["/", "/healthz", "/livez", "/readyz"]) assert.equal((await http(s.url, "GET", open)).status, 200, open);
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

test("--read-only-api-key: reads answer, every write is a 403 Forbidden", async () => {
  const s = await startServer(["--api-key", "rw", "--read-only-api-key", "ro", "-q"]);
  const rw = { "api-key": "rw" };
  const ro = { "api-key": "ro" };
  try {
    assert.equal((await http(s.url, "PUT", "/collections/c", COLLECTION, rw)).status, 200);
    assert.equal((await http(s.url, "PUT", "/collections/c/points?wait=true", POINTS, rw)).status, 200);
    const reads = [
      ["GET", "/collections"], ["GET", "/collections/c"], ["GET", "/collections/c/exists"], ["GET", "/collections/c/points/1"],
      ["POST", "/collections/c/points", { ids: [1] }], ["POST", "/collections/c/points/scroll", {}],
      ["POST", "/collections/c/points/count", {}], ["POST", "/collections/c/points/query", { query: [1, 0] }],
      ["POST", "/collections/c/points/query/batch", { searches: [{ query: [1, 0] }] }],
      ["POST", "/collections/c/points/search", { vector: [1, 0], limit: 1 }],
      ["POST", "/collections/c/points/recommend", { positive: [1], limit: 1 }],
    ];
    for (const [method, path, body] of reads) assert.equal((await http(s.url, method, path, body, ro)).status, 200, `${method} ${path}`);
    const writes = [
      ["PUT", "/collections/d", COLLECTION], ["DELETE", "/collections/c"], ["PATCH", "/collections/c", {}],
      ["PUT", "/collections/c/points?wait=true", POINTS], ["POST", "/collections/c/points/delete", { points: [1] }],
      ["POST", "/collections/c/points/payload", { payload: { a: 1 }, points: [1] }],
      ["PUT", "/collections/c/points/payload", { payload: { a: 1 }, points: [1] }],
      ["POST", "/collections/c/points/payload/clear", { points: [1] }], ["POST", "/collections/c/points/batch", { operations: [] }],
      ["POST", "/collections/aliases", { actions: [] }], ["PUT", "/collections/c/index", { field_name: "a", field_schema: "keyword" }],
    ];
    for (const [method, path, body] of writes) {
      const res = await http(s.url, method, path, body, ro);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.json.status.error, "Forbidden: Global manage access is required");
    }
    const count = await http(s.url, "POST", "/collections/c/points/count", {}, rw);
    assert.equal(count.json.result.count, 2, "no write of the read-only key went through");
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

/** A chunked POST (no content-length) of `bytes` bytes: `{ status, body }`. */
function chunkedPost(url, path, bytes) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url + path, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, body }));
    });
    req.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let sent = 0; sent < bytes; sent += chunk.length) req.write(chunk);
    req.end();
  });
}

test("request size limit: Qdrant's 400 with actix's wording, declared or streamed", async () => {
  const s = await startServer(["--max-request-mb", "1", "-q"]);
  try {
    const big = JSON.stringify({ points: [{ id: 1, vector: [1, 0], payload: { pad: "x".repeat(1024 * 1024) } }] });
    const declared = await http(s.url, "PUT", "/collections/c/points", big);
    assert.equal(declared.status, 400);
    assert.equal(declared.json.status.error, `JSON payload (${Buffer.byteLength(big)} bytes) is larger than allowed (limit: 1048576 bytes).`);
    const streamed = await chunkedPost(s.url, "/collections/c/points/query", 2 * 1024 * 1024);
    assert.equal(streamed.status, 400);
    assert.equal(JSON.parse(streamed.body).status.error, "JSON payload has exceeded limit (1048576 bytes).");
    assert.equal((await http(s.url, "GET", "/")).status, 200, "the server still answers");
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

test("refuses to listen beyond loopback without --api-key; with one it does", async () => {
  for (const host of ["0.0.0.0", "::", "192.0.2.1"]) {
    const { code, stderr } = await runCli(["serve", "--host", host, "--port", "0"]);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /refusing to listen on .* without --api-key/);
  }
  const s = await startServer(["--host", "0.0.0.0", "--api-key", "k", "-q"]);
  const { code } = await s.stop("SIGINT");
  assert.match(s.url, /^http:\/\/0\.0\.0\.0:\d+$/);
  assert.equal(code, 0);
});

test("routes, ?wait=, 404s and ids beyond 2^53 over HTTP", async () => {
  const s = await startServer(["-q"]);
  try {
    assert.equal((await http(s.url, "PUT", "/collections/c?timeout=5", COLLECTION)).status, 200);
    const big = "18446744073709551615";
    const up = await http(s.url, "PUT", "/collections/c/points?wait=true&ordering=weak", `{"points":[{"id":${big},"vector":[1,1]},{"id":9007199254740993,"vector":[1,0]}]}`);
    assert.equal(up.status, 200, up.text);
    const q = await http(s.url, "POST", "/collections/c/points/query", { query: [1, 1] });
    assert.match(q.text, new RegExp(`"id":${big},`));
    assert.match(q.text, /"id":9007199254740993,/);
    assert.equal(q.json.status, "ok");
    assert.equal(typeof q.json.time, "number");
    const missing = await http(s.url, "GET", "/nowhere");
    assert.equal(missing.status, 404);
    assert.equal(missing.json.status.error, "Not found: no route for GET /nowhere");
    const unknown = await http(s.url, "POST", "/collections/nope/points/query", { query: [1, 1] });
    assert.equal(unknown.status, 404);
    assert.match(unknown.json.status.error, /nope/);
    const bad = await http(s.url, "POST", "/collections/c/points/query", "{not json");
    assert.equal(bad.status, 400);
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

test("graceful shutdown: a request in flight at SIGTERM is answered, then exit 0", async () => {
  const s = await startServer(["-q"]);
  const created = await http(s.url, "PUT", "/collections/c", COLLECTION); // checked below, after the server is gone
  const body = JSON.stringify(POINTS);
  const answer = new Promise((resolve, reject) => {
    const req = httpRequest(`${s.url}/collections/c/points?wait=true`, { method: "PUT", headers: { "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode, text }));
    });
    req.on("error", reject);
    req.write(body.slice(0, 10));
    setTimeout(() => {
      s.child.kill("SIGTERM");
      setTimeout(() => req.end(body.slice(10)), 200);
    }, 200);
  });
  const res = await answer.finally(() => setTimeout(() => s.stop("SIGKILL"), 5000).unref());
  assert.equal(created.status, 200);
  assert.equal(res.status, 200, res.text);
  assert.equal((await s.exited).code, 0, s.stderr());
});
