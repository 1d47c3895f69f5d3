// Input readers for `simile build`: JSON Lines, raw little-endian f32/f16, and .npy. Each
// yields batches of rows, reading the file in chunks (never the whole file at once).
import { open, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { fail } from "./errors.mjs";
import { isUuid, lineChunks, LineSource, parseIdLine, parsePayloadLine } from "./lines.mjs";
import { ELEMENT_BYTES, firstNonFinite, toFloat32 } from "./numbers.mjs";

export const FORMATS = ["jsonl", "f32", "f16", "npy"];

const BY_EXTENSION = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".jsonlines": "jsonl",
  ".f32": "f32",
  ".f16": "f16",
  ".npy": "npy",
};

/** The input format: `--format`, else from the file extension. */
export function detectFormat(path, format) {
  if (format !== undefined) {
    const f = format.toLowerCase();
    if (!FORMATS.includes(f)) fail(`--format must be one of ${FORMATS.join(", ")} (got ${JSON.stringify(format)})`);
    return f;
  }
  const f = BY_EXTENSION[extname(path).toLowerCase()];
  if (f === undefined) {
    fail(`cannot tell the format of ${basename(path)} from its extension; pass --format ${FORMATS.join("|")}`);
  }
  return f;
}

// ---------------------------------------------------------------------------------------------
// .npy

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const NPY_TYPES = { "<f4": "f32", "<f2": "f16", "<f8": "f64" };

