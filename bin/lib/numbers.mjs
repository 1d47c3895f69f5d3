// Number conversions for raw inputs: IEEE 754 half floats, float64, big-endian hosts.
import { endianness } from "node:os";

export const LITTLE_ENDIAN_HOST = endianness() === "LE";

let halfTable;

/** 65,536-entry binary16 → float32 table (Node 20 has no Float16Array). */
function halves() {
  if (halfTable === undefined) {
    halfTable = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) {
      const sign = h & 0x8000 ? -1 : 1;
      const exp = (h >> 10) & 0x1f;
      const frac = h & 0x3ff;
      halfTable[h] =
        exp === 0
          ? sign * frac * 2 ** -24
          : exp === 31
            ? frac === 0
              ? sign * Infinity
              : NaN
            : sign * (1 + frac / 1024) * 2 ** (exp - 15);
    }
  }
  return halfTable;
}

/** Little-endian element bytes (`f32`, `f16` or `f64`) → a Float32Array of `count` values,
 *  written into `out` when given (it must hold at least `count`). */
export function toFloat32(bytes, type, count, out = new Float32Array(count)) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === "f32") {
    if (LITTLE_ENDIAN_HOST && bytes.byteOffset % 4 === 0) {
      out.set(new Float32Array(bytes.buffer, bytes.byteOffset, count));
    } else {
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
    }
  } else if (type === "f16") {
    const table = halves();
    if (LITTLE_ENDIAN_HOST && bytes.byteOffset % 2 === 0) {
      const h = new Uint16Array(bytes.buffer, bytes.byteOffset, count);
      for (let i = 0; i < count; i++) out[i] = table[h[i]];
    } else {
      for (let i = 0; i < count; i++) out[i] = table[view.getUint16(2 * i, true)];
    }
  } else if (type === "f64") {
    for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, true);
  } else {
    throw new Error(`unknown element type ${type}`);
  }
  return out;
}

export const ELEMENT_BYTES = { f16: 2, f32: 4, f64: 8 };

/** Index of the first non-finite value in `values[0..count)`, or -1. */
export function firstNonFinite(values, count = values.length) {
  for (let i = 0; i < count; i++) {
    const x = values[i];
    // x - x is NaN exactly for NaN and ±Infinity; faster than Number.isFinite per element.
    if (x - x !== 0) return i;
  }
  return -1;
}
