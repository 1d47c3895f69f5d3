// The map: every package as a point, placed by www/tools/project-map.mjs (PCA + a small
// neighbour embedding of the vectors, so similar packages sit together). Each query lights up
// its examples, its results, and the region it explores (its top candidates); hovering a point
// names the package.
import { $, h } from "./dom.js";
import { COLLECTION } from "./loader.js";
import { nameOf, sectionOf, store } from "./store.js";

/** How many of the query's best candidates make up the lit region. */
export const REGION = 500;
const GRID = 64;

const map = { xy: null, base: null, grid: null, width: 0, height: 0, region: [], hover: 0 };

/** Loads map.bin (two uint16 per package) and wires the canvas. */
export async function setupMap(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`);
  map.xy = new Uint16Array(await res.arrayBuffer());
  const canvas = $("#map");
  canvas.addEventListener("mousemove", (e) => hover(e));
  canvas.addEventListener("mouseleave", () => { map.hover = 0; showTip(); drawMap(); });
  new ResizeObserver(() => { map.base = null; drawMap(); }).observe(canvas);
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => { map.base = null; drawMap(); });
}

/** The current query's region: its best REGION candidates (ids). */
export function updateRegion(body) {
  map.region = [];
  if (!map.xy || !body) return;
  const wide = { ...body, limit: REGION, with_payload: false };
  delete wide.group_by;
  delete wide.group_size;
  try {
    map.region = store.db.request("POST", `/collections/${COLLECTION}/points/query`, wide).points.map((p) => p.id);
  } catch {
    map.region = [];
  }
}

function colors() {
  const css = getComputedStyle(document.documentElement);
  const v = (name) => css.getPropertyValue(name).trim();
  return { dot: v("--map-dot"), region: v("--map-region"), result: v("--accent"), pos: v("--pos"), neg: v("--neg"), target: v("--target") };
}

/** Draws the points, then the region, the results and the examples on top. */
export function drawMap(results = map.results ?? []) {
  map.results = results;
  const canvas = $("#map");
  if (!map.xy || !canvas || !store.items) return;
  const dpr = window.devicePixelRatio || 1;
  const width = Math.round(canvas.clientWidth * dpr);
  const height = Math.round(canvas.clientHeight * dpr);
  if (!width || !height) return;
  const ctx = canvas.getContext("2d");
  const c = colors();
  if (!map.base || map.width !== width || map.height !== height) {
    canvas.width = width;
    canvas.height = height;
    Object.assign(map, { width, height });
    // Every package once, on a canvas of its own; each redraw copies it.
    map.base = document.createElement("canvas");
    Object.assign(map.base, { width, height });
    const base = map.base.getContext("2d");
    base.fillStyle = c.dot;
    for (let id = 1; id <= store.items.count; id++) dot(base, id, 1.5 * dpr);
    map.grid = null;
  }
  ctx.clearRect(0, 0, width, height);
  ctx.drawImage(map.base, 0, 0);
  ctx.fillStyle = c.region;
  for (const id of map.region) dot(ctx, id, 2 * dpr);
  ctx.fillStyle = c.result;
  for (const p of results) dot(ctx, p.id, 3 * dpr);
  const s = store.state;
  const pairs = s.mode === "recommend" ? [] : s.pairs;
  const positives = s.mode === "recommend" ? s.positive : pairs.map((p) => p.positive);
  const negatives = s.mode === "recommend" ? s.negative : pairs.map((p) => p.negative);
  ring(ctx, positives, c.pos, dpr);
  ring(ctx, negatives, c.neg, dpr);
  if (s.mode === "discover" && s.target !== null) ring(ctx, [s.target], c.target, dpr);
  if (map.hover) ring(ctx, [map.hover], c.result, dpr);
  $("#map").setAttribute("aria-label", `Map of ${store.items.count} packages: ${results.length} results and ${map.region.length} top candidates lit.`);
}

function at(id) {
  const x = (map.xy[(id - 1) * 2] / 65535) * map.width;
  const y = (map.xy[(id - 1) * 2 + 1] / 65535) * map.height;
  return [x, y];
}

function dot(ctx, id, r) {
  const [x, y] = at(id);
  ctx.fillRect(x - r / 2, y - r / 2, r, r);
}

function ring(ctx, ids, color, dpr) {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2 * dpr;
  for (const id of ids) {
    if (id === null || id === undefined) continue;
    const [x, y] = at(id);
    ctx.beginPath();
    ctx.arc(x, y, 6 * dpr, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.fillRect(x - 2 * dpr, y - 2 * dpr, 4 * dpr, 4 * dpr);
  }
}

/** Buckets of package ids by grid cell, for hover look-ups. */
function grid() {
  if (map.grid) return map.grid;
  map.grid = Array.from({ length: GRID * GRID }, () => []);
  for (let id = 1; id <= store.items.count; id++) {
    const gx = Math.min(GRID - 1, Math.floor((map.xy[(id - 1) * 2] / 65536) * GRID));
    const gy = Math.min(GRID - 1, Math.floor((map.xy[(id - 1) * 2 + 1] / 65536) * GRID));
    map.grid[gy * GRID + gx].push(id);
  }
  return map.grid;
}

/** The package nearest the pointer (within 8 CSS px) is named under the map. */
function hover(e) {
  const canvas = $("#map");
  const rect = canvas.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const px = (e.clientX - rect.left - canvas.clientLeft) * dpr;
  const py = (e.clientY - rect.top - canvas.clientTop) * dpr;
  const radius = 8 * dpr;
  const cellW = map.width / GRID;
  const cellH = map.height / GRID;
  // Cells can be narrower than the radius (a phone): look as many cells out as it takes.
  const rx = Math.ceil(radius / cellW);
  const ry = Math.ceil(radius / cellH);
  const gx = Math.floor(px / cellW);
  const gy = Math.floor(py / cellH);
  let best = 0;
  let bestD = radius ** 2;
  const cells = grid();
  for (let y = Math.max(0, gy - ry); y <= Math.min(GRID - 1, gy + ry); y++) {
    for (let x = Math.max(0, gx - rx); x <= Math.min(GRID - 1, gx + rx); x++) {
      for (const id of cells[y * GRID + x]) {
        const [ix, iy] = at(id);
        const d = (ix - px) ** 2 + (iy - py) ** 2;
        if (d < bestD) [best, bestD] = [id, d];
      }
    }
  }
  if (best !== map.hover) {
    map.hover = best;
    showTip();
    drawMap();
  }
}

function showTip() {
  const id = map.hover;
  $("#map-tip").replaceChildren(id
    ? h("span", {}, h("b", {}, nameOf(id)), ` (${sectionOf(id)}): ${store.items.summary[id - 1]}`)
    : "Hover a point to see its package.");
}

/** For tests: the canvas position (CSS px) of package `id`. */
export function pointOf(id) {
  const dpr = window.devicePixelRatio || 1;
  const [x, y] = at(id);
  return { x: x / dpr, y: y / dpr };
}
