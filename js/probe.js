// Feature probe: does this engine accept wasm simd128?
//
// A module's code is validated as a whole, so one v128 opcode makes the SIMD artifact fail to
// load on an engine without SIMD. Wasm cannot test for features at run time, so the loader asks
// the engine to validate this 42-byte module first:
//   (module (func (result v128)
//     f32.const 0 f32x4.splat f32.const 0 f32x4.splat f32x4.mul))

const PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 21, 1, 19, 0, 67, 0, 0, 0,
  0, 253, 19, 67, 0, 0, 0, 0, 253, 19, 253, 230, 1, 11,
]);

let cached;

/** True when `WebAssembly.validate` accepts a simd128 module (computed once). */
export function simdSupported() {
  if (cached === undefined) {
    try {
      cached = WebAssembly.validate(PROBE);
    } catch {
      cached = false;
    }
  }
  return cached;
}
