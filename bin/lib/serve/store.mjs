// Durable state of `simile serve --data DIR`: a database snapshot plus a write-ahead log of
// the mutating requests made since, in generation-numbered files:
//
//   snapshot-N.simile   Database.toBytes() after every record of generations < N (absent for N=0)
//   wal-N.log           records (wal.mjs) applied on top of snapshot-N, in order
//   LOCK                the pid of the server using DIR
//
// Start: load the newest snapshot, replay its log; a torn or corrupt tail is moved aside to
// wal-N.log.corrupt-TIME and cut off, never a failed start. Compaction (when the log passes a
// threshold): write snapshot-(N+1).tmp, fsync, rename, fsync the directory, start wal-(N+1),
// then delete generation N. A crash at any step leaves either generation N whole or N+1 whole.
import {
  closeSync, existsSync, fdatasync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync,
  renameSync, rmSync, writeSync,
} from "node:fs";
import { join } from "node:path";
import { fail } from "../errors.mjs";
import { isMutating } from "./routes.mjs";
import { decodeLog, encodeRecord } from "./wal.mjs";

const snapshotName = (gen) => `snapshot-${gen}.simile`;
const walName = (gen) => `wal-${gen}.log`;
const GENERATION = /^(?:snapshot|wal)-(\d+)\.(?:simile|log)$/;

/** Writes `bytes` to `path` and flushes it to disk before returning. */
function writeDurably(path, bytes) {
  const fd = openSync(path, "w");
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a directory's entries (renames, creations); not possible on every platform. */
function fsyncDir(dir) {
  let fd;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Windows cannot open directories; its renames are durable through the file system journal.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Takes DIR's LOCK: refuses when another live process holds it, takes over a stale one. */
function lock(dir) {
  const path = join(dir, "LOCK");
  try {
    const pid = Number(readFileSync(path, "utf8"));
    if (pid > 0 && pid !== process.pid && isAlive(pid)) fail(`${dir} is in use by process ${pid} (its LOCK file)`);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
  writeDurably(path, String(process.pid));
  return path;
}

/** Whether `pid` is a running server. Where /proc exists, a zombie or a process that is not
 *  a Node program (the pid reused after a crash) does not count. */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== "EPERM") return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X" && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node");
  } catch (err) {
    return err.code !== "ENOENT" || !existsSync("/proc/self"); // no /proc: trust the signal probe
  }
}

/** The newest generation with a snapshot in `names` (0 when none). */
function newestGeneration(names) {
  let gen = 0;
  for (const name of names) {
    const m = GENERATION.exec(name);
    if (m !== null && name.startsWith("snapshot-")) gen = Math.max(gen, Number(m[1]));
  }
  return gen;
}

export class Store {
  #dir;
  #db;
  #gen;
  #fd;
  #bytes = 0;
  #compactBytes;
  #waiters = [];
  #syncing = null;
  #lockPath;
  stats = { replayed: 0, dropped: null };

