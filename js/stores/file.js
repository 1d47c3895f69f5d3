// Node: a database kept in one file. Saves write `FILE.tmp-PID`, fsync it, rename it over the
// file and fsync the directory: a crash leaves the old file or the new one, never a mix.
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";

export function fileStore(path) {
  return {
    async read() {
      try {
        return new Uint8Array(await readFile(path));
      } catch (err) {
        if (err.code === "ENOENT") return null;
        throw err;
      }
    },
    async write(bytes) {
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.tmp-${process.pid}`;
      const file = await open(tmp, "w");
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      try {
        await rename(tmp, path);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      const dir = await open(dirname(path), "r");
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    },
  };
}

/** `Database.open(path)` or `Database.open(name, { path })` in Node. */
export function resolveFileStore(name, options) {
  if (options.store !== undefined && options.store !== "file") {
    throw new Error(`simile: store ${JSON.stringify(options.store)} is not available in Node (use a file path)`);
  }
  return fileStore(options.path ?? name);
}
