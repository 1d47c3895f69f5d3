// What takes the bytes of a wasm module, without external tools: section sizes, the largest
// function bodies and, with names, the code bytes per crate. Names come from the module's `name`
// section or, for the stripped shipped artifacts, from the `index:name` map wasm-opt writes
// beside them (scripts/build.sh: target/bindgen/VARIANT/simile.symbols); else bodies go by index.
//   node scripts/wasm-size.mjs FILE.wasm [--symbols FILE.symbols] [--top N]
// tests/size/size.test.mjs imports `wasmSizeReport` to print the same when a budget fails.
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

const SECTION_NAMES = ["custom", "type", "import", "function", "table", "memory", "global",
  "export", "start", "element", "code", "data", "datacount", "tag"];

/** A byte cursor over `bytes` reading LEB128 unsigned integers and names. */
function reader(bytes, start = 0) {
  let pos = start;
  return {
    get pos() { return pos; },
    set pos(value) { pos = value; },
    u32() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const byte = bytes[pos++];
        result += (byte & 0x7f) * 2 ** shift;
        if ((byte & 0x80) === 0) return result;
        shift += 7;
      }
    },
    name() {
      const length = this.u32();
      const text = new TextDecoder().decode(bytes.subarray(pos, pos + length));
      pos += length;
      return text;
    },
  };
}

/** The module's sections: { id, name, start, end } with start/end bounding the payload. */
export function wasmSections(bytes) {
  const sections = [];
  const cursor = reader(bytes, 8);
  while (cursor.pos < bytes.length) {
    const id = bytes[cursor.pos++];
    const size = cursor.u32();
    const start = cursor.pos;
    let name = SECTION_NAMES[id] ?? `unknown(${id})`;
    if (id === 0) name = `custom:${reader(bytes, start).name()}`;
    sections.push({ id, name, start, end: start + size });
    cursor.pos = start + size;
  }
  return sections;
}

/** Count of imported functions: function indices of the code section start after them. */
function importedFunctionCount(bytes, section) {
  if (!section) return 0;
  const cursor = reader(bytes, section.start);
  let functions = 0;
  for (let count = cursor.u32(); count > 0; count--) {
    cursor.name();
    cursor.name();
    const kind = bytes[cursor.pos++];
    if (kind === 0) { functions++; cursor.u32(); }
    else if (kind === 1) { cursor.pos++; skipLimits(bytes, cursor); }
    else if (kind === 2) skipLimits(bytes, cursor);
    else if (kind === 3) cursor.pos += 2;
    else if (kind === 4) { cursor.pos++; cursor.u32(); }
  }
  return functions;
}

function skipLimits(bytes, cursor) {
  const flags = bytes[cursor.pos++];
  cursor.u32();
  if (flags & 1) cursor.u32();
}

/** Function index → name from the `name` custom section (subsection 1), if present. */
function functionNames(bytes, section) {
  const names = new Map();
  if (!section) return names;
  const cursor = reader(bytes, section.start);
  cursor.name();
  while (cursor.pos < section.end) {
    const kind = bytes[cursor.pos++];
    const size = cursor.u32();
    const end = cursor.pos + size;
    if (kind === 1) {
      for (let count = cursor.u32(); count > 0; count--) names.set(cursor.u32(), cursor.name());
    }
    cursor.pos = end;
  }
  return names;
}

/** Function index → name from wasm-opt's `--symbolmap` output (`index:name` lines). */
export function parseSymbolMap(text) {
  const names = new Map();
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) names.set(Number(line.slice(0, colon)), line.slice(colon + 1));
  }
  return names;
}

/** Every function body: { index, name, size }; names from `symbols` (index → name) if given,
 *  else from the name section; undefined when neither has one. */
export function functionBodies(bytes, symbols = undefined) {
  const sections = wasmSections(bytes);
  const code = sections.find((s) => s.id === 10);
  if (!code) return [];
  const imported = importedFunctionCount(bytes, sections.find((s) => s.id === 2));
  const names = symbols ?? functionNames(bytes, sections.find((s) => s.name === "custom:name"));
  const bodies = [];
  const cursor = reader(bytes, code.start);
  const count = cursor.u32();
  for (let i = 0; i < count; i++) {
    const size = cursor.u32();
    const index = imported + i;
    bodies.push({ index, name: names.get(index), size });
    cursor.pos += size;
  }
  return bodies;
}

