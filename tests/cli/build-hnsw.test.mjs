// `simile build --hnsw`: the graph is built offline, the snapshot carries it, and a collection
// restored from it searches the graph at once (no optimize() in the app) with the same answers
// as the exact scan when the beam covers the collection.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, test } from "node:test";
import { Database } from "simile";
import { rng } from "../../bench/data.mjs";

const BIN = fileURLToPath(new URL("../../bin/simile.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "simile-hnsw-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const N = 3000;
const DIM = 32;
const SEED = 41;

function cli(...args) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
}

function input() {
  const r = rng(SEED);
  const v = new Float32Array(N * DIM).map(() => r() * 2 - 1);
  writeFileSync(join(dir, "v.f32"), v);
  return v;
}

test(`--hnsw writes a snapshot whose graph answers like the exact scan (seed ${SEED})`, () => {
  const v = input();
  const r = cli("build", "v.f32", "--dim", String(DIM), "-d", "Cosine", "--m", "8", "--ef-construct", "40", "-n", "g", "-o", "g.snapshot");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /HNSW graph \d/);

  const db = new Database();
  db.loadCollection("g", new Uint8Array(readFileSync(join(dir, "g.snapshot"))));
  const info = db.request("GET", "/collections/g");
  assert.equal(info.indexed_vectors_count, N);
  assert.equal(info.config.hnsw_config.m, 8);
  assert.equal(info.config.hnsw_config.ef_construct, 40);
  // A threshold below the collection's size makes queries use the graph (Qdrant's rule).
  db.request("PATCH", "/collections/g", { hnsw_config: { full_scan_threshold: 10 } });
  assert.equal(db.request("GET", "/collections/g").indexed_vectors_count, N, "a threshold change keeps the graph");
  for (let q = 0; q < 20; q++) {
    const query = Array.from(v.subarray(q * 97 * DIM, (q * 97 + 1) * DIM));
    const ids = (params) => db.request("POST", "/collections/g/points/query", { query, limit: 10, params }).points.map((p) => p.id);
    assert.deepEqual(ids({ hnsw_ef: N }), ids({ exact: true }), `query ${q}`);
  }
  db.free();
});

test(`--datatype uint8 --hnsw stores bytes and links them (seed ${SEED})`, () => {
  const v = input().map((x) => Math.round((x + 1) * 127.5));
  writeFileSync(join(dir, "b.f32"), v);
  const r = cli("build", "b.f32", "--dim", String(DIM), "-d", "Euclid", "--datatype", "UINT8", "--hnsw", "-n", "b", "-o", "b.snapshot");
  assert.equal(r.status, 0, r.stderr);
  const db = new Database();
  db.loadCollection("b", new Uint8Array(readFileSync(join(dir, "b.snapshot"))));
  const info = db.request("GET", "/collections/b");
  assert.equal(info.config.params.vectors.datatype, "uint8");
  assert.equal(info.indexed_vectors_count, N);
  db.request("PATCH", "/collections/b", { hnsw_config: { full_scan_threshold: 10 } });
  for (let q = 0; q < 20; q++) {
    const query = Array.from(v.subarray(q * 97 * DIM, (q * 97 + 1) * DIM));
    const hits = (params) => db.request("POST", "/collections/b/points/query", { query, limit: 10, params }).points.map((p) => [p.id, p.score]);
    assert.deepEqual(hits({ hnsw_ef: N }), hits({ exact: true }), `query ${q}`);
  }
  db.free();
});

test("graph flags are checked before any work", () => {
  input();
  for (const [flags, pattern] of [
    [["--m", "0"], /--m must be an integer ≥ 1/],
    [["--ef-construct", "3"], /--ef-construct must be an integer ≥ 4/],
    [["--m", "x"], /--m must be an integer/],
    [["--datatype", "int8"], /--datatype must be float32, float16 or uint8, not "int8"/],
  ]) {
    const r = cli("build", "v.f32", "--dim", String(DIM), "-d", "Dot", "-o", "bad.snapshot", ...flags);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, pattern);
  }
});
