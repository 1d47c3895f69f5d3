// `simile build`'s flags, checked before any work is done: a plan the build follows, or a
// UserError naming the flag that is wrong.
import { mkdirSync, statSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { parse, positiveInt, sizeOf } from "./args.mjs";
import { checkName, distanceOf, namedConfig } from "./collection.mjs";
import { UserError, fail } from "./errors.mjs";
import { detectFormat } from "./inputs.mjs";

const OPTIONS = {
  input: { type: "string", short: "i" },
  format: { type: "string", short: "f" },
  dim: { type: "string" },
  ids: { type: "string" },
  "start-id": { type: "string" },
  payloads: { type: "string" },
  distance: { type: "string", short: "d" },
  datatype: { type: "string" },
  vector: { type: "string", multiple: true, default: [] },
  name: { type: "string", short: "n" },
  out: { type: "string", short: "o" },
  database: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  batch: { type: "string" },
  "memory-budget": { type: "string" },
  hnsw: { type: "boolean", default: false },
  m: { type: "string" },
  "ef-construct": { type: "string" },
  progress: { type: "boolean", default: false },
  quiet: { type: "boolean", short: "q", default: false },
  help: { type: "boolean", short: "h", default: false },
};

/** The build plan from `argv`, or null when `--help` was asked for. */
export function buildPlan(argv) {
  const { values: o, positionals } = parse(argv, OPTIONS, true);
  if (o.help) return null;
  const input = inputOf(o, positionals);
  if (o.out === undefined) fail("--out FILE.snapshot is required");
  const inputSize = checkFiles(input, o);
  const format = detectFormat(input, o.format);
  const distance = o.distance === undefined ? undefined : distanceOf(o.distance, "--distance");
  const dim = positiveInt(o.dim, "--dim");
  const named = namedConfig(o.vector, distance);
  const datatype = datatypeOf(o.datatype);
  if (named === null && distance === undefined) fail("--distance is required (Cosine, Dot, Euclid or Manhattan)");
  checkFlagsForFormat(format, o, named, dim);
  const name = o.name ?? basename(o.out, extname(o.out));
  checkName(name);
  const startId = o["start-id"] === undefined ? 0 : positiveInt(o["start-id"], "--start-id", 0);
  const budget = o["memory-budget"] === undefined ? undefined : sizeOf(o["memory-budget"]);
  ensureOutDir(o.out);
  const hnsw = hnswOf(o);
  return {
    hnsw,
    input, inputSize, format, distance, datatype, dim, named, name, startId, budget,
    out: o.out,
    ids: o.ids,
    payloads: o.payloads,
    batch: positiveInt(o.batch, "--batch"),
    database: o.database,
    json: o.json,
    progress: o.quiet ? "never" : o.progress ? "always" : "auto",
  };
}

/** `--datatype`: how every vector is stored (Qdrant's `datatype`), undefined for float32. */
function datatypeOf(s) {
  if (s === undefined) return undefined;
  const d = s.toLowerCase();
  if (!["float32", "float16", "uint8"].includes(d)) fail(`--datatype must be float32, float16 or uint8, not "${s}"`);
  return d;
}

/** `--hnsw` (or `--m` / `--ef-construct`, which imply it): build the graphs before writing;
 *  null for none. `m` 0 would disable the graph Qdrant's way, which `--hnsw` contradicts. */
function hnswOf(o) {
  const m = positiveInt(o.m, "--m");
  const efConstruct = positiveInt(o["ef-construct"], "--ef-construct", 4);
  if (!o.hnsw && m === undefined && efConstruct === undefined) return null;
  const config = {};
  if (m !== undefined) config.m = m;
  if (efConstruct !== undefined) config.ef_construct = efConstruct;
  return config;
}

function inputOf(o, positionals) {
  if (positionals.length > 1 || (positionals.length === 1 && o.input !== undefined)) {
    fail(`one input file (got ${[o.input, ...positionals].filter(Boolean).join(", ")})`);
  }
  const input = o.input ?? positionals[0];
  if (input === undefined) fail("--input FILE is required (see simile build --help)");
  return input;
}

/** Checks that the input files exist; returns the input's size in bytes. */
function checkFiles(input, o) {
  const inputSize = fileSize(input, "");
  if (resolve(o.out) === resolve(input)) fail("--out must not be the input file");
  for (const [flag, path] of [["--ids", o.ids], ["--payloads", o.payloads]]) {
    if (path !== undefined) fileSize(path, `${flag} `);
  }
  return inputSize;
}

function fileSize(path, flag) {
  try {
    const st = statSync(path);
    if (!st.isFile()) fail(`${flag}${path} is not a file`);
    return st.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    return fail(`cannot read ${flag}${path}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  }
}

/** JSON Lines rows carry ids, payloads and names; raw formats take them from flags. */
function checkFlagsForFormat(format, o, named, dim) {
  if (format === "jsonl") {
    for (const flag of ["ids", "payloads", "start-id"]) {
      if (o[flag] !== undefined) fail(`--${flag} is for f32/f16/npy input; JSON Lines rows carry their own "id" and "payload"`);
    }
    if (named !== null && dim !== undefined) fail("--dim is for unnamed vectors; named vectors take their sizes from --vector NAME:DIM");
  } else {
    if (named !== null) fail("--vector (named vectors) is for JSON Lines input; raw formats fill the unnamed vector");
    if (o.ids !== undefined && o["start-id"] !== undefined) fail("--ids and --start-id exclude each other");
  }
}

function ensureOutDir(out) {
  const outDir = dirname(resolve(out));
  try {
    if (!statSync(outDir).isDirectory()) fail(`cannot write ${out}: ${outDir} is not a directory`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    mkdirSync(outDir, { recursive: true });
  }
}
