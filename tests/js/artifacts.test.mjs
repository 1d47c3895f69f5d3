// The shipped artifacts: the SIMD one really uses f32x4 arithmetic, the scalar one has no v128
// instruction (so it loads on engines without SIMD), and both fit the one glue.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { simdInstructions } from "../../scripts/check-artifacts.mjs";

const read = (name) => readFileSync(new URL(`../../dist/${name}`, import.meta.url));

test("simile_simd.wasm contains f32x4 arithmetic", async () => {
  const ops = await simdInstructions(read("simile_simd.wasm"));
  for (const op of ["f32x4.mul", "f32x4.add"]) assert.ok(ops.has(op), `${op} missing`);
});

test("simile_scalar.wasm contains no v128 instruction", async () => {
  const ops = await simdInstructions(read("simile_scalar.wasm"));
  assert.deepEqual([...ops.keys()], []);
});

test("both artifacts have the same imports and exports (one glue serves both)", () => {
  const shape = (name) => {
    const m = new WebAssembly.Module(read(name));
    return { imports: WebAssembly.Module.imports(m), exports: WebAssembly.Module.exports(m) };
  };
  assert.deepEqual(shape("simile_scalar.wasm"), shape("simile_simd.wasm"));
});
