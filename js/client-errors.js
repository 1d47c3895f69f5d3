// The errors `QdrantClient` throws: the official client's classes (`@qdrant/js-client-rest`
// and its `@qdrant/openapi-typescript-fetch`), with the same observable shape.

export const STATUS_TEXT = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
  507: "Insufficient Storage",
};

/** A non-2xx answer, like `@qdrant/openapi-typescript-fetch`'s `ApiError` the official client
 *  throws: `message` is the status text (`"Not Found"`), Qdrant's message is in
 *  `data.status.error`. For 501 (a feature simile lacks) the message is that explanation. */
export class ApiError extends Error {
  constructor(response) {
    super(response.statusText);
    Object.setPrototypeOf(this, new.target.prototype);
    this.headers = response.headers;
    this.url = response.url;
    this.status = response.status;
    this.statusText = response.statusText;
    this.data = response.data;
  }

  getActualType() {
    return { status: this.status, data: this.data };
  }
}

class CustomError extends Error {
  constructor(message) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export class QdrantClientUnexpectedResponseError extends CustomError {
  static forResponse(response) {
    const reason = response.statusText ? `(${response.statusText})` : "(Unrecognized Status Code)";
    const data = response.data ? JSON.stringify(response.data, null, 2) : null;
    const content = data === null ? "" : data.length <= 200 ? data : `${data.slice(0, -4)} ...`;
    return new QdrantClientUnexpectedResponseError(
      `Unexpected Response: ${`${response.status} ${reason}`.trim()}\nRaw response content:\n${content}`,
    );
  }
}
export class QdrantClientConfigError extends CustomError {}
export class QdrantClientTimeoutError extends CustomError {}
export class QdrantClientResourceExhaustedError extends CustomError {
  constructor(message, retryAfter) {
    super(message);
    this.retry_after = Number(retryAfter);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

function jsonHeaders() {
  return typeof Headers === "function" ? new Headers({ "content-type": "application/json" }) : undefined;
}

export function apiError(status, data, url, explanation) {
  const statusText = STATUS_TEXT[status] ?? "";
  const err = new ApiError({ headers: jsonHeaders(), url, status, statusText, data });
  if (status === 501 && explanation) err.message = explanation;
  return err;
}

/** What a method simile lacks throws (as a rejected promise): an `ApiError` with status 501. */
export function unsupported(method) {
  const message = `\`${method}\` is not supported by simile yet`;
  return apiError(501, { status: { error: message }, time: 0 }, "", message);
}
