// Where a typings file uses the `any` type, found in TypeScript's syntax tree: a property
// named `any` (Qdrant's `MatchAny`) or the word in a comment is not the type.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const ts = createRequire(import.meta.url)("typescript");

/** Every `.d.ts` file under the directory URL `dir`, subdirectories included. */
export function typingsUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(".d.ts"))
    .sort()
    .map((f) => new URL(f, dir));
}

/** `file:line` of each `any` type in the given files (URLs). */
export function anyTypesIn(files) {
  const found = [];
  for (const url of files) {
    const name = url.pathname.split("/js/").pop();
    const file = ts.createSourceFile(name, readFileSync(url, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.AnyKeyword) {
        found.push(`${name}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}
