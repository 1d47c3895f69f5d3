// One scenario, run unchanged in Node, headless Chromium and workerd: it takes the loaded
// package (`{ Database, simdEnabled }`) and returns a JSON-able summary; each runtime's test
// compares the summary with `expected` (see `checkSummary`).

const DIM = 4;

/** Captures a thrown error's observable fields (or notes that nothing was thrown). */
function caught(fn) {
  try {
    fn();
    return { threw: false };
  } catch (err) {
    return {
      threw: true,
      isError: err instanceof Error,
      name: err.name,
      status: err.status,
      code: err.code,
      message: String(err.message),
    };
  }
}

/** Runs create → upsert → search → recommend → errors → search-again and summarises what was
 *  observed. */
export function runScenario(simile) {
  const { Database, simdEnabled } = simile;
  const db = new Database();
  try {
    db.request("PUT", "/collections/demo", { vectors: { size: DIM, distance: "Cosine" } });
    // REST upsert: four axis-aligned points with payloads.
    db.request("PUT", "/collections/demo/points", {
      points: [0, 1, 2, 3].map((i) => ({
        id: i + 1,
        vector: Array.from({ length: DIM }, (_, j) => (j === i ? 1 : 0)),
        payload: { axis: i, name: `p${i + 1}` },
      })),
    });
    const restHits = db.request("POST", "/collections/demo/points/search", {
      vector: [0.1, 0, 0.9, 0],
      limit: 2,
    });

    // Flat upsert: ids as Uint32Array, BigUint64Array and mixed numbers/UUIDs.
    const uuid = "5c56c793-69f3-4fbf-87e6-c4bf54c28c26";
    db.upsertFlat("demo", new Uint32Array([10, 11]), new Float32Array([1, 1, 0, 0, 0, 1, 1, 0]));
    db.upsertFlat("demo", new BigUint64Array([12n]), new Float32Array([0, 0, 1, 1]), [{ k: 1 }]);
    db.upsertFlat("demo", [13, uuid.toUpperCase()], [1, 0, 0, 1, -1, -1, -1, 0.5], [null, { k: 2 }]);
    const flat = db.searchFlat("demo", new Float32Array([1, 0.9, 0, 0]), 3);
    const flatFromArray = db.searchFlat("demo", [-1, -1, -1, 0.5], 1);
    // Recommend: like point 1 (axis 0), unlike point 2 (axis 1), best_score. Point 13 leans to
    // the positive (sigmoid(0.7071) = 0.7071); the UUID point is equally far from both, so it
    // takes the negative branch with the mildest penalty (−sigmoid(−0.5547) = −0.3216).
    const recommended = db.request("POST", "/collections/demo/points/query", {
      query: { recommend: { positive: [1], negative: [2], strategy: "best_score" } },
      limit: 2,
    }).points;

    const errors = {
      restWrongDim: caught(() =>
        db.request("POST", "/collections/demo/points/search", { vector: [1, 2, 3], limit: 1 }),
      ),
      restUnknownCollection: caught(() =>
        db.request("POST", "/collections/nope/points/search", { vector: [1, 0, 0, 0], limit: 1 }),
      ),
      flatWrongDim: caught(() => db.searchFlat("demo", new Float32Array([1, 2, 3]), 1)),
      flatUnknownCollection: caught(() => db.searchFlat("nope", new Float32Array(DIM), 1)),
      flatBadId: caught(() => db.upsertFlat("demo", [-1], new Float32Array(DIM))),
      flatBadUuid: caught(() => db.upsertFlat("demo", ["not-a-uuid"], new Float32Array(DIM))),
    };
    const after = db.searchFlat("demo", new Float32Array([0, 0, 0, 1]), 1);

    return {
      exports: Object.keys(simile).sort(),
      simd: simdEnabled(),
      rest: restHits.map((h) => ({ id: h.id, score: Math.round(h.score * 1e4) / 1e4 })),
      flat: { ids: flat.ids, scoresType: flat.scores.constructor.name, scores: [...flat.scores].map((s) => Math.round(s * 1e4) / 1e4) },
      flatFromArray: flatFromArray.ids,
      recommend: recommended.map((h) => ({ id: h.id, score: Math.round(h.score * 1e4) / 1e4 })),
      errors,
      afterError: after.ids,
    };
  } finally {
    db.free();
  }
}

/** What every runtime must observe (scores rounded to 4 decimals). */
export const expected = {
  simd: true,
  rest: [
    { id: 3, score: 0.9939 },
    { id: 1, score: 0.1104 },
  ],
  flat: { ids: [10, 1, 2], scoresType: "Float32Array", scores: [0.9986, 0.7433, 0.6690] },
  flatFromArray: ["5c56c793-69f3-4fbf-87e6-c4bf54c28c26"],
  recommend: [
    { id: 13, score: 0.7071 },
    { id: "5c56c793-69f3-4fbf-87e6-c4bf54c28c26", score: -0.3216 },
  ],
  afterError: [4],
};

/** Checks a summary with node:assert-like `assert` (passed in, so this file stays portable). */
export function checkSummary(assert, summary) {
  assert.equal(summary.simd, expected.simd, "the SIMD artifact is loaded");
  for (const name of ["Database", "QdrantClient", "ApiError", "init", "simdEnabled", "simdSupported", "loadModel", "modelLoaded", "embed"]) {
    assert.ok(summary.exports.includes(name), `the entry exports ${name}`);
  }
  assert.deepEqual(summary.rest, expected.rest);
  assert.deepEqual(summary.flat, expected.flat);
  assert.deepEqual(summary.flatFromArray, expected.flatFromArray);
  assert.deepEqual(summary.recommend, expected.recommend, "recommend best_score");
  assert.deepEqual(summary.afterError, expected.afterError, "the instance keeps working after errors");
  const e = summary.errors;
  for (const [name, err] of Object.entries(e)) {
    assert.equal(err.threw, true, `${name} threw`);
    assert.equal(err.isError, true, `${name} is an Error`);
    assert.equal(err.name, "SimileError", `${name}.name`);
  }
  assert.equal(e.restWrongDim.status, 400);
  assert.match(e.restWrongDim.message, /expected dim: 4, got 3/);
  assert.equal(e.restUnknownCollection.status, 404);
  assert.match(e.restUnknownCollection.message, /Collection `nope` doesn't exist/);
  assert.equal(e.flatWrongDim.status, 400);
  assert.equal(e.flatWrongDim.code, "dimension_mismatch");
  assert.match(e.flatWrongDim.message, /expected dim: 4, got 3/);
  assert.equal(e.flatUnknownCollection.status, 404);
  assert.equal(e.flatUnknownCollection.code, "collection_not_found");
  assert.equal(e.flatBadId.status, 400);
  assert.equal(e.flatBadId.code, "wrong_input");
  assert.match(e.flatBadId.message, /-1 is not a valid point ID/);
  assert.equal(e.flatBadUuid.status, 400);
  assert.match(e.flatBadUuid.message, /not-a-uuid is not a valid point ID/);
}
