// The hand-written typings: they compile under `strict` against real usage, and contain no `any`.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { test } from "node:test";
import { anyTypesIn, typingsUnder } from "../support/any-types.mjs";

const js = new URL("../../js/", import.meta.url);

test("js/**/*.d.ts contain no `any` type", () => {
  const files = typingsUnder(js);
  assert.ok(files.some((f) => f.pathname.endsWith("/models/filters.d.ts")), "the section files are scanned");
  assert.deepEqual(anyTypesIn(files), []);
});

test("tsc --noEmit accepts tests/js/types/usage.ts", () => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const project = new URL("./types/tsconfig.json", import.meta.url).pathname;
  try {
    execFileSync(process.execPath, [tsc, "-p", project], { encoding: "utf8", stdio: "pipe" });
  } catch (err) {
    assert.fail(`tsc failed:\n${err.stdout}${err.stderr}`);
  }
});
