// The JSON codec of the REST layer, shared by `Database.request` and `QdrantClient`: exact for
// integers beyond 2^53 (u64 point ids, large payload integers). Bigints are written as JSON
// integers; integers a number cannot hold exactly come back as bigints, as the official
// client returns them.

const rawJSON = typeof JSON.rawJSON === "function" ? JSON.rawJSON : null;

// Engines without `JSON.rawJSON` or the reviver's `context.source` (Node 20, older browsers)
// carry bigints through the text as marked strings. JSON escapes NUL, so the marker's escaped
// form cannot come from a plain string unless that string holds a NUL itself.
const MARK = "\u0000bigint:";
const MARKED_TEXT = /"\\u0000bigint:(-?\d+)\\u0000"/g;

/** `JSON.stringify` that also writes bigints, as JSON integers. */
export function stringify(value) {
  try {
    // The common case, at full speed: a replacer would run for every number of every vector.
    return JSON.stringify(value);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return stringifyWithBigints(value); // a cycle throws the same TypeError again
  }
}

function stringifyWithBigints(value) {
  if (rawJSON !== null) {
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? rawJSON(String(v)) : v));
  }
  const text = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${MARK}${v}\u0000` : v));
  return text.replace(MARKED_TEXT, "$1");
}

const hasSourceAccess = (() => {
  let seen = false;
  JSON.parse("1", (_k, v, context) => {
    seen = context?.source === "1";
    return v;
  });
  return seen;
})();

// Every safe integer has at most 16 digits, so text without a run of 16 holds none to revive.
const LONG_DIGITS = /\d{16}/;

/** `JSON.parse` that returns integers beyond 2^53 as bigints. */
export function parse(text) {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return hasSourceAccess ? JSON.parse(text, reviveFromSource) : parseMarked(text);
}

function isUnsafeInteger(v) {
  return typeof v === "number" && Number.isInteger(v) && !Number.isSafeInteger(v);
}

function reviveFromSource(_k, v, context) {
  // `1e20` is an integer-valued number too, but not an integer literal: it stays a number.
  if (isUnsafeInteger(v) && /^-?\d+$/.test(context?.source)) return BigInt(context.source);
  return v;
}

// Whole JSON strings (skipped) and whole number literals (an integer one may be rewritten).
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** Without source access: unsafe integer literals become marked strings, then bigints.
 *  (Exported so tests run this path on every engine.) */
export function parseMarked(text) {
  if (text.includes("\\u0000bigint:")) return JSON.parse(text); // cannot mark unambiguously
  let marked = false;
  const rewritten = text.replace(TOKENS, (token) => {
    if (token[0] === '"' || !/^-?\d+$/.test(token) || Number.isSafeInteger(Number(token))) return token;
    marked = true;
    return `"\\u0000bigint:${token}"`;
  });
  if (!marked) return JSON.parse(text);
  return JSON.parse(rewritten, (_k, v) => (typeof v === "string" && v.startsWith(MARK) ? BigInt(v.slice(MARK.length)) : v));
}
