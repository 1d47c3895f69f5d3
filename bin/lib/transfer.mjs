// `simile pull` (a collection of a Qdrant server → a snapshot file, to seed a page or a Worker)
// and `simile push` (a snapshot file → a Qdrant server), both through `migrate`.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { migrate } from "../../js/migrate.js";
import { parse, positiveInt } from "./args.mjs";
import { fail } from "./errors.mjs";
import { readHeader } from "./snapshot-file.mjs";
import { RestClient } from "./rest-client.mjs";

const OPTIONS = {
  out: { type: "string", short: "o" },
  filter: { type: "string" },
  collection: { type: "string" },
  "api-key": { type: "string" },
  batch: { type: "string" },
  quiet: { type: "boolean", short: "q" },
};

function jsonFlag(text, what) {
  try {
    return JSON.parse(text);
  } catch (err) {
    return fail(`${what} is not JSON: ${err.message}`);
  }
}

/** One progress line per batch on stderr (a redrawn line on a terminal). */
function progress(quiet) {
  if (quiet) return undefined;
  const tty = Boolean(process.stderr.isTTY);
  return ({ collection, copied, total, done }) => {
    const line = `${collection}: ${copied.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} points`;
    process.stderr.write(tty ? `\r${line}${done ? "\n" : ""}` : `${line}\n`);
  };
}

function clientOptions(values) {
  return { apiKey: values["api-key"] ?? process.env.QDRANT_API_KEY };
}

export async function pull(argv) {
  const { values, positionals } = parse(argv, OPTIONS, true);
  const [url, collection] = positionals;
  if (!url || !collection || !values.out) fail("usage: simile pull <url> <collection> -o FILE.snapshot [--filter JSON]");
  const { Database, QdrantClient } = await import("../../js/node.js");
  const db = new Database();
  const options = {
    collections: [collection],
    filter: values.filter === undefined ? undefined : jsonFlag(values.filter, "--filter"),
    batchSize: positiveInt(values.batch, "--batch") ?? 256,
    onProgress: progress(values.quiet),
  };
  const summary = await migrate(new RestClient(url, clientOptions(values)), new QdrantClient({ database: db }), options);
  const bytes = db.collectionToBytes(collection);
  db.free();
  const tmp = `${values.out}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, values.out);
  } finally {
    rmSync(tmp, { force: true });
  }
  console.log(`${collection}: ${summary[collection]} points → ${values.out} (${bytes.length} bytes)`);
}

export async function push(argv) {
  const { values, positionals } = parse(argv, OPTIONS, true);
  const [file, url] = positionals;
  if (!file || !url) fail("usage: simile push FILE.snapshot <url> [--collection NAME]");
  const bytes = new Uint8Array(readFileSync(file));
  const { kind } = readHeader(bytes, file);
  const { Database, QdrantClient } = await import("../../js/node.js");
  let db;
  if (kind === "database") {
    db = Database.fromBytes(bytes);
  } else {
    db = new Database();
    const name = values.collection ?? file.replace(/^.*\//, "").replace(/\.snapshot$/, "");
    db.loadCollection(name, bytes);
  }
  const from = new QdrantClient({ database: db });
  const names = (await from.getCollections()).collections.map((c) => c.name);
  const collections = values.collection && kind === "database" ? [values.collection] : names;
  const options = { collections, batchSize: positiveInt(values.batch, "--batch") ?? 256, onProgress: progress(values.quiet) };
  const summary = await migrate(from, new RestClient(url, clientOptions(values)), options);
  db.free();
  for (const [name, n] of Object.entries(summary)) console.log(`${name}: ${n} points → ${url}`);
}
