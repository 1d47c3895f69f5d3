// Qdrant's documentation snippets for sparse vectors, BM25 inference, hybrid queries and fusion,
// pasted as they are written for `@qdrant/js-client-rest` (collection names filled in), run
// through simile's `QdrantClient` drop-in. Sources: qdrant.tech/documentation — concepts/vectors
// (sparse vectors, multivectors), concepts/indexing (IDF modifier), concepts/hybrid-queries (prefetch, RRF,
// parametrised and weighted RRF, DBSF, multi-stage), concepts/inference (qdrant/bm25).
import assert from "node:assert/strict";
import { test } from "node:test";
import { QdrantClient } from "simile";

const client = new QdrantClient({ url: "http://localhost:6333" });
const ids = (points) => points.map((p) => p.id);

test("sparse vectors: create, upsert, query (concepts/vectors)", async () => {
  await client.createCollection("sparse_docs", { sparse_vectors: { text: {} } });
  await client.upsert("sparse_docs", {
    points: [
      { id: 1, payload: {}, vector: { text: { indices: [6, 7], values: [1.0, 2.0] } } },
      { id: 2, payload: {}, vector: { text: { indices: [1, 2, 3, 4, 5], values: [0.1, 0.2, 0.3, 0.4, 0.5] } } },
    ],
  });
  const res = await client.query("sparse_docs", { query: { indices: [1, 3, 5, 7], values: [0.1, 0.2, 0.3, 0.4] }, using: "text" });
  // 1: 0.4 × 2.0 = 0.8; 2: 0.01 + 0.06 + 0.15 = 0.22.
  assert.deepEqual(ids(res.points), [1, 2]);
  assert.ok(Math.abs(res.points[0].score - 0.8) < 1e-6 && Math.abs(res.points[1].score - 0.22) < 1e-6);
  await client.deleteCollection("sparse_docs");
});

test("IDF modifier (concepts/indexing) and BM25 inference (concepts/inference)", async () => {
  await client.createCollection("books", {
    vectors: {},
    sparse_vectors: { "bm25_sparse_vector": { modifier: "idf" } },
  });
  const docs = ["Recipe for baking chocolate chip cookies", "A history of the cookie jar", "Baking bread at home"];
  await client.upsert("books", {
    points: docs.map((text, i) => ({ id: i + 1, vector: { bm25_sparse_vector: { text, model: "qdrant/bm25" } } })),
  });
  const res = await client.query("books", {
    query: { text: "Recipe for baking chocolate chip cookies", model: "qdrant/bm25" },
    using: "bm25_sparse_vector",
  });
  assert.equal(res.points[0].id, 1);
  assert.deepEqual(new Set(ids(res.points)), new Set([1, 2, 3]), "cookie/cookies and baking stem alike");
});

async function hybridCollection() {
  await client.createCollection("hybrid", {
    vectors: { dense: { size: 4, distance: "Dot" } },
    sparse_vectors: { sparse: {} },
  });
  await client.upsert("hybrid", {
    points: [1, 2, 3, 4, 5].map((i) => ({
      id: i,
      vector: { dense: [0.01 * i, 0.45, 0.67 / i, 0.1], sparse: { indices: [1, 42, 100 + i], values: [0.1 * i, 1 / i, 0.5] } },
    })),
  });
}

