// The demo's pure modules in Node (no browser): the state and its URL fragment, marking
// examples, name search, and the Qdrant requests built from the state.
import assert from "node:assert/strict";
import { test } from "node:test";
import { SCENARIOS } from "../../www/content.js";
import { formatSize, prettyJson } from "../../www/format.js";
import { buildFilter, buildRequest, curlCommand, DENSE_MODEL, namedIds } from "../../www/request.js";
import {
  emptyState, findByName, isNegative, isPositive, scenarioState, SIZE_MIN_TOP, SIZE_STEPS, stateFromHash, stateToHash, toggleExample,
} from "../../www/state.js";

// A catalogue like items.json's: names sorted, package id = row + 1.
const NAMES = ["emacs", "gedit", "gimp", "joe", "kate", "micro", "nano", "nginx", "vim", "vim-gtk3"];
const byName = new Map(NAMES.map((n, i) => [n, i + 1]));
const nameOf = (id) => NAMES[id - 1];
const catalog = { byName, sections: ["editors", "web"], priorities: ["optional", "important"] };

test("a state survives its URL fragment", () => {
  const s = scenarioState(SCENARIOS[3], byName); // discover: target vim, three pairs
  s.sections.add("editors");
  s.priority = "important";
  s.sizeMin = 4;
  s.sizeMax = 12;
  s.limit = 50;
  const hash = stateToHash(s, nameOf);
  assert.equal(hash, "#mode=discover&target=vim&pairs=gedit~nano,kate~micro,~joe&section=editors&priority=important&size=4-12&limit=50");
  assert.deepEqual(stateFromHash(hash, catalog), s);
  assert.equal(stateToHash(emptyState(), nameOf), "#mode=recommend");
});

test("a fragment's unknown names and values are dropped", () => {
  const s = stateFromHash("#mode=nope&pos=vim,ghost&neg=vim,nano&strategy=x&section=editors,none&priority=z&size=30-2&limit=7", catalog);
  assert.equal(s.mode, "recommend");
  assert.deepEqual(s.positive, [byName.get("vim")]);
  assert.deepEqual(s.negative, [byName.get("nano")], "a package is not both 👍 and 👎");
  assert.equal(s.strategy, "average_vector");
  assert.deepEqual([...s.sections], ["editors"]);
  assert.equal(s.priority, "");
  assert.deepEqual([s.sizeMin, s.sizeMax], [SIZE_MIN_TOP, SIZE_MIN_TOP], "clamped (from stops before ∞) and ordered");
  assert.equal(s.limit, 20);
  assert.equal(stateFromHash("", catalog), null);
});

test("marking: 👍 and 👎 exclude each other; pairs fill free slots", () => {
  const s = emptyState();
  toggleExample(s, "pos", 9);
  toggleExample(s, "neg", 9);
  assert.deepEqual([s.positive, s.negative], [[], [9]]);
  toggleExample(s, "neg", 9);
  assert.deepEqual(s.negative, []);
  s.mode = "context";
  toggleExample(s, "pos", 2);
  toggleExample(s, "neg", 7);
  toggleExample(s, "neg", 2); // 2 holds the 👍 of the first pair: it moves to the 👎 side
  assert.deepEqual(s.pairs, [{ positive: null, negative: 7 }, { positive: null, negative: 2 }]);
  assert.ok(!isPositive(s, 2) && isNegative(s, 2), "never 👍 and 👎 at once");
  toggleExample(s, "pos", 2);
  assert.deepEqual(s.pairs, [{ positive: 2, negative: 7 }]);
  assert.ok(isPositive(s, 2) && !isNegative(s, 2));
  toggleExample(s, "target", 9);
  assert.equal(s.target, 9);
  toggleExample(s, "target", 9);
  assert.equal(s.target, null);
});

test("findByName: prefix matches first, then substrings", () => {
  assert.deepEqual(findByName(NAMES, " Vi "), [byName.get("vim"), byName.get("vim-gtk3")]);
  assert.deepEqual(findByName(NAMES, "n"), [byName.get("nano"), byName.get("nginx")]);
  assert.deepEqual(findByName(NAMES, "i", 3), [byName.get("gedit"), byName.get("gimp"), byName.get("micro")], "at most `max`");
  assert.deepEqual(findByName(NAMES, "ro"), [byName.get("micro")]);
  assert.deepEqual(findByName(NAMES, "  "), []);
});

