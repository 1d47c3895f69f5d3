// A Qdrant REST client over fetch with the methods `migrate` uses, for the CLI's pull and push:
// the package has no runtime dependency on `@qdrant/js-client-rest`. Ids beyond 2^53 survive
// (the package's bigint-safe JSON codec). Errors carry the HTTP `status` and Qdrant's message.
import { parse, stringify } from "../../js/json.js";

const enc = encodeURIComponent;

export class RestClient {
  /** `url` like http://localhost:6333 (a trailing slash is fine); `apiKey` sent as `api-key`. */
  constructor(url, { apiKey, timeoutMs = 60_000 } = {}) {
    this.url = String(url).replace(/\/+$/, "");
    this.apiKey = apiKey;
    this.timeoutMs = timeoutMs;
  }

  async call(method, path, body) {
    const headers = { "content-type": "application/json" };
    if (this.apiKey) headers["api-key"] = this.apiKey;
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let data;
    try {
      data = text === "" ? {} : parse(text);
    } catch {
      data = { status: { error: text.slice(0, 200) } };
    }
    if (!res.ok) {
      const message = data?.status?.error ?? `${res.status} ${res.statusText}`;
      throw Object.assign(new Error(`${method} ${path}: ${res.status} ${message}`), { status: res.status });
    }
    return data.result;
  }

  getCollections() {
    return this.call("GET", "/collections");
  }
  getCollection(name) {
    return this.call("GET", `/collections/${enc(name)}`);
  }
  collectionExists(name) {
    return this.call("GET", `/collections/${enc(name)}/exists`);
  }
  createCollection(name, body) {
    return this.call("PUT", `/collections/${enc(name)}`, body);
  }
  deleteCollection(name) {
    return this.call("DELETE", `/collections/${enc(name)}`);
  }
  createPayloadIndex(name, { wait, ...body }) {
    return this.call("PUT", `/collections/${enc(name)}/index?wait=${wait ? "true" : "false"}`, body);
  }
  scroll(name, body) {
    return this.call("POST", `/collections/${enc(name)}/points/scroll`, body);
  }
  upsert(name, { wait, ...body }) {
    return this.call("PUT", `/collections/${enc(name)}/points?wait=${wait ? "true" : "false"}`, body);
  }
  count(name, body = {}) {
    return this.call("POST", `/collections/${enc(name)}/points/count`, body);
  }
}
