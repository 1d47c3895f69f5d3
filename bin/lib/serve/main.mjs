// `simile serve`: flags, startup (loopback unless an API key is set), graceful shutdown.
import { isIP } from "node:net";
import { parse, positiveInt, sizeOf } from "../args.mjs";
import { fail } from "../errors.mjs";
import { handler, server } from "./http.mjs";
import { Store } from "./store.mjs";

const OPTIONS = {
  host: { type: "string" },
  port: { type: "string" },
  "api-key": { type: "string" },
  "read-only-api-key": { type: "string" },
  data: { type: "string" },
  "compact-bytes": { type: "string" },
  "max-request-mb": { type: "string" },
  "memory-budget": { type: "string" },
  quiet: { type: "boolean", short: "q" },
};

/** Qdrant's `service.max_request_size_mb` default. */
const DEFAULT_MAX_REQUEST_MB = 32;
const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024;

/** True for names and addresses that only this machine can reach. */
export function isLoopback(host) {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h === "::1") return true;
  return isIP(h) === 4 && h.startsWith("127.");
}

/** The store of a server without --data: the database alone, nothing to flush. */
function memoryStore(db) {
  return {
    database: db,
    request: (method, path, body) => ({ answer: db.requestText(method, path, body), durable: null }),
    close: async () => {},
  };
}

function options(argv) {
  const { values } = parse(argv, OPTIONS, false);
  const host = values.host ?? "127.0.0.1";
  const port = values.port === undefined ? 6333 : positiveInt(values.port, "--port", 0);
  if (port > 65535) fail(`--port must be at most 65535 (got ${port})`);
  if (!values["api-key"] && !isLoopback(host)) {
    fail(`refusing to listen on ${host} without --api-key: anyone who can reach it could read and change every collection. ` +
      "Set --api-key (and optionally --read-only-api-key), or bind to 127.0.0.1.");
  }
  if (values["read-only-api-key"] !== undefined && values["read-only-api-key"] === values["api-key"]) {
    fail("--read-only-api-key must differ from --api-key");
  }
  const maxRequestMb = positiveInt(values["max-request-mb"], "--max-request-mb") ?? DEFAULT_MAX_REQUEST_MB;
  return {
    host,
    port,
    apiKey: values["api-key"] || undefined,
    readOnlyApiKey: values["read-only-api-key"] || undefined,
    data: values.data,
    compactBytes: values["compact-bytes"] === undefined ? DEFAULT_COMPACT_BYTES : sizeOf(values["compact-bytes"], "--compact-bytes"),
    memoryBudget: values["memory-budget"] === undefined ? undefined : sizeOf(values["memory-budget"]),
    maxRequestBytes: maxRequestMb * 1024 * 1024,
    quiet: values.quiet ?? false,
  };
}

const urlOf = ({ address, port }) => `http://${address.includes(":") ? `[${address}]` : address}:${port}`;

/** Starts the server; resolves once it is closed by SIGINT or SIGTERM. */
export async function serve(argv) {
  const opts = options(argv);
  const log = (line) => process.stderr.write(`simile serve: ${line}\n`);
  const info = opts.quiet ? () => {} : log;
  const { Database } = await import("../../../js/node.js");
  const store = opts.data === undefined
    ? memoryStore(new Database())
    : new Store(Database, opts.data, { compactBytes: opts.compactBytes, memoryBudget: opts.memoryBudget, log });
  if (opts.data === undefined && opts.memoryBudget !== undefined) store.database.setMemoryBudget(opts.memoryBudget);
  store.database.setMaxRequestBytes(opts.maxRequestBytes);
  if (store.stats) info(`${opts.data}: ${store.stats.replayed} logged requests replayed`);
  const srv = server(handler(store, { ...opts, log }), log);
  // Signal handlers first: a client may send SIGTERM as soon as it reads the URL.
  const stopped = shutdownOn(srv, store, info);
  await new Promise((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(opts.port, opts.host, resolve);
  }).catch(async (err) => {
    await store.close();
    fail(`cannot listen on ${opts.host}:${opts.port}: ${err.message}`);
  });
  process.stdout.write(`${urlOf(srv.address())}\n`);
  info(`${opts.data ? `durable in ${opts.data}` : "in memory (no --data: nothing survives a restart)"}; ` +
    `${opts.apiKey ? "API key required" : "no API key"}`);
  await stopped;
}

/** Graceful shutdown: stop accepting, let in-flight requests finish, flush the log, exit 0. */
function shutdownOn(srv, store, info) {
  return new Promise((resolve) => {
    const stop = (signal) => {
      info(`${signal}: finishing in-flight requests`);
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      srv.stopping = true;
      srv.close(async () => {
        await store.close();
        info("stopped");
        resolve();
      });
      srv.closeIdleConnections();
      // Keep-alive connections that stay busy are cut after 10 s.
      setTimeout(() => srv.closeAllConnections(), 10_000).unref();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
