// Quantization: int8 and binary codes against the float32 scan, on the 20,000 Debian packages
// of the demo (all-MiniLM-L6-v2, 384, Cosine) and on 100,000 × 384 clustered synthetic unit
// vectors. Each mode gets its own collection with the graph off (`m: 0`), so every search is a
// plain scan: of the original vectors (float32) or of the codes, then rescoring. Recall@10 is
// against the exact answer. Usage: node bench/quantization.mjs (env BENCH_RUNS=30,
// BENCH_QUANT_N=100000); part of `npm run bench`.
import { readFileSync } from "node:fs";
import { Database } from "simile";
import { halfToFloat } from "../www/load.js";
import { clustered, rng } from "./data.mjs";
import { measure, RUNS } from "./measure.mjs";

const SYNTH_N = Number(process.env.BENCH_QUANT_N ?? 100_000);

function debian() {
  const root = new URL("../www/data/", import.meta.url);
  const items = JSON.parse(readFileSync(new URL("items.json", root), "utf8"));
  const half = readFileSync(new URL("vectors.f16", root));
  const { vectors } = halfToFloat(new Uint8Array(half.buffer, half.byteOffset, half.byteLength));
  return { name: "Debian packages", n: items.name.length, dim: items.dim, vectors };
}

function synthetic() {
  return { name: "clustered synthetic", n: SYNTH_N, dim: 384, vectors: clustered(SYNTH_N, 384, 0x9a7e) };
}

/** A collection holding `data` with `quantization_config` (or none), codes built. */
function load(data, quant) {
  const db = new Database();
  const body = { vectors: { size: data.dim, distance: "Cosine" }, hnsw_config: { m: 0 } };
  if (quant) body.quantization_config = quant;
  db.request("PUT", "/collections/c", body);
  db.upsertFlat("c", Uint32Array.from({ length: data.n }, (_, i) => i), data.vectors);
  db.optimizeSync("c");
  return db;
}

const MODES = [
  { name: "int8", quant: { scalar: { type: "int8" } }, oversampling: [2], bytes: (d) => d + 4 },
  { name: "binary 1 bit", quant: { binary: { encoding: "one_bit" } }, oversampling: [2, 3, 5], bytes: (d) => Math.ceil(d / 8) },
  { name: "binary 1.5 bits", quant: { binary: { encoding: "one_and_half_bits" } }, oversampling: [2, 3, 5], bytes: (d) => Math.ceil(Math.ceil((3 * d) / 2) / 8) },
  { name: "binary 2 bits", quant: { binary: { encoding: "two_bits" } }, oversampling: [2, 3, 5], bytes: (d) => Math.ceil((2 * d) / 8) },
];

const f = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
const recallOf = (got, exact) => got.reduce((s, ids, i) => s + ids.filter((id) => exact[i].includes(id)).length / exact[i].length, 0) / got.length;

function run(data) {
  const r = rng(23);
  const picks = Array.from({ length: RUNS }, () => Math.floor(r() * data.n));
  const query = (i) => Array.from(data.vectors.subarray(picks[i] * data.dim, (picks[i] + 1) * data.dim));
  const ids = (db, i, params) => db.request("POST", "/collections/c/points/query", { query: query(i), limit: 10, params }).points.map((p) => p.id);
  const reco = (i) => ({ recommend: { positive: [query(i), query((i + 1) % RUNS)], negative: [query((i + 2) % RUNS)], strategy: "best_score" } });

  let db = load(data, null);
  const exact = picks.map((_, i) => ids(db, i, { exact: true }));
  const f32Ms = measure((i) => ids(db, i, {})).p50;
  const recoF32Ms = measure((i) => db.request("POST", "/collections/c/points/query", { query: reco(i), limit: 10 })).p50;
  db.free();

  console.log(`\n## Quantization, ${data.name} (n = ${data.n}, dim ${data.dim}, Cosine, plain scans), ${RUNS} runs`);
  console.log(`float32 nearest p50 ${f(f32Ms)} ms (${data.dim * 4} bytes/point); recommend best_score p50 ${f(recoF32Ms)} ms`);
  console.log("| mode | bytes/point (codes) | oversampling | rescore | recall@10 | p50 ms | × float32 | target |");
  console.log("| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |");
  for (const mode of MODES) {
    db = load(data, mode.quant);
    for (const oversampling of mode.oversampling) {
      const params = { quantization: { rescore: true, oversampling } };
      const got = picks.map((_, i) => ids(db, i, params));
      const ms = measure((i) => ids(db, i, params)).p50;
      const target = mode.name === "int8" ? "≤ 0.45× at recall ≥ 0.99" : "≤ 0.25× at recall ≥ 0.95";
      console.log(`| ${mode.name} | ${mode.bytes(data.dim)} | ${oversampling} | on | ${recallOf(got, exact).toFixed(3)} | ${f(ms)} | ${(ms / f32Ms).toFixed(2)} | ${target} |`);
    }
    if (mode.name === "int8") {
      const raw = picks.map((_, i) => ids(db, i, { quantization: { rescore: false } }));
      const rawMs = measure((i) => ids(db, i, { quantization: { rescore: false } })).p50;
      console.log(`| int8 | ${mode.bytes(data.dim)} | 1 | off | ${recallOf(raw, exact).toFixed(3)} | ${f(rawMs)} | ${(rawMs / f32Ms).toFixed(2)} | |`);
      const recoMs = measure((i) => db.request("POST", "/collections/c/points/query", { query: reco(i), limit: 10 })).p50;
      console.log(`| int8 recommend best_score (3 examples) | ${mode.bytes(data.dim)} | 1 | default | | ${f(recoMs)} | ${(recoMs / recoF32Ms).toFixed(2)} | ≤ 0.6× |`);
    }
    db.free();
  }
}

run(debian());
run(synthetic());
