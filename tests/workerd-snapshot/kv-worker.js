// The KV and R2 recipes of docs/snapshot-recipes.md: the snapshot is read from a binding at the
// first request (one shared promise per source, dropped on failure) and kept for the isolate.
//   POST /kv/collections/docs/points/query  → restored from env.KV
//   POST /r2/collections/docs/points/query  → restored from env.BUCKET
import { Database } from "../../js/workerd.js";

const ready = new Map();

async function fetchBytes(env, source) {
  if (source === "kv") return env.KV.get("docs.snapshot", "arrayBuffer");
  const object = await env.BUCKET.get("docs.snapshot");
  return object === null ? null : object.arrayBuffer();
}

function database(env, source) {
  if (!ready.has(source)) {
    const loading = (async () => {
      const bytes = await fetchBytes(env, source);
      if (bytes === null) throw new Error(`docs.snapshot is missing in ${source}`);
      const db = new Database();
      db.loadCollection("docs", new Uint8Array(bytes));
      return db;
    })();
    loading.catch(() => ready.delete(source));
    ready.set(source, loading);
  }
  return ready.get(source);
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    const [, source, ...rest] = pathname.split("/");
    if (source !== "kv" && source !== "r2") return new Response("not found", { status: 404 });
    try {
      const db = await database(env, source);
      const res = db.requestText("POST", `/${rest.join("/")}`, await request.text());
      return new Response(res.body, { status: res.status, headers: { "content-type": "application/json" } });
    } catch (err) {
      return Response.json({ status: { error: String(err?.message ?? err) } }, { status: 503 });
    }
  },
};
