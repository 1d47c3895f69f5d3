// Every ```js block of README.md that imports "simile" (or a subpath) runs as written in Node, and each
// `console.log(...) // expected` comment (without "…") matches what the line printed.
// Blocks fenced as ```js browser / ```js worker are for other runtimes and are covered by the
// browser and workerd tests.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => /from "simile(\/[\w-]+)?"/.test(b));

/** Expected outputs, in order: the comment after each `console.log(...);` on the same line,
 *  or on the next line when it starts with `//`. */
function expectations(code) {
  return [...code.matchAll(/console\.log\(.*\);?(?: \/\/ (.*)|\n\s*\/\/ (.*))?$/gm)].map((m) => (m[1] ?? m[2] ?? "…").trim());
}

test("README examples run and print what they say", () => {
  assert.ok(blocks.length >= 3, `found ${blocks.length} runnable README blocks`);
  // Inside the repository, so "simile" resolves to this package by self-reference.
  const dir = mkdtempSync(path.join(root, "tests", "js", ".readme-"));
  try {
    blocks.forEach((code, i) => {
      const file = path.join(dir, `block${i}.mjs`);
      writeFileSync(file, code);
      const out = execFileSync(process.execPath, [file], { encoding: "utf8" }).split("\n").filter(Boolean);
      const want = expectations(code);
      assert.equal(out.length, want.length, `block ${i}: printed ${out.length} lines:\n${out.join("\n")}`);
      want.forEach((w, j) => {
        if (w.includes("…")) return;
        assert.equal(out[j].replace(/\s+/g, " "), w.replace(/\s+/g, " "), `block ${i}, line ${j}`);
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
