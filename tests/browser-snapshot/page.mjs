// First load: build a seeded collection, answer some queries, store its collection snapshot in
// IndexedDB and the database snapshot in OPFS (the origin private file system). After a reload:
// restore from both and answer the same queries; also fetch the committed v1 fixture over HTTP.
// The outcome goes to `window.__result` for the test (tests/browser-snapshot/).
import { Database, init } from "simile";

const DIM = 32;
const N = 300;
const IDB_NAME = "simile-snapshot-test";
const OPFS_FILE = "app.snapshot";

const QUERIES = [
  { query: { recommend: { positive: [1, 2], negative: [3] } }, limit: 8, with_payload: true },
  { query: { recommend: { positive: [10], negative: [20, 30], strategy: "best_score" } }, limit: 5 },
  { query: { discover: { target: 7, context: [{ positive: 8, negative: 9 }] } }, limit: 5 },
  { query: { recommend: { positive: [4, 5], strategy: "sum_scores" } }, filter: { must: [{ key: "group", match: { value: "b" } }] }, limit: 6, with_vector: true },
];

/** mulberry32, as bench/data.mjs. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function build() {
  const r = rng(99);
  const db = new Database();
  db.request("PUT", "/collections/c", { vectors: { size: DIM, distance: "Cosine" } });
  const vectors = Float32Array.from({ length: N * DIM }, () => r() * 2 - 1);
  const payloads = Array.from({ length: N }, (_, i) => ({ group: "abc"[i % 3], i }));
  db.upsertFlat("c", Uint32Array.from({ length: N }, (_, i) => i + 1), vectors, payloads);
  return db;
}

const answers = (db) => QUERIES.map((q) => db.request("POST", "/collections/c/points/query", q));

// --- IndexedDB: one object store, snapshot bytes stored as a Uint8Array (structured clone).
function openIdb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(IDB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore("snapshots");
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function idbPut(key, bytes) {
  const idb = await openIdb();
  await new Promise((resolve, reject) => {
    const tx = idb.transaction("snapshots", "readwrite");
    tx.objectStore("snapshots").put(bytes, key);
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  idb.close();
}

async function idbGet(key) {
  const idb = await openIdb();
  const value = await new Promise((resolve, reject) => {
    const req = idb.transaction("snapshots").objectStore("snapshots").get(key);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  idb.close();
  return value;
}

// --- OPFS: navigator.storage.getDirectory(), a file written through createWritable().
async function opfsStatus() {
  if (!window.isSecureContext) return { available: false, reason: "not a secure context" };
  if (typeof navigator.storage?.getDirectory !== "function") return { available: false, reason: "navigator.storage.getDirectory is missing" };
  try {
    const root = await navigator.storage.getDirectory();
    const probe = await root.getFileHandle(".probe", { create: true });
    if (typeof probe.createWritable !== "function") return { available: false, reason: "FileSystemFileHandle.createWritable is missing" };
    await root.removeEntry(".probe");
    return { available: true };
  } catch (err) {
    return { available: false, reason: `${err.name}: ${err.message}` };
  }
}

async function opfsWrite(name, bytes) {
  const root = await navigator.storage.getDirectory();
  const handle = await root.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  await writable.write(bytes);
  await writable.close();
}

async function opfsRead(name) {
  const root = await navigator.storage.getDirectory();
  const file = await (await root.getFileHandle(name)).getFile();
  return new Uint8Array(await file.arrayBuffer());
}

async function main() {
  await init();
  const opfs = await opfsStatus();
  const stored = await idbGet("c");
  if (stored === undefined) {
    const db = build();
    const result = { phase: "saved", answers: answers(db), opfs };
    const coll = db.collectionToBytes("c");
    await idbPut("c", coll);
    if (opfs.available) await opfsWrite(OPFS_FILE, db.toBytes());
    result.bytes = coll.length;
    db.free();
    return result;
  }

  const t0 = performance.now();
  const fromIdb = new Database();
  fromIdb.loadCollection("c", stored);
  const result = { phase: "restored", storedType: stored.constructor.name, answers: answers(fromIdb), opfs, restoreMs: performance.now() - t0 };
  fromIdb.free();
  if (opfs.available) {
    const db = Database.fromBytes(await opfsRead(OPFS_FILE));
    result.opfsAnswers = answers(db);
    db.free();
  }
  // fetch(): a snapshot served as a static file (the committed v1 fixture) and its golden case.
  const res = await fetch("/tests/fixtures/golden-v1.snapshot");
  const fixture = Database.fromBytes(new Uint8Array(await res.arrayBuffer()));
  const c = await (await fetch("/tests/golden/035_search_nearest_vec_cosine.json")).json();
  const { collection, endpoint, body } = c.request;
  result.fixture = { result: fixture.request("POST", `/collections/${collection}/points/${endpoint}`, body), expected: c.expected };
  fixture.free();
  return result;
}

main().then(
  (result) => {
    window.__result = { ok: true, ...result };
  },
  (err) => {
    window.__result = { ok: false, error: String(err?.stack ?? err) };
  },
);
