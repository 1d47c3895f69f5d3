// The golden corpus for JS tests: loading cases and the comparison rules of
// tests/golden/README.md (scores within tolerance, tie groups as sets, payloads deep-equal,
// vectors within 1e-4, absent payload/vector when not expected, errors by status + substring).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The corpus directory: `$SIMILE_GOLDEN_DIR` (to replay another corpus) or tests/golden. */
export const goldenDir = process.env.SIMILE_GOLDEN_DIR ?? fileURLToPath(new URL("../golden/", import.meta.url));

export function loadCases(dir = goldenDir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.startsWith("_"))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")));
}

/** REST path of a corpus endpoint. */
export function restPath(collection, endpoint) {
  return `/collections/${collection}/points/${endpoint.replace("_batch", "/batch")}`;
}

const canonicalId = (id) => (typeof id === "string" ? id.toLowerCase() : BigInt(id));

export function compareScored(actual, expected, tol, where) {
  assert.ok(Array.isArray(actual), `${where}: not a list`);
  assert.equal(actual.length, expected.length, `${where}: result count`);
  const t = (s) => Math.max(tol.score_abs, tol.score_rel * Math.abs(s));
  let i = 0;
  while (i < expected.length) {
    let j = i + 1;
    while (j < expected.length && Math.abs(expected[j].score - expected[j - 1].score) <= 2 * Math.max(t(expected[j].score), t(expected[j - 1].score))) j += 1;
    const byId = new Map(expected.slice(i, j).map((p) => [canonicalId(p.id), p]));
    for (const got of actual.slice(i, j)) {
      const want = byId.get(canonicalId(got.id));
      assert.ok(want, `${where}: unexpected id ${got.id} at ${i}..${j - 1}`);
      byId.delete(canonicalId(got.id));
      assert.ok(Math.abs(got.score - want.score) <= t(want.score), `${where}: score of ${got.id}: ${got.score} vs ${want.score}`);
      if ("payload" in want) assert.deepEqual(got.payload, want.payload, `${where}: payload of ${got.id}`);
      else assert.ok(got.payload === undefined || got.payload === null, `${where}: unexpected payload`);
      if ("vector" in want) compareVector(got.vector, want.vector, tol.vector_abs, `${where}: vector of ${got.id}`);
      else assert.ok(got.vector === undefined || got.vector === null, `${where}: unexpected vector`);
    }
    i = j;
  }
}

export function compareVector(actual, expected, abs, where) {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, where);
    expected.forEach((x, k) => {
      if (Array.isArray(x)) compareVector(actual[k], x, abs, where);
      else assert.ok(Math.abs(actual[k] - x) <= abs, `${where}[${k}]`);
    });
  } else {
    assert.deepEqual(Object.keys(actual ?? {}).sort(), Object.keys(expected).sort(), where);
    for (const [name, v] of Object.entries(expected)) compareVector(actual[name], v, abs, `${where}.${name}`);
  }
}

/** Compares a successful `result` with the case's expectation, per endpoint shape. */
export function compareResult(c, result) {
  const { endpoint } = c.request;
  const tol = { score_abs: 1e-4, score_rel: 1e-4, vector_abs: 1e-4, ...c.tolerance };
  switch (endpoint) {
    case "query":
      return compareScored(result.points, c.expected.points, tol, c.name);
    case "query_batch":
      assert.equal(result.length, c.expected.length);
      return c.expected.forEach((e, k) => compareScored(result[k].points, e.points, tol, `${c.name}[${k}]`));
    case "recommend_batch":
    case "discover_batch":
      assert.equal(result.length, c.expected.length);
      return c.expected.forEach((e, k) => compareScored(result[k], e, tol, `${c.name}[${k}]`));
    default:
      return compareScored(result, c.expected, tol, c.name);
  }
}

/** Checks an error outcome: same HTTP status, message containing the expected text. */
export function compareError(c, status, message) {
  assert.equal(status, c.expected_error.status, `${c.name}: status (${message})`);
  assert.ok(message.toLowerCase().includes(c.expected_error.contains.toLowerCase()), `${c.name}: ${message}`);
}
