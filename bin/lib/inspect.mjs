// `simile inspect`: what a snapshot file holds (kind, format version, collections, aliases),
// after the same validation a load does.
import { readFileSync } from "node:fs";
import { parse } from "./args.mjs";
import { describeVectors } from "./collection.mjs";
import { fail, isSimileError, lostInstance, plain } from "./errors.mjs";
import { HELP } from "./help.mjs";
import { fmtBytes } from "./progress.mjs";
import { readHeader } from "./snapshot-file.mjs";

const OPTIONS = { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } };

export async function inspect(argv) {
  const { values: o, positionals } = parse(argv, OPTIONS, true);
  if (o.help) return console.log(HELP);
  if (positionals.length !== 1) fail("usage: simile inspect FILE.snapshot [--json]");
  const file = positionals[0];
  const bytes = readSnapshot(file);
  const header = readHeader(bytes, file);
  const db = await restore(file, header, bytes);
  const result = describe(db, file, header, bytes);
  db.free();
  if (o.json) return console.log(JSON.stringify(result, null, 2));
  console.log(render(result).join("\n"));
}

function readSnapshot(file) {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (err) {
    return fail(`cannot read ${file}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  }
}

/** A Database holding the snapshot; a collection snapshot becomes collection "collection". */
async function restore(file, header, bytes) {
  const { Database } = await import("../../js/node.js");
  try {
    if (header.kind === "database") return Database.fromBytes(bytes);
    const db = new Database();
    db.setMemoryBudget(4 * 1024 ** 3);
    db.loadCollection("collection", bytes);
    return db;
  } catch (err) {
    if (isSimileError(err)) fail(`${file}: ${plain(err.message)}`);
    throw lostInstance(err) ?? err;
  }
}

function describe(db, file, header, bytes) {
  const single = header.kind === "collection";
  const names = db.request("GET", "/collections").collections.map((c) => c.name).sort();
  const collections = names.map((name) => {
    const info = db.request("GET", `/collections/${name}`);
    return {
      name: single ? null : name,
      points: info.points_count,
      vectors: info.config.params.vectors,
      payload_schema: info.payload_schema,
      bytes: single ? bytes.length : db.collectionToBytes(name).length,
      memory_bytes: info.memory_bytes,
    };
  });
  const aliases = db.request("GET", "/aliases").aliases.map((a) => ({ alias: a.alias_name, collection: a.collection_name }));
  return { file, kind: header.kind, version: `${header.major}.${header.minor}`, bytes: bytes.length, collections, aliases };
}

/** The human-readable report, one line per entry. */
function render(result) {
  const { file, kind, version, bytes, collections, aliases } = result;
  const out = [`${file}: ${kind} snapshot, format ${version}, ${bytes.toLocaleString("en-US")} bytes (${fmtBytes(bytes)}), checksums OK`];
  for (const c of collections) out.push(...renderCollection(c));
  if (kind === "database") {
    if (collections.length === 0) out.push("  (no collections)");
    out.push(`  aliases  ${aliases.length ? aliases.map((a) => `${a.alias} → ${a.collection}`).join(", ") : "none"}`);
  }
  return out;
}

function renderCollection(c) {
  const indexes = Object.entries(c.payload_schema ?? {}).map(([k, s]) => `${k} (${s.data_type ?? s.type ?? JSON.stringify(s)})`);
  const lines = [
    `points     ${c.points.toLocaleString("en-US")}`,
    `vectors    ${describeVectors(c.vectors)}`,
    `indexes    ${indexes.length ? indexes.join(", ") : "none"}`,
    `in memory  ${fmtBytes(c.memory_bytes)}`,
  ];
  if (c.name === null) return lines.map((l) => `  ${l}`);
  lines.push(`bytes      ${c.bytes.toLocaleString("en-US")} as a collection snapshot`);
  return [`  collection "${c.name}"`, ...lines.map((l) => `    ${l}`)];
}
