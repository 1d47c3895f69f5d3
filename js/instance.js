// The health of the one wasm instance every Database of this page or isolate lives in.

// A trap (a Rust panic or an out-of-memory abort) leaves the wasm instance unusable: every
// Database in it has lost its data. Once one is seen, every later call says so plainly instead
// of failing in confusing ways downstream.
let trapped = null;

const TRAP_HELP =
  "simile: the WebAssembly instance trapped, so the data of every Database in this page/isolate " +
  "is lost. Reload the page (or restart the process/isolate) and restore from a snapshot " +
  "(Database.fromBytes / loadCollection).";

function checkAlive() {
  if (trapped !== null) {
    const err = new Error(`${TRAP_HELP} Original error: ${trapped.message}`);
    err.name = "SimileInstanceLostError";
    err.cause = trapped;
    throw err;
  }
}

/** Runs `fn`, turning a wasm trap into the permanent "instance lost" state. */
export function guarded(fn) {
  checkAlive();
  try {
    return fn();
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) {
      trapped = err;
      checkAlive();
    }
    throw err;
  }
}

/** True once the wasm instance has trapped (all in-memory data is gone). */
export function instanceLost() {
  return trapped !== null;
}
