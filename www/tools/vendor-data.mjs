// Regenerates www/data/ from a copy of the "debian-packages" data set (items.jsonl, vectors.f16):
//   node www/tools/vendor-data.mjs <dataset-dir>
// items.json is columnar and keeps only what the page shows and filters on; vectors.f16 is
// copied byte for byte (20000 × 384 little-endian half floats, row i = id i + 1).
import { copyFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const src = process.argv[2];
if (!src) {
  console.error("usage: node www/tools/vendor-data.mjs <dataset-dir>");
  process.exit(2);
}
const out = new URL("../data/", import.meta.url);
const DIM = 384;

const items = readFileSync(join(src, "items.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line));
items.forEach((item, i) => {
  if (item.id !== i + 1) throw new Error(`line ${i + 1} has id ${item.id}`);
});

const sections = [...new Set(items.map((it) => it.section))].sort();
const ORDER = ["required", "important", "standard", "optional", "extra"];
const priorities = ORDER.filter((p) => items.some((it) => it.priority === p));
const columns = {
  source: "Debian 12 bookworm main (amd64 + all); embeddings: all-MiniLM-L6-v2 of \"{name}: {summary}. {description}\"",
  count: items.length,
  dim: DIM,
  sections,
  priorities,
  name: items.map((it) => it.name),
  section: items.map((it) => sections.indexOf(it.section)),
  priority: items.map((it) => priorities.indexOf(it.priority)),
  size: items.map((it) => it.installed_size_kib),
  version: items.map((it) => it.version),
  summary: items.map((it) => it.summary),
};
const text = JSON.stringify(columns);
writeFileSync(new URL("items.json", out), text);

const vectors = new URL("vectors.f16", out);
copyFileSync(join(src, "vectors.f16"), vectors);
const bytes = statSync(vectors).size;
if (bytes !== items.length * DIM * 2) throw new Error(`vectors.f16 has ${bytes} bytes`);

console.log(
  `items.json: ${items.length} items, ${text.length} B (${gzipSync(text).length} B gzipped); ` +
    `vectors.f16: ${bytes} B`,
);
