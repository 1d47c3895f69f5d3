// The shared scenario (tests/js/scenario.mjs) in another runtime: the package by name, the
// summary as JSON on stdout, then a QdrantClient query and a Database.open round trip.
import * as simile from "simile";
import { runScenario } from "./scenario.mjs";

const summary = runScenario(simile);
const client = new simile.QdrantClient();
await client.createCollection("c", { vectors: { size: 2, distance: "Dot" } });
await client.upsert("c", { points: [{ id: 1, vector: [1, 0] }, { id: 2, vector: [0, 1] }] });
const nearest = (await client.query("c", { query: [1, 0.2], limit: 1 })).points[0].id;
const file = `${process.env.SIMILE_RUNTIME_TMP}/db.simile`;
const db = await simile.Database.open(file);
db.request("PUT", "/collections/p", { vectors: { size: 1, distance: "Dot" } });
await db.close();
const reopened = await simile.Database.open(file);
const persisted = reopened.request("GET", "/collections/p/exists").exists;
await reopened.close();
console.log(JSON.stringify({ summary, nearest, persisted }));
