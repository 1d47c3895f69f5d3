// The README's swap example, verbatim (run by client.test.mjs): code written for
// `@qdrant/js-client-rest` with only the import changed.
// import { QdrantClient } from "@qdrant/js-client-rest";
import { QdrantClient } from "simile";

const client = new QdrantClient({ url: "http://localhost:6333" }); // options accepted, ignored

await client.createCollection("test_collection", { vectors: { size: 4, distance: "Dot" } });
await client.upsert("test_collection", {
  wait: true,
  points: [
    { id: 1, vector: [0.05, 0.61, 0.76, 0.74], payload: { city: "Berlin" } },
    { id: 2, vector: [0.19, 0.81, 0.75, 0.11], payload: { city: "London" } },
    { id: 3, vector: [0.36, 0.55, 0.47, 0.94], payload: { city: "Moscow" } },
    { id: 4, vector: [0.18, 0.01, 0.85, 0.8], payload: { city: "New York" } },
  ],
});

const nearest = await client.query("test_collection", {
  query: [0.2, 0.1, 0.9, 0.7],
  filter: { must_not: [{ key: "city", match: { value: "Moscow" } }] },
  with_payload: true,
  limit: 2,
});
console.log(nearest.points.map((p) => [p.id, p.payload.city, p.score.toFixed(3)]));
// [ [ 4, 'New York', '1.362' ], [ 1, 'Berlin', '1.273' ] ]

const recommended = await client.query("test_collection", {
  query: { recommend: { positive: [4], negative: [2], strategy: "best_score" } },
  limit: 1,
});
console.log(recommended.points.map((p) => p.id)); // [ 1 ]

try {
  await client.getCollection("missing");
} catch (err) {
  console.log(err.status, err.data.status.error); // 404 Not found: Collection `missing` doesn't exist!
}
