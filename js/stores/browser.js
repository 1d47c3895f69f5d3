// Browsers: a database kept in the origin private file system (OPFS) or in IndexedDB. An OPFS
// writable stream writes to a swap file and replaces the file only when closed; an IndexedDB put
// is one transaction: either way a save interrupted by a closed tab leaves the previous copy.

const FILE_SUFFIX = ".simile";
const IDB_NAME = "simile";
const IDB_STORE = "databases";

function opfsStore(name) {
  const file = async (create) => (await navigator.storage.getDirectory()).getFileHandle(name + FILE_SUFFIX, { create });
  return {
    async read() {
      try {
        return new Uint8Array(await (await (await file(false)).getFile()).arrayBuffer());
      } catch (err) {
        if (err?.name === "NotFoundError") return null;
        throw err;
      }
    },
    async write(bytes) {
      const stream = await (await file(true)).createWritable();
      try {
        await stream.write(bytes);
        await stream.close();
      } catch (err) {
        await stream.abort().catch(() => {});
        throw err;
      }
    },
  };
}

function idb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(IDB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(IDB_STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function idbStore(name) {
  const run = async (mode, fn) => {
    const db = await idb();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(IDB_STORE, mode);
        const req = fn(tx.objectStore(IDB_STORE));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error("simile: IndexedDB transaction aborted"));
      });
    } finally {
      db.close();
    }
  };
  return {
    async read() {
      const value = await run("readonly", (s) => s.get(name));
      return value === undefined ? null : new Uint8Array(value);
    },
    write: (bytes) => run("readwrite", (s) => s.put(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), name)),
  };
}

/** `{ store: "opfs" | "indexeddb" }`; the default is OPFS where the browser has it. */
export function resolveBrowserStore(name, options) {
  const hasOpfs = typeof navigator !== "undefined" && typeof navigator.storage?.getDirectory === "function";
  const store = options.store ?? (hasOpfs ? "opfs" : "indexeddb");
  if (store === "opfs" && hasOpfs) return opfsStore(name);
  if (store === "indexeddb" && typeof indexedDB !== "undefined") return idbStore(name);
  throw new Error(`simile: store ${JSON.stringify(store)} is not available in this browser`);
}
