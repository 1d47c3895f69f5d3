// Streaming line input: never holds more than a chunk (plus one partial line) in memory.
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { UserError, fail } from "./errors.mjs";

const CHUNK = 1 << 20;

/** Yields `{ first, lines, bytes }` per chunk read: `lines` are the complete lines in it (no
 *  "\n", a trailing "\r" removed), `first` the 1-based number of `lines[0]`, `bytes` how many
 *  bytes of the file that chunk consumed. A last line without "\n" is included. */
export async function* lineChunks(path) {
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let rest = "";
  let next = 1;
  const decode = (chunk, stream) => {
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new UserError(`${basename(path)} line ${next + countNewlines(rest)}: not valid UTF-8`);
    }
  };
  try {
    for await (const chunk of stream) {
      const text = rest + decode(chunk, true);
      const lines = text.split("\n");
      rest = lines.pop();
      for (let i = 0; i < lines.length; i++) if (lines[i].endsWith("\r")) lines[i] = lines[i].slice(0, -1);
      yield { first: next, lines, bytes: chunk.length };
      next += lines.length;
    }
    const tail = rest + decode(undefined, false);
    if (tail !== "") yield { first: next, lines: [tail.endsWith("\r") ? tail.slice(0, -1) : tail], bytes: 0 };
  } finally {
    stream.destroy();
  }
}

function countNewlines(s) {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/** Pulls parsed lines on demand: `take(n)` resolves to up to `n` values of `parse(text, line)`
 *  (fewer only at the end of the file). For side files read in step with the vectors. */
export class LineSource {
  #chunks;
  #buffer = [];
  #pos = 0;
  #first = 1;
  #done = false;
  #parse;

  constructor(path, parse) {
    this.path = path;
    this.#chunks = lineChunks(path);
    this.#parse = parse;
  }

  /** Refills the buffer; false at the end of the file. */
  async #fill() {
    while (this.#pos === this.#buffer.length) {
      if (this.#done) return false;
      const { value, done } = await this.#chunks.next();
      if (done) {
        this.#done = true;
        return false;
      }
      this.#buffer = value.lines;
      this.#pos = 0;
      this.#first = value.first;
    }
    return true;
  }

  async take(n) {
    const out = [];
    while (out.length < n && (await this.#fill())) {
      const end = Math.min(this.#pos + n - out.length, this.#buffer.length);
      for (let i = this.#pos; i < end; i++) out.push(this.#parse(this.#buffer[i], this.#first + i));
      this.#pos = end;
    }
    return out;
  }

  /** True when lines remain after what `take` has consumed. */
  hasMore() {
    return this.#fill();
  }

  async close() {
    await this.#chunks.return?.();
  }
}

const UUID = /^(?:urn:uuid:)?(\{)?(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\})?$/i;
const U64_MAX = (1n << 64n) - 1n;

/** True for the UUID spellings Qdrant accepts (hyphenated, 32 hex digits, {braced}, urn:uuid:). */
export function isUuid(s) {
  const m = UUID.exec(s.trim());
  return m !== null && (m[1] === undefined) === (m[2] === undefined);
}

/** One line of an ids file → a number (≤ 2^53 − 1), a bigint (< 2^64) or a UUID string. */
export function parseIdLine(text, line, file) {
  const s = text.trim();
  if (s === "") fail(`${file} line ${line}: empty line (one id per line)`);
  if (/^\d+$/.test(s)) {
    const n = BigInt(s);
    if (n > U64_MAX) fail(`${file} line ${line}: ${s} is not a point id (integers must be below 2^64)`);
    return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  if (isUuid(s)) return s;
  return fail(`${file} line ${line}: ${JSON.stringify(s)} is not a point id (an unsigned integer or a UUID)`);
}

/** One line of a payloads file → an object or null. */
export function parsePayloadLine(text, line, file) {
  if (text.trim() === "") fail(`${file} line ${line}: empty line (write null for a point without payload)`);
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    fail(`${file} line ${line}: invalid JSON (${err.message})`);
  }
  if (value !== null && (typeof value !== "object" || Array.isArray(value))) {
    fail(`${file} line ${line}: a payload must be a JSON object or null`);
  }
  return value;
}
