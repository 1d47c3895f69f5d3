// The official JS client's compatibility check passes against `simile serve` with its default
// settings: the root route reports the Qdrant version simile answers as.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { QdrantClient } from "@qdrant/js-client-rest";
import { startServer } from "./server.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test("no compatibility warning from @qdrant/js-client-rest 1.19", async () => {
  const warnings = [];
  const warn = console.warn;
  console.warn = (...args) => warnings.push(args.join(" "));
  try {
    const client = new QdrantClient({ url: server.url });
    assert.deepEqual(await client.getCollections(), { collections: [] });
    const info = await client.versionInfo();
    assert.equal(info.version, "1.19.0");
    assert.match(info.simile_version, /^\d+\.\d+\.\d+$/);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the check runs in the background
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, []);
});