test("buildRequest: the Query API body for each mode, or a hint", () => {
  const s = emptyState();
  assert.match(buildRequest(s).hint, /mark a package/);
  s.positive = [9];
  s.negative = [7];
  assert.deepEqual(buildRequest(s).body, {
    query: { recommend: { positive: [9], negative: [7], strategy: "average_vector" } },
    limit: 20,
    with_payload: true,
  });
  s.mode = "discover";
  assert.match(buildRequest(s).hint, /target/);
  s.target = 9;
  s.pairs = [{ positive: 2, negative: 7 }, { positive: 5, negative: null }];
  assert.deepEqual(buildRequest(s).body.query, { discover: { target: 9, context: [{ positive: 2, negative: 7 }] } }, "incomplete pairs are left out");
  s.mode = "context";
  assert.deepEqual(buildRequest(s).body.query, { context: [{ positive: 2, negative: 7 }] });
  s.pairs = [];
  assert.match(buildRequest(s).hint, /context pair/);
});

test("buildFilter: sections, priority and size bounds", () => {
  const s = emptyState();
  assert.equal(buildFilter(s), null);
  s.sections = new Set(["editors", "web"]);
  s.priority = "optional";
  s.sizeMin = 1;
  assert.deepEqual(buildFilter(s), {
    must: [
      { key: "section", match: { any: ["editors", "web"] } },
      { key: "priority", match: { value: "optional" } },
      { key: "installed_size_kib", range: { gte: SIZE_STEPS[1] } },
    ],
  });
  s.sections.clear();
  s.priority = "";
  s.sizeMin = 0;
  s.sizeMax = 3;
  assert.deepEqual(buildFilter(s), { must: [{ key: "installed_size_kib", range: { lte: SIZE_STEPS[3] } }] });
  s.limit = 10;
  s.positive = [1];
  assert.deepEqual(buildRequest(s).body.filter, buildFilter(s));
  assert.equal(buildRequest(s).body.limit, 10);
});

test("the request as text: curl command, named ids, pretty JSON, sizes", () => {
  const body = { query: { recommend: { positive: [9, 2], negative: [9] } }, limit: 20 };
  assert.equal(
    curlCommand("http://localhost:6333", "/collections/debian/points/query", body),
    `curl -X POST 'http://localhost:6333/collections/debian/points/query' \\\n  -H 'Content-Type: application/json' \\\n  -d '${JSON.stringify(body)}'`,
  );
  assert.deepEqual(namedIds(body.query), [9, 2]);
  const hybrid = buildRequest({ ...emptyState(), text: "chess 3d", positive: [4], diversity: true }).body;
  assert.deepEqual(namedIds(hybrid), [4], "numbers in text or options are not ids");
  assert.equal(prettyJson({ a: [1, 2], b: "x" }), '{ "a": [1, 2], "b": "x" }');
  assert.equal(prettyJson({ long: "x".repeat(80), n: 1 }), `{\n  "long": "${"x".repeat(80)}",\n  "n": 1\n}`);
  assert.deepEqual([0, 512, 1536, 20480, 3 * 1024 * 1024, Infinity].map(formatSize), ["0 KiB", "512 KiB", "1.5 MiB", "20 MiB", "3 GiB", "∞"]);
});

test("a malformed part of the fragment is skipped, the rest still loads (fix 1)", () => {
  const s = stateFromHash("#mode=discover&pos=%&target=vim&neg=%E0%A4%A&pairs=gedit~nano", catalog);
  assert.equal(s.mode, "discover");
  assert.deepEqual(s.positive, []);
  assert.deepEqual(s.negative, []);
  assert.equal(s.target, byName.get("vim"));
  assert.deepEqual(s.pairs, [{ positive: byName.get("gedit"), negative: byName.get("nano") }]);
  assert.equal(stateFromHash("#%", catalog).mode, "recommend", "nothing usable: the defaults");
});

