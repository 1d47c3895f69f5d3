// The search box: typed text runs Qdrant's BM25 (the engine's `qdrant/bm25` inference over
// the sparse vector "bm25") and, once the sentence model is loaded, the dense model too, both
// as prefetches fused with RRF. The model is loaded on the first typed query; without it (not
// in this build, or its download fails) the box stays BM25-only and says so.
import * as simile from "simile";
import { $ } from "./dom.js";
import { store } from "./store.js";

const MODEL_URL = new URL("data/all-minilm-l6-v2.bin", import.meta.url);
const DEBOUNCE_MS = 120;

/** The model's state: "idle", "loading", "ready" or "failed", with its timings. */
export const model = { status: "idle", ms: 0, bytes: 0, error: "" };

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
    model.bytes = await modelSize();
    showModel();
    await simile.loadModel(MODEL_URL.href);
    model.ms = performance.now() - t0;
    model.status = "ready";
    store.dense = typeof simile.modelLoaded === "function" ? simile.modelLoaded() !== false : true;
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

/** The model file's size in bytes (0 when the server does not say). */
async function modelSize() {
  const res = await fetch(MODEL_URL, { method: "HEAD" });
  if (!res.ok) throw new Error(`${MODEL_URL.pathname}: HTTP ${res.status}`);
  return Number(res.headers.get("content-length")) || 0;
}

/** The line under the box: what the text runs on. */
export function showModel() {
  const note = $("#text-model");
  note.className = "help";
  if (model.status === "loading") note.textContent = `BM25 now; loading model… ${(model.bytes / 1e6).toFixed(1)} MB`;
  else if (model.status === "ready") note.textContent = `BM25 + all-MiniLM-L6-v2 (model loaded in ${Math.round(model.ms)} ms), fused with RRF.`;
  else if (model.status === "failed") {
    note.className = "help warn";
    note.textContent = `BM25 only: ${model.error}. Keyword matches still work; meaning-based matches need the model.`;
  } else note.textContent = "BM25 keyword search; the sentence model loads on your first query.";
}
