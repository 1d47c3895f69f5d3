// The `simile` CLI (bin/simile.mjs), run as a child process: builds from JSON Lines, raw f32/f16
// (+ ids, payloads), .npy (<f4, <f2); named vectors; collection and database snapshots; inspect;
// error messages with line numbers; the www/ demo data. Each snapshot is loaded back through the
// package and must answer like a database built directly in the test.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, describe, test } from "node:test";
import { Database } from "simile";
import { rng } from "../../bench/data.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin", "simile.mjs");
const dir = mkdtempSync(join(tmpdir(), "simile-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const path = (name) => join(dir, name);

function cli(...args) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(...args) {
  const r = cli(...args);
  assert.equal(r.status, 0, `simile ${args.join(" ")}\n${r.stderr}`);
  return r;
}

/** Runs a failing build; checks exit code 1, one message line, no stack trace. */
function bad(args, pattern) {
  const r = cli(...args);
  assert.equal(r.status, 1, `expected exit 1 for ${args.join(" ")}; stderr: ${r.stderr}`);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  return r;
}

/** Seeded vectors: `n × dim` values that are exact in float16 (multiples of 1/64 in [-1, 1]). */
function vectors(n, dim, seed) {
  const r = rng(seed);
  const v = new Float32Array(n * dim);
  for (let i = 0; i < v.length; i++) v[i] = Math.round((r() * 2 - 1) * 64) / 64;
  return v;
}

const row = (v, i, dim) => Array.from(v.subarray(i * dim, (i + 1) * dim));

function toF16(v) {
  const out = new Uint16Array(v.length);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < v.length; i++) {
    // Exact for the test values (normal halves, no rounding needed).
    f[0] = v[i];
    const x = u[0];
    const sign = (x >>> 16) & 0x8000;
    const exp = ((x >>> 23) & 0xff) - 127 + 15;
    out[i] = v[i] === 0 ? sign : sign | (exp << 10) | ((x >>> 13) & 0x3ff);
  }
  return out;
}

function npy(descr, shape, data) {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  const total = 10 + header.length + 1;
  header += " ".repeat((64 - (total % 64)) % 64) + "\n";
  const head = new Uint8Array(10 + header.length);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(head.buffer).setUint16(8, header.length, true);
  head.set(Buffer.from(header, "latin1"), 10);
  return Buffer.concat([head, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)]);
}

/** Loads a collection snapshot as `name` into a fresh database. */
function loadColl(file, name = "c") {
  const db = new Database();
  db.loadCollection(name, new Uint8Array(readFileSync(file)));
  return db;
}

/** A query's answer without point versions (they count upsert calls, which differ by batching). */
function query(db, name, body) {
  const res = db.request("POST", `/collections/${name}/points/query`, body);
  return { points: res.points.map(({ version, ...p }) => p) };
}

/** The same database built directly through the API. */
function direct(name, vectorsConfig, points) {
  const db = new Database();
  db.request("PUT", `/collections/${name}`, { vectors: vectorsConfig });
  db.request("PUT", `/collections/${name}/points`, { points });
  return db;
}

const N = 300;
const DIM = 8;
const V = vectors(N, DIM, 7);
const payloadOf = (i) => (i % 4 === 0 ? null : { i, city: ["Berlin", "Zürich", "東京"][i % 3], tags: [i % 2 === 0 ? "even" : "odd"] });

