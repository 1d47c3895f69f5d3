// The download budget of the shipped wasm: each artifact, gzip-compressed (zlib's default level,
// as a web server or CDN serves it), stays within BUDGET_GZIP bytes. Above it, the failure lists
// what takes the bytes: sections, the largest functions (named from the symbol map the build
// writes beside them, target/bindgen/VARIANT/simile.symbols, when present) and bytes per crate.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { functionBodies, parseSymbolMap, wasmSections, wasmSizeReport } from "../../scripts/wasm-size.mjs";

/** Bytes of gzip per artifact; lowered as the artifacts shrink, never raised without a reason.
 *  The goal is 150,000. At opt-level 3 the artifacts measured 844,848 (simd) and 849,086
 *  (scalar); built at "z" (Cargo.toml; the Snowball stemmers stay at 3, and the loops only the
 *  vectoriser made fast are simd128 kernels) 638,073 and 646,823; with graphs over float16
 *  and uint8 rows 641,143 and 648,855; with serde_json's parsing as Qdrant's (no
 *  `float_roundtrip`) 632,144 and 639,446; with JSON the core holds as a `Value` read through
 *  `&Value` only, and untagged enums without vectors through a `Value` instead of serde's
 *  `Content` (src/json.rs) 613,111 and 620,149. What remains is serde
 *  request parsing monomorphised per type (~310 KB of code in functions named for serde before
 *  compression, more inlined into the REST handlers), the BM25
 *  stemmers and stopword tables (~107 KB of code, most of the 222 KB data section), std's sorts
 *  instantiated per call site (~90 KB), then the REST handlers (`node scripts/wasm-size.mjs`). */
export const BUDGET_GZIP = 622_000;

const root = new URL("../../", import.meta.url);

for (const variant of ["simd", "scalar"]) {
  test(`dist/simile_${variant}.wasm is at most ${BUDGET_GZIP} bytes gzipped`, () => {
    const bytes = readFileSync(new URL(`dist/simile_${variant}.wasm`, root));
    const gzipped = gzipSync(bytes).length;
    const symbolsUrl = new URL(`target/bindgen/${variant}/simile.symbols`, root);
    const symbols = existsSync(symbolsUrl) ? parseSymbolMap(readFileSync(symbolsUrl, "utf8")) : undefined;
    const summary = `simile_${variant}.wasm: ${bytes.length} B raw, ${gzipped} B gzip (budget ${BUDGET_GZIP} B)`;
    console.log(summary);
    if (gzipped > BUDGET_GZIP) console.log(wasmSizeReport(bytes, 15, symbols));
    assert.ok(gzipped <= BUDGET_GZIP, `${summary}; top contributors printed above`);
  });
}

test("the size report's parser accounts for every byte and function of the module", () => {
  const bytes = readFileSync(new URL("dist/simile_simd.wasm", root));
  const sections = wasmSections(bytes);
  assert.equal(sections.at(-1).end, bytes.length);
  const module = new WebAssembly.Module(bytes);
  const imported = WebAssembly.Module.imports(module).filter((i) => i.kind === "function").length;
  const bodies = functionBodies(bytes);
  assert.ok(bodies.length > 0);
  assert.equal(bodies[0].index, imported);
  const code = sections.find((s) => s.name === "code");
  assert.ok(bodies.reduce((sum, b) => sum + b.size, 0) < code.end - code.start);
});
