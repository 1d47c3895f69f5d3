// The golden corpus through the built wasm in Node, via the REST router (`requestText`), with
// per-tag totals. Replays another corpus of the same format with SIMILE_GOLDEN_DIR=dir.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Database } from "simile";
import { compareError, compareResult, goldenDir, loadCases, restPath } from "../support/golden.mjs";

function runCase(c) {
  const db = new Database();
  try {
    for (const [name, coll] of Object.entries(c.collections)) {
      const created = db.requestText("PUT", `/collections/${name}`, JSON.stringify({ vectors: coll.vectors }));
      assert.equal(created.status, 200, created.body);
      const upserted = db.requestText("PUT", `/collections/${name}/points?wait=true`, JSON.stringify({ points: coll.points }));
      assert.equal(upserted.status, 200, upserted.body);
    }
    const { collection, endpoint, body } = c.request;
    const res = db.requestText("POST", restPath(collection, endpoint), JSON.stringify(body));
    const envelope = JSON.parse(res.body);
    if (c.expected_error) return compareError(c, res.status, envelope.status?.error ?? "");
    assert.equal(res.status, 200, `${c.name}: ${res.body.slice(0, 300)}`);
    compareResult(c, envelope.result);
  } finally {
    db.free();
  }
}

test(`golden corpus through the wasm router (${goldenDir})`, () => {
  const cases = loadCases();
  assert.ok(cases.length > 0, "no cases");
  const tags = new Map();
  const failures = [];
  for (const c of cases) {
    let ok = true;
    try {
      runCase(c);
    } catch (err) {
      ok = false;
      failures.push(`${c.name}: ${err.message}`);
    }
    for (const t of c.tags ?? []) {
      const [pass, all] = tags.get(t) ?? [0, 0];
      tags.set(t, [pass + ok, all + 1]);
    }
  }
  for (const [t, [pass, all]] of [...tags].sort()) console.log(`${t.padEnd(40)} ${pass}/${all}`);
  console.log(`golden (wasm, Node): ${cases.length - failures.length} passed, ${failures.length} failed`);
  assert.deepEqual(failures, []);
});