describe("simile build", () => {
  test("JSON Lines with payloads → collection snapshot that answers like the original", () => {
    const lines = [];
    for (let i = 0; i < N; i++) {
      const p = payloadOf(i);
      lines.push(JSON.stringify(p === null ? { id: i, vector: row(V, i, DIM) } : { id: i, vector: row(V, i, DIM), payload: p }));
      if (i === 10) lines.push(""); // blank lines are skipped
    }
    writeFileSync(path("points.jsonl"), lines.join("\r\n") + "\r\n");
    const r = ok("build", "points.jsonl", "--distance", "Cosine", "--out", "points.snapshot");
    assert.match(r.stdout, /collection snapshot of "points"/);
    assert.match(r.stdout, /points\s+300\b/);
    assert.match(r.stdout, /8-dim Cosine/);

    const got = loadColl(path("points.snapshot"));
    const want = direct("c", { size: DIM, distance: "Cosine" }, Array.from({ length: N }, (_, i) => ({ id: i, vector: row(V, i, DIM), payload: payloadOf(i) ?? {} })));
    const body = { query: { recommend: { positive: [1, 2], negative: [3], strategy: "best_score" } }, limit: 10, with_payload: true, filter: { must: [{ key: "city", match: { value: "Zürich" } }] } };
    assert.deepEqual(query(got, "c", body), query(want, "c", body));
    assert.equal(query(got, "c", body).points.length, 10);
    got.free();
    want.free();
  });

  test("JSON Lines larger than a read chunk: multi-byte UTF-8 across chunk boundaries", () => {
    const n = 3000;
    const v = vectors(n, DIM, 11);
    const text = "é漢字🙂".repeat(80);
    const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, vector: row(v, i, DIM), payload: { text: `${i}:${text}` } }));
    writeFileSync(path("big.jsonl"), lines.join("\n")); // no final newline
    assert.ok(readFileSync(path("big.jsonl")).length > 2 * (1 << 20), "spans several 1 MiB read chunks");
    ok("build", "--input", "big.jsonl", "-d", "Dot", "-o", "big.snapshot", "--batch", "77");
    const db = loadColl(path("big.snapshot"));
    const all = db.request("POST", "/collections/c/points/scroll", { limit: n + 1, with_payload: true });
    assert.equal(all.points.length, n);
    for (const p of all.points) assert.equal(p.payload.text, `${Number(p.id.slice(-12))}:${text}`);
    db.free();
  });

  test("raw f32 + ids file (integers, big integers, UUIDs) + payloads JSON Lines", () => {
    const ids = Array.from({ length: N }, (_, i) => (i % 50 === 7 ? `6f1c${String(i).padStart(4, "0")}-1111-4222-8333-444455556666` : i === 5 ? "18446744073709551615" : String(1000 + i)));
    writeFileSync(path("v.f32"), new Uint8Array(V.buffer));
    writeFileSync(path("ids.txt"), ids.join("\n") + "\n");
    writeFileSync(path("meta.jsonl"), Array.from({ length: N }, (_, i) => JSON.stringify(payloadOf(i))).join("\n") + "\n");
    ok("build", "-i", "v.f32", "--dim", String(DIM), "--ids", "ids.txt", "--payloads", "meta.jsonl", "-d", "euclid", "-o", "raw.snapshot", "--name", "raw");

    const got = loadColl(path("raw.snapshot"));
    const want = new Database();
    want.request("PUT", "/collections/c", { vectors: { size: DIM, distance: "Euclid" } });
    want.upsertFlat("c", ids.map((s) => (/^\d+$/.test(s) ? BigInt(s) : s)), V, Array.from({ length: N }, (_, i) => payloadOf(i)));
    const body = { query: row(V, 42, DIM), limit: 20, with_payload: true, with_vector: true };
    assert.deepEqual(query(got, "c", body), query(want, "c", body));
    const big = got.requestText("POST", "/collections/c/points", '{"ids": [18446744073709551615], "with_payload": true}');
    assert.match(big.body, /"id":18446744073709551615,/);
    assert.deepEqual(JSON.parse(big.body).result[0].payload, payloadOf(5));
    const uuid = got.request("POST", "/collections/c/points", { ids: ["6f1c0007-1111-4222-8333-444455556666"], with_payload: true });
    assert.deepEqual(uuid[0].payload, payloadOf(7));
    got.free();
    want.free();
  });

  test(".npy <f4 and <f2, raw f16 with --start-id: same database as the f32 source", () => {
    writeFileSync(path("v4.npy"), npy("<f4", [N, DIM], V));
    writeFileSync(path("v2.npy"), npy("<f2", [N, DIM], toF16(V)));
    writeFileSync(path("v.f16"), new Uint8Array(toF16(V).buffer));
    ok("build", "v4.npy", "-d", "Manhattan", "-o", "n4.snapshot");
    ok("build", "v2.npy", "-d", "Manhattan", "-o", "n2.snapshot");
    ok("build", "v.f16", "--dim", String(DIM), "--start-id", "1", "-d", "Manhattan", "-o", "h.snapshot");
    const want = new Database();
    want.request("PUT", "/collections/c", { vectors: { size: DIM, distance: "Manhattan" } });
    want.upsertFlat("c", Uint32Array.from({ length: N }, (_, i) => i), V);
    // Identical data, identical bytes: the snapshot is deterministic.
    const wantBytes = want.collectionToBytes("c");
    assert.deepEqual(new Uint8Array(readFileSync(path("n4.snapshot"))), wantBytes);
    assert.deepEqual(new Uint8Array(readFileSync(path("n2.snapshot"))), wantBytes);
    const h = loadColl(path("h.snapshot"));
    const body = { query: { recommend: { positive: [11], negative: [12] } }, limit: 5 };
    const shifted = query(want, "c", { ...body, query: { recommend: { positive: [10], negative: [11] } } });
    assert.deepEqual(query(h, "c", body).points.map((p) => p.id), shifted.points.map((p) => p.id + 1));
    h.free();
    want.free();
  });

  test("named vectors: --vector NAME:DIM[:DIST], rows missing a vector; and inferred from the first row", () => {
    const lines = Array.from({ length: N }, (_, i) => {
      const vector = { text: row(V, i, DIM) };
      if (i % 3 !== 0) vector.image = row(V, (i * 7) % N, DIM).slice(0, 4);
      return JSON.stringify({ id: i, vector, payload: { i } });
    });
    writeFileSync(path("named.jsonl"), lines.join("\n") + "\n");
    ok("build", "named.jsonl", "--vector", `text:${DIM}`, "--vector", "image:4:Dot", "-d", "Cosine", "-o", "named.snapshot");
    const got = loadColl(path("named.snapshot"));
    const want = direct(
      "c",
      { text: { size: DIM, distance: "Cosine" }, image: { size: 4, distance: "Dot" } },
      lines.map((l) => JSON.parse(l)),
    );
    for (const using of ["text", "image"]) {
      const body = { query: { recommend: { positive: [1, 2], negative: [5] } }, using, limit: 7, with_payload: true };
      assert.deepEqual(query(got, "c", body), query(want, "c", body));
    }
    // Without --vector, the first row (which has both vectors) defines the layout.
    const swapped = [lines[1], lines[0], ...lines.slice(2)];
    writeFileSync(path("named2.jsonl"), swapped.join("\n"));
    const r = ok("build", "named2.jsonl", "-d", "Dot", "-o", "named2.snapshot", "--json");
    assert.deepEqual(JSON.parse(r.stdout).vectors, { image: { size: 4, distance: "Dot" }, text: { size: DIM, distance: "Dot" } });
    got.free();
    want.free();
  });

  test("--database writes a database snapshot for Database.fromBytes; inspect reads both kinds", () => {
    ok("build", "points.jsonl", "-d", "Cosine", "-o", "db.snapshot", "--database", "--name", "things");
    const db = Database.fromBytes(new Uint8Array(readFileSync(path("db.snapshot"))));
    assert.deepEqual(db.request("GET", "/collections").collections, [{ name: "things" }]);
    assert.equal(db.request("GET", "/collections/things").points_count, N);
    db.free();

    const text = ok("inspect", "db.snapshot").stdout;
    assert.match(text, /database snapshot, format 1\.\d+,/);
    assert.match(text, /collection "things"/);
    assert.match(text, /points\s+300/);
    const info = JSON.parse(ok("inspect", "named.snapshot", "--json").stdout);
    assert.equal(info.kind, "collection");
    assert.equal(info.collections[0].points, N);
    assert.deepEqual(info.collections[0].vectors, { image: { size: 4, distance: "Dot" }, text: { size: DIM, distance: "Cosine" } });
    assert.equal(info.bytes, readFileSync(path("named.snapshot")).length);

    const broken = new Uint8Array(readFileSync(path("db.snapshot")));
    broken[broken.length - 20] ^= 1;
    writeFileSync(path("broken.snapshot"), broken);
    bad(["inspect", "broken.snapshot"], /broken\.snapshot: Invalid snapshot: /);
    writeFileSync(path("junk.snapshot"), "hello");
    bad(["inspect", "junk.snapshot"], /not a simile snapshot/);
  });

  test("progress: --progress prints plain lines when stderr is not a terminal; quiet by default", () => {
    const r = ok("build", "big.jsonl", "-d", "Dot", "-o", "p.snapshot", "--progress");
    assert.match(r.stderr, /^reading: 100%, 3,000 points/m);
    assert.equal(ok("build", "big.jsonl", "-d", "Dot", "-o", "p.snapshot").stderr, "");
  });
});

