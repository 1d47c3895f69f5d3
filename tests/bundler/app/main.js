// A tiny app as a user would write it: the package by name (Vite picks the `browser` entry from
// package.json `exports`), `await init()`, one collection, a best_score recommend with a filter
// through the REST-shaped `Database.request`, and the same data through `QdrantClient`.
import { init, Database, QdrantClient, simdEnabled, simdSupported } from "simile";
import { COLLECTION, filter, nearest, nearestLimit, points, recommend, recommendLimit } from "./data.js";

const out = document.getElementById("out");
const brief = (hits) => hits.map(({ id, score, payload }) => ({ id, score, payload }));

try {
  await init();
  await init(); // idempotent

  const db = new Database();
  db.request("PUT", `/collections/${COLLECTION}`, { vectors: { size: 4, distance: "Dot" } });
  db.request("PUT", `/collections/${COLLECTION}/points`, { points });

  const recommended = db.request("POST", `/collections/${COLLECTION}/points/recommend`, {
    ...recommend,
    filter,
    limit: recommendLimit,
    with_payload: true,
  });

  const client = new QdrantClient({ url: "http://localhost:6333", database: db });
  const { count } = await client.count(COLLECTION, { exact: true });
  const viaQuery = await client.query(COLLECTION, {
    query: { recommend },
    filter,
    limit: recommendLimit,
    with_payload: true,
  });
  const near = await client.query(COLLECTION, { query: nearest, filter, limit: nearestLimit, with_payload: true });

  out.textContent = JSON.stringify({
    simdSupported: simdSupported(),
    simdEnabled: simdEnabled(),
    count,
    recommend: brief(recommended),
    clientRecommend: brief(viaQuery.points),
    clientNearest: brief(near.points),
  });
  db.free();
} catch (err) {
  out.textContent = JSON.stringify({ error: String(err?.stack ?? err) });
  console.error(err);
}
document.body.dataset.ready = "1";
