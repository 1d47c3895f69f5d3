// Qdrant's engine as the oracle: the congruence cases through Qdrant Edge (qdrant-edge-py, in
// the virtualenv scripts/oracle-env.sh creates), in one Python process (edge_runner.py).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { probeOf } from "./compare.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

/** The oracle's interpreter (a virtualenv with qdrant-edge-py, created on first use). */
function oraclePython() {
  const r = spawnSync("bash", ["scripts/oracle-env.sh"], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, `scripts/oracle-env.sh failed:\n${r.stderr}`);
  return r.stdout.trim().split("\n").pop();
}

/** Every request (and its probe) of every case through Edge, in one Python process. */
export function runEdge(cases) {
  const dir = mkdtempSync(path.join(tmpdir(), "simile-congruence-"));
  const input = path.join(dir, "cases.json");
  const output = path.join(dir, "results.json");
  const withProbes = cases.map((c) => ({ ...c, requests: c.requests.flatMap((r) => [r, probeOf(r, c.points.length)]) }));
  writeFileSync(input, JSON.stringify(withProbes));
  const r = spawnSync(oraclePython(), [path.join(here, "edge_runner.py"), input, output], { encoding: "utf8", maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, `edge_runner.py failed:\n${r.stderr}`);
  const results = JSON.parse(readFileSync(output, "utf8"));
  rmSync(dir, { recursive: true, force: true });
  return results.map((results) => ({
    answers: results.filter((_, k) => k % 2 === 0),
    probes: results.filter((_, k) => k % 2 === 1),
  }));
}