describe("simile build: errors name the line (or row) and exit with status 1", () => {
  const good = (i) => JSON.stringify({ id: i, vector: row(V, i, DIM) });
  const withLine = (n, text) => {
    const lines = Array.from({ length: 30 }, (_, i) => good(i));
    lines[n - 1] = text;
    writeFileSync(path("e.jsonl"), lines.join("\n"));
    return ["build", "e.jsonl", "-d", "Cosine", "-o", "e.snapshot"];
  };

  test("bad rows in JSON Lines", () => {
    bad(withLine(17, JSON.stringify({ id: 16, vector: [1, 2, 3] })), /^simile: line 17: "vector" must be an array of 8 numbers \(got 3 values\)$/m);
    bad(withLine(17, JSON.stringify({ id: 16, vector: [1, 2, 3, "x", 5, 6, 7, 8] })), /line 17: "vector" must be an array of 8 numbers \(value 3 is "x"\)/);
    bad(withLine(17, JSON.stringify({ id: 16, vector: [1, 2, 3, 1e39, 5, 6, 7, 8] })), /line 17: .*value 3 \(1e\+39\) is outside the float32 range/);
    bad(withLine(17, JSON.stringify({ id: 16, vector: { a: [1] } })), /line 17: "vector" must be an array of 8 numbers \(got an object; for named vectors pass --vector NAME:DIM\)/);
    bad(withLine(4, `{"id": 3, "vector": [1, 2`), /line 4: invalid JSON/);
    bad(withLine(5, JSON.stringify({ id: -1, vector: row(V, 0, DIM) })), /line 5: "id" must be an unsigned integer or a UUID string \(got -1\)/);
    bad(withLine(5, JSON.stringify({ id: "abc", vector: row(V, 0, DIM) })), /line 5: "id" must be an unsigned integer or a UUID/);
    bad(withLine(6, JSON.stringify({ vector: row(V, 0, DIM) })), /line 6: missing "id"/);
    bad(withLine(7, JSON.stringify({ id: 6, vectors: row(V, 0, DIM) })), /line 7: unknown field "vectors"/);
    bad(withLine(8, JSON.stringify({ id: 7, vector: row(V, 0, DIM), payload: [1] })), /line 8: "payload" must be an object/);
    bad(withLine(9, "[1, 2]"), /line 9: a row must be a JSON object/);
    bad(withLine(1, JSON.stringify({ id: 0, vector: [] })), /line 1: "vector" is empty/);
  });

  test("bad rows with named vectors", () => {
    const lines = [JSON.stringify({ id: 1, vector: { a: [1, 2] } }), JSON.stringify({ id: 2, vector: { b: [1, 2] } }), JSON.stringify({ id: 3, vector: { a: [1] } })];
    writeFileSync(path("n.jsonl"), lines.join("\n"));
    bad(["build", "n.jsonl", "-d", "Dot", "-o", "n.snapshot"], /line 2: unknown vector name "b" \(configured: a; declare it with --vector b:DIM\)/);
    bad(["build", "n.jsonl", "-d", "Dot", "-o", "n.snapshot", "--vector", "a:2", "--vector", "b:2"], /line 3: "vector\.a" must be an array of 2 numbers \(got 1 value\)/);
    bad(["build", "points.jsonl", "-d", "Dot", "-o", "n.snapshot", "--vector", "a:8"], /line 1: "vector" must be an object of named vectors \(a: 8\)/);
  });

  test("raw inputs: size, ids and payload files, non-finite values, .npy headers", () => {
    writeFileSync(path("odd.f32"), new Uint8Array(4 * DIM * 3 + 4));
    bad(["build", "odd.f32", "--dim", String(DIM), "-d", "Dot", "-o", "x.snapshot"], /odd\.f32: 100 bytes is not a whole number of rows of 8 × 4-byte values/);
    bad(["build", "v.f32", "-d", "Dot", "-o", "x.snapshot"], /--dim is required for --format f32/);
    writeFileSync(path("short.txt"), Array.from({ length: N - 1 }, (_, i) => i).join("\n"));
    bad(["build", "v.f32", "--dim", String(DIM), "--ids", "short.txt", "-d", "Dot", "-o", "x.snapshot"], /short\.txt has 299 ids, but the input has 300 rows/);
    writeFileSync(path("long.txt"), Array.from({ length: N + 1 }, (_, i) => i).join("\n"));
    bad(["build", "v.f32", "--dim", String(DIM), "--ids", "long.txt", "-d", "Dot", "-o", "x.snapshot"], /long\.txt has more ids than the input has rows \(300\)/);
    writeFileSync(path("badid.txt"), Array.from({ length: N }, (_, i) => (i === 122 ? "12x" : i)).join("\n"));
    bad(["build", "v.f32", "--dim", String(DIM), "--ids", "badid.txt", "-d", "Dot", "-o", "x.snapshot"], /badid\.txt line 123: "12x" is not a point id/);
    writeFileSync(path("badmeta.jsonl"), Array.from({ length: N }, (_, i) => (i === 40 ? "{oops" : "{}")).join("\n"));
    bad(["build", "v.f32", "--dim", String(DIM), "--payloads", "badmeta.jsonl", "-d", "Dot", "-o", "x.snapshot"], /badmeta\.jsonl line 41: invalid JSON/);
    const nan = V.slice();
    nan[13 * DIM + 2] = NaN;
    writeFileSync(path("nan.f32"), new Uint8Array(nan.buffer));
    bad(["build", "nan.f32", "--dim", String(DIM), "-d", "Dot", "-o", "x.snapshot"], /row 13: value 2 is NaN/);
    writeFileSync(path("be.npy"), npy(">f4", [N, DIM], V));
    bad(["build", "be.npy", "-d", "Dot", "-o", "x.snapshot"], /dtype >f4 is not supported/);
    writeFileSync(path("flat.npy"), npy("<f4", [N * DIM], V));
    bad(["build", "flat.npy", "-d", "Dot", "-o", "x.snapshot"], /must be 2-D/);
    writeFileSync(path("cut.npy"), npy("<f4", [N, DIM], V).subarray(0, 500));
    bad(["build", "cut.npy", "-d", "Dot", "-o", "x.snapshot"], /truncated or trailing bytes/);
  });

  test("usage errors", () => {
    bad(["build", "points.jsonl", "-o", "x.snapshot"], /--distance is required/);
    bad(["build", "points.jsonl", "-d", "Cosinus", "-o", "x.snapshot"], /--distance must be one of Cosine, Dot, Euclid, Manhattan/);
    bad(["build", "points.jsonl", "-d", "Dot"], /--out FILE\.snapshot is required/);
    bad(["build", "missing.jsonl", "-d", "Dot", "-o", "x.snapshot"], /cannot read missing\.jsonl: no such file/);
    bad(["build", "points.jsonl", "-d", "Dot", "-o", "x.snapshot", "--ids", "ids.txt"], /--ids is for f32\/f16\/npy input/);
    bad(["build", "points.jsonl", "-d", "Dot", "-o", "x.snapshot", "--frobnicate"], /Unknown option '--frobnicate'/);
    bad(["build", "v.bin", "-d", "Dot", "-o", "x.snapshot"], /cannot read v\.bin/);
    writeFileSync(path("v.bin"), "");
    bad(["build", "v.bin", "-d", "Dot", "-o", "x.snapshot"], /cannot tell the format of v\.bin/);
    bad(["build", "points.jsonl", "-d", "Dot", "-o", "x.snapshot", "--name", "a/b"], /"a\/b" is not a valid collection name/);
    bad(["build", "points.jsonl", "-d", "Dot", "-o", "x.snapshot", "--memory-budget", "10K"], /exceeds the memory budget .* --memory-budget/);
    bad(["frobnicate"], /unknown command "frobnicate"/);
    assert.match(ok("--help").stdout, /simile build --input FILE --distance DIST --out FILE\.snapshot/);
    assert.match(ok("build", "--help").stdout, /--format FORMAT/);
  });
});

