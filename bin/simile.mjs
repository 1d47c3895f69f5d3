#!/usr/bin/env node
// simile: build collection snapshots from vector files, and inspect snapshots.
// Node ≥ 20, no dependencies beyond this package. `simile --help` for usage.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { UserError, fail } from "./lib/errors.mjs";
import { describeRaw, detectFormat, FORMATS, jsonlBatches, rawBatches } from "./lib/inputs.mjs";
import { fmtBytes, fmtSeconds, Progress } from "./lib/progress.mjs";
import { readHeader } from "./lib/snapshot-file.mjs";

const HELP = `simile: build and inspect simile snapshots

Usage:
  simile build --input FILE --distance DIST --out FILE.snapshot [options]
  simile inspect FILE.snapshot [--json]
  simile --help | --version

simile build reads vectors (with ids and payloads), builds one collection in a simile
Database and writes its snapshot: a collection snapshot by default, which an app restores
with db.loadCollection(name, bytes); with --database, a database snapshot for
Database.fromBytes(bytes).

Input
  -i, --input FILE           the vectors (may also be given as the first argument)
  -f, --format FORMAT        ${FORMATS.join(" | ")}; default from the extension
                             (.jsonl/.ndjson, .f32, .f16, .npy)
      --dim N                values per vector: required for f32 and f16;
                             checked against .npy shapes and JSON Lines rows
      --ids FILE             f32/f16/npy: one point id per line (an unsigned
                             integer or a UUID), line i for row i
      --start-id N           f32/f16/npy without --ids: ids N, N+1, ... (default 0)
      --payloads FILE        f32/f16/npy: JSON Lines, one object (or null) per row

  jsonl   one point per line: {"id": 7, "vector": [0.1, ...], "payload": {...}}
          ("payload" optional; "vector" may be {"name": [...], ...} for named vectors)
  f32     raw little-endian float32, row after row (rows = bytes / (4 × dim))
  f16     raw little-endian IEEE half floats, converted to float32
  npy     NumPy .npy, 2-D, C order, dtype <f4, <f2 or <f8 (converted to float32)

Collection
  -d, --distance DIST        Cosine | Dot | Euclid | Manhattan
      --vector NAME:DIM[:DIST]
                             jsonl: declare a named vector (repeatable); without
                             it, the vectors' names and sizes come from the first row
  -n, --name NAME            collection name (default: the output's base name)

Output
  -o, --out FILE             where to write the snapshot (written to FILE.tmp-*,
                             then renamed)
      --database             write a database snapshot instead
      --json                 print the summary as JSON

Tuning
      --batch N              rows per upsert call (default: ~4 MiB of vectors)
      --memory-budget SIZE   bytes the collection may use in memory (default 1G;
                             suffixes K, M, G). WebAssembly has 4 GiB in all, and
                             writing the snapshot needs about as much again.
      --progress             always report progress on stderr
  -q, --quiet                never report progress
Progress is a bar when stderr is a terminal, otherwise a line every 5 s, and only for
builds that take more than a second.

Examples
  simile build points.jsonl --distance Cosine --out points.snapshot
  simile build emb.npy --ids ids.txt --payloads meta.jsonl -d Dot -o docs.snapshot
  simile build vectors.f16 --dim 384 --start-id 1 -d Cosine -n debian -o debian.snapshot
  simile inspect docs.snapshot

Errors in the input are reported with their line (jsonl, ids, payloads) or row (raw
formats) and exit with status 1.`;

const DISTANCES = ["Cosine", "Dot", "Euclid", "Manhattan"];

function parse(argv, options, allowPositionals) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    return fail(`${err.message.split(". To specify")[0]} (see simile --help)`);
  }
}

function distanceOf(s, what) {
  const d = DISTANCES.find((x) => x.toLowerCase() === String(s).toLowerCase());
  if (d === undefined) fail(`${what} must be one of ${DISTANCES.join(", ")} (got ${JSON.stringify(s)})`);
  return d;
}

function positiveInt(s, what, min = 1) {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s) || Number(s) < min || !Number.isSafeInteger(Number(s))) {
    fail(`${what} must be an integer ≥ ${min} (got ${JSON.stringify(s)})`);
  }
  return Number(s);
}

function sizeOf(s) {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(String(s).trim());
  if (m === null) fail(`--memory-budget must be a size like 2G, 512M or 1073741824 (got ${JSON.stringify(s)})`);
  return Math.floor(Number(m[1]) * 1024 ** " kmgt".indexOf(m[2].toLowerCase() || " "));
}

