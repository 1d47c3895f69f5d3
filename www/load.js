// Loading helpers: streamed fetch with byte progress, and half-float → float32 conversion.

/** Fetches `url` into one Uint8Array, calling `onProgress(loaded, total, buffer)` per chunk:
 *  `buffer`'s first `loaded` bytes are what arrived so far (the buffer is replaced when it has
 *  to grow); `total` is 0 when the server sends no usable Content-Length. */
export async function fetchBytes(url, onProgress) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  // A compressed transfer's Content-Length counts compressed bytes: useless for progress.
  const encoded = (res.headers.get("content-encoding") ?? "identity") !== "identity";
  const total = encoded ? 0 : Number(res.headers.get("content-length")) || 0;
  if (!res.body) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    onProgress(bytes.length, bytes.length, bytes);
    return bytes;
  }
  const reader = res.body.getReader();
  let buf = new Uint8Array(total || 1 << 20);
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (n + value.length > buf.length) {
      const grown = new Uint8Array(Math.max(buf.length * 2, n + value.length));
      grown.set(buf.subarray(0, n));
      buf = grown;
    }
    buf.set(value, n);
    n += value.length;
    onProgress(n, total, buf);
  }
  return n === buf.length ? buf : buf.slice(0, n);
}

let table;

/** IEEE 754 binary16 (little-endian bytes) → Float32Array. Native `Float16Array` where the
 *  engine has it, else a 65,536-entry lookup table. */
export function halfToFloat(bytes) {
  if (bytes.byteLength % 2 !== 0) throw new Error("half-float data has an odd byte length");
  const count = bytes.byteLength / 2;
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  if (typeof globalThis.Float16Array === "function") {
    return { vectors: new Float32Array(new globalThis.Float16Array(aligned.buffer, aligned.byteOffset, count)), native: true };
  }
  if (table === undefined) {
    table = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) {
      const sign = h & 0x8000 ? -1 : 1;
      const exp = (h >> 10) & 0x1f;
      const frac = h & 0x3ff;
      table[h] =
        exp === 0
          ? sign * frac * 2 ** -24
          : exp === 31
            ? frac === 0 ? sign * Infinity : NaN
            : sign * (1 + frac / 1024) * 2 ** (exp - 15);
    }
  }
  const halves = new Uint16Array(aligned.buffer, aligned.byteOffset, count);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = table[halves[i]];
  return { vectors: out, native: false };
}