  /** Opens (creating) DIR, loads its state into a database made by `Database`. */
  constructor(Database, dir, { compactBytes, memoryBudget, log }) {
    mkdirSync(dir, { recursive: true });
    this.#dir = dir;
    this.#compactBytes = compactBytes;
    this.#lockPath = lock(dir);
    const names = readdirSync(dir);
    this.#gen = newestGeneration(names);
    this.#db = this.#loadSnapshot(Database, memoryBudget);
    this.#replay(log);
    for (const name of names) {
      const m = GENERATION.exec(name);
      if ((m !== null && Number(m[1]) < this.#gen) || name.endsWith(".tmp")) rmSync(join(dir, name), { force: true });
    }
    this.#fd = openSync(join(dir, walName(this.#gen)), "a");
    fsyncDir(dir); // the log's directory entry, so its first fsynced records can be found
  }

  get database() {
    return this.#db;
  }

  #loadSnapshot(Database, memoryBudget) {
    let db;
    if (this.#gen === 0) {
      db = new Database();
    } else {
      const path = join(this.#dir, snapshotName(this.#gen));
      try {
        db = Database.fromBytes(readFileSync(path));
      } catch (err) {
        fail(`cannot load ${path}: ${err.message}`);
      }
    }
    if (memoryBudget !== undefined) db.setMemoryBudget(memoryBudget);
    return db;
  }

  /** Replays wal-N.log; cuts a bad tail off after keeping a copy of it. */
  #replay(log) {
    const path = join(this.#dir, walName(this.#gen));
    let bytes;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      if (err.code === "ENOENT") return;
      throw err;
    }
    const { records, validBytes, problem } = decodeLog(bytes);
    // Every logged body was accepted once: replay it whatever the size limit is now.
    this.#db.setMaxRequestBytes(Number.MAX_SAFE_INTEGER);
    let overBudget = 0;
    for (const r of records) overBudget += this.#db.requestText(r.method, r.path, r.body).status === 507 ? 1 : 0;
    if (overBudget > 0) log(`${overBudget} logged writes answered 507 on replay; if they succeeded when made, restart with the --memory-budget they were made under`);
    this.stats.replayed = records.length;
    this.#bytes = validBytes;
    if (problem === null) return;
    const aside = `${path}.corrupt-${Date.now()}`;
    writeDurably(aside, bytes.subarray(validBytes));
    const fd = openSync(path, "r+");
    ftruncateSync(fd, validBytes);
    fsyncSync(fd);
    closeSync(fd);
    this.stats.dropped = { problem, bytes: bytes.length - validBytes, keptAt: aside };
    log(`${path}: ${problem} at byte ${validBytes}; dropped the last ${bytes.length - validBytes} bytes (kept in ${aside})`);
  }

  /**
   * Answers one request; a mutating one is appended to the log first (before the answer is
   * sent). `durable` resolves (to null, or the fsync error) once the record is on disk.
   */
  request(method, path, body) {
    const answer = this.#db.requestText(method, path, body);
    if (!isMutating(method, path)) return { answer, durable: null };
    const record = encodeRecord(method, path, body);
    writeSync(this.#fd, record);
    this.#bytes += record.length;
    return { answer, durable: this.#flush() };
  }

  /** Group commit: one fdatasync covers every record written before it started. */
  #flush() {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      if (this.#syncing === null) this.#startSync();
    });
  }

  #startSync() {
    const batch = this.#waiters;
    this.#waiters = [];
    this.#syncing = new Promise((done) => {
      fdatasync(this.#fd, (err) => {
        this.#syncing = null;
        if (err) process.stderr.write(`simile serve: fsync of the log failed: ${err.message}\n`);
        if (!err && this.#bytes > this.#compactBytes) this.#compact();
        for (const resolve of batch) resolve(err ?? null);
        if (this.#waiters.length > 0) this.#startSync();
        done();
      });
    });
  }

  /** Folds the log into a new snapshot generation; records written so far become durable with
   *  it, so waiters queued meanwhile are released too. */
  #compact() {
    const next = this.#gen + 1;
    let bytes;
    try {
      bytes = this.#db.toBytes();
    } catch (err) {
      process.stderr.write(`simile serve: compaction skipped, the log keeps growing: ${err.message}\n`);
      return;
    }
    const tmp = join(this.#dir, `${snapshotName(next)}.tmp`);
    writeDurably(tmp, bytes);
    renameSync(tmp, join(this.#dir, snapshotName(next)));
    const fd = openSync(join(this.#dir, walName(next)), "a");
    fsyncDir(this.#dir);
    closeSync(this.#fd);
    this.#fd = fd;
    rmSync(join(this.#dir, walName(this.#gen)), { force: true });
    rmSync(join(this.#dir, snapshotName(this.#gen)), { force: true });
    this.#gen = next;
    this.#bytes = 0;
    const waiting = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiting) resolve(null);
  }

  /** Waits for a running fsync, flushes the log and releases DIR. */
  async close() {
    while (this.#syncing !== null) await this.#syncing;
    fsyncSync(this.#fd);
    closeSync(this.#fd);
    for (const resolve of this.#waiters) resolve(null);
    this.#waiters = [];
    rmSync(this.#lockPath, { force: true });
  }
}

