// Which REST requests change state: the ones the write-ahead log records and a read-only API
// key may not make. Mirrors the router (src/api/mod.rs, collections.rs, points.rs) and
// Qdrant's access checks: an operation that needs `AccessRequirements::write()` or `manage()`
// is refused to a read-only key (lib/storage/src/rbac/mod.rs, GlobalAccessMode::Read).

// POST routes under /collections/{name}/points/ that write; every other POST is a read
// (retrieve, scroll, count, search, recommend, discover, query and their batch/groups forms).
const WRITING_POINT_POSTS = new Set(["delete", "payload", "payload/delete", "payload/clear", "vectors/delete", "batch"]);

/** The path's segments without query string, fragment or empty parts. */
export function segmentsOf(path) {
  return path.split(/[?#]/, 1)[0].split("/").filter((s) => s !== "");
}

/** True for a request that may change the database: PUT, PATCH and DELETE always; POST on the
 *  alias actions and on the point update routes. */
export function isMutating(method, path) {
  const m = method.toUpperCase();
  if (m === "PUT" || m === "PATCH" || m === "DELETE") return true;
  if (m !== "POST") return false;
  const segs = segmentsOf(path);
  if (segs.length === 2 && segs[0] === "collections" && segs[1] === "aliases") return true;
  if (segs.length >= 4 && segs[0] === "collections" && segs[2] === "points") {
    return WRITING_POINT_POSTS.has(segs.slice(3).join("/"));
  }
  return false;
}

/** `?wait=true` on a request path (Qdrant's default is false). */
export function waits(path) {
  const q = path.indexOf("?");
  if (q < 0) return false;
  return new URLSearchParams(path.slice(q + 1)).get("wait") === "true";
}
