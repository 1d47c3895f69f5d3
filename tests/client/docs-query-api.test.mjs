// Qdrant's documentation snippets for MMR, order_by, facets, score boosting (formula) and random
// sampling, pasted as they are written for `@qdrant/js-client-rest` (collection names filled in,
// vectors sized to the data), run through simile's `QdrantClient` drop-in. Sources:
// qdrant.tech/documentation — concepts/hybrid-queries (MMR, score boosting), concepts/search
// (order by, random sampling), concepts/payload (facet counts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { QdrantClient } from "simile";

const client = new QdrantClient({ url: "http://localhost:6333" });
const ids = (points) => points.map((p) => p.id);

test("MMR: diversity over preselected candidates (concepts/hybrid-queries)", async () => {
  await client.recreateCollection("mmr", { vectors: { size: 2, distance: "Cosine" } });
  // 1 and 2 are near-duplicates; 3 is about as relevant but unlike 1. With λ = 0.5 the second
  // pick scores ½(0.9701 − 0.9989) for 2 and ½(0.9578 − 0.8829) for 3.
  await client.upsert("mmr", {
    points: [
      { id: 1, vector: [1, 0.2] },
      { id: 2, vector: [1, 0.25] },
      { id: 3, vector: [1, -0.3] },
    ],
  });
  const plain = await client.query("mmr", { query: [1, 0], limit: 2 });
  assert.deepEqual(ids(plain.points), [1, 2]);
  const diverse = await client.query("mmr", {
    query: {
      nearest: [1, 0], // search vector
      mmr: {
        diversity: 0.5, // 0.0 - relevance; 1.0 - diversity
        candidates_limit: 100, // num of candidates to preselect
      },
    },
    limit: 2,
  });
  assert.deepEqual(ids(diverse.points), [1, 3], "the second pick is the point unlike the first");
});

async function timeline() {
  await client.recreateCollection("timeline", { vectors: { size: 1, distance: "Dot" } });
  await client.createPayloadIndex("timeline", { field_name: "timestamp", field_schema: "integer" });
  await client.createPayloadIndex("timeline", { field_name: "price", field_schema: "float" });
  await client.upsert("timeline", {
    points: [5, 3, 9, 1, 7].map((t, i) => ({ id: i + 1, vector: [1], payload: { timestamp: 100 + t * 10, price: t * 1.5 } })),
  });
}

test("order_by in query and scroll (concepts/search)", async () => {
  await timeline();
  const byPrice = await client.query("timeline", {
    query: {
      order_by: "price",
    },
  });
  assert.deepEqual(ids(byPrice.points), [4, 2, 1, 5, 3]);
  const page = await client.scroll("timeline", {
    limit: 15,
    order_by: "timestamp",
  });
  assert.deepEqual(ids(page.points), [4, 2, 1, 5, 3]);
  const recent = await client.scroll("timeline", {
    limit: 15,
    order_by: {
      key: "timestamp",
      direction: "desc", // default is "asc"
      start_from: 160, // start from this value
    },
  });
  assert.deepEqual(ids(recent.points), [1, 2, 4], "timestamps 150, 130, 110");
});

test("facet counts (concepts/payload)", async () => {
  await client.recreateCollection("shirts", { vectors: { size: 1, distance: "Dot" } });
  await client.createPayloadIndex("shirts", { field_name: "size", field_schema: "keyword" });
  const shirts = [["red", "M"], ["red", "L"], ["red", "M"], ["blue", "S"], ["blue", "M"]];
  await client.upsert("shirts", { points: shirts.map(([color, size], i) => ({ id: i + 1, vector: [1], payload: { color, size } })) });
  const red = await client.facet("shirts", {
    key: "size",
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
  });
  assert.deepEqual(red, { hits: [{ value: "M", count: 2 }, { value: "L", count: 1 }] });
  const all = await client.facet("shirts", {
    key: "size",
    exact: true,
  });
  assert.deepEqual(all.hits[0], { value: "M", count: 3 });
});

test("score boosting by payload and by geo distance (concepts/hybrid-queries)", async () => {
  await client.recreateCollection("pages", { vectors: { size: 2, distance: "Dot" } });
  await client.upsert("pages", {
    points: [
      { id: 1, vector: [0.9, 0], payload: { tag: "p", geo: { location: { lat: 48.137154, lon: 11.576124 } } } },
      { id: 2, vector: [0.7, 0], payload: { tag: "h1", geo: { location: { lat: 52.52, lon: 13.405 } } } },
      { id: 3, vector: [0.8, 0], payload: { tag: "div" } },
    ],
  });
  const tag_boosted = await client.query("pages", {
    prefetch: {
      query: [1, 0],
      limit: 50,
    },
    query: {
      formula: {
        sum: [
          "$score",
          {
            mult: [
              0.5,
              {
                key: "tag",
                match: { any: ["h1", "h2", "h3", "h4"] },
              },
            ],
          },
          {
            mult: [
              0.25,
              {
                key: "tag",
                match: { any: ["p", "li"] },
              },
            ],
          },
        ],
      },
    },
    limit: 10,
  });
  // 2: 0.7 + 0.5; 1: 0.9 + 0.25; 3: 0.8.
  assert.deepEqual(ids(tag_boosted.points), [2, 1, 3]);
  assert.ok(Math.abs(tag_boosted.points[0].score - 1.2) < 1e-6);
  const distance_boosted = await client.query("pages", {
    prefetch: {
      query: [1, 0],
      limit: 50,
    },
    query: {
      formula: {
        sum: [
          "$score",
          {
            gauss_decay: {
              x: {
                geo_distance: {
                  origin: { lat: 52.504043, lon: 13.393236 }, // Berlin
                  to: "geo.location",
                },
              },
              scale: 5000, // 5km
            },
          },
        ],
      },
      defaults: { "geo.location": { lat: 48.137154, lon: 11.576124 } }, // Munich
    },
  });
  // Point 2 is ~2 km from the origin (decay ≈ 0.85); Munich is ~500 km away (decay ≈ 0).
  assert.deepEqual(ids(distance_boosted.points), [2, 1, 3]);
  assert.ok(distance_boosted.points[0].score > 1.4 && distance_boosted.points[0].score < 1.7);
});

test("random sampling (concepts/search)", async () => {
  await client.recreateCollection("sample", { vectors: { size: 1, distance: "Dot" } });
  await client.upsert("sample", { points: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, vector: [1] })) });
  const seen = new Set();
  for (let round = 0; round < 20; round++) {
    const sampled = await client.query("sample", {
      query: { sample: "random" },
    });
    assert.equal(sampled.points.length, 10);
    assert.equal(new Set(ids(sampled.points)).size, 10, "no point twice");
    ids(sampled.points).forEach((id) => seen.add(id));
  }
  assert.equal(seen.size, 20, "every point is drawn at some point");
});
