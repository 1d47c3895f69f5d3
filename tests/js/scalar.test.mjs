// The scalar artifact, loaded explicitly through `simile/slim`, answers the same scenario.
// (node --test runs each file in its own process, so this instance is the only one here.)
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as slim from "simile/slim";
import { checkSummary, runScenario } from "./scenario.mjs";

test("slim entry + scalar artifact: same results, simdEnabled() is false", async () => {
  assert.throws(() => new slim.Database(), /await init\(\)/);
  const bytes = readFileSync(new URL("../../dist/simile_scalar.wasm", import.meta.url));
  await slim.init(bytes);
  await slim.init(bytes); // idempotent
  const summary = runScenario(slim);
  assert.equal(summary.simd, false);
  checkSummary(assert, { ...summary, simd: true });
});