test("hybrid queries: RRF, parametrised RRF, weighted RRF, DBSF (concepts/hybrid-queries)", async () => {
  await hybridCollection();
  const prefetch = [
    { query: { values: [0.22, 0.8], indices: [1, 42] }, using: "sparse", limit: 20 },
    { query: [0.01, 0.45, 0.67, 0.1], using: "dense", limit: 20 },
  ];
  const rrf = await client.query("hybrid", { prefetch, query: { fusion: "rrf" } });
  // sparse ranks 1 (0.022 + 0.8) first; dense ranks 1 first too: 1/2 + 1/2.
  assert.equal(rrf.points[0].id, 1);
  assert.ok(Math.abs(rrf.points[0].score - 1.0) < 1e-6);
  const k60 = await client.query("hybrid", { prefetch, query: { rrf: { k: 60 } } });
  assert.ok(Math.abs(k60.points[0].score - 2 / 60) < 1e-6);
  const weighted = await client.query("hybrid", { prefetch, query: { rrf: { weights: [3.0, 1.0] } } });
  assert.equal(weighted.points.length, 5);
  const dbsf = await client.query("hybrid", { prefetch, query: { fusion: "dbsf" } });
  assert.equal(dbsf.points[0].id, 1);
  await assert.rejects(client.query("hybrid", { query: { fusion: "rrf" } }), (err) => err.status === 400);
  await client.deleteCollection("hybrid");
});

test("multi-stage: a sparse prefetch rescored by dense vectors (concepts/hybrid-queries)", async () => {
  await hybridCollection();
  const res = await client.query("hybrid", {
    prefetch: { query: { indices: [1, 42], values: [0.22, 0.8] }, using: "sparse", limit: 3 },
    query: [0.01, 0.45, 0.67, 0.1],
    using: "dense",
    limit: 2,
  });
  // The sparse stage keeps 1, 2, 3 (scores 0.822, 0.444, 0.333); dense rescoring orders them.
  assert.deepEqual(ids(res.points), [1, 2]);
  const batch = await client.queryBatch("hybrid", {
    searches: [
      { query: { indices: [1], values: [1.0] }, using: "sparse", limit: 1 },
      { prefetch: [{ query: [1, 0, 0, 0], using: "dense" }], query: { fusion: "rrf" }, limit: 1 },
    ],
  });
  assert.deepEqual(batch.map((r) => ids(r.points)), [[5], [5]]);
  await client.deleteCollection("hybrid");
});

test("multivectors: late interaction with max_sim, and as a reranking stage (concepts/vectors, hybrid-queries)", async () => {
  await client.createCollection("colbert_docs", {
    vectors: { size: 4, distance: "Cosine", multivector_config: { comparator: "max_sim" } },
  });
  await client.upsert("colbert_docs", {
    points: [
      { id: 1, vector: [[-0.013, 0.02, -0.007, -0.111], [-0.03, -0.055, 0.001, 0.072], [-0.041, 0.014, -0.032, -0.062]] },
      { id: 2, vector: [[0.5, 0.1, 0.1, 0.1], [0.1, 0.5, 0.1, 0.1]] },
    ],
  });
  const res = await client.query("colbert_docs", {
    query: [[-0.013, 0.02, -0.007, -0.111], [-0.03, -0.055, 0.001, 0.072], [-0.041, 0.014, -0.032, -0.062]],
  });
  // Each query row finds itself among point 1's rows: MaxSim = 3 × cosine 1.
  assert.equal(res.points[0].id, 1);
  assert.ok(Math.abs(res.points[0].score - 3) < 1e-4, `${res.points[0].score}`);
  await client.deleteCollection("colbert_docs");

  await client.createCollection("rerank_docs", {
    vectors: {
      dense: { size: 2, distance: "Cosine" },
      colbert: { size: 2, distance: "Cosine", multivector_config: { comparator: "max_sim" } },
    },
  });
  await client.upsert("rerank_docs", {
    points: [
      { id: 1, vector: { dense: [1, 0], colbert: [[1, 0], [0, 1]] } },
      { id: 2, vector: { dense: [0.9, 0.1], colbert: [[1, 0], [1, 0.1]] } },
      { id: 3, vector: { dense: [0, 1], colbert: [[0, 1]] } },
    ],
  });
  const reranked = await client.query("rerank_docs", {
    prefetch: { query: [1, 0], using: "dense", limit: 2 },
    query: [[1, 0], [0, 1]],
    using: "colbert",
    limit: 10,
  });
  // The dense stage keeps 1 and 2; point 1 matches both query rows exactly (2.0).
  assert.deepEqual(ids(reranked.points), [1, 2]);
  await client.deleteCollection("rerank_docs");
});
