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
