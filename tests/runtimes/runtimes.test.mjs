// Packaging matrix, other runtimes: Bun and Deno (their linux-x64 binaries from npm, installed
// by scripts/setup.sh under tests/runtimes/) import the package by name — both pick the `node`
// entry of package.json `exports` — and run the shared scenario, a QdrantClient query and a
// Database.open round trip.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { checkSummary } from "../js/scenario.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, "node_modules");
const RUNTIMES = {
  bun: { bin: path.join(modules, "@oven/bun-linux-x64/bin/bun"), args: [] },
  deno: { bin: path.join(modules, "@deno/linux-x64-glibc/deno"), args: ["run", "--allow-read", "--allow-write", "--allow-env"] },
};

for (const [name, { bin, args }] of Object.entries(RUNTIMES)) {
  test(`${name}: the package by name, the shared scenario, QdrantClient, Database.open`, () => {
    assert.ok(existsSync(bin), `${bin} is missing: run scripts/setup.sh`);
    const version = spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout.trim().split("\n")[0];
    const tmp = mkdtempSync(path.join(tmpdir(), `simile-${name}-`));
    try {
      const r = spawnSync(bin, [...args, path.join(here, "../js/scenario-cli.mjs")], {
        encoding: "utf8",
        cwd: path.resolve(here, "../.."),
        env: { ...process.env, SIMILE_RUNTIME_TMP: tmp, NO_COLOR: "1" },
        timeout: 60_000,
      });
      assert.equal(r.status, 0, `${name} failed:\n${r.stderr}`);
      const out = JSON.parse(r.stdout.trim().split("\n").pop());
      checkSummary(assert, out.summary);
      assert.equal(out.nearest, 1);
      assert.equal(out.persisted, true);
      console.log(`${version}: scenario, client and persistence pass`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}
