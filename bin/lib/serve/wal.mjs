// The write-ahead log of `simile serve --data`: one framed record per mutating request.
//
//   record = u32 LE length of the payload | u32 LE CRC-32 of the payload | payload
//   payload = "METHOD /path?query\n" followed by the request body (UTF-8)
//
// A record is replayed only when its length fits in the file and its checksum matches, so a
// write torn by a crash (or a corrupt tail) is detected at the first bad record.
import { crc32 } from "node:zlib";

const HEADER_BYTES = 8;

/** The bytes of one record for `method path` with `body` (a string). */
export function encodeRecord(method, path, body) {
  const payload = Buffer.from(`${method} ${path}\n${body}`, "utf8");
  const record = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  record.writeUInt32LE(payload.length, 0);
  record.writeUInt32LE(crc32(payload), 4);
  payload.copy(record, HEADER_BYTES);
  return record;
}

/** `{ method, path, body }` of a payload; null when it is not shaped like one. */
function decodePayload(payload) {
  const text = payload.toString("utf8");
  const newline = text.indexOf("\n");
  const space = text.indexOf(" ");
  if (newline < 0 || space < 0 || space > newline) return null;
  return { method: text.slice(0, space), path: text.slice(space + 1, newline), body: text.slice(newline + 1) };
}

/**
 * The records of a log file's bytes, in order, and where the valid prefix ends: `{ records,
 * validBytes, problem }`. `problem` describes the first bad record (torn or corrupt) when
 * `validBytes` is short of the file's length; nothing after it is trusted.
 */
export function decodeLog(bytes) {
  const records = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < HEADER_BYTES) return { records, validBytes: offset, problem: "torn record header" };
    const length = bytes.readUInt32LE(offset);
    const checksum = bytes.readUInt32LE(offset + 4);
    const end = offset + HEADER_BYTES + length;
    if (end > bytes.length) return { records, validBytes: offset, problem: `torn record (${length} bytes announced, ${bytes.length - offset - HEADER_BYTES} present)` };
    const payload = bytes.subarray(offset + HEADER_BYTES, end);
    if (crc32(payload) !== checksum) return { records, validBytes: offset, problem: "record checksum mismatch" };
    const record = decodePayload(payload);
    if (record === null) return { records, validBytes: offset, problem: "record without a request line" };
    records.push(record);
    offset = end;
  }
  return { records, validBytes: offset, problem: null };
}
