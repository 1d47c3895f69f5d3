// Payloads and filters for generated collections. The filters stay inside what the v1.19.0
// server and Qdrant Edge evaluate identically: no `match.text`/`text_any`/`phrase` (without a
// full-text index the server tests substrings, Edge tokenises) and no `is_null` on a field that
// can hold an array (`[null, 1]` differs between the two).

const COLORS = ["red", "green", "blue", "black"];
const TAGS = ["a", "b", "c", "d", "e"];

/** A payload with scalar, array, nested-object and array-of-object fields, some missing. */
export function payload(rng) {
  const p = {};
  if (rng.chance(0.9)) p.color = rng.pick(COLORS);
  if (rng.chance(0.9)) p.n = rng.range(0, 20);
  if (rng.chance(0.8)) p.price = Math.round(rng.float() * 10000) / 100;
  if (rng.chance(0.8)) p.flag = rng.chance(0.5);
  if (rng.chance(0.7)) p.tags = rng.sample(TAGS, rng.range(0, 3));
  if (rng.chance(0.6)) p.meta = { level: rng.range(1, 4), kind: rng.pick(["x", "y"]) };
  if (rng.chance(0.5)) p.parts = Array.from({ length: rng.range(1, 3) }, () => ({ k: rng.range(0, 4), s: rng.pick(["u", "v"]) }));
  if (rng.chance(0.6)) p.loc = { lon: Math.round((rng.float() * 20 - 10) * 1e4) / 1e4, lat: Math.round((rng.float() * 20 + 40) * 1e4) / 1e4 };
  if (rng.chance(0.6)) p.at = `2024-0${rng.range(1, 9)}-1${rng.range(0, 9)}T${rng.range(10, 23)}:00:00Z`;
  // A scalar that is sometimes null, never an array: safe for is_null.
  if (rng.chance(0.7)) p.maybe = rng.chance(0.4) ? null : rng.range(0, 3);
  return p;
}

/** One leaf condition over the payload fields above (or the ids). */
function leaf(rng, ids) {
  return rng.weighted([
    [3, () => ({ key: "color", match: { value: rng.pick(COLORS) } })],
    [1, () => ({ key: "n", match: { value: rng.range(0, 20) } })],
    [2, () => ({ key: "n", match: { any: Array.from({ length: 8 }, () => rng.range(0, 20)) } })],
    [2, () => ({ key: "flag", match: { value: rng.chance(0.5) } })],
    [2, () => ({ key: "color", match: { any: rng.sample(COLORS, rng.range(1, 3)) } })],
    [1, () => ({ key: "tags", match: { any: rng.sample(TAGS, rng.range(1, 2)) } })],
    [1, () => ({ key: "n", match: { except: [rng.range(0, 20), rng.range(0, 20)] } })],
    [1, () => ({ key: "color", match: { except: rng.sample(COLORS, 2) } })],
    [3, () => ({ key: "n", range: range(rng, 0, 20) })],
    [2, () => ({ key: "price", range: range(rng, 0, 100) })],
    [1, () => ({ key: "meta.level", range: range(rng, 1, 4) })],
    [1, () => ({ key: "meta.kind", match: { value: rng.pick(["x", "y"]) } })],
    [1, () => ({ key: "parts[].k", match: { value: rng.range(0, 4) } })],
    [1, () => ({ is_empty: { key: rng.pick(["tags", "parts", "color", "maybe"]) } })],
    [1, () => ({ key: "tags", match: { value: rng.pick(TAGS) } })],
    [1, () => ({ key: "loc", geo_radius: { center: { lon: rng.range(-10, 10), lat: rng.range(40, 60) }, radius: rng.range(100, 900) * 1000 + 0.5 } })],
    [1, () => ({ key: "loc", geo_bounding_box: geoBox(rng) })],
    [1, () => ({ key: "at", range: rng.pick([{ gte: "2024-04-01T00:00:00Z" }, { lt: "2024-06-15T12:30:00Z" }, { gt: "2024-02-01T00:00:00+01:00", lte: "2024-08-01T00:00:00Z" }]) })],
    [1, () => ({ is_null: { key: "maybe" } })],
    [1, () => ({ key: "tags", values_count: { gte: rng.range(0, 2) } })],
    [1, () => ({ has_id: rng.sample(ids, rng.range(1, Math.max(1, ids.length >> 1))) })],
    [1, () => ({ nested: { key: "parts", filter: { must: [{ key: "k", match: { value: rng.range(0, 4) } }, { key: "s", match: { value: rng.pick(["u", "v"]) } }] } } })],
  ])();
}

function geoBox(rng) {
  const [lon, lat] = [rng.range(-10, 5) + 0.05, rng.range(40, 55) + 0.05];
  return { top_left: { lon, lat: lat + rng.range(2, 10) }, bottom_right: { lon: lon + rng.range(2, 10), lat } };
}

function range(rng, lo, hi) {
  const a = lo + rng.float() * (hi - lo);
  const b = a + rng.float() * (hi - lo) * 0.6;
  // Bounds halfway between representable values of the field: no payload value sits on one.
  const r = (x) => Math.round(x * 10) / 10 + 0.005;
  return rng.weighted([
    [1, { gte: r(a) }],
    [1, { lt: r(b) }],
    [2, { gt: r(a), lte: r(b) }],
  ]);
}

/** A filter of depth ≤ 2: must/should/must_not lists, sometimes min_should or a sub-filter. */
export function filter(rng, ids, depth = 0) {
  const f = {};
  const some = (n) => Array.from({ length: n }, () => (depth < 1 && rng.chance(0.15) ? filter(rng, ids, depth + 1) : leaf(rng, ids)));
  if (rng.chance(0.6)) f.must = some(rng.chance(0.7) ? 1 : 2);
  if (rng.chance(0.35)) f.should = some(rng.range(1, 3));
  if (rng.chance(0.3)) f.must_not = some(1);
  if (rng.chance(0.1)) f.min_should = { conditions: some(3), min_count: rng.range(1, 2) };
  if (Object.keys(f).length === 0) f.must = [leaf(rng, ids)];
  return f;
}