test("the size filter never sends an unbounded or null bound (fix 2)", () => {
  const s = emptyState();
  for (let lo = 0; lo < SIZE_STEPS.length; lo++) {
    for (let hi = lo; hi < SIZE_STEPS.length; hi++) {
      Object.assign(s, { sizeMin: Math.min(lo, SIZE_MIN_TOP), sizeMax: hi });
      const range = buildFilter(s)?.must[0].range ?? {};
      const json = JSON.parse(JSON.stringify(range));
      assert.deepEqual(json, range, `size=${lo}-${hi} survives JSON`);
      for (const v of Object.values(range)) assert.ok(Number.isFinite(v), `size=${lo}-${hi}: ${JSON.stringify(range)}`);
    }
  }
  assert.ok(Number.isFinite(SIZE_STEPS[SIZE_MIN_TOP]));
  assert.equal(stateFromHash("#size=20-20", catalog).sizeMin, SIZE_MIN_TOP, "a fragment cannot ask for ≥ ∞");
});

test("average_vector without a 👍 becomes best_score, with a note (fix 4)", () => {
  const s = { ...emptyState(), negative: [7] };
  const { body, notes } = buildRequest(s);
  assert.equal(body.query.recommend.strategy, "best_score");
  assert.match(notes.join(" "), /average_vector needs at least one 👍/);
  assert.equal(s.strategy, "average_vector", "the choice is kept for when a 👍 returns");
  s.positive = [2];
  assert.equal(buildRequest(s).body.query.recommend.strategy, "average_vector");
  assert.deepEqual(buildRequest(s).notes, []);
});

test("the fragment keeps every mode's examples, the strategy, the text and the toggles (fix 5)", () => {
  const s = emptyState();
  Object.assign(s, { mode: "context", positive: [9], negative: [7], strategy: "sum_scores", target: 5, text: "a b&c=d", diversity: true, grouped: true });
  s.pairs = [{ positive: 2, negative: 4 }];
  const hash = stateToHash(s, nameOf);
  assert.equal(hash, "#mode=context&q=a%20b%26c%3Dd&pos=vim&neg=nano&strategy=sum_scores&target=kate&pairs=gedit~joe&mmr=1&group=1");
  assert.deepEqual(stateFromHash(hash, catalog), s);
});

test("a fragment cannot make a package 👍 and 👎 in two pairs (fix 6)", () => {
  const s = stateFromHash("#mode=discover&pairs=gedit~nano,nano~gedit,kate~", catalog);
  assert.deepEqual(s.pairs, [{ positive: byName.get("gedit"), negative: byName.get("nano") }, { positive: byName.get("kate"), negative: null }]);
});

test("hybrid search: BM25 and the dense model as prefetches fused with RRF; MMR; groups", () => {
  const s = { ...emptyState(), text: " text editor " };
  assert.deepEqual(buildRequest(s).body, {
    query: { text: "text editor", model: "qdrant/bm25" }, using: "bm25", limit: 20, with_payload: true,
  }, "no model: BM25 alone");
  const dense = buildRequest(s, { dense: true }).body;
  assert.deepEqual(dense.query, { fusion: "rrf" });
  assert.deepEqual(dense.prefetch, [
    { query: { text: "text editor", model: "qdrant/bm25" }, using: "bm25", limit: 100 },
    { query: { nearest: { text: "text editor", model: DENSE_MODEL } }, limit: 100 },
  ]);
  s.positive = [9];
  const withLikes = buildRequest(s).body;
  assert.deepEqual(withLikes.prefetch.map((p) => Object.keys(p.query)[0]), ["recommend", "text"], "likes turn it into recommend + BM25");
  s.diversity = true;
  s.grouped = true;
  const { body, path } = buildRequest(s);
  assert.equal(path, "query/groups");
  assert.deepEqual(body.query, { nearest: 9, mmr: { diversity: 0.5 } });
  assert.deepEqual(body.prefetch.query, { fusion: "rrf" }, "MMR re-ranks the fused candidates");
  assert.equal(body.prefetch.limit, 100);
  assert.deepEqual([body.group_by, body.group_size], ["section", 1]);
  s.positive = [];
  assert.match(buildRequest(s).notes.join(" "), /Diversity needs/);
  assert.deepEqual(buildRequest(s, { dense: true }).body.query.nearest, { text: "text editor", model: DENSE_MODEL });
});
