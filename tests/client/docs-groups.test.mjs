// Qdrant's documentation snippets for grouping (concepts/search "Grouping API": group by a
// payload field, `with_lookup` into another collection), pasted as they are written for
// `@qdrant/js-client-rest` (collection names filled in, the query vector sized to the data),
// run through simile's `QdrantClient` drop-in, plus the 1.18 client's search/recommend groups.
import assert from "node:assert/strict";
import { test } from "node:test";
import { QdrantClient } from "simile";

const client = new QdrantClient({ url: "http://localhost:6333" });

// The docs' example: chunks of documents, several chunks per document_id; vector [x] scores x
// against the query [1.1] (Dot).
const CHUNKS = [
  { id: 0, document_id: "a", x: 0.9 },
  { id: 1, document_id: "a", x: 0.8 },
  { id: 2, document_id: "a", x: 0.7 },
  { id: 3, document_id: "b", x: 0.85 },
  { id: 4, document_id: "b", x: 0.3 },
  { id: 5, document_id: "c", x: 0.5 },
  { id: 6, document_id: "c", x: 0.4 },
  { id: 7, document_id: "d", x: 0.2 },
  { id: 8, document_id: "e", x: 0.1 },
];

async function chunks() {
  await client.recreateCollection("chunks", { vectors: { size: 1, distance: "Dot" } });
  await client.upsert("chunks", {
    points: CHUNKS.map((c) => ({ id: c.id, vector: [c.x], payload: { document_id: c.document_id, chunk_part: c.id } })),
  });
}

const summary = (result) => result.groups.map((g) => [g.id, g.hits.map((h) => h.id)]);

test("group by document_id (concepts/search, Grouping API)", async () => {
  await chunks();
  const result = await client.queryGroups("chunks", {
    query: [1.1],
    group_by: "document_id",
    limit: 4,
    group_size: 2,
  });
  assert.deepEqual(summary(result), [["a", [0, 1]], ["b", [3, 4]], ["c", [5, 6]], ["d", [7]]]);
  assert.ok(Math.abs(result.groups[0].hits[0].score - 0.99) < 1e-6);
});

test("group lookup into the documents collection (concepts/search, Lookup in groups)", async () => {
  await chunks();
  await client.recreateCollection("documents", { vectors: { size: 1, distance: "Dot" } });
  await client.upsert("documents", {
    points: ["a", "b", "c"].map((_, i) => ({ id: i, vector: [1], payload: { title: `Doc ${i}`, text: "…", year: 2000 + i } })),
  });
  // Group ids are strings here: a lookup needs ids that are point ids of `documents`.
  await client.upsert("chunks", { points: CHUNKS.map((c) => ({ id: c.id, vector: [c.x], payload: { document_id: "abc".indexOf(c.document_id) } })) });
  const result = await client.queryGroups("chunks", {
    query: [1.1],
    group_by: "document_id",
    limit: 2,
    group_size: 2,
    with_lookup: {
      collection: "documents",
      with_payload: ["title", "text"],
      with_vectors: false,
    },
  });
  assert.deepEqual(summary(result), [[0, [0, 1]], [1, [3, 4]]]);
  assert.deepEqual(result.groups[0].lookup, { id: 0, payload: { title: "Doc 0", text: "…" } });
  const short = await client.queryGroups("chunks", { query: [1.1], group_by: "document_id", with_lookup: "documents" });
  assert.equal(short.groups.find((g) => g.id === -1).lookup, undefined, "no point -1 to look up");
});

test("the 1.18 client's searchPointGroups and recommendPointGroups", async () => {
  await chunks();
  const searched = await client.searchPointGroups("chunks", { vector: [1.1], group_by: "document_id", group_size: 1, limit: 2 });
  assert.deepEqual(summary(searched), [["a", [0]], ["b", [3]]]);
  const recommended = await client.recommendPointGroups("chunks", {
    positive: [0],
    negative: [8],
    strategy: "best_score",
    group_by: "document_id",
    group_size: 2,
    limit: 2,
    with_payload: ["chunk_part"],
  });
  assert.equal(recommended.groups[0].hits.some((h) => h.id === 0), false, "the example itself is excluded");
  assert.deepEqual(recommended.groups[0].hits[0].payload, { chunk_part: recommended.groups[0].hits[0].id });
  await assert.rejects(client.queryGroups("chunks", { group_by: "document_id", limit: 0 }), (err) => err.status === 422);
});
