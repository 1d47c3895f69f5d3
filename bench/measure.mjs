// Timing shared by the benchmarks: warm-up, then RUNS timed calls, p50/p95 in ms.

export const RUNS = Number(process.env.BENCH_RUNS ?? 30);
// Warm-up calls per measurement. V8 first runs wasm in its baseline tier and compiles hot
// functions with its optimising tier on a background thread; on a busy machine that takes a
// while, so every measured operation is first run for WARMUP calls and at least 300 ms.
const WARMUP = 15;

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

/** Runs `fn(i)` RUNS times after the warm-up; returns p50/p95 in ms. */
export function measure(fn) {
  return measureInterleaved({ fn }).fn;
}

/** Like `measure` for several operations at once, timed in turns (run i of every operation,
 *  then run i + 1): a busy moment of the machine then slows all of them alike, so their ratios
 *  hold where back-to-back blocks would not. Returns `{name: {p50, p95}}`. */
export function measureInterleaved(fns) {
  const entries = Object.entries(fns);
  for (const [, fn] of entries) {
    const start = performance.now();
    for (let i = 0; i < WARMUP || performance.now() - start < 300; i++) fn(i % RUNS);
  }
  const samples = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, fn] of entries) {
      const t0 = performance.now();
      fn(i);
      samples[name].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(entries.map(([name]) => [name, stats(samples[name])]));
}
