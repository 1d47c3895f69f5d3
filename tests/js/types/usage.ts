// Compiled with `tsc --noEmit` by tests/js/types.test.mjs: the hand-written typings must accept
// this usage of every entry and reject the marked misuse.
import { Database, init, simdEnabled, simdSupported, type FlatHits, type JsonValue, type PointId, type SimileError } from "simile";
import * as slim from "simile/slim";

export async function main(): Promise<void> {
  await init();
  const db = new Database();
  const created: boolean = db.request<boolean>("PUT", "/collections/c", { vectors: { size: 2, distance: "Cosine" } });
  const result: JsonValue = db.request("POST", "/collections/c/points/search", { vector: [1, 0], limit: 1 });
  db.upsertFlat("c", new Uint32Array([1]), new Float32Array([1, 0]));
  db.upsertFlat("c", new BigUint64Array([2n]), [0, 1], [{ a: 1 }]);
  db.upsertFlat("c", [3, "5c56c793-69f3-4fbf-87e6-c4bf54c28c26", 4n], new Float32Array(6), [null, null, {}]);
  const hits: FlatHits = db.searchFlat("c", [1, 0], 3, { must: [{ key: "a", match: { value: 1 } }] });
  const first: PointId | undefined = hits.ids[0];
  const score: number | undefined = hits.scores[0];
  const raw = db.requestText("GET", "/collections");
  const status: number = raw.status;
  try {
    db.searchFlat("c", new Float32Array(3), 1);
  } catch (e) {
    const err = e as SimileError;
    const code: string | undefined = err.code;
    void code;
  }
  // @ts-expect-error: ids must be integers/bigints/UUID strings, not objects
  db.upsertFlat("c", [{ id: 1 }], new Float32Array(2));
  // @ts-expect-error: the limit is required
  db.searchFlat("c", [1, 0]);
  db[Symbol.dispose]();
  db.free();
  const on: boolean = simdEnabled() && simdSupported();

  await slim.init(new URL("https://example.com/simile_simd.wasm"));
  slim.initSync(new Uint8Array(0));
  // @ts-expect-error: slim's init needs the module
  await slim.init();
  void [created, result, first, score, status, on];
}
