// The search box: typed text runs Qdrant's BM25 (the engine's `qdrant/bm25` inference over
// the sparse vector "bm25") and, once the sentence model is loaded, the dense model too, both
// as prefetches fused with RRF. The model is loaded on the first typed query; without it (not
// in this build, or its download fails) the box stays BM25-only and says so.
import * as simile from "simile";
import { $ } from "./dom.js";
import { fetchBytes } from "./load.js";
import { DENSE_MODEL } from "./request.js";
import { store } from "./store.js";

const MODEL_URL = new URL("data/all-minilm-l6-v2.bin", import.meta.url);
const DEBOUNCE_MS = 120;

/** The model's state: "idle", "loading", "ready" or "failed", with its download progress and
 *  load time. */
export const model = { status: "idle", ms: 0, got: 0, bytes: 0, error: "" };

/** Wires the search box. */
export function setupTextSearch() {
  const box = $("#text");
  let timer = 0;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      store.state.text = box.value;
      if (box.value.trim()) ensureModel();
      store.update({ push: true });
    }, DEBOUNCE_MS);
  });
  box.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && box.value) {
      box.value = "";
      store.state.text = "";
      store.update({ push: true });
    }
  });
  if (store.state.text.trim()) ensureModel();
}

/** Starts loading the dense model once; redraws when it is ready (or says why not). */
export async function ensureModel() {
  if (model.status !== "idle") return;
  if (typeof simile.loadModel !== "function") {
    fail("the sentence model is not part of this build");
    return;
  }
  model.status = "loading";
  showModel();
  const t0 = performance.now();
  try {
    // Downloaded here (not by loadModel) to show its progress; loadModel takes the bytes.
    const bytes = await fetchBytes(MODEL_URL, (got, total) => {
      model.got = got;
      model.bytes = total;
      showModel();
    });
    await simile.loadModel(bytes);
    model.ms = performance.now() - t0;
    model.bytes = bytes.length;
    model.status = "ready";
    store.dense = typeof simile.modelLoaded === "function" ? simile.modelLoaded(DENSE_MODEL) : true;
    if (!store.dense) throw new Error(`${DENSE_MODEL} is not loaded after loadModel`);
  } catch (err) {
    fail(err?.message ?? String(err));
    return;
  }
  showModel();
  store.update();
}

function fail(reason) {
  model.status = "failed";
  model.error = reason;
  store.dense = false;
  showModel();
}

/** The line under the box: what the text runs on. */
export function showModel() {
  const note = $("#text-model");
  note.className = "help";
  const mb = (n) => (n / 1e6).toFixed(1);
  if (model.status === "loading") note.textContent = `BM25 now; loading model… ${mb(model.got)}${model.bytes ? ` / ${mb(model.bytes)}` : ""} MB`;
  else if (model.status === "ready") note.textContent = `BM25 + all-MiniLM-L6-v2 (${mb(model.bytes)} MB, loaded in ${Math.round(model.ms)} ms), fused with RRF.`;
  else if (model.status === "failed") {
    note.className = "help warn";
    note.textContent = `BM25 only: ${model.error}. Keyword matches still work; meaning-based matches need the model.`;
  } else note.textContent = "BM25 keyword search; the sentence model loads on your first query.";
}
