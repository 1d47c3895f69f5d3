// What fits the Workers entry's default budget (96 MiB, shared by every database of the wasm
// instance), measured in workerd: ≥ 100,000 points × 384 dims as float16, ≥ 200,000 as uint8,
// with wasm memory under the 128 MB isolate limit; four databases in one Worker share the one
// budget. Each scenario runs in a fresh workerd. workerd's peak resident memory is reported
// too, next to an idle Worker's: besides wasm memory it holds the compiled module and the JS
// heap, which the isolate limit does not count the same way.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { startWorker } from "./miniflare.mjs";

const MIB = 1024 * 1024;
const LIMIT = 128 * 1000 * 1000;
const SCRIPT = fileURLToPath(new URL("./capacity-worker.js", import.meta.url));

/** Processes descending from this one whose name is `workerd`. */
function workerdPids() {
  const parents = new Map();
  const names = new Map();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      names.set(pid, stat.slice(stat.indexOf("(") + 1, close));
      parents.set(pid, stat.slice(close + 2).split(" ")[1]);
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid) => {
    for (let p = pid; p && p !== "0" && p !== "1"; p = parents.get(p)) if (p === String(process.pid)) return true;
    return false;
  };
  return [...names].filter(([pid, name]) => name === "workerd" && mine(pid)).map(([pid]) => pid);
}

/** Peak resident memory (VmHWM) of workerd, in bytes; null where /proc is not available. */
function workerdPeakRss() {
  try {
    const peaks = workerdPids().map((pid) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) * 1024);
    return peaks.length ? Math.max(...peaks) : null;
  } catch {
    return null;
  }
}

async function run(scenario) {
  const mf = startWorker(SCRIPT);
  try {
    const res = await fetch(new URL(scenario, await mf.ready));
    const body = await res.json();
    assert.equal(res.status, 200, body.error);
    return { ...body, peakRss: workerdPeakRss() };
  } finally {
    await mf.dispose();
  }
}

let idleRss = null;

function report(what, r) {
  const above = idleRss === null ? "" : `, ${((r.peakRss - idleRss) / MIB).toFixed(1)} MiB above an idle Worker`;
  const rss = r.peakRss === null ? "n/a" : `${(r.peakRss / MIB).toFixed(1)} MiB${above}`;
  console.log(
    `workerd ${what}: ${r.fitted} points × 384 fit in ${r.budget / MIB} MiB (memoryBytes ${((r.memoryBytes ?? r.totalFull) / MIB).toFixed(1)} MiB, ` +
      `wasm memory ${(r.wasmMemoryBytes / MIB).toFixed(1)} MiB, workerd peak RSS ${rss})` +
      (r.seconds === undefined ? "" : `; filled in ${r.seconds.toFixed(1)} s, one exact search ${r.searchMs} ms`),
  );
}

function checkFilled(r, minimum) {
  assert.equal(r.budget, 96 * MIB);
  assert.equal(r.lost, false, "the instance trapped");
  assert.ok(r.fitted >= minimum, `${r.fitted} points fit, want ≥ ${minimum}`);
  assert.equal(r.rejection?.status, 507);
  assert.match(r.rejection.message, /^Memory budget exceeded: database "filled" needs \d+ more bytes, \d+ of the 100663296-byte budget are left/);
  assert.equal(r.count, r.fitted, "a refused upsert changes nothing");
  assert.ok(r.memoryBytes <= r.budget);
  assert.equal(r.probe.top, r.probe.id);
  assert.ok(r.wasmMemoryBytes < LIMIT, `wasm memory ${(r.wasmMemoryBytes / MIB).toFixed(1)} MiB`);
}

test("workerd: an idle Worker's resident memory (the baseline)", async () => {
  const r = await run("/idle");
  idleRss = r.peakRss;
  console.log(`workerd idle: peak RSS ${idleRss === null ? "n/a" : `${(idleRss / MIB).toFixed(1)} MiB`}, wasm memory ${(r.wasmMemoryBytes / MIB).toFixed(1)} MiB`);
});

test("workerd: ≥ 100,000 float16 points × 384 dims fit the default budget, under 128 MB", async () => {
  const r = await run("/float16");
  report("float16", r);
  checkFilled(r, 100_000);
});

test("workerd: ≥ 200,000 uint8 points × 384 dims fit the default budget, under 128 MB", async () => {
  const r = await run("/uint8");
  report("uint8", r);
  checkFilled(r, 200_000);
});

test("workerd: four databases share one budget; freeing one gives its bytes back", async () => {
  const r = await run("/four");
  report("four databases", r);
  assert.equal(r.lost, false);
  assert.ok(r.fitted > 0 && r.rejection?.status === 507);
  assert.equal(r.refused.length, 3);
  r.refused.forEach((e, k) => {
    assert.equal(e?.status, 507, `database ${k + 2} was not refused`);
    assert.match(e.message, new RegExp(`^Memory budget exceeded: database "db-${k + 2}" needs \\d+ more bytes`));
  });
  assert.ok(r.totalFull <= r.budget);
  assert.ok(r.afterFree < r.totalFull / 4, "the freed database gave its bytes back");
  assert.equal(r.secondFitted, 20_000);
  assert.ok(r.wasmMemoryBytes < LIMIT);
});
