// What every response must satisfy, whatever the request: the instance is alive, the status is
// one the router may answer with, and the body is Qdrant's JSON envelope with a clean message.
import assert from "node:assert/strict";

export const STATUSES = new Set([200, 400, 404, 422, 501, 507]);

/** Rust internals that must never reach a user (panics, Debug formatting, source paths). */
const NOISE = /panicked|RUST_BACKTRACE|called `(Option|Result)::unwrap|unreachable|\.rs:\d|Error \{|description: "|\bSome\(|\bOk\(|\bErr\(/;

/** Checks one `requestText` answer; returns the parsed envelope. */
export function checkEnvelope(res) {
  assert.ok(STATUSES.has(res.status), `status ${res.status}`);
  let env;
  try {
    env = JSON.parse(res.body);
  } catch (e) {
    assert.fail(`body is not JSON (${e.message}): ${res.body.slice(0, 200)}`);
  }
  assert.equal(typeof env.time, "number", "envelope time");
  if (res.status === 200) {
    assert.equal(env.status, "ok");
    assert.ok("result" in env, "envelope result");
    assert.equal(res.code, undefined);
  } else {
    assert.ok(!("result" in env), "an error has no result");
    const msg = env?.status?.error;
    assert.equal(typeof msg, "string", "status.error");
    assert.ok(msg.length > 0, "empty error message");
    assert.ok(!NOISE.test(msg), `Rust noise in: ${msg.slice(0, 300)}`);
    assert.equal(typeof res.code, "string", "error code");
  }
  return env;
}

/** Errors thrown by the flat API: a SimileError carries a status and a clean message. */
export function checkThrown(e) {
  assert.ok(!(e instanceof WebAssembly.RuntimeError), "a wasm trap escaped");
  assert.notEqual(e?.name, "SimileInstanceLostError", `the instance was lost: ${e?.message}`);
  if (e?.name === "SimileError") {
    assert.ok(STATUSES.has(e.status), `status ${e.status}`);
    assert.ok(e.message.length > 0 && !NOISE.test(e.message), `message: ${e.message}`);
  }
}
