// The hand-written typings: they compile under `strict` against real usage, and contain no `any`.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";

const js = new URL("../../js/", import.meta.url);

test("js/*.d.ts contain no `any` type", () => {
  const ts = createRequire(import.meta.url)("typescript");
  const found = [];
  for (const name of readdirSync(js).filter((f) => f.endsWith(".d.ts"))) {
    const text = readFileSync(new URL(name, js), "utf8");
    const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.AnyKeyword) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${name}:${line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  assert.deepEqual(found, []);
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
