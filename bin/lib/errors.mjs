// Errors the CLI reports as one plain line (no stack trace) with exit code 1.

export class UserError extends Error {
  constructor(message) {
    super(message);
    this.name = "UserError";
  }
}

export const fail = (message) => {
  throw new UserError(message);
};

export const isSimileError = (err) => err?.name === "SimileError";

/** A SimileError's message without Qdrant's "Wrong input: " prefix. */
export const plain = (message) => String(message).replace(/^Wrong input: /, "");

/** A lost wasm instance (it ran out of its 4 GiB) as a UserError saying what to do; else null. */
export function lostInstance(err) {
  if (err?.name === "SimileInstanceLostError" || err instanceof WebAssembly.RuntimeError) {
    return new UserError(
      "ran out of WebAssembly memory (4 GiB in all; building needs the vectors plus, while writing, the snapshot). " +
        "Split the input into several collections or use fewer points.",
    );
  }
  return null;
}
