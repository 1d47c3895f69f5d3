// Command-line values: parsing with node:util and checking numbers and sizes.
import { parseArgs } from "node:util";
import { fail } from "./errors.mjs";

/** `parseArgs` in strict mode; its errors become one line pointing at --help. */
export function parse(argv, options, allowPositionals) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    return fail(`${err.message.split(". To specify")[0]} (see simile --help)`);
  }
}

/** An integer flag ≥ `min`, or undefined when the flag is absent. */
export function positiveInt(s, what, min = 1) {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s) || Number(s) < min || !Number.isSafeInteger(Number(s))) {
    fail(`${what} must be an integer ≥ ${min} (got ${JSON.stringify(s)})`);
  }
  return Number(s);
}

/** Sizes (`--memory-budget`): bytes, or a number with K, M, G or T (powers of 1024). */
export function sizeOf(s, what = "--memory-budget") {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(String(s).trim());
  if (m === null) fail(`${what} must be a size like 2G, 512M or 1073741824 (got ${JSON.stringify(s)})`);
  return Math.floor(Number(m[1]) * 1024 ** " kmgt".indexOf(m[2].toLowerCase() || " "));
}
