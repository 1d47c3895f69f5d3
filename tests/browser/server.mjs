// The browser test's server: the repository root (the package's js/ and dist/, the test pages)
// on 127.0.0.1 at a random free port, through the demo's static server.
import { start } from "../../scripts/serve-demo.mjs";

/** Starts the server; resolves to `{ url, close }` with `url` the server's origin. */
export async function startServer() {
  const { origin, close } = await start({ port: 0 });
  return { url: origin, close };
}
