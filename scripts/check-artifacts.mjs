// Lists the SIMD (v128) instructions of wasm modules by disassembling them with wabt.
//   node scripts/check-artifacts.mjs dist/simile_simd.wasm dist/simile_scalar.wasm
// checks that the first contains f32x4 arithmetic and the second no v128 instruction at all.
// tests/js/artifacts.test.mjs imports `simdInstructions` for the same checks.
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import wabtInit from "wabt";

// Every wasm SIMD opcode (0xFD prefix) names a v128 value or a lane shape.
const SIMD_OP = /^\s*((?:v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.[a-z0-9_.]+)/gm;

/** The distinct SIMD instruction names in `bytes`, with their counts. */
export async function simdInstructions(bytes) {
  const wabt = await wabtInit();
  const module = wabt.readWasm(bytes, {
    readDebugNames: false,
    bulk_memory: true,
    multi_value: true,
    mutable_globals: true,
    reference_types: true,
    sat_float_to_int: true,
    sign_extension: true,
    simd: true,
  });
  try {
    const counts = new Map();
    for (const [, op] of module.toText({ foldExprs: false, inlineExport: false }).matchAll(SIMD_OP)) {
      counts.set(op, (counts.get(op) ?? 0) + 1);
    }
    return counts;
  } finally {
    module.destroy();
  }
}

async function main([simdPath, scalarPath]) {
  const simd = await simdInstructions(readFileSync(simdPath));
  const scalar = await simdInstructions(readFileSync(scalarPath));
  const f32x4 = [...simd.keys()].filter((op) => op.startsWith("f32x4.")).sort();
  if (!simd.has("f32x4.mul") || !simd.has("f32x4.add")) {
    throw new Error(`${simdPath}: no f32x4.mul/f32x4.add — was it built without simd128?`);
  }
  if (scalar.size > 0) {
    throw new Error(`${scalarPath}: contains SIMD instructions: ${[...scalar.keys()].join(", ")}`);
  }
  console.log(`${simdPath}: ${f32x4.join(" ")}; ${scalarPath}: no v128 instructions`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  });
}
