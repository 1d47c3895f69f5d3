// The golden comparison rules (tests/golden/README.md) for one Query API answer, simile's
// against Qdrant Edge's: scores within 1e-4 absolute or relative, tie groups compared as sets,
// payloads and vectors deep-equal when asked for, errors on both sides.
//
// The golden corpus is built so that no cut-off (limit, offset, score_threshold) falls inside
// a tie; generated cases cannot promise that. So every request is also sent to Edge as a
// "probe" (offset 0, no threshold, a limit covering every point): a tie group that straddles
// the start or the end of the page may hold, in simile's answer, any points of that tie in the
// probe. Everything else is the golden rule.
import { isDeepStrictEqual } from "node:util";

const TOL = 1e-4;
const tol = (s) => Math.max(TOL, TOL * Math.abs(s));
const near = (a, b) => Math.abs(a - b) <= 2 * Math.max(tol(a), tol(b));
const key = (id) => (typeof id === "string" ? id.toLowerCase() : String(id));

/** The probe of a request: same query, offset 0, no root threshold, every point. */
export function probeOf(body, pointCount) {
  const probe = { ...body, offset: 0, limit: pointCount + 1 };
  delete probe.score_threshold;
  return probe;
}

/** Tie groups: maximal runs of neighbouring scores within twice the tolerance. */
function tieGroups(points) {
  const groups = [];
  let i = 0;
  while (i < points.length) {
    let j = i + 1;
    while (j < points.length && near(points[j].score, points[j - 1].score)) j += 1;
    groups.push([i, j]);
    i = j;
  }
  return groups;
}

/** Returns null when `actual` (simile) agrees with `expected` (Edge), else the reason. */
export function compare(actual, expected, probe, body) {
  if ("unsupported" in expected) return `generated a case Edge cannot express: ${expected.unsupported}`;
  if ("error" in expected) {
    if (!("error" in actual)) return `Edge failed (${expected.error}) but simile answered`;
    const same = expected.status === undefined || expected.status === actual.status;
    return same ? null : `status ${actual.status}, expected ${expected.status} (${expected.error})`;
  }
  if ("error" in actual) return `simile failed: ${actual.status} ${actual.error}`;
  try {
    comparePoints(actual.points, expected.points, probe?.points ?? [], body);
    return null;
  } catch (err) {
    return err.message;
  }
}

function comparePoints(actual, expected, probe, body) {
  check(Array.isArray(actual), "result is not a list of points");
  const seen = new Set();
  for (const p of actual) {
    check(!seen.has(key(p.id)), `id ${p.id} returned twice`);
    seen.add(key(p.id));
  }
  const limit = body.limit ?? 10;
  const threshold = body.score_threshold;
  const reference = new Map(probe.map((p) => [key(p.id), p]));
  for (const p of expected) reference.set(key(p.id), p);
  const n = Math.min(actual.length, expected.length);
  if (actual.length !== expected.length) {
    // Only a point whose score sits on the threshold may be in one answer and not the other.
    const extra = (actual.length > n ? actual : expected).slice(n);
    const onThreshold = threshold !== undefined && extra.every((p) => near(p.score, threshold));
    check(onThreshold, `${actual.length} points, expected ${expected.length}`);
  }
  const full = expected.length === limit || actual.length !== expected.length || threshold !== undefined;
  for (const [i, j] of tieGroups(expected.slice(0, n))) {
    const atCut = (i === 0 && (body.offset ?? 0) > 0) || (j === n && full);
    const want = new Set(expected.slice(i, j).map((p) => key(p.id)));
    for (let k = i; k < j; k += 1) {
      const got = actual[k];
      check(near(got.score, expected[k].score), `position ${k}: score ${got.score}, expected ${expected[k].score}`);
      const ref = reference.get(key(got.id));
      if (!atCut) check(want.has(key(got.id)), `unexpected id ${got.id} at ${i}..${j - 1} (expected ${[...want]})`);
      else check(ref && near(ref.score, expected[k].score), `id ${got.id} at ${k} is not in the tie at the cut-off`);
      pointDetails(got, ref, body);
    }
  }
}

function pointDetails(got, want, body) {
  check(Math.abs(got.score - want.score) <= tol(want.score), `score of ${got.id}: ${got.score} vs ${want.score}`);
  if ("payload" in want && want.payload !== null) check(isDeepStrictEqual(got.payload, want.payload), `payload of ${got.id}: ${JSON.stringify(got.payload)} vs ${JSON.stringify(want.payload)}`);
  else check(got.payload === undefined || got.payload === null, `unexpected payload on ${got.id}`);
  if ("vector" in want && want.vector !== null) vectorClose(got.vector, want.vector, `vector of ${got.id}`);
  else check(got.vector === undefined || got.vector === null, `unexpected vector on ${got.id}`);
}

function vectorClose(actual, expected, where) {
  if (Array.isArray(expected)) {
    check(Array.isArray(actual) && actual.length === expected.length, `${where}: shape`);
    expected.forEach((x, k) => (Array.isArray(x) ? vectorClose(actual[k], x, where) : check(Math.abs(actual[k] - x) <= 1e-4, `${where}[${k}]: ${actual[k]} vs ${x}`)));
    return;
  }
  check(actual && typeof actual === "object", `${where}: shape`);
  check(isDeepStrictEqual(Object.keys(actual).sort(), Object.keys(expected).sort()), `${where}: names ${Object.keys(actual)} vs ${Object.keys(expected)}`);
  for (const [name, v] of Object.entries(expected)) vectorClose(actual[name], v, `${where}.${name}`);
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}
