// Request size limit (Qdrant's 32 MiB default): oversized bodies are refused before they reach
// wasm memory, with Qdrant's wording, and the database keeps working.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Database } from "simile";

test("bodies over the request limit answer 400 and change nothing", () => {
  const db = new Database();
  db.request("PUT", "/collections/c", { vectors: { size: 2, distance: "Dot" } });
  const huge = JSON.stringify({ points: [{ id: 1, vector: [1, 2], payload: { blob: "x".repeat(33 * 1024 * 1024) } }] });
  const res = db.requestText("PUT", "/collections/c/points", huge);
  assert.equal(res.status, 400);
  assert.match(JSON.parse(res.body).status.error, /^Format error in JSON body: JSON payload \(\d+ bytes\) is larger than allowed \(limit: 33554432 bytes\)/);
  assert.equal(db.request("POST", "/collections/c/points/count", {}).count, 0);

  db.setMaxRequestBytes(100);
  assert.throws(() => db.request("PUT", "/collections/c/points", { points: [{ id: 1, vector: [1, 2], payload: { s: "y".repeat(200) } }] }), (err) => err.status === 400 && /limit: 100 bytes/.test(err.message));
  db.request("PUT", "/collections/c/points", { points: [{ id: 1, vector: [1, 2] }] });
  assert.equal(db.request("POST", "/collections/c/points/count", {}).count, 1);
  assert.throws(() => db.setMaxRequestBytes(0), TypeError);
  db.free();
});
