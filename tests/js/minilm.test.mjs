// sentence-transformers/all-MiniLM-L6-v2 in process: `loadModel` with the weights file made by
// scripts/fetch-model.sh (scripts/setup.sh runs it), then texts embedded as sentence-transformers
// embeds them. 200 Debian package texts (tests/fixtures/minilm: every 134th package of the demo's
// data set plus 50 with non-ASCII text, and the float32 vectors sentence-transformers computed
// for them) must come out at cosine ≥ 0.999. Prints load time, per-text time and the cosines.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { Database, embed, loadModel, modelLoaded, simdEnabled } from "simile";

const root = new URL("../../", import.meta.url);
const MODEL = "sentence-transformers/all-MiniLM-L6-v2";
const weights = new URL("www/data/all-minilm-l6-v2.bin", root);
const fixture = new URL("tests/fixtures/minilm/", root);
const items = readFileSync(new URL("debian-200.jsonl", fixture), "utf8").trim().split("\n").map((l) => JSON.parse(l));
const vectors = new Float32Array(readFileSync(new URL("debian-200.f32", fixture)).buffer.slice(0));
const row = (i) => vectors.subarray(i * 384, (i + 1) * 384);
const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);

function collection(db) {
  db.request("PUT", "/collections/deb", { vectors: { size: 384, distance: "Cosine" } });
  db.upsertFlat("deb", Uint32Array.from(items, (it) => it.id), vectors);
}

test("before loadModel, the inference object is a 400 naming the model, with a hint", () => {
  assert.equal(modelLoaded(MODEL), false);
  const db = new Database();
  collection(db);
  assert.throws(
    () => db.request("POST", "/collections/deb/points/query", { query: { nearest: { text: "editor", model: MODEL } } }),
    (err) => err.status === 400 && /Inference with model "sentence-transformers\/all-MiniLM-L6-v2": the model is not loaded/.test(err.message) && /loadModel/.test(err.hint),
  );
  assert.throws(() => embed("editor"), (err) => err.status === 400);
  db.free();
});

test("loadModel reads the weights file; a damaged file is refused and changes nothing", async () => {
  assert.ok(existsSync(weights), "www/data/all-minilm-l6-v2.bin is missing: run bash scripts/fetch-model.sh");
  const bytes = new Uint8Array(readFileSync(weights));
  await assert.rejects(loadModel(bytes.subarray(0, bytes.length - 1)), (err) => err.status === 400 && /Invalid model file/.test(err.message));
  const corrupt = bytes.slice();
  corrupt[corrupt.length - 100] ^= 1;
  await assert.rejects(loadModel(corrupt), (err) => err.status === 400 && /checksum/.test(err.message));
  assert.equal(modelLoaded(MODEL), false);
  const start = performance.now();
  const info = await loadModel(weights);
  const ms = performance.now() - start;
  assert.deepEqual(Object.keys(info), ["name", "dim", "bytes"]);
  assert.equal(info.name, "sentence-transformers/all-minilm-l6-v2");
  assert.equal(info.dim, 384);
  assert.ok(info.bytes > 40e6 && info.bytes < bytes.length, `${info.bytes} bytes of parameters`);
  assert.ok(modelLoaded(MODEL) && modelLoaded(MODEL.toUpperCase()) && !modelLoaded("qdrant/bm25"));
  console.log(`loadModel (file URL, ${bytes.length} B, simd ${simdEnabled()}): ${ms.toFixed(0)} ms, parameters ${info.bytes} B`);
});

test("200 Debian texts: cosine ≥ 0.999 with sentence-transformers' vectors", () => {
  const cosines = [];
  const start = performance.now();
  for (const [i, it] of items.entries()) {
    const v = embed(it.text);
    assert.equal(v.length, 384);
    cosines.push(dot(v, row(i)));
  }
  const ms = (performance.now() - start) / items.length;
  const min = Math.min(...cosines);
  const mean = cosines.reduce((a, b) => a + b) / cosines.length;
  console.log(`MiniLM: ${items.length} texts, cosine min ${min.toFixed(7)} mean ${mean.toFixed(7)}, ${ms.toFixed(1)} ms per text (simd ${simdEnabled()})`);
  cosines.forEach((c, i) => assert.ok(c >= 0.999, `id ${items[i].id}: cosine ${c} for ${JSON.stringify(items[i].text)}`));
  const start1 = performance.now();
  embed("text editor for programmers");
  console.log(`MiniLM: a 4-word query in ${(performance.now() - start1).toFixed(1)} ms`);
});

test("a text query through Database equals the query with embed's vector", () => {
  const db = new Database();
  collection(db);
  const search = (query) => db.request("POST", "/collections/deb/points/query", { query, limit: 10 }).points.map((p) => [p.id, p.score]);
  for (const text of ["text editor", "Python bindings for numerical arrays", "café ÜBER naïve…"]) {
    const byText = search({ nearest: { text, model: MODEL } });
    assert.deepEqual(byText, search({ nearest: Array.from(embed(text)) }), text);
    assert.equal(byText.length, 10);
  }
  const examples = { recommend: { positive: [{ text: "web browser", model: MODEL }], negative: [{ text: "game", model: MODEL.toLowerCase() }] } };
  const viaVectors = { recommend: { positive: [Array.from(embed("web browser"))], negative: [Array.from(embed("game"))] } };
  assert.deepEqual(search(examples), search(viaVectors));
  const doc = (text) => ({ text, model: MODEL });
  const vec = (text) => Array.from(embed(text));
  const discover = (f) => ({ discover: { target: f("editor"), context: [{ positive: f("terminal"), negative: f("graphical") }] } });
  assert.deepEqual(search(discover(doc)), search(discover(vec)));
  const context = (f) => ({ context: [{ positive: f("audio player"), negative: f("video") }] });
  assert.deepEqual(search(context(doc)), search(context(vec)));
  const prefetch = (q) => db.request("POST", "/collections/deb/points/query", { prefetch: { query: q, limit: 20 }, query: q, limit: 5 }).points.map((p) => p.id);
  assert.deepEqual(prefetch({ text: "database server", model: MODEL }), prefetch(Array.from(embed("database server"))));
  db.free();
});

test("upserted points take the text's embedding; a sparse vector cannot", () => {
  const db = new Database();
  db.request("PUT", "/collections/t", { vectors: { size: 384, distance: "Dot" }, sparse_vectors: { s: {} } });
  db.request("PUT", "/collections/t/points", { points: [{ id: 1, vector: { text: "vim: Vi IMproved", model: MODEL } }] });
  db.request("PUT", "/collections/t/points", { batch: { ids: [2], vectors: [{ text: "emacs", model: MODEL }] } });
  const got = db.request("POST", "/collections/t/points", { ids: [1, 2], with_vector: true });
  // Stored as f32; the JSON answer prints each float's shortest form, read back as f32.
  assert.deepEqual(got.map((p) => Float32Array.from(p.vector)), [embed("vim: Vi IMproved"), embed("emacs")]);
  assert.throws(
    () => db.request("PUT", "/collections/t/points", { points: [{ id: 3, vector: { s: { text: "x", model: MODEL } } }] }),
    (err) => err.status === 400 && /Conversion between sparse and regular vectors failed/.test(err.message),
  );
  db.free();
});
