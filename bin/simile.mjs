#!/usr/bin/env node
// simile: build collection snapshots from vector files, inspect snapshots, serve Qdrant's REST API.
// No dependencies beyond this package. `simile --help` for usage.
import { readFileSync } from "node:fs";
import { build } from "./lib/build.mjs";
import { UserError, fail } from "./lib/errors.mjs";
import { HELP } from "./lib/help.mjs";
import { inspect } from "./lib/inspect.mjs";
import { pull, push } from "./lib/transfer.mjs";
import { serve } from "./lib/serve/main.mjs";

async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case "build":
      return build(rest);
    case "inspect":
      return inspect(rest);
    case "serve":
      return serve(rest);
    case "pull":
      return pull(rest);
    case "push":
      return push(rest);
    case undefined:
    case "help":
    case "-h":
    case "--help":
      return console.log(HELP);
    case "-v":
    case "--version": {
      const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
      return console.log(`simile ${pkg.version} (Node ${process.versions.node})`);
    }
    default:
      return fail(`unknown command ${JSON.stringify(command)} (commands: build, inspect, serve, pull, push; see simile --help)`);
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  // Mistakes in the input or flags are one line and exit 1; anything else is a bug: exit 2.
  if (err instanceof UserError) {
    process.stderr.write(`simile: ${err.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`simile: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 2;
  }
}
