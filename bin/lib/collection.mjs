// The collection a build creates: its name, distances, vector configuration, and how the CLI
// describes them.
import { positiveInt } from "./args.mjs";
import { fail } from "./errors.mjs";

const DISTANCES = ["Cosine", "Dot", "Euclid", "Manhattan"];

/** Qdrant's spelling of a distance given in any case. */
export function distanceOf(s, what) {
  const d = DISTANCES.find((x) => x.toLowerCase() === String(s).toLowerCase());
  if (d === undefined) fail(`${what} must be one of ${DISTANCES.join(", ")} (got ${JSON.stringify(s)})`);
  return d;
}

/** Qdrant's collection name rule (checked before any work is done). */
export function checkName(name) {
  if (name.length === 0 || name.length > 255 || /[<>:"/\\|?*\0\u001f]/.test(name)) {
    fail(`${JSON.stringify(name)} is not a valid collection name (1–255 characters, none of < > : " / \\ | ? *); pass --name`);
  }
}

/** `--vector name:dim[:distance]` flags → a named config, or null. */
export function namedConfig(specs, distance) {
  if (specs.length === 0) return null;
  const vectors = new Map();
  for (const spec of specs) {
    const m = /^(.*):(\d+)(?::([A-Za-z]+))?$/.exec(spec);
    if (m === null || m[1] === "") fail(`--vector must be NAME:DIM or NAME:DIM:DISTANCE (got ${JSON.stringify(spec)})`);
    if (vectors.has(m[1])) fail(`--vector ${m[1]} is given twice`);
    const d = m[3] !== undefined ? distanceOf(m[3], `the distance of --vector ${m[1]}`) : distance;
    if (d === undefined) fail(`--vector ${m[1]} needs a distance: --distance DIST or --vector ${m[1]}:${m[2]}:DIST`);
    vectors.set(m[1], { size: positiveInt(m[2], `the size of --vector ${m[1]}`), distance: d });
  }
  return { named: true, vectors };
}

/** The `vectors` field of the create-collection request for a config, every vector stored
 *  as `datatype` when given. */
export function vectorsBody(config, datatype) {
  const params = (c) => ({ size: c.size, distance: c.distance, ...(datatype ? { datatype } : {}) });
  return config.named ? Object.fromEntries([...config.vectors].map(([n, c]) => [n, params(c)])) : params(config);
}

/** "384-dim Cosine", or "text: 384-dim Cosine, image: 512-dim Dot" for named vectors. */
export function describeVectors(vectors) {
  if (typeof vectors.size === "number") return `${vectors.size}-dim ${vectors.distance}`;
  return Object.entries(vectors)
    .map(([n, c]) => `${n}: ${c.size}-dim ${c.distance}`)
    .join(", ");
}
