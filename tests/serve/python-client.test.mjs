// Qdrant's official Python client (qdrant-client from PyPI, in a virtualenv that
// scripts/client-env.sh creates) against a spawned `simile serve` over HTTP: the hand-computed
// scenario of official_client.py and the golden corpus, compared here with the corpus rules.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { compareError, compareResult, goldenDir, loadCases } from "../support/golden.mjs";
import { startServer } from "./server.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));

function python() {
  const out = execFileSync("bash", [join(root, "scripts/client-env.sh")], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return out.trim().split("\n").pop();
}

/** Compares one outcome of the Python side with its case; a request the client's own models
 *  refuse is fine only where the corpus expects a 400 (the server would refuse it too). */
function check(c, outcome) {
  if (outcome.client_rejected !== undefined) {
    assert.equal(c.expected_error?.status, 400, `${c.name}: refused by the client: ${outcome.client_rejected}`);
    return "rejected";
  }
  if (c.expected_error) {
    assert.ok(outcome.error, `${c.name}: expected an error, got a result`);
    compareError(c, outcome.error.status, outcome.error.message);
  } else {
    assert.equal(outcome.error, undefined, `${c.name}: ${JSON.stringify(outcome.error)}`);
    compareResult(c, outcome.result);
  }
  return "passed";
}

test("official Python client (qdrant-client) over HTTP: scenario and golden corpus", { timeout: 180_000 }, async () => {
  const py = python();
  const server = await startServer(["--quiet"]);
  const dir = mkdtempSync(join(tmpdir(), "simile-py-"));
  try {
    const out = join(dir, "outcomes.json");
    const printed = execFileSync(py, [join(root, "tests/serve/official_client.py"), server.url, goldenDir, out], { encoding: "utf8" });
    console.log(printed.trim());
    const byName = new Map(JSON.parse(readFileSync(out, "utf8")).map((o) => [o.name, o]));
    const cases = loadCases();
    const tally = { passed: 0, rejected: 0 };
    const failures = [];
    for (const c of cases) {
      try {
        assert.ok(byName.has(c.name), `${c.name}: not run`);
        tally[check(c, byName.get(c.name))] += 1;
      } catch (err) {
        failures.push(err.message.split("\n")[0]);
      }
    }
    console.log(`golden (official Python client over HTTP): ${tally.passed} passed, ${tally.rejected} refused by the client as the corpus expects, ${failures.length} failed`);
    assert.deepEqual(failures, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    const { code } = await server.stop();
    assert.equal(code, 0, server.stderr());
  }
});