const LEGACY_ESCAPES = { $LT$: "<", $GT$: ">", $RF$: "&", $BP$: "*", $C$: ",", $SP$: "@",
  $u20$: " ", $u27$: "'", $u5b$: "[", $u5d$: "]", $u7b$: "{", $u7d$: "}", $u3b$: ";", $u2b$: "+",
  $u22$: '"', $u21$: "!", $u7e$: "~" };

/** A Rust symbol made readable: legacy `_ZN…E` paths decoded (hash dropped); v0 `_R…` symbols
 *  reduced to their identifiers joined by `::`; anything else unchanged. */
export function demangle(symbol) {
  if (symbol.startsWith("_ZN")) {
    const parts = [];
    let pos = 3;
    while (pos < symbol.length && symbol[pos] !== "E") {
      const digits = symbol.slice(pos).match(/^\d+/);
      if (!digits) break;
      pos += digits[0].length;
      parts.push(symbol.slice(pos, pos + Number(digits[0])));
      pos += Number(digits[0]);
    }
    if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? "")) parts.pop();
    return parts.join("::").replace(/\$[A-Za-z0-9]+\$/g, (m) => LEGACY_ESCAPES[m] ?? m)
      .replace(/\.\./g, "::").replace(/^_</, "<");
  }
  if (symbol.startsWith("_R")) {
    const idents = [...symbol.matchAll(/(?:Cs[0-9A-Za-z]*_|[A-Za-z])(\d+)_?([A-Za-z_][A-Za-z0-9_]*)/g)]
      .map((m) => m[2].slice(0, Number(m[1])));
    return idents.join("::");
  }
  // wasm-opt's symbol map holds demangled names: drop the hash suffix and crate disambiguators.
  return symbol.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "");
}

/** The crate a (mangled or demangled) Rust symbol belongs to, best effort. */
export function crateOf(symbol) {
  if (!symbol) return "(unnamed)";
  const name = demangle(symbol);
  if (/ shim$/.test(name)) return "(wasm-bindgen shims)";
  if (/^<(?:&(?:mut )?)?(?:str|\[|[iuf](?:8|16|32|64|128|size)\b)/.test(name)) return "core/alloc";
  const generic = name.match(/^<(?:&(?:mut )?)?([A-Za-z_][A-Za-z0-9_]*)::/);
  const plain = name.match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  const implFor = name.match(/^<[^ ]+ as ([A-Za-z_][A-Za-z0-9_]*)::/);
  const crate = (generic ?? plain)?.[1];
  if (crate && !["core", "alloc", "std"].includes(crate)) return crate;
  // `<T as core::fmt::Debug>::fmt` belongs to T's crate; fall back to the trait's.
  return crate ?? implFor?.[1] ?? "(other)";
}

/** A human-readable report: sections, top-N bodies, code bytes per crate when named. */
export function wasmSizeReport(bytes, top = 20, symbols = undefined) {
  const lines = [];
  for (const section of wasmSections(bytes)) {
    lines.push(`  section ${section.name.padEnd(24)} ${String(section.end - section.start).padStart(9)} B`);
  }
  const bodies = functionBodies(bytes, symbols).sort((a, b) => b.size - a.size);
  const codeBytes = bodies.reduce((sum, body) => sum + body.size, 0);
  lines.push(`  ${bodies.length} function bodies, ${codeBytes} B; largest:`);
  for (const body of bodies.slice(0, top)) {
    const label = body.name ? demangle(body.name).slice(0, 110) : `function #${body.index}`;
    lines.push(`  ${String(body.size).padStart(9)} B  ${label}`);
  }
  if (bodies.some((body) => body.name)) {
    const perCrate = new Map();
    for (const body of bodies) perCrate.set(crateOf(body.name), (perCrate.get(crateOf(body.name)) ?? 0) + body.size);
    lines.push("  code bytes per crate:");
    for (const [crate, size] of [...perCrate].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      lines.push(`  ${String(size).padStart(9)} B  ${crate}`);
    }
  }
  return lines.join("\n");
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [path, ...flags] = process.argv.slice(2);
  const option = (name) => (flags.includes(name) ? flags[flags.indexOf(name) + 1] : undefined);
  const symbolsPath = option("--symbols");
  const symbols = symbolsPath ? parseSymbolMap(readFileSync(symbolsPath, "utf8")) : undefined;
  console.log(`${path}:\n${wasmSizeReport(readFileSync(path), Number(option("--top") ?? 20), symbols)}`);
}
