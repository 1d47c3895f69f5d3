// The fixed 40-byte header of a snapshot file (docs/snapshot-format.md), read without loading it.
import { fail } from "./errors.mjs";

const MAGIC = [0x53, 0x49, 0x4d, 0x49, 0x4c, 0x45, 0x00, 0x01]; // "SIMILE\0\x01"
export const KINDS = { 1: "collection", 2: "database" };

/** `{ major, minor, kind: "collection" | "database", length }`; a UserError if `bytes` does not
 *  start like a snapshot. Checksums and contents are verified by loading. */
export function readHeader(bytes, name) {
  if (bytes.length < 40 || MAGIC.some((b, i) => bytes[i] !== b)) fail(`${name}: not a simile snapshot (bad magic)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = KINDS[view.getUint32(16, true)];
  if (kind === undefined) fail(`${name}: unknown snapshot kind ${view.getUint32(16, true)}`);
  return { major: view.getUint16(8, true), minor: view.getUint16(10, true), kind, length: Number(view.getBigUint64(24, true)) };
}
