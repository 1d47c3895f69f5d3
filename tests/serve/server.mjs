// Spawns `simile serve` for the tests: waits for the URL line, collects stderr, stops it.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../bin/simile.mjs", import.meta.url));

/** `simile serve --port 0 ...args`: `{ url, child, stderr(), stop(signal), exited }`. Rejects
 *  with the server's stderr when it exits before printing its URL. */
export async function startServer(args = [], { env } = {}) {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const exited = once(child, "exit").then(([code, signal]) => ({ code, signal }));
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(out.slice(0, nl).trim());
    });
    exited.then(({ code, signal }) => reject(new Error(`simile serve exited (${code ?? signal}) before listening:\n${err}`)));
  });
  return {
    url,
    child,
    exited,
    stderr: () => err,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs `simile ...args` to completion: `{ code, stdout, stderr }`. */
export async function runCli(args, timeoutMs = 10_000) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const [code] = await once(child, "exit");
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** One HTTP call: `{ status, text, json }` (json undefined when the body is not JSON). */
export async function http(url, method, path, body, headers = {}) {
  const res = await fetch(url + path, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}
