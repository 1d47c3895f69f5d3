// The Workers entry's default memory budget, in a module of its own so that Node code (the
// CLI's advice about snapshot sizes) can read it without loading the Workers entry.

/** A Worker isolate has 128 MB for everything. The wasm instance starts with a 96 MiB budget,
 *  shared by every database in it: dense vectors are stored in 1 MiB chunks, so growing
 *  never holds an old and a new copy of a store, and filling the budget peaks a few MiB above
 *  it (measured in workerd, tests/workerd/budget.test.mjs). Change it with `setMemoryBudget`. */
export const WORKERS_MEMORY_BUDGET = 96 * 1024 * 1024;
