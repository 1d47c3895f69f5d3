// Hints: one sentence a newcomer can act on, attached as `err.hint` to the errors of
// `Database.request` and `QdrantClient` next to Qdrant's own message (which stays as is).
// Computed only when a request fails; a hint that cannot be worked out is left out.

const DISTANCES = ["Cosine", "Dot", "Euclid", "Manhattan"];
const ROUTE_WORDS = [
  "collections", "points", "query", "batch", "groups", "search", "recommend", "discover", "scroll", "count",
  "delete", "payload", "clear", "vectors", "index", "facet", "aliases", "exists", "matrix", "pairs", "offsets",
];

/** Levenshtein distance, for "did you mean" (short words only). */
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The option `word` most likely misspells: same letters in another case, or at most two edits
 *  away (case-insensitive) and fewer than half the word's length. */
function closest(word, options) {
  const w = String(word).toLowerCase();
  const d = (o) => distance(w, o.toLowerCase());
  return options.filter((o) => d(o) <= 2 && d(o) < w.length / 2).sort((x, y) => d(x) - d(y))[0];
}

/** The `distance` values of a create-collection body (unnamed or named vectors). */
function distancesOf(body) {
  const v = body?.vectors;
  if (v === null || typeof v !== "object") return [];
  return "distance" in v || "size" in v ? [v.distance] : Object.values(v).map((p) => p?.distance);
}

function vectorsConfigHint(body) {
  for (const d of distancesOf(body)) {
    if (DISTANCES.includes(d)) continue;
    const guess = closest(d, DISTANCES);
    return guess ? `distance is case-sensitive: did you mean "${guess}"?` : `distance must be one of ${DISTANCES.map((x) => `"${x}"`).join(", ")}`;
  }
  return 'each vector config needs "size" (a positive integer) and "distance", e.g. { "size": 384, "distance": "Cosine" }';
}

function collectionNames(db) {
  return db.request("GET", "/collections").collections.map((c) => c.name);
}

function missingCollectionHint(name, db) {
  const names = collectionNames(db);
  if (names.length === 0) return `there are no collections yet: create it first with PUT /collections/${name} and { "vectors": { "size": …, "distance": "Cosine" } }`;
  const guess = closest(name, names);
  return guess ? `did you mean "${guess}"?` : `existing collections: ${names.join(", ")}`;
}

function vectorNamesHint(path, db) {
  const name = decodeURIComponent(path.split("/")[2] ?? "");
  const info = db.request("GET", `/collections/${encodeURIComponent(name)}`);
  const params = info.config.params;
  const dense = params.vectors && "size" in params.vectors ? ['"" (the unnamed vector: omit "using")'] : Object.keys(params.vectors ?? {}).map((n) => `"${n}"`);
  const sparse = Object.keys(params.sparse_vectors ?? {}).map((n) => `"${n}" (sparse)`);
  return `this collection's vectors are ${[...dense, ...sparse].join(", ")}`;
}

function routeHint(path) {
  for (const word of path.split(/[?#]/)[0].split("/").filter(Boolean)) {
    if (ROUTE_WORDS.includes(word) || /^[\w.-]+$/.test(word) === false) continue;
    const guess = closest(word, ROUTE_WORDS);
    if (guess) return `did you mean "${guess}" in the path?`;
  }
  return "routes are Qdrant's: /collections/{name}, /collections/{name}/points, …/points/query, …/points/scroll (see the README's route table)";
}

const RULES = [
  [/untagged enum VectorsConfig/, ({ body }) => vectorsConfigHint(body)],
  [/Vector dimension error: expected dim: (\d+), got (\d+)/, ({ m }) =>
    `the collection stores ${m[1]}-dimensional vectors and this one has ${m[2]} numbers: embed with the same model (and size) as the collection`],
  [/is not a valid point ID/, () => "point ids are unsigned integers or UUID strings; keep other keys (names, slugs, negative numbers) in the payload"],
  [/Collection `([^`]*)` doesn't exist!/, ({ m, db }) => missingCollectionHint(m[1], db)],
  [/Not existing vector name error/, ({ path, db }) => vectorNamesHint(path, db)],
  [/^Not found: no route for/, ({ path }) => routeHint(path)],
  [/expected a sequence at line 1 column 1|invalid type: sequence, expected/, ({ body, path }) =>
    Array.isArray(body) && /\/points$/.test(path.split("?")[0]) ? 'send { "points": [...] }, not a bare array' : undefined],
  [/^Memory budget exceeded/, () =>
    "the budget is shared by every database of this instance: free databases you no longer need (db.free()), raise it with setMemoryBudget(bytes), or store vectors as float16 or uint8 (\"datatype\" in the vector config)"],
  [/^Bad request: Inference with model "([^"]*)": the model is not loaded/, () =>
    'load the weights once per page or process first: await loadModel(url of all-minilm-l6-v2.bin, made by scripts/fetch-model.sh), then send { "text": …, "model": "sentence-transformers/all-MiniLM-L6-v2" }'],
  [/^Inference with model "([^"]*)" \(/, () =>
    'simile embeds "qdrant/bm25" (sparse) and, after loadModel(...), "sentence-transformers/all-MiniLM-L6-v2" (dense, 384); other models: embed elsewhere and send the vector'],
  [/Collection `[^`]*` already exists!/, () => "delete it first, or change its settings with PATCH; QdrantClient.recreateCollection deletes and creates"],
];

/** A hint for a failed request, or undefined. Never throws. */
export function hintFor(message, { method, path, body, db }) {
  try {
    for (const [re, make] of RULES) {
      const m = re.exec(message);
      if (m !== null) return make({ m, method, path: String(path), body, db }) ?? undefined;
    }
  } catch {
    // A hint is a courtesy: a failure to compute one never hides the error.
  }
  return undefined;
}
