// Errors newcomers meet carry a `hint` next to Qdrant's unchanged message, from
// `Database.request` and from `QdrantClient` alike.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Database, QdrantClient } from "simile";

function hintOf(db, method, path, body) {
  try {
    db.request(method, path, body);
  } catch (err) {
    return { status: err.status, message: err.message, hint: err.hint };
  }
  return assert.fail(`${method} ${path} succeeded`);
}

test("hints for the common first mistakes", () => {
  const db = new Database();
  const cases = [
    [["PUT", "/collections/a", { vectors: { size: 3, distance: "cosine" } }], 'distance is case-sensitive: did you mean "Cosine"?'],
    [["PUT", "/collections/n", { vectors: { text: { size: 3, distance: "dott" } } }], 'distance is case-sensitive: did you mean "Dot"?'],
    [["PUT", "/collections/s", { vectors: { distance: "Cosine" } }], /needs "size"/],
    [["POST", "/collections/books/points/query", { query: [1] }], /no collections yet: create it first with PUT \/collections\/books/],
  ];
  for (const [[m, p, b], expected] of cases) {
    const { hint } = hintOf(db, m, p, b);
    if (expected instanceof RegExp) assert.match(hint, expected);
    else assert.equal(hint, expected);
  }
  db.request("PUT", "/collections/books", { vectors: { size: 3, distance: "Cosine" } });
  const more = [
    [["POST", "/collections/bookz/points/query", { query: [1, 2, 3] }], 'did you mean "books"?'],
    [["POST", "/collections/x/points/query", { query: [1, 2, 3] }], "existing collections: books"],
    [["PUT", "/collections/books/points", { points: [{ id: 1, vector: [1, 2] }] }], /stores 3-dimensional vectors and this one has 2 numbers/],
    [["PUT", "/collections/books/points", { points: [{ id: "dune", vector: [1, 2, 3] }] }], /unsigned integers or UUID strings/],
    [["POST", "/collections/books/points/query", { query: [1, 2, 3], using: "text" }], /vectors are "" \(the unnamed vector/],
    [["POST", "/collections/books/points/querry", {}], 'did you mean "query" in the path?'],
    [["PUT", "/collections/books/points", [{ id: 1, vector: [1, 2, 3] }]], 'send { "points": [...] }, not a bare array'],
    [["PUT", "/collections/books", { vectors: { size: 3, distance: "Cosine" } }], /recreateCollection/],
  ];
  for (const [[m, p, b], expected] of more) {
    const { hint, message } = hintOf(db, m, p, b);
    assert.ok(!message.includes(String(hint)), "the message stays Qdrant's");
    if (expected instanceof RegExp) assert.match(hint, expected, `${m} ${p}`);
    else assert.equal(hint, expected, `${m} ${p}`);
  }
  // The budget is the whole instance's: set back afterwards for the other tests.
  const budget = db.memoryBudget();
  db.setMemoryBudget(100);
  assert.match(hintOf(db, "PUT", "/collections/books/points", { points: [{ id: 1, vector: [1, 2, 3] }] }).hint, /setMemoryBudget/);
  db.setMemoryBudget(budget);
  assert.equal(hintOf(db, "POST", "/collections/books/points/query", { query: "x" }).hint, undefined, "no hint when none applies");
  db.free();
});

test("QdrantClient errors carry the hint too", async () => {
  const client = new QdrantClient();
  await assert.rejects(client.createCollection("a", { vectors: { size: 3, distance: "cosine" } }), (err) => {
    assert.equal(err.status, 400);
    assert.equal(err.hint, 'distance is case-sensitive: did you mean "Cosine"?');
    return true;
  });
});