/** Parses a .npy header: `{ type, rows, dim, offset }` (2-D, C order, <f4 / <f2 / <f8). */
export async function readNpyHeader(path, size) {
  const name = basename(path);
  const fh = await open(path, "r");
  try {
    const head = new Uint8Array(Math.min(size, 65536 + 12));
    await fh.read(head, 0, head.length, 0);
    if (size < 10 || NPY_MAGIC.some((b, i) => head[i] !== b)) fail(`${name}: not a .npy file (bad magic)`);
    const major = head[6];
    const view = new DataView(head.buffer);
    let hlen;
    let start;
    if (major === 1) [hlen, start] = [view.getUint16(8, true), 10];
    else if (major === 2 || major === 3) [hlen, start] = [view.getUint32(8, true), 12];
    else return fail(`${name}: unsupported .npy version ${major}.${head[7]}`);
    if (start + hlen > head.length) fail(`${name}: .npy header is truncated or too long`);
    const header = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(head.subarray(start, start + hlen));
    const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
    const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
    const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
    if (descr === undefined || fortran === undefined || shape === undefined) {
      fail(`${name}: cannot parse the .npy header ${JSON.stringify(header.trim())}`);
    }
    const type = NPY_TYPES[descr];
    if (type === undefined) {
      fail(`${name}: dtype ${descr} is not supported (use little-endian float32 '<f4', float16 '<f2' or float64 '<f8')`);
    }
    if (fortran === "True") fail(`${name}: Fortran-ordered arrays are not supported (save with np.ascontiguousarray)`);
    const dims = shape.split(",").map((s) => s.trim()).filter((s) => s !== "").map(Number);
    if (dims.length !== 2) fail(`${name}: the array must be 2-D (rows, dim); its shape is (${shape.trim()})`);
    const [rows, dim] = dims;
    const offset = start + hlen;
    const expected = offset + rows * dim * ELEMENT_BYTES[type];
    if (size !== expected) {
      fail(`${name}: ${size} bytes, but a ${rows} × ${dim} ${descr} array needs ${expected} (truncated or trailing bytes)`);
    }
    return { type, rows, dim, offset };
  } finally {
    await fh.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Raw rows (f32, f16, npy)

/** Describes a raw input: `{ type, rows, dim, offset, size }`. */
export async function describeRaw(path, format, dimOption) {
  const { size } = await stat(path);
  if (format === "npy") {
    const h = await readNpyHeader(path, size);
    if (dimOption !== undefined && dimOption !== h.dim) {
      fail(`--dim ${dimOption} does not match the .npy shape (${h.rows}, ${h.dim})`);
    }
    return { ...h, size };
  }
  if (dimOption === undefined) fail(`--dim is required for --format ${format} (the number of values per vector)`);
  const rowBytes = dimOption * ELEMENT_BYTES[format];
  if (size % rowBytes !== 0) {
    fail(
      `${basename(path)}: ${size} bytes is not a whole number of rows of ${dimOption} × ${ELEMENT_BYTES[format]}-byte values ` +
        `(${(size / rowBytes).toFixed(2)} rows; check --dim and --format)`,
    );
  }
  return { type: format, rows: size / rowBytes, dim: dimOption, offset: 0, size };
}

/** Ids for rows `[first, first + n)` of the default range starting at `start`. */
function rangeIds(start, first, n) {
  const lo = start + first;
  if (lo + n - 1 <= 0xffffffff) {
    const ids = new Uint32Array(n);
    for (let i = 0; i < n; i++) ids[i] = lo + i;
    return ids;
  }
  const ids = new BigUint64Array(n);
  for (let i = 0; i < n; i++) ids[i] = BigInt(lo) + BigInt(i);
  return ids;
}

/** Batches of a raw input: `{ ids, flat, payloads, rows, first, where(i) }`. */
export async function* rawBatches({ path, raw, batch, idsPath, startId = 0, payloadsPath, onBytes }) {
  const { type, rows, dim, offset } = raw;
  const elem = ELEMENT_BYTES[type];
  const rowBytes = dim * elem;
  const fh = await open(path, "r");
  const ids = idsPath && new LineSource(idsPath, (t, l) => parseIdLine(t, l, basename(idsPath)));
  const payloads = payloadsPath && new LineSource(payloadsPath, (t, l) => parsePayloadLine(t, l, basename(payloadsPath)));
  const buf = new Uint8Array(Math.min(batch, Math.max(rows, 1)) * rowBytes);
  const flat = new Float32Array(Math.min(batch, Math.max(rows, 1)) * dim);
  if (startId + rows - 1 > Number.MAX_SAFE_INTEGER) fail(`--start-id ${startId}: ids would exceed 2^53 − 1`);
  try {
    for (let first = 0; first < rows; first += batch) {
      const n = Math.min(batch, rows - first);
      const bytes = buf.subarray(0, n * rowBytes);
      let got = 0;
      while (got < bytes.length) {
        const { bytesRead } = await fh.read(bytes, got, bytes.length - got, offset + first * rowBytes + got);
        if (bytesRead === 0) fail(`${basename(path)}: the file shrank while being read`);
        got += bytesRead;
      }
      onBytes?.(bytes.length);
      const values = toFloat32(bytes, type, n * dim, flat);
      const bad = firstNonFinite(values, n * dim);
      if (bad !== -1) {
        const row = first + Math.floor(bad / dim);
        fail(`row ${row}: value ${bad % dim} is ${values[bad]} (vectors must be finite numbers)`);
      }
      let batchIds;
      if (ids) {
        batchIds = await ids.take(n);
        if (batchIds.length < n) {
          fail(`${basename(idsPath)} has ${first + batchIds.length} ids, but the input has ${rows} rows`);
        }
      } else {
        batchIds = rangeIds(startId, first, n);
      }
      let batchPayloads;
      if (payloads) {
        batchPayloads = await payloads.take(n);
        if (batchPayloads.length < n) {
          fail(`${basename(payloadsPath)} has ${first + batchPayloads.length} lines, but the input has ${rows} rows`);
        }
      }
      yield { ids: batchIds, flat: values.subarray(0, n * dim), payloads: batchPayloads, rows: n, where: (i) => `row ${first + i}` };
    }
    if (ids && (await ids.hasMore())) fail(`${basename(idsPath)} has more ids than the input has rows (${rows})`);
    if (payloads && (await payloads.hasMore())) {
      fail(`${basename(payloadsPath)} has more lines than the input has rows (${rows})`);
    }
  } finally {
    await fh.close();
    await ids?.close();
    await payloads?.close();
  }
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

const ROW_KEYS = new Set(["id", "vector", "payload"]);

const describe = (v) =>
  v === null ? "null" : Array.isArray(v) ? `an array of ${v.length}` : typeof v === "object" ? "an object" : JSON.stringify(v);

/** Checks `v` as a vector of `size` numbers, writing it into `out` at `at` when given; returns
 *  an error detail or null. */
function checkVector(v, size, out, at) {
  if (!Array.isArray(v)) return `got ${describe(v)}`;
  if (v.length !== size) return `got ${v.length} ${v.length === 1 ? "value" : "values"}`;
  for (let j = 0; j < size; j++) {
    const x = v[j];
    if (typeof x !== "number") return `value ${j} is ${describe(x)}`;
    const f = Math.fround(x);
    if (f - f !== 0) return `value ${j} (${x}) is outside the float32 range`;
    if (out) out[at + j] = f;
  }
  return null;
}

function parseId(row, text, line) {
  if (!("id" in row)) fail(`line ${line}: missing "id"`);
  const id = row.id;
  if (typeof id === "number" && Number.isInteger(id) && id >= 0) {
    if (Number.isSafeInteger(id)) return id;
    // Above 2^53 JSON.parse has rounded it: read the digits from the text when unambiguous.
    const m = [...text.matchAll(/"id"\s*:\s*(\d+)/g)];
    if (m.length === 1 && Number(m[0][1]) === id) {
      const n = BigInt(m[0][1]);
      if (n < 1n << 64n) return n;
    }
    fail(`line ${line}: "id" ${id} is not exact here; integer ids above 2^53 − 1 need --format f32/npy with --ids`);
  }
  if (typeof id === "string" && isUuid(id)) return id;
  return fail(`line ${line}: "id" must be an unsigned integer or a UUID string (got ${describe(id)})`);
}

/** Vectors config from `--vector name:dim[:distance]` flags and `--dim`, or null to infer it
 *  from the first row: `{ named: false, size, distance }` / `{ named: true, vectors: Map }`. */
export function inferConfig(vector, line, { dim, distance }) {
  if (Array.isArray(vector)) {
    if (dim !== undefined && vector.length !== dim) {
      fail(`line ${line}: "vector" must be an array of ${dim} numbers (got ${vector.length} values)`);
    }
    if (vector.length === 0) fail(`line ${line}: "vector" is empty`);
    return { named: false, size: vector.length, distance };
  }
  if (vector !== null && typeof vector === "object") {
    const entries = Object.entries(vector);
    if (entries.length === 0) fail(`line ${line}: cannot infer named vectors from an empty "vector" object; pass --vector NAME:DIM`);
    const vectors = new Map();
    for (const [name, v] of entries) {
      if (!Array.isArray(v) || v.length === 0) {
        fail(`line ${line}: "vector.${name}" must be an array of numbers (got ${describe(v)})`);
      }
      vectors.set(name, { size: v.length, distance });
    }
    return { named: true, vectors };
  }
  return fail(`line ${line}: "vector" must be an array of numbers or an object of named vectors (got ${describe(vector)})`);
}

/** Batches of a JSON Lines input. `state.config` is filled in from the flags or the first row
 *  before the first batch is yielded. */
export async function* jsonlBatches({ path, batch, state, onBytes }) {
  let rows = [];
  let lines = [];
  let flat = null;
  let payloads = [];
  let anyPayload = false;

  const flush = () => {
    const n = rows.length;
    const out = state.config.named
      ? { points: rows, rows: n }
      : { ids: rows, flat: flat.subarray(0, n * state.config.size), payloads: anyPayload ? payloads : undefined, rows: n };
    const at = lines;
    out.where = (i) => `line ${at[i]}`;
    rows = [];
    lines = [];
    payloads = [];
    anyPayload = false;
    flat = state.config.named ? null : new Float32Array(batch * state.config.size);
    return out;
  };

  for await (const chunk of lineChunks(path)) {
    onBytes?.(chunk.bytes);
    for (let k = 0; k < chunk.lines.length; k++) {
      const text = chunk.lines[k];
      const line = chunk.first + k;
      if (text.trim() === "") continue;
      let row;
      try {
        row = JSON.parse(text);
      } catch (err) {
        fail(`line ${line}: invalid JSON (${err.message})`);
      }
      if (row === null || typeof row !== "object" || Array.isArray(row)) fail(`line ${line}: a row must be a JSON object`);
      for (const key of Object.keys(row)) {
        if (!ROW_KEYS.has(key)) fail(`line ${line}: unknown field ${JSON.stringify(key)} (a row has "id", "vector" and "payload")`);
      }
      const id = parseId(row, text, line);
      if (!("vector" in row)) fail(`line ${line}: missing "vector"`);
      const payload = row.payload ?? null;
      if (payload !== null && (typeof payload !== "object" || Array.isArray(payload))) {
        fail(`line ${line}: "payload" must be an object (got ${describe(payload)})`);
      }
      if (state.config === null) {
        state.config = inferConfig(row.vector, line, state);
        state.firstLine = line;
      }
      const config = state.config;
      if (flat === null && !config.named) flat = new Float32Array(batch * config.size);
      if (config.named) {
        const v = row.vector;
        if (v === null || typeof v !== "object" || Array.isArray(v)) {
          const names = [...config.vectors].map(([n, c]) => `${n}: ${c.size}`).join(", ");
          fail(`line ${line}: "vector" must be an object of named vectors (${names}); got ${describe(v)}`);
        }
        for (const [name, values] of Object.entries(v)) {
          const c = config.vectors.get(name);
          if (c === undefined) {
            fail(
              `line ${line}: unknown vector name ${JSON.stringify(name)} (configured: ${[...config.vectors.keys()].join(", ")}; ` +
                `declare it with --vector ${name}:DIM)`,
            );
          }
          const problem = checkVector(values, c.size);
          if (problem) fail(`line ${line}: "vector.${name}" must be an array of ${c.size} numbers (${problem})`);
        }
        rows.push(payload === null ? { id, vector: v } : { id, vector: v, payload });
      } else {
        let problem = checkVector(row.vector, config.size, flat, rows.length * config.size);
        if (problem) {
          if (row.vector !== null && typeof row.vector === "object" && !Array.isArray(row.vector)) {
            problem += "; for named vectors pass --vector NAME:DIM";
          }
          fail(`line ${line}: "vector" must be an array of ${config.size} numbers (${problem})`);
        }
        rows.push(id);
        payloads.push(payload);
        if (payload !== null) anyPayload = true;
      }
      lines.push(line);
      if (rows.length === batch) yield flush();
    }
  }
  if (rows.length > 0) yield flush();
}
