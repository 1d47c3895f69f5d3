// `Database.open(name, options)`: a database that restores itself from a store on open and saves
// itself after changes — debounced, one save at a time, each save atomic in its store (a file
// renamed into place, an OPFS writable committed on close, one IndexedDB transaction), so a
// crash mid-save leaves the previous copy. `flush()` saves now; `close()` flushes and frees.
//
// A store is `{ read(): Promise<Uint8Array | null>, write(bytes): Promise<void> }`; the entries
// register which stores their runtime has (js/stores/).

import { Database, WRITTEN } from "./core.js";

let resolveStore = null;

/** Entries register how `name` + options become a store in their runtime. */
export function setStoreResolver(fn) {
  resolveStore = fn;
}

export class PersistentDatabase extends Database {
  #store = null;
  #debounceMs = 300;
  #timer = null;
  #saving = Promise.resolve();
  #dirty = false;
  #error = null;
  #onError = null;

  /** Opens (or creates) the database kept in `store`. */
  static async openStore(store, { debounceMs = 300, onError } = {}) {
    const bytes = await store.read();
    const db = bytes === null ? new PersistentDatabase() : PersistentDatabase.fromBytes(bytes);
    db.#store = store;
    db.#debounceMs = debounceMs;
    db.#onError = onError ?? null;
    db[WRITTEN] = () => db.#changed();
    return db;
  }

  #changed() {
    this.#dirty = true;
    if (this.#timer === null) this.#timer = setTimeout(() => this.#save(), this.#debounceMs);
  }

  /** Queues one save of the current state after any save in progress. */
  #save() {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#saving = this.#saving.then(async () => {
      if (!this.#dirty) return;
      this.#dirty = false;
      try {
        await this.#store.write(this.toBytes());
      } catch (err) {
        this.#dirty = true;
        this.#error = err;
        this.#onError?.(err);
      }
    });
    return this.#saving;
  }

  /** Saves pending changes now; rejects if a save failed (the changes stay pending). */
  async flush() {
    await this.#save();
    if (this.#error !== null) {
      const err = this.#error;
      this.#error = null;
      throw err;
    }
  }

  /** Flushes, then frees the database. */
  async close() {
    await this.flush();
    this.free();
  }
}

/** `Database.open`: the store the runtime resolves `name` to, restored. */
export async function openDatabase(name, options = {}) {
  if (resolveStore === null) throw new Error("simile: Database.open has no persistent store in this runtime");
  const db = await PersistentDatabase.openStore(await resolveStore(name, options), options);
  // Budget errors name the database as it was opened.
  db.setName(name);
  return db;
}

/** `Database.open(name, options)`: see `openDatabase`. */
Database.open = (name, options) => openDatabase(name, options);
