// Database.open in Node: a database kept in a file — restored on open, saved after changes
// (debounced), flushed and closed; a process killed with SIGKILL while saving leaves the old
// or the new state, never a file that fails to load.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { Database, PersistentDatabase } from "simile";

const dir = mkdtempSync(path.join(tmpdir(), "simile-persist-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const count = (db, name) => db.request("POST", `/collections/${name}/points/count`, {}).count;

test("open restores, changes save themselves, close flushes", async () => {
  const file = path.join(dir, "a", "books.simile");
  const db = await Database.open(file, { debounceMs: 20 });
  assert.ok(db instanceof PersistentDatabase);
  db.request("PUT", "/collections/books", { vectors: { size: 2, distance: "Dot" } });
  db.upsertFlat("books", Uint32Array.from([1, 2, 3]), Float32Array.from([1, 0, 0, 1, 1, 1]));
  db.request("POST", "/collections/books/points/query", { query: [1, 0] }); // a read: no save
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok(existsSync(file), "saved after the debounce, without flush");
  const copy = Database.fromBytes(new Uint8Array(await import("node:fs").then((fs) => fs.readFileSync(file))));
  assert.equal(count(copy, "books"), 3);
  copy.free();
  db.request("POST", "/collections/books/points/delete", { points: [2] });
  await db.close();
  const again = await Database.open(file);
  assert.equal(count(again, "books"), 2, "the delete was flushed by close");
  assert.deepEqual(readdirSync(path.dirname(file)), ["books.simile"], "no temporary file left");
  await again.close();
});

test("a failed save keeps the changes pending and flush reports it", async () => {
  const blocker = path.join(dir, "blocked");
  const errors = [];
  const db = await Database.open(path.join(blocker, "db.simile"), { onError: (e) => errors.push(e.code) });
  writeFileSync(blocker, "a file where the directory should be");
  db.request("PUT", "/collections/x", { vectors: { size: 1, distance: "Dot" } });
  await assert.rejects(db.flush(), (err) => ["ENOTDIR", "EEXIST"].includes(err.code));
  assert.equal(errors.length, 1);
  rmSync(blocker);
  await db.flush();
  assert.ok(existsSync(path.join(blocker, "db.simile")), "the pending changes are saved once the path works");
  db.free();
});

/** A child that opens `file`, then keeps adding 20,000 × 64 vectors and flushing, forever. */
function writer(file) {
  const entry = new URL("../../js/node.js", import.meta.url).href;
  const script = `import { Database } from ${JSON.stringify(entry)};
    const db = await Database.open(${JSON.stringify(file)});
    if (!db.request("GET", "/collections/c/exists").exists) db.request("PUT", "/collections/c", { vectors: { size: 64, distance: "Dot" } });
    for (let round = 0; ; round++) {
      const base = db.request("POST", "/collections/c/points/count", {}).count;
      const ids = Uint32Array.from({ length: 20000 }, (_, i) => base + i);
      db.upsertFlat("c", ids, new Float32Array(20000 * 64).fill(round));
      await db.flush();
      console.log(base + 20000);
    }`;
  const script_file = path.join(dir, `writer-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(script_file, script);
  return spawn(process.execPath, [script_file], { stdio: ["ignore", "pipe", "inherit"] });
}

test("SIGKILL while saving leaves the previous or the new state", async () => {
  const file = path.join(dir, "kill", "db.simile");
  const seed = Number(process.env.SIMILE_SEED ?? 20261202);
  console.log(`kill test seed ${seed}`);
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 3; round++) {
    const child = writer(file);
    const acknowledged = [];
    child.stdout.on("data", (d) => acknowledged.push(...String(d).trim().split("\n").map(Number)));
    while (acknowledged.length < 1 + round) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 30 + rand() * 300));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));
    const db = await Database.open(file);
    const n = count(db, "c");
    assert.ok(n >= acknowledged.at(-1), `round ${round}: ${n} points, ${acknowledged.at(-1)} acknowledged`);
    assert.equal(n % 20000, 0, "whole rounds only");
    db.free();
  }
});
