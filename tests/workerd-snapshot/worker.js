// A Worker that ships its data as snapshots: the entry module imports `.snapshot` files (module
// rule `Data` → ArrayBuffer) and hands them to `createWorker`. The first request restores them
// (wasm instantiation + validated load), later requests reuse the same databases for the life of
// the isolate. Requests are Qdrant REST calls, answered with Qdrant's envelope:
//   POST /collections/c/points/query          → the collection snapshot (db.loadCollection)
//   POST /app/collections/{name}/points/query → the database snapshot (Database.fromBytes)
// (workerd has no node_modules resolution, so the package entry is imported by path; in an app
// it is `import { Database } from "simile"`, which resolves to the same file.)
import { Database } from "../../js/workerd.js";

const READ_ONLY = /^\/collections\/[^/]+(\/points\/(query|search|recommend|discover|scroll|count)(\/batch)?|\/points)?$/;

export function createWorker({ collection, database }) {
  let dbs = null;

  function restore() {
    const coll = new Database(); // the workerd entry's default budget: 96 MiB for the instance
    coll.loadCollection("c", new Uint8Array(collection));
    return { coll, app: Database.fromBytes(new Uint8Array(database)) };
  }

  return {
    async fetch(request) {
      const { pathname } = new URL(request.url);
      dbs ??= restore();
      const [db, path] = pathname.startsWith("/app/") ? [dbs.app, pathname.slice(4)] : [dbs.coll, pathname];
      if (!READ_ONLY.test(path) || (request.method !== "POST" && request.method !== "GET")) {
        return Response.json({ status: { error: `no route for ${request.method} ${pathname}` } }, { status: 404 });
      }
      const res = db.requestText(request.method, path, request.method === "POST" ? await request.text() : "");
      return new Response(res.body, { status: res.status, headers: { "content-type": "application/json" } });
    },
  };
}
