// The Workers entry's default memory budget, in a module of its own so that Node code (the
// CLI's advice about snapshot sizes) can read it without loading the Workers entry.

/** A Worker isolate has 128 MB for everything. New databases start with a 40 MiB budget:
 *  a collection growing by reallocation briefly holds its old and new storage, and wasm
 *  memory never shrinks, so filling 40 MiB peaks near 2.3 × that (measured in workerd).
 *  Restoring a snapshot needs only ~1.06 × its size. Change it with `db.setMemoryBudget`. */
export const WORKERS_MEMORY_BUDGET = 40 * 1024 * 1024;
