// Qdrant's documentation snippets for relevance feedback and the distance matrix, pasted as they
// are written for `@qdrant/js-client-rest` (collection names filled in; the snippets' own
// `const client = new QdrantClient({ host: "localhost", port: 6333 })` is the shared client
// below), run through simile's `QdrantClient` drop-in, with their results computed here by hand.
// Sources: qdrant.tech/documentation — search/search-relevance (relevance feedback, naive
// strategy), search/explore (distance matrix, pairs and offsets).
import assert from "node:assert/strict";
import { test } from "node:test";
import { QdrantClient } from "simile";

const client = new QdrantClient({ url: "http://localhost:6333" });

const dot = (x, y) => x.reduce((s, v, i) => s + v * y[i], 0);
const cos = (x, y) => dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));

test("relevance feedback with the naive strategy (search/search-relevance)", async () => {
  const vectors = {
    111: [0.2, 0.8, 0.1], 222: [0.15, 0.95, 0.3], 333: [0.9, 0.1, 0.2],
    1: [0.1, 0.9, 0.2], 2: [0.8, 0.3, 0.1], 3: [0.3, 0.6, 0.6], 4: [-0.5, 0.5, 0.0], 5: [0.2, 0.85, 0.35],
  };
  await client.createCollection("feedback_docs", { vectors: { size: 3, distance: "Cosine" } });
  await client.upsert("feedback_docs", { points: Object.entries(vectors).map(([id, vector]) => ({ id: Number(id), vector })) });

  const res = await client.query("feedback_docs", {
      query: {
          relevance_feedback: {
              target: [0.1, 0.9, 0.23],
              feedback: [
                  { example: 111, score: 0.68 },
                  { example: 222, score: 0.72 },
                  { example: 333, score: 0.61 },
              ],
              strategy: {
                  naive: {
                      a: 0.12,
                      b: 0.43,
                      c: 0.03,
                  },
              },
          },
      },
  });

  // a·cos(target, v) + Σ (s⁺ − s⁻)^b · c · (cos(e⁺, v) − cos(e⁻, v)) over the ordered pairs
  // with s⁺ > s⁻: (111, 333), (222, 111), (222, 333). The examples' ids are not returned.
  const scores = { 111: 0.68, 222: 0.72, 333: 0.61 };
  const pairs = [[111, 333], [222, 111], [222, 333]];
  const expected = [1, 2, 3, 4, 5]
    .map((id) => {
      const v = vectors[id];
      let s = 0.12 * cos([0.1, 0.9, 0.23], v);
      for (const [p, n] of pairs) s += (scores[p] - scores[n]) ** 0.43 * 0.03 * (cos(vectors[p], v) - cos(vectors[n], v));
      return { id, score: s };
    })
    .sort((x, y) => y.score - x.score);
  assert.deepEqual(res.points.map((p) => p.id), expected.map((p) => p.id));
  res.points.forEach((p, i) => assert.ok(Math.abs(p.score - expected[i].score) < 1e-5, `${p.id}: ${p.score} vs ${expected[i].score}`));
  await client.deleteCollection("feedback_docs");
});

/** Red points 1–4 at x = 0, 1, 3, 7 and blue ones between them, Euclid: with at most 10 red
 * points the sample is all of them, so the matrix is known. */
async function matrixCollection() {
  await client.createCollection("matrix_docs", { vectors: { size: 2, distance: "Euclid" } });
  const at = [[1, 0, "red"], [2, 1, "red"], [3, 3, "red"], [4, 7, "red"], [5, 0.5, "blue"], [6, 2, "blue"]];
  await client.upsert("matrix_docs", { points: at.map(([id, x, color]) => ({ id, vector: [x, 0], payload: { color } })) });
}

test("distance matrix as pairs (search/explore)", async () => {
  await matrixCollection();
  const res = await client.searchMatrixPairs("matrix_docs", {
      filter: {
          must: [
              {
                  key: "color",
                  match: {
                      value: "red",
                  },
              },
          ],
      },
      sample: 10,
      limit: 2,
  });
  // Rows by id; each point's two nearest other red points, by Euclidean distance.
  assert.deepEqual(res.pairs, [
    { a: 1, b: 2, score: 1 }, { a: 1, b: 3, score: 3 },
    { a: 2, b: 1, score: 1 }, { a: 2, b: 3, score: 2 },
    { a: 3, b: 2, score: 2 }, { a: 3, b: 1, score: 3 },
    { a: 4, b: 3, score: 4 }, { a: 4, b: 2, score: 6 },
  ]);
  await client.deleteCollection("matrix_docs");
});

test("distance matrix as offsets (search/explore)", async () => {
  await matrixCollection();
  const res = await client.searchMatrixOffsets("matrix_docs", {
      filter: {
          must: [
              {
                  key: "color",
                  match: {
                      value: "red",
                  },
              },
          ],
      },
      sample: 10,
      limit: 2,
  });
  assert.deepEqual(res, {
    offsets_row: [0, 0, 1, 1, 2, 2, 3, 3],
    offsets_col: [1, 2, 0, 2, 1, 0, 2, 1],
    scores: [1, 3, 1, 2, 2, 3, 4, 6],
    ids: [1, 2, 3, 4],
  });
  // Qdrant's validation: a sample of at least 2, a limit of at least 1 (422).
  await assert.rejects(client.searchMatrixOffsets("matrix_docs", { sample: 1 }), (err) => err.status === 422);
  await assert.rejects(client.searchMatrixPairs("matrix_docs", { limit: 0 }), (err) => err.status === 422);
  await client.deleteCollection("matrix_docs");
});
