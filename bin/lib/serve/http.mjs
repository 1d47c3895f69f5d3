// The HTTP face of `simile serve`: Qdrant's REST API over node:http, answered by the same
// router as `Database.requestText` (bodies go through as JSON text, so integers beyond 2^53,
// e.g. u64 point ids, are never rounded), with Qdrant's API-key checks and body size limit.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { isMutating, waits } from "./routes.mjs";

/** Paths Qdrant serves without an API key (src/actix/mod.rs, the auth whitelist). */
const OPEN_PATHS = new Set(["/", "/healthz", "/readyz", "/livez"]);
const HEALTH_PATHS = new Set(["/healthz", "/readyz", "/livez"]);

const digest = (s) => createHash("sha256").update(s, "utf8").digest();

/** Constant-time key check: both sides hashed to 32 bytes, so lengths leak nothing either
 *  (Qdrant's `ct_eq`, src/common/strings.rs). */
function keyMatcher(key) {
  if (!key) return () => false;
  const want = digest(key);
  return (given) => timingSafeEqual(digest(given), want);
}

/**
 * The access a request's key grants: "write", "read", or a 401 message. The key comes from the
 * `api-key` header or `Authorization: Bearer` (src/common/auth/mod.rs, validate_request).
 */
function accessOf(headers, isWriteKey, isReadKey) {
  const bearer = headers.authorization?.startsWith("Bearer ") ? headers.authorization.slice(7) : undefined;
  const key = headers["api-key"] ?? bearer;
  if (key === undefined) return { denied: "Must provide an API key or an Authorization bearer token" };
  if (isWriteKey(key)) return { access: "write" };
  if (isReadKey(key)) return { access: "read" };
  return { denied: "Invalid API key or JWT" };
}

function sendJson(res, status, body, extraHeaders = {}) {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...extraHeaders });
  res.end(body);
}

function sendText(res, status, text) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const errorBody = (message) => JSON.stringify({ status: { error: message }, time: 0 });

/**
 * Reads the body up to `limit` bytes: the text, or `{ tooLarge: message }` with actix's
 * wording (Qdrant answers it 400 through its JSON error handler, src/actix/mod.rs
 * validation_error_handler; a known length is refused before reading).
 */
function readBody(req, limit) {
  const declared = Number(req.headers["content-length"]);
  if (declared > limit) {
    req.resume();
    return Promise.resolve({ tooLarge: `JSON payload (${declared} bytes) is larger than allowed (limit: ${limit} bytes).` });
  }
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? { tooLarge: `JSON payload has exceeded limit (${limit} bytes).` } : { text: Buffer.concat(chunks).toString("utf8") }));
    req.on("error", reject);
  });
}

/** A request handler over `store` (`request(method, path, body)` → `{ answer, durable }`). */
export function handler(store, { apiKey, readOnlyApiKey, maxRequestBytes, log }) {
  const isWriteKey = keyMatcher(apiKey);
  const isReadKey = keyMatcher(readOnlyApiKey);
  const authRequired = Boolean(apiKey || readOnlyApiKey);
  return async (req, res) => {
    const path = req.url ?? "/";
    const bare = path.split("?", 1)[0];
    if (authRequired && !OPEN_PATHS.has(bare)) {
      const { access, denied } = accessOf(req.headers, isWriteKey, isReadKey);
      if (denied !== undefined) return req.resume(), sendText(res, 401, denied);
      if (access === "read" && isMutating(req.method, path)) {
        req.resume();
        // A read-only key is GlobalAccessMode::Read: writes need manage or write access
        // (lib/storage/src/rbac/mod.rs, meets_requirements), a 403 StorageError::Forbidden.
        return sendJson(res, 403, errorBody("Forbidden: Global manage access is required"));
      }
    }
    if (req.method === "GET" && HEALTH_PATHS.has(bare)) return sendText(res, 200, `${bare.slice(1)} check passed`);
    const body = await readBody(req, maxRequestBytes);
    if (body.tooLarge !== undefined) return sendJson(res, 400, errorBody(body.tooLarge), { connection: "close" });
    let outcome;
    try {
      outcome = store.request(req.method, path, body.text);
    } catch (err) {
      log(`internal error on ${req.method} ${bare}: ${err?.stack ?? err}`);
      return sendJson(res, 500, errorBody(`Service internal error: ${err?.message ?? err}`));
    }
    const { answer, durable } = outcome;
    if (durable !== null && waits(path)) {
      const err = await durable;
      if (err) return sendJson(res, 500, errorBody(`Service internal error: the write-ahead log could not be flushed: ${err.message}`));
    }
    sendJson(res, answer.status, answer.body);
  };
}

/** An http.Server answering through `handle`; request errors never bring it down. */
export function server(handle, log) {
  const srv = createServer((req, res) => {
    // Once stopping, a keep-alive connection is closed as soon as its last answer is out.
    res.on("finish", () => srv.stopping && setImmediate(() => srv.closeIdleConnections()));
    handle(req, res).catch((err) => {
      log(`request failed: ${err?.stack ?? err}`);
      if (!res.headersSent) sendJson(res, 500, errorBody("Service internal error"));
      else res.destroy();
    });
  });
  srv.keepAliveTimeout = 30_000;
  srv.stopping = false;
  return srv;
}
