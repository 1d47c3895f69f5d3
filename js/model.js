// Text embeddings in process. `loadModel` puts a model file's weights into this wasm instance,
// shared by every Database in it; from then on Qdrant's inference object
// `{ "text": "...", "model": "sentence-transformers/all-MiniLM-L6-v2" }` is accepted wherever a
// dense vector is (queries, examples, prefetches, upserted points). The weights are a separate
// file (`scripts/fetch-model.sh` makes it), fetched only when asked for.
import { embedText as rawEmbedText, loadModel as rawLoadModel, modelLoaded as rawModelLoaded } from "../dist/simile.js";
import { ensureReady, isReady, whenReady } from "./core.js";
import { guarded } from "./instance.js";

/** The model simile runs, as Qdrant names it. */
export const MINILM = "sentence-transformers/all-MiniLM-L6-v2";

let readUrl = (url) => fetch(url);

/** Entries with another way to read a URL (Node: `file:` URLs and paths) register it here. */
export function setModelUrlReader(fn) {
  readUrl = fn;
}

async function responseBytes(res) {
  if (!res.ok) throw new Error(`simile: loading the model failed: HTTP ${res.status} ${res.statusText} (${res.url})`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The bytes of a model source: bytes as they are, a Response read, a URL fetched. */
async function modelBytes(source) {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return source;
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (typeof Response !== "undefined" && source instanceof Response) return responseBytes(source);
  if (source instanceof URL || typeof source === "string") {
    const got = await readUrl(source);
    return got instanceof Uint8Array ? got : responseBytes(got);
  }
  throw new TypeError("simile: loadModel takes a Uint8Array, an ArrayBuffer, a URL (or its string) or a Response");
}

/**
 * Loads a model file into this instance (every Database shares it); replaces the loaded model
 * once the new one is valid. Resolves to `{ name, dim, bytes }`.
 * @throws {SimileError} 400 for a truncated or corrupt file.
 */
export async function loadModel(source) {
  const bytes = await modelBytes(await source);
  await whenReady();
  return guarded(() => rawLoadModel(bytes));
}

/** Whether `name` (any case) is the loaded model. */
export function modelLoaded(name) {
  return isReady() && guarded(() => rawModelLoaded(String(name)));
}

/** The unit-length embedding of `text`, exactly as a request's inference object computes it.
 *  @throws {SimileError} 400 when the model is not loaded. */
export function embed(text, model = MINILM) {
  ensureReady();
  return guarded(() => rawEmbedText(String(model), String(text)));
}