const DEMO = join(ROOT, "www", "data");

test("the www/ demo data (vectors.f16 + items.json) builds into a snapshot that answers like the demo", { skip: !existsSync(join(DEMO, "vectors.f16")) && "www/data is absent" }, async () => {
  // items.json is columnar; the demo's payloads as JSON Lines, one per row (row i = id i + 1).
  const items = JSON.parse(readFileSync(join(DEMO, "items.json"), "utf8"));
  const payloads = items.name.map((name, i) => ({
    name,
    section: items.sections[items.section[i]],
    priority: items.priorities[items.priority[i]],
    installed_size_kib: items.size[i],
  }));
  writeFileSync(path("debian-payloads.jsonl"), payloads.map((p) => JSON.stringify(p)).join("\n") + "\n");
  const r = ok("build", join(DEMO, "vectors.f16"), "--dim", String(items.dim), "--start-id", "1", "--payloads", "debian-payloads.jsonl", "-d", "Cosine", "--name", "debian", "-o", "debian.snapshot");
  assert.match(r.stdout, /points\s+20,000/);
  console.log(r.stdout.trim());

  // The demo's own path: half floats converted by www/load.js, upsertFlat with the same payloads.
  const { halfToFloat } = await import("../../www/load.js");
  const want = new Database();
  want.request("PUT", "/collections/debian", { vectors: { size: items.dim, distance: "Cosine" } });
  const f16 = new Uint8Array(readFileSync(join(DEMO, "vectors.f16")));
  want.upsertFlat("debian", Uint32Array.from({ length: items.count }, (_, i) => i + 1), halfToFloat(f16).vectors, payloads);
  const got = loadColl(path("debian.snapshot"), "debian");
  const vim = items.name.indexOf("vim") + 1;
  const body = { query: { recommend: { positive: [vim], strategy: "best_score" } }, limit: 10, with_payload: true };
  const answer = query(got, "debian", body);
  assert.deepEqual(answer, query(want, "debian", body));
  assert.equal(answer.points.length, 10);
  got.free();
  want.free();
});
