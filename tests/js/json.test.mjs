// The REST layer's JSON codec (js/json.js), shared by `Database.request` and `QdrantClient`:
// bigints out as JSON integers, integers beyond 2^53 back as bigints, everything else as
// `JSON` does it. Both decoding paths run here, whatever this engine supports.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parse, parseMarked, stringify } from "../../js/json.js";

const TOP = 18446744073709551615n;

test("stringify writes bigints as JSON integers and is JSON.stringify otherwise", () => {
  assert.equal(stringify({ id: TOP, ids: [1n, -(2n ** 60n)], v: [0.5, 1] }), '{"id":18446744073709551615,"ids":[1,-1152921504606846976],"v":[0.5,1]}');
  assert.equal(stringify({ a: "x", b: [1, null] }), JSON.stringify({ a: "x", b: [1, null] }));
  assert.equal(stringify({ s: "\u0000bigint:5" }), JSON.stringify({ s: "\u0000bigint:5" }), "a look-alike string is left alone");
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => stringify(cyclic), TypeError);
  assert.throws(() => stringify({ id: 1n, self: cyclic }), TypeError);
});

for (const [name, decode] of [["parse", parse], ["parseMarked (engines without source access)", parseMarked]]) {
  test(`${name}: unsafe integers become bigints, nothing else changes`, () => {
    const text = '{"id":18446744073709551615,"n":-9007199254740993,"safe":9007199254740991,"f":0.12345678901234567,"e":1e20,"s":"12345678901234567890","k":[9007199254740992]}';
    assert.deepEqual(decode(text), {
      id: TOP,
      n: -9007199254740993n,
      safe: 9007199254740991,
      f: 0.12345678901234567,
      e: 1e20,
      s: "12345678901234567890",
      k: [9007199254740992n],
    });
    assert.deepEqual(decode('{"a":"q\\"1234567890123456789","b":[1,2]}'), { a: 'q"1234567890123456789', b: [1, 2] });
    assert.throws(() => decode("{not json"), SyntaxError);
  });
}

test("parse round-trips what stringify writes", () => {
  const value = { points: [{ id: TOP, payload: { big: 2n ** 62n, small: 3 } }, { id: 5 }] };
  assert.deepEqual(parse(stringify(value)), value);
});