/** Qdrant's collection name rule (checked before any work is done). */
function checkName(name) {
  if (name.length === 0 || name.length > 255 || /[<>:"/\\|?*\0\u001f]/.test(name)) {
    fail(`${JSON.stringify(name)} is not a valid collection name (1–255 characters, none of < > : " / \\ | ? *); pass --name`);
  }
}

/** `--vector name:dim[:distance]` flags → a named config, or null. */
function namedConfig(specs, distance) {
  if (specs.length === 0) return null;
  const vectors = new Map();
  for (const spec of specs) {
    const m = /^(.*):(\d+)(?::([A-Za-z]+))?$/.exec(spec);
    if (m === null || m[1] === "") fail(`--vector must be NAME:DIM or NAME:DIM:DISTANCE (got ${JSON.stringify(spec)})`);
    if (vectors.has(m[1])) fail(`--vector ${m[1]} is given twice`);
    const d = m[3] !== undefined ? distanceOf(m[3], `the distance of --vector ${m[1]}`) : distance;
    if (d === undefined) fail(`--vector ${m[1]} needs a distance: --distance DIST or --vector ${m[1]}:${m[2]}:DIST`);
    vectors.set(m[1], { size: positiveInt(m[2], `the size of --vector ${m[1]}`), distance: d });
  }
  return { named: true, vectors };
}

const vectorsBody = (config) =>
  config.named
    ? Object.fromEntries([...config.vectors].map(([n, c]) => [n, { size: c.size, distance: c.distance }]))
    : { size: config.size, distance: config.distance };

const isSimileError = (err) => err?.name === "SimileError";
const plain = (message) => String(message).replace(/^Wrong input: /, "");

function lostInstance(err) {
  if (err?.name === "SimileInstanceLostError" || err instanceof WebAssembly.RuntimeError) {
    return new UserError(
      "ran out of WebAssembly memory (4 GiB in all; building needs the vectors plus, while writing, the snapshot). " +
        "Split the input into several collections or use fewer points.",
    );
  }
  return null;
}

async function build(argv) {
  const { values: o, positionals } = parse(
    argv,
    {
      input: { type: "string", short: "i" },
      format: { type: "string", short: "f" },
      dim: { type: "string" },
      ids: { type: "string" },
      "start-id": { type: "string" },
      payloads: { type: "string" },
      distance: { type: "string", short: "d" },
      vector: { type: "string", multiple: true, default: [] },
      name: { type: "string", short: "n" },
      out: { type: "string", short: "o" },
      database: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      batch: { type: "string" },
      "memory-budget": { type: "string" },
      progress: { type: "boolean", default: false },
      quiet: { type: "boolean", short: "q", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    true,
  );
  if (o.help) return console.log(HELP);
  if (positionals.length > 1 || (positionals.length === 1 && o.input !== undefined)) {
    fail(`one input file (got ${[o.input, ...positionals].filter(Boolean).join(", ")})`);
  }
  const input = o.input ?? positionals[0];
  if (input === undefined) fail("--input FILE is required (see simile build --help)");
  if (o.out === undefined) fail("--out FILE.snapshot is required");
  let inputSize;
  try {
    const st = statSync(input);
    if (!st.isFile()) fail(`${input} is not a file`);
    inputSize = st.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    fail(`cannot read ${input}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  }
  if (resolve(o.out) === resolve(input)) fail("--out must not be the input file");
  for (const [flag, path] of [["--ids", o.ids], ["--payloads", o.payloads]]) {
    if (path === undefined) continue;
    try {
      if (!statSync(path).isFile()) fail(`${flag} ${path} is not a file`);
    } catch (err) {
      if (err instanceof UserError) throw err;
      fail(`cannot read ${flag} ${path}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
    }
  }
  const format = detectFormat(input, o.format);
  const distance = o.distance === undefined ? undefined : distanceOf(o.distance, "--distance");
  const dim = positiveInt(o.dim, "--dim");
  const named = namedConfig(o.vector, distance);
  if (named === null && distance === undefined) fail("--distance is required (Cosine, Dot, Euclid or Manhattan)");
  if (format === "jsonl") {
    for (const flag of ["ids", "payloads", "start-id"]) {
      if (o[flag] !== undefined) fail(`--${flag} is for f32/f16/npy input; JSON Lines rows carry their own "id" and "payload"`);
    }
    if (named !== null && dim !== undefined) fail("--dim is for unnamed vectors; named vectors take their sizes from --vector NAME:DIM");
  } else {
    if (named !== null) fail("--vector (named vectors) is for JSON Lines input; raw formats fill the unnamed vector");
    if (o.ids !== undefined && o["start-id"] !== undefined) fail("--ids and --start-id exclude each other");
  }
  const name = o.name ?? basename(o.out, extname(o.out));
  checkName(name);
  const startId = o["start-id"] === undefined ? 0 : positiveInt(o["start-id"], "--start-id", 0);
  const budget = o["memory-budget"] === undefined ? undefined : sizeOf(o["memory-budget"]);
  const outDir = dirname(resolve(o.out));
  try {
    if (!statSync(outDir).isDirectory()) fail(`cannot write ${o.out}: ${outDir} is not a directory`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    mkdirSync(outDir, { recursive: true });
  }

  const t0 = performance.now();
  const { Database } = await import("../js/node.js");
  const db = new Database();
  if (budget !== undefined) db.setMemoryBudget(budget);

  // Configuration: from the flags, from the raw file's shape, or from the first JSON row.
  const state = { config: named, dim, distance, firstLine: 0 };
  let raw = null;
  if (format === "jsonl") {
    if (named === null && dim !== undefined) state.config = { named: false, size: dim, distance };
  } else {
    raw = await describeRaw(input, format, dim);
    state.config = { named: false, size: raw.dim, distance };
  }
  const rowDim = () => (state.config.named ? Math.max(...[...state.config.vectors.values()].map((c) => c.size)) : state.config.size);
  const batchOption = positiveInt(o.batch, "--batch");
  const batchRows = () => batchOption ?? Math.max(64, Math.min(16384, Math.floor((4 << 20) / (4 * rowDim()))));

  const progress = new Progress({ total: inputSize, mode: o.quiet ? "never" : o.progress ? "always" : "auto" });
  const onBytes = (n) => progress.add(n);
  let batches;
  if (format === "jsonl") {
    // The batch size depends on the vector size, known after the first row at the latest.
    batches = jsonlBatches({ path: input, batch: state.config || batchOption ? batchRows() : 1024, state, onBytes });
  } else {
    batches = rawBatches({ path: input, raw, batch: batchRows(), idsPath: o.ids, startId, payloadsPath: o.payloads, onBytes });
  }

  let created = false;
  let rows = 0;
  const create = () => {
    db.request("PUT", `/collections/${name}`, { vectors: vectorsBody(state.config) });
    created = true;
  };
  const put = (b) => {
    if (b.points) db.request("PUT", `/collections/${name}/points`, { points: b.points });
    else db.upsertFlat(name, b.ids, b.flat, b.payloads);
  };
  const one = (b, i) =>
    b.points
      ? { points: b.points.slice(i, i + 1) }
      : { ids: b.ids.slice(i, i + 1), flat: b.flat.subarray(i * state.config.size, (i + 1) * state.config.size), payloads: b.payloads?.slice(i, i + 1) };

  try {
    for await (const b of batches) {
      if (!created) create();
      try {
        put(b);
      } catch (err) {
        if (!isSimileError(err)) throw err;
        if (err.status === 507) {
          fail(
            `after ${rows.toLocaleString("en-US")} points the collection exceeds the memory budget (${fmtBytes(db.memoryBudget())}): ` +
              `${plain(err.message)}. Raise it with --memory-budget SIZE.`,
          );
        }
        // Name the first offending row: retry the batch's rows one at a time.
        for (let i = 0; i < b.rows; i++) {
          try {
            put(one(b, i));
          } catch (e) {
            if (isSimileError(e)) fail(`${b.where(i)}: ${plain(e.message)}`);
            throw e;
          }
        }
        fail(`${b.where(0)}: ${plain(err.message)}`);
      }
      rows += b.rows;
      progress.add(0, b.rows);
    }
    if (!created) {
      if (state.config === null) fail(`${basename(input)} has no rows: nothing to build`);
      create();
    }
  } catch (err) {
    progress.abort();
    throw lostInstance(err) ?? err;
  }
  progress.done();
  const tUpsert = performance.now();

  let bytes;
  try {
    bytes = o.database ? db.toBytes() : db.collectionToBytes(name);
  } catch (err) {
    throw lostInstance(err) ?? err;
  }
  const tSnapshot = performance.now();
  const info = db.request("GET", `/collections/${name}`);
  db.free();
  const tmp = `${o.out}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, o.out);
  } catch (err) {
    rmSync(tmp, { force: true });
    fail(`cannot write ${o.out}: ${err.message}`);
  }
  const tDone = performance.now();

  const vectors = info.config.params.vectors;
  const summary = {
    out: o.out,
    kind: o.database ? "database" : "collection",
    collection: name,
    rows,
    points: info.points_count,
    vectors,
    bytes: bytes.length,
    seconds: { total: (tDone - t0) / 1000, read_upsert: (tUpsert - t0) / 1000, snapshot: (tSnapshot - tUpsert) / 1000, write: (tDone - tSnapshot) / 1000 },
  };
  if (o.json) {
    console.log(JSON.stringify(summary));
    return;
  }
  const dupes = rows !== info.points_count ? ` (${rows.toLocaleString("en-US")} rows; repeated ids replaced earlier ones)` : "";
  console.log(
    [
      `wrote ${o.out}: ${summary.kind} snapshot of "${name}", ${bytes.length.toLocaleString("en-US")} bytes (${fmtBytes(bytes.length)})`,
      `  points   ${info.points_count.toLocaleString("en-US")}${dupes}`,
      `  vectors  ${describeVectors(vectors)}`,
      `  time     ${fmtSeconds(summary.seconds.total)} (read + upsert ${fmtSeconds(summary.seconds.read_upsert)}, ` +
        `snapshot ${fmtSeconds(summary.seconds.snapshot)}, write ${fmtSeconds(summary.seconds.write)})`,
    ].join("\n"),
  );
  const WORKERS_BUDGET = 96 * 1024 * 1024;
  if (bytes.length > WORKERS_BUDGET) {
    console.log(
      "  note     a restored collection takes about the snapshot's size in memory: more than the Workers entry's " +
        "default budget (96 MiB of a 128 MB isolate)",
    );
  }
}

function describeVectors(vectors) {
  if (typeof vectors.size === "number") return `${vectors.size}-dim ${vectors.distance}`;
  return Object.entries(vectors)
    .map(([n, c]) => `${n}: ${c.size}-dim ${c.distance}`)
    .join(", ");
}

async function inspect(argv) {
  const { values: o, positionals } = parse(argv, { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } }, true);
  if (o.help) return console.log(HELP);
  if (positionals.length !== 1) fail("usage: simile inspect FILE.snapshot [--json]");
  const file = positionals[0];
  let bytes;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (err) {
    fail(`cannot read ${file}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  }
  const header = readHeader(bytes, file);
  const { Database } = await import("../js/node.js");
  let db;
  try {
    if (header.kind === "collection") {
      db = new Database();
      db.setMemoryBudget(4 * 1024 ** 3);
      db.loadCollection("collection", bytes);
    } else {
      db = Database.fromBytes(bytes);
    }
  } catch (err) {
    if (isSimileError(err)) fail(`${file}: ${plain(err.message)}`);
    throw lostInstance(err) ?? err;
  }
  const names = db.request("GET", "/collections").collections.map((c) => c.name).sort();
  const collections = names.map((name) => {
    const info = db.request("GET", `/collections/${name}`);
    return {
      name: header.kind === "collection" ? null : name,
      points: info.points_count,
      vectors: info.config.params.vectors,
      payload_schema: info.payload_schema,
      bytes: header.kind === "collection" ? bytes.length : db.collectionToBytes(name).length,
      memory_bytes: info.memory_bytes,
    };
  });
  const aliases = db.request("GET", "/aliases").aliases.map((a) => ({ alias: a.alias_name, collection: a.collection_name }));
  db.free();
  const result = { file, kind: header.kind, version: `${header.major}.${header.minor}`, bytes: bytes.length, collections, aliases };
  if (o.json) return console.log(JSON.stringify(result, null, 2));

  const out = [`${file}: ${header.kind} snapshot, format ${result.version}, ${bytes.length.toLocaleString("en-US")} bytes (${fmtBytes(bytes.length)}), checksums OK`];
  for (const c of collections) {
    const indexes = Object.entries(c.payload_schema ?? {}).map(([k, s]) => `${k} (${s.data_type ?? s.type ?? JSON.stringify(s)})`);
    const lines = [
      `points     ${c.points.toLocaleString("en-US")}`,
      `vectors    ${describeVectors(c.vectors)}`,
      `indexes    ${indexes.length ? indexes.join(", ") : "none"}`,
      `in memory  ${fmtBytes(c.memory_bytes)}`,
    ];
    if (c.name !== null) lines.push(`bytes      ${c.bytes.toLocaleString("en-US")} as a collection snapshot`);
    const indent = c.name === null ? "  " : "    ";
    if (c.name !== null) out.push(`  collection "${c.name}"`);
    out.push(...lines.map((l) => indent + l));
  }
  if (header.kind === "database") {
    if (collections.length === 0) out.push("  (no collections)");
    out.push(`  aliases  ${aliases.length ? aliases.map((a) => `${a.alias} → ${a.collection}`).join(", ") : "none"}`);
  }
  console.log(out.join("\n"));
}

async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case "build":
      return build(rest);
    case "inspect":
      return inspect(rest);
    case undefined:
    case "help":
    case "-h":
    case "--help":
      return console.log(HELP);
    case "-v":
    case "--version": {
      const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
      return console.log(`simile ${pkg.version} (Node ${process.versions.node})`);
    }
    default:
      return fail(`unknown command ${JSON.stringify(command)} (commands: build, inspect; see simile --help)`);
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UserError) {
    process.stderr.write(`simile: ${err.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`simile: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 2;
  }
}
